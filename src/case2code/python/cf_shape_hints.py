"""Which parameters take which value shape (cf_shapes), from what a reader of the function sees:
the parameter's name (`addr`, `url`, `vstring`), the function's name (`parseaddr`, `unquote_to_bytes`,
`normpath`), the docstring (`an RFC 2822 address`, `%xx escapes`), a default (`encoding='utf-8'`),
doctest arguments and the body's literals (`'://'`, `'%'`, `'=?'`). Each signal gives weighted
domains; the fuzzer adds them to the other evidence and learning from execution sorts them out.
"""
import ast
import re
from cf_shapes import CLOSED_SHAPES, classify

# Parameter names: (pattern on the lower-cased name, shape; `list:` a list of it). A plural of a
# name takes a list of its shape.
NAME = [
    (r'^(addr|address|email|e_?mail|mail|sender|recipient|from_?addr|to_?addr|cc|bcc|reply_to)$', 'email'),
    (r'^(fieldvalues|field_?values|header_?values)$', 'list:addresses'),
    (r'^(url|uri|href|link|base_?url|referr?er|location|baseurl)$', 'url'),
    (r'^(query|qs|query_?string)$', 'query'),
    (r'^(host|hostname|netloc|domain|server|authority)$', 'host'),
    (r'^(ip|ip_?addr|ipaddress|ip_?address)$', 'ip'),
    (r'^(path|pathname|filepath|file_?path|dir|dirname|directory|folder|root|cwd|src_?path|dst_?path)$', 'path'),
    (r'^(filename|fname|file_?name|basename|name_?of_?file)$', 'filename'),
    (r'^(date|datestr|date_?string|timestamp|when|since|until|data_?str|dt_?str|date_?time)$', 'date'),
    (r'^(time|timestr|time_?string|tstr|t_?str|hms)$', 'time'),
    (r'^(version|ver|vstring|release|version_?string)$', 'version'),
    (r'^(header|hdr|field_?value|header_?value)$', 'header'),
    (r'^(mime|mimetype|mime_?type|content_?type|ctype)$', 'mime'),
    (r'^(encoding|charset|codec|enc|input_?charset|output_?charset)$', 'encoding'),
    (r'^(errors|error_?handler)$', 'errors'),
    (r'^(eol|newline|linesep|line_?sep|line_?ending|crlf|nl)$', 'eol'),
    (r'^(locale|loc|localename|locale_?name)$', 'locale'),
    (r'^(scheme|url_?scheme|default_?scheme|protocol|proto)$', 'scheme'),
    (r'^(identifier|ident|varname|attr|attrname|attr_?name|keyword|kw)$', 'identifier'),
    (r'^(modname|module|module_?name|qualname|dotted|dotted_?name|fullname)$', 'dotted'),
    (r'^(fmt|format|format_?spec|spec|datefmt|date_?fmt)$', 'format'),
    (r'^(template|tmpl|format_?string)$', 'template'),
    (r'^(html|markup|xml|html_?text)$', 'html'),
    (r'^(text|msg|message|sentence|paragraph|docstring|comment|body|phrase)$', 'text'),
    (r'^(lines|source_?lines|block|content|contents|data_?text)$', 'lines'),
    (r'^(source|expr|expression|statement|stmt|src_?code|source_?code)$', 'code'),
    (r'^(port|portnum|port_?str)$', 'port'),
    (r'^(boundary)$', 'boundary'),
    (r'^(args|argv|arguments|cmd_?args)$', 'list:arg'),
    (r'^(shortopts|short_?opts|optstring|opts)$', 'shortopts'),
    (r'^(longopts|long_?opts)$', 'list:longopt'),
    (r'^(pattern|pat|glob|wildcard|mask)$', 'glob'),
    (r'^(regex|regexp|re_?pattern)$', 'regex'),
    (r'^(uuid|guid|hex_?id)$', 'uuid'),
    (r'^(mode|filemode|open_?mode)$', 'mode'),
    (r'^(scheme|protocol|proto)$', 'scheme'),
    (r'^(json|js|json_?text|json_?string|doc_?json)$', 'json'),
    (r'^(msgid|msg_?id|message_?id)$', 'msgid'),
    (r'^(cmd|command|cmdline|command_?line|shell_?cmd)$', 'shell'),
    (r'^(tz|timezone|tzname|zone|tz_?str|tz_?string)$', 'tz'),
    (r'^(realname|display_?name|person|author)$', 'person'),
    (r'^(sep|separator|delim|delimiter|delimiters|separators|sep_?char|field_?sep|joiner|sepchar)$', 'sep'),
]
NAME = [(re.compile(p), s) for p, s in NAME]
# Generic names: only the function (or its docstring) says what they hold.
GENERIC = re.compile(r'^(s|string|str|text|value|val|data|x|arg|input|inp|obj|b|bs|buf|line|word|token|item|src|v|t|name)$')

# Words of the function's name (split at `_` and case changes): (word pattern, shape).
FUNC = [
    (r'^(addr|address|addresses|email|mail|parseaddr|getaddresses|formataddr)$', 'email'),
    (r'^(unquote|percent|unescape_url)$', 'percent'),
    (r'^(url|uri|urlparse|urlsplit|urljoin|urldefrag|urlunsplit|href|netloc)$', 'url'),
    (r'^(query|qs|parse_qs|parse_qsl|urlencode)$', 'query'),
    (r'^(path|dir|dirname|basename|normpath|abspath|relpath|splitext|expanduser|expandvars|realpath|splitdrive|'
     r'commonpath|commonprefix|isabs|normcase)$', 'path'),
    (r'^(file|filename|ext|extension|suffix|stem)$', 'filename'),
    (r'^(date|parsedate|strptime|rfc2822|rfc822|datetime|timestamp|http_date|formatdate)$', 'date'),
    (r'^(isoformat|fromisoformat|iso|isodate|iso8601)$', 'isodate'),
    (r'^(time|hms|clock)$', 'time'),
    (r'^(version|ver|vstring)$', 'version'),
    (r'^(header|headers|decode_header|make_header|hdr|param|params|rfc2231|encoded)$', 'header'),
    (r'^(mime|mimetype|content_type|ctype|guess)$', 'mime'),
    (r'^(encoding|charset|codec|codecs|normalize_encoding)$', 'encoding'),
    (r'^(locale|localename)$', 'locale'),
    (r'^(ident|identifier|isidentifier|keyword|mangle|attr)$', 'identifier'),
    (r'^(module|modname|qualname|dotted|import)$', 'dotted'),
    (r'^(format|fmt|strftime)$', 'format'),
    (r'^(template|substitute)$', 'template'),
    (r'^(html|xml|entity|entities|markup|tag|tags|escape|unescape|cdata)$', 'html'),
    (r'^(quote|quotes|quoted|dequote|strip_quotes)$', 'quoted'),
    (r'^(boundary)$', 'boundary'),
    (r'^(getopt|gnu_getopt|argv|parse_args)$', 'list:arg'),
    (r'^(escape|escapes|unescape|backslash|literal|repr)$', 'escaped'),
    (r'^(hex|hexlify|unhexlify|fromhex)$', 'hex'),
    (r'^(quopri|qp|quoprimime|header_decode|body_decode)$', 'qp'),
    (r'^(b64|base64|b64decode|b64encode|b32|b16|base32|b85)$', 'base64'),
    (r'^(csv|dialect|sniff|sniffer)$', 'csv'),
    (r'^(uuid|guid)$', 'uuid'),
    (r'^(msgid|message_?id|msg_?id)$', 'msgid'),
    (r'^(json|loads|dumps)$', 'json'),
    (r'^(shlex|split_args|cmdline|command|quote_args)$', 'shell'),
    (r'^(glob|fnmatch|wildcard|translate)$', 'glob'),
    (r'^(regex|regexp|pattern|re)$', 'regex'),
    (r'^(tz|timezone|tzname|utcoffset)$', 'tz'),
    (r'^(dedent|indent|cleandoc|getdoc|margin)$', 'indented'),
    (r'^(wrap|fill|shorten|lines|splitlines|paragraph|text|words|capwords|title|slug|slugify|camel|snake)$', 'text'),
    (r'^(source|code|tokenize|ast|expr|stmt|parse_source)$', 'code'),
    (r'^(ip|ipv4|ipv6|host|hostname|inet)$', 'ip'),
]
FUNC = [(re.compile(p), s) for p, s in FUNC]

# Docstring phrases: (pattern, shape).
DOC = [
    (r'e-?mail address|rfc ?2822 address|rfc ?822 address|\baddress(es)? (of|in) the form|realname|display name', 'email'),
    (r'%[0-9a-f]{2}\b|%xx|percent[- ]encod|url[- ]encod|%-escape', 'percent'),
    (r'(^|\s)=[0-9a-f]{2}\b|quoted[- ]printable|\bqp\b|qp-encoded', 'qp'),
    (r'\burls?\b|\buri\b', 'url'),
    (r'query string', 'query'),
    (r'\b(host|domain) ?names?\b|\bhostnames?\b', 'host'),
    (r'\b(path ?name|file ?path|directory|path)\b', 'path'),
    (r'\bfile ?name\b', 'filename'),
    (r'iso ?8601|isoformat|yyyy-mm-dd', 'isodate'),
    # Not "a date or datetime object": that is an object, no text.
    (r'\bdate\b(?!( or (date)?time)? (objects?|instances?)\b)|rfc ?1123|rfc ?2822 date', 'date'),
    (r'\bversion (number|string)\b', 'version'),
    (r'\bheaders?\b|encoded[- ]word|rfc ?2047|rfc ?2231', 'header'),
    (r'\bmime type\b|content[- ]type', 'mime'),
    (r'\b(encoding|charset|codec)\b', 'encoding'),
    (r'\blocale (name|string|code|identifier)\b', 'locale'),
    (r'\bidentifier\b', 'identifier'),
    (r'\bhtml\b|\bxml\b|character references|\bentit(y|ies)\b', 'html'),
    (r'\bbase64\b', 'base64'),
    (r'\bhex(adecimal)?\b', 'hex'),
    (r'shell-style|wildcard|\bglob\b', 'glob'),
    (r'regular expression', 'regex'),
    (r'\bjson\b', 'json'),
    (r'format string|format spec|strftime', 'format'),
    # Not "code point", "status code", "error code": those are no Python source.
    (r'\bsource code\b|python source|(?<!status )(?<!error )(?<!exit )(?<!return )\bcode\b(?! ?(points?|units?|pages?)\b)', 'code'),
    (r'comma[- ]separated|\bcsv\b', 'csv'),
    (r'\brepr\(|object representation|representation of (an|the|a) object|hexadecimal id', 'objrepr'),
    (r'\bboundary\b', 'boundary'),
    (r'\buuid\b', 'uuid'),
    (r'\bquoted?\b', 'quoted'),
    (r'backslash|escape sequence', 'escaped'),
    (r'\bindentation\b|\bdedent', 'indented'),
    (r'\bip address\b|\bipv[46]\b', 'ip'),
    (r'\bhost ?name\b', 'host'),
]
DOC = [(re.compile(p, re.I), s) for p, s in DOC]

# Body literals that say what the text is made of: (pattern on the literal, shape).
LITERAL = [
    (re.compile(r'^(://|https?|ftp|mailto:)$'), 'url'),
    (re.compile(r'^%$|^%[0-9A-Fa-f]{2}$'), 'percent'),
    (re.compile(r'^(=\?|\?=|\?q\?|\?b\?)$', re.I), 'header'),
    (re.compile(r'^@$'), 'email'),
    (re.compile(r'^(&|&amp;|&lt;|&gt;|&#|&quot;)$'), 'html'),
    (re.compile(r'^(\\\\|\\x|\\u|\\N)$'), 'escaped'),
    (re.compile(r'^(\r\n|\n)$'), 'lines'),
]
# Shapes that are bytes when the parameter is (a decoder's input).
BYTES_OF = {'qp': 'qp', 'percent': 'percent', 'base64': 'base64', 'hex': 'hex', 'text': 'text', 'lines': 'lines', 'header': 'qp',
            'html': 'text', 'escaped': 'text', 'json': 'text', 'code': 'text', 'email': 'text', 'url': 'text'}


def words(name):
    """`parse_message_id` -> the whole name, parse, message, id, parse_message, message_id;
    `parseHTTPDate` -> ..., parse, http, date, parse_http, http_date."""
    parts = [p.lower() for p in re.findall(r'[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])', name)]
    return [name.lower().strip('_')] + parts + [a + '_' + b for a, b in zip(parts, parts[1:])]


def _string_params(params):
    """Parameters that may be strings: not `*args`/`**kwargs`, no default or annotation of another type."""
    out = []
    for p in params:
        if p['kind'] in ('var_positional', 'var_keyword'):
            continue
        try:
            d = ast.literal_eval(p['default']) if p.get('default') is not None else None
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            d = None
        if d is not None and not isinstance(d, (str, bytes)):
            continue
        if p.get('annotation') and not re.search(r'\b(str|bytes|AnyStr|Any|Optional\[str\]|Text|PathLike)\b', p['annotation']):
            continue
        out.append(p)
    return out


def _name_matches(name):
    """(shape, whole name?) for a name: the whole name first (`url`), else its words, the last first
    (`wsgi.url_scheme` -> scheme, `module_or_name` -> module, `HTTP_HOST` -> host)."""
    low = name.lower().strip('_')
    whole = [s for pat, s in NAME if pat.match(low)]
    if whole:
        return [(s, True) for s in whole]
    parts = [w for w in re.split(r'[^a-z0-9]+', low) if w]
    for w in reversed(parts if len(parts) > 1 else []):
        found = [s for pat, s in NAME if pat.match(w) and not s.startswith('list:')]
        if found:
            return [(s, False) for s in found]
    return []


def name_shapes(name):
    """The shapes a name (a parameter, a variable it is unpacked into, a dict key) says a string has."""
    return [s for s, _ in _name_matches(name) if not s.startswith('list:')]


def _shape_doms(literals):
    """shape -> its domain, carrying the body's literals of that shape (`'http://'`) as its constants."""
    consts = {}
    for lit in literals:
        for shape in classify(lit):
            consts.setdefault(shape, []).append(lit)

    def dom(s):
        if s.startswith('list:'):
            return ('list', dom(s[5:]))
        return ('shape', s, tuple(consts[s])[:8]) if consts.get(s) else ('shape', s)
    return dom


# Words that end in `s` without being plurals of a shape's name.
NOT_PLURAL = {'status', 'alias', 'bias', 'address', 'class', 'process', 'access', 'success', 'news', 'bytes', 'is',
              'has', 'this', 'was', 'axis', 'analysis', 'basis', 'args', 'kwargs', 'options', 'params', 'attrs', 'ms', 'ns'}


def _plural_last(low):
    """The name's last word is a plural (`email_header_fields`): what its other words say comes in a list."""
    words_ = [w for w in re.split(r'[^a-z0-9]+', low) if w]
    last = words_[-1] if len(words_) > 1 else ''
    return last.endswith('s') and not last.endswith('ss') and last not in NOT_PLURAL


def _from_names(names, add, dom):
    for n in names:
        low = n.lower().strip('_')
        matches = _name_matches(n)
        plural = _plural_last(low)
        for s, whole in matches:
            if not whole and plural and not s.startswith('list:'):
                add(n, ('list', dom(s)), 3)
            else:
                add(n, dom(s), 5 if whole else 3)
        if not matches and low.endswith('s'):
            # `urls`, `paths`, `emails`: a list of them.
            for s, _ in _name_matches(low[:-1]):
                if not s.startswith('list:'):
                    add(n, ('list', dom(s)), 3)


def _from_doc(doc, names, add, dom):
    """A phrase in the sentence naming a parameter counts for it, else for the first. Returns the
    parameters the docstring spoke for."""
    spoken = set()
    for sentence in re.split(r'(?<=[.:;])\s+|\n\s*\n', doc or ''):
        found = [s for pat, s in DOC if pat.search(sentence)]
        if not found:
            continue
        named = [n for n in names if re.search(r'\b%s\b' % re.escape(n), sentence)]
        for n in named or names[:1]:
            spoken.add(n)
            for s in dict.fromkeys(found):
                add(n, dom(s), 4 if named else 2.5)
    return spoken


NOT_TEXT = re.compile(r'(^|_)(index|idx|count|cnt|num|number|len|length|size|pos|offset|level|depth|flags?|limit|width|'
                      r'height|n|i|j|k|items|list|dict|func|callback|key_?func)$')


def _not_text(name):
    """A name that says its value is no string (`name_index`, `count`, `flags`, `items`)."""
    return bool(NOT_TEXT.search(name.lower()))


def _from_function(fname, names, spoken, add, dom):
    """The function's name speaks for its first parameter and for generic ones (less where the
    docstring already said what they are: `unquote` in quoprimime reads `=AB`, not `%AB`)."""
    shapes = [s for w in words(fname) for pat, s in FUNC if pat.match(w)]
    for k, s in enumerate(dict.fromkeys(shapes)):
        for i, n in enumerate(names):
            if (i == 0 or GENERIC.match(n.lower())) and not _not_text(n):
                add(n, dom(s), (3.5 if i == 0 else 2) / (1 + k) / (2 if n in spoken else 1))


def _literal(src):
    try:
        return ast.literal_eval(src)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None


def _from_values(params, names, seeds, add, dom):
    """Defaults and doctest arguments that look like a shape."""
    for p in params:
        if p['name'] in names and p.get('default') is not None:
            for s in classify(_literal(p['default'])):
                add(p['name'], dom(s), 4)
    for args in seeds:
        for kw, src in args:
            if kw in names:
                for s in classify(_literal(src)):
                    add(kw, dom(s), 4)


def _from_literals(literals, names, add, dom):
    """Literals that name the text's parts (`'%'`, `'=?'`, `'://'`) give the first parameters a weak hint."""
    for s in dict.fromkeys(s for lit in literals for pat, s in LITERAL if pat.match(lit)):
        for n in names[:2]:
            add(n, dom(s), 1.0)


# Library functions that say what their argument is: (module, function) -> (argument position, shape).
# A parameter handed to one of them directly takes that shape, whatever its name (`_compile(expr)`
# calls `re.compile(expr)`: a regular expression, not Python code).
SINKS = {
    ('re', 'compile'): (0, 'regex'), ('re', 'match'): (0, 'regex'), ('re', 'search'): (0, 'regex'),
    ('re', 'fullmatch'): (0, 'regex'), ('re', 'findall'): (0, 'regex'), ('re', 'finditer'): (0, 'regex'),
    ('re', 'sub'): (0, 'regex'), ('re', 'split'): (0, 'regex'), ('fnmatch', 'translate'): (0, 'glob'),
    ('fnmatch', 'fnmatch'): (1, 'glob'), ('glob', 'glob'): (0, 'glob'),
    ('json', 'loads'): (0, 'json'), ('ipaddress', 'ip_address'): (0, 'ip'),
    ('urlparse', None): (0, 'url'), ('urlsplit', None): (0, 'url'), ('parseaddr', None): (0, 'email'),
    ('b64decode', None): (0, 'base64'), ('unhexlify', None): (0, 'hex'), ('fromisoformat', None): (0, 'isodate'),
    ('abspath', None): (0, 'path'), ('normpath', None): (0, 'path'), ('realpath', None): (0, 'path'),
    ('expanduser', None): (0, 'path'), ('splitext', None): (0, 'path'), ('relpath', None): (0, 'path'),
}


def _from_sinks(fn, names, add, dom):
    """A parameter passed as is to a library function that says what its argument is."""
    for node in ast.walk(fn):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        mod = f.value.id if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) else None
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None
        hit = SINKS.get((mod, name)) or SINKS.get((name, None))
        if hit and hit[0] < len(node.args):
            a = node.args[hit[0]]
            if isinstance(a, ast.Name) and a.id in names:
                add(a.id, dom(hit[1]), 7)


# `codecs.utf_32_le_decode(input, ...)`: the codec's own functions name what their first argument is.
CODEC_CALL = re.compile(r'^(\w+?)_(decode|encode)$')
CHARMAP = {'decode': ('bytes', 'latin1'), 'encode': ('str', ('café', 'naïve résumé', 'hello world', '¡Hola!', 'Ø'), ())}
# Wrappers that read their argument as bytes: what its shape is, it is the bytes of it.
BYTES_READERS = {'BytesIO', 'memoryview', 'bytearray'}


def _from_codecs(fn, names, add):
    """A parameter handed to `codecs.X_decode` takes text encoded with codec X; to `codecs.X_encode`, text."""
    from cf_shapes import CODEC_PREFIX, CODEC_TEXTS, codec_bytes
    for node in ast.walk(fn):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
                and node.func.value.id == 'codecs' and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id in names):
            continue
        m = CODEC_CALL.match(node.func.attr)
        if not m:
            continue
        codec, way = m.group(1), m.group(2)
        if codec == 'charmap':
            add(node.args[0].id, CHARMAP[way], 7)
        elif way == 'decode':
            # `utf_32_ex_decode` reads the byte order mark: any UTF-32 will do.
            kind = CODEC_PREFIX + codec.replace('_ex', '')
            if codec_bytes(kind):
                add(node.args[0].id, ('bytes', kind), 7)
        else:
            add(node.args[0].id, ('str', tuple(CODEC_TEXTS[:-1]), ()), 7)


def _read_as_bytes(fn, names):
    """Parameters the body reads as bytes: `BytesIO(p)`, `p.decode(...)`."""
    out = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
            f = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            if f in BYTES_READERS and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id in names:
                out.add(node.args[0].id)
            if f == 'decode' and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name) \
                    and node.func.value.id in names:
                out.add(node.func.value.id)
    return out


def hints(fn, params, doc, literals, seeds):
    """{param: [(domain, weight)]}: shape domains for the parameters a signal points at."""
    out = {}
    names = [p['name'] for p in _string_params(params)]

    closed = {n: set(name_shapes(n)) & CLOSED_SHAPES for n in names}

    def add(name, d, w):
        # `errors` is an error handler whatever the docstring's sentence about percent escapes says.
        if closed.get(name) and not (d[0] == 'shape' and d[1] in closed[name]):
            return
        out.setdefault(name, []).append((d, w))
    dom = _shape_doms(literals)
    _from_names(names, add, dom)
    spoken = _from_doc(doc, names, add, dom)
    _from_function(fn.name, names, spoken, add, dom)
    _from_values(params, names, seeds, add, dom)
    _from_literals(literals, names, add, dom)
    _from_sinks(fn, names, add, dom)
    _from_codecs(fn, names, add)
    fw = words(fn.name)
    # A decoder's input (`unquote_to_bytes`, `BytesIO(input)`): bytes of the shapes found for it too.
    as_bytes = set(names[:1]) if 'bytes' in fw or any(w.endswith('b') and w[:-1] in ('unquote', 'quote') for w in fw) else set()
    for n in as_bytes | _read_as_bytes(fn, names):
        for d, w in list(out.get(n, [])):
            if d[0] == 'shape' and d[1] in BYTES_OF:
                add(n, ('bytes', BYTES_OF[d[1]]), w * 0.8)
    return out
