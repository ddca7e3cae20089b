"""Argument domains inferred without hand-written contracts.

A domain is a small nested tuple: ('int',), ('str',), ('list', elem), ('dict', key, val, keys),
('tuple', elem), ('set', elem), ('float',), ('bool',), ('none',), ('bytes',), ('callable',).
Each parameter gets weighted domains from its annotation, default, docstring, doctests, name and
how the body uses it; constants in the body feed the value pools.
"""
import ast
import re

INT, FLT, STR, BOOL, NONE, BYTES, CALL = ('int',), ('float',), ('str',), ('bool',), ('none',), ('bytes',), ('callable',)
ANNOT = {'int': INT, 'float': FLT, 'str': STR, 'bool': BOOL, 'None': NONE, 'bytes': BYTES,
         'complex': FLT, 'Callable': CALL, 'callable': CALL, 'number': INT, 'string': STR,
         'integer': INT, 'list': ('list', INT), 'dict': ('dict', STR, INT, ()), 'tuple': ('tuple', INT),
         'set': ('set', INT), 'frozenset': ('set', INT), 'List': ('list', INT), 'Dict': ('dict', STR, INT, ()),
         'Tuple': ('tuple', INT), 'Set': ('set', INT), 'Sequence': ('list', INT), 'Iterable': ('list', INT),
         'Mapping': ('dict', STR, INT, ()), 'bytearray': BYTES, 'Any': INT, 'object': INT}
NAMES = [
    (r'^(n|m|k|i|j|num|count|cnt|size|length|len|width|height|idx|index|start|end|stop|step|depth|level|'
     r'limit|times|number|digits?|base|pos|offset|year|month|day|row|col|x\d|n\d|[a-z]_?count|num_\w+|\w+_num|n_\w+)$', INT),
    (r'^(x|y|z|a|b|c|val|value|p|q|lo|hi|low|high)$', INT),
    # Clock and calendar parts (`_ymdhms(y, m, d, hh, mm, ss, dstflag)`).
    (r'^(hh|hour|hours|mm|minute|minutes|ss|sec|secs|second|seconds|usec|msec|microsecond|wday|yday|isdst|dst|dstflag|tm_\w+)$', INT),
    (r'^(rate|ratio|prob|alpha|beta|theta|angle|temp|weight|scale|factor|eps|tol|f\w*_?float)$', FLT),
    (r'(^s$|^s\d$|str|text|word|name|line|prefix|suffix|path|pattern|char|^ch$|sep|msg|message|string|'
     r'sentence|key$|^sub$|url|email|password|label|title|fmt|format|letter|code|dna|seq$)', STR),
    (r'(list|arr|array|nums|numbers|items|values|elements|lst|^l$|xs|ys|vec|scores|data|heights|prices|costs)', ('list', INT)),
    (r'(words|names|strings|strs|lines|tokens|tags|keys)$', ('list', STR)),
    (r'(matrix|grid|board|mat|table|rows)', ('list', ('list', INT))),
    (r'(^d$|dict|mapping|map$|counts|freq|config|params|options|kwargs|attrs|table)', ('dict', STR, INT, ())),
    (r'(points|pairs|intervals|edges|coords)', ('list', ('tuple', INT))),
    (r'^(flag|is_\w+|has_\w+|verbose|strict|reverse|debug|enable\w*|use_\w+|allow\w*|\w+_only)$', BOOL),
    # Calendar and clock fields within their ranges (a caller passes month 1 to 12).
    (r'(^|_)(month|mon)$', ('int', tuple(range(1, 13)))), (r'(^|_)(day|mday|dd)$', ('int', (1, 2, 15, 28, 29, 30, 31))),
    (r'(^|_)(hour|hh)$', ('int', (0, 1, 9, 12, 13, 23))), (r'(^|_)(minute|second|min|sec|ss)$', ('int', (0, 1, 30, 59))),
    (r'(^|_)(weekday|wday|dow)$', ('int', tuple(range(8)))),
    (r'^(f|fn|func|function|callback|key_?func|predicate|pred|cmp|\w+_hook|hook|\w+_func|\w+_callback|parse_(int|float|constant)|default_?factory)$', CALL),
    (r'^(type|cls|klass|typ|kind_?cls|factory)$', ('obj', 'class')),
    (r'^(exc|exc_val|exc_value|exception|err\d|error\d|\w+_exc|\w+_exception)$', ('obj', 'exception')),
    (r'(bytes|buf|buffer|^b$|raw|blob)', BYTES),
    (r'(^t$|tup|tuple|point|pair|coord)', ('tuple', INT)),
    (r'(^st$|seen|visited|_set$)', ('set', INT)),
]
STR_METHODS = {'lower', 'upper', 'strip', 'split', 'startswith', 'endswith', 'isdigit', 'isalpha', 'replace',
               'find', 'encode', 'lstrip', 'rstrip', 'title', 'capitalize', 'isupper', 'islower', 'isspace',
               'splitlines', 'zfill', 'format', 'rfind', 'partition', 'isalnum', 'casefold', 'swapcase', 'center'}
LIST_METHODS = {'append', 'pop', 'extend', 'sort', 'insert', 'remove', 'reverse'}
DICT_METHODS = {'items', 'keys', 'values', 'get', 'setdefault', 'update'}

# Objects that are not literals, found through the attributes a body (or an AttributeError) asks for.
# Each is an expression evaluated in the program's globals.
OBJECTS = {
    'file': ["__import__('io').StringIO('alpha\\nbeta gamma\\n')", "__import__('io').StringIO('')",
             "__import__('io').StringIO('x = 1\\n# note\\n\\nend')"],
    'bfile': ["__import__('io').BytesIO(b'alpha\\nbeta\\n')", "__import__('io').BytesIO(b'')",
              "__import__('io').BytesIO(b'\\x00\\x01\\x02\\x03\\xff')"],
    'date': ["__import__('datetime').date(2024, 2, 29)", "__import__('datetime').date(1999, 12, 31)",
             "__import__('datetime').datetime(2021, 7, 4, 12, 30, 5)", "__import__('datetime').date(1970, 1, 1)"],
    'class': ['int', 'str', 'list', 'dict', 'ValueError', 'object', 'bool'],
    'decimal': ["__import__('decimal').Decimal('3.25')", "__import__('decimal').Decimal('-0.5')", "__import__('decimal').Decimal('10')"],
    'fraction': ["__import__('fractions').Fraction(3, 4)", "__import__('fractions').Fraction(-7, 2)", "__import__('fractions').Fraction(5)"],
    'complex': ['(1+2j)', '-3j', '(0.5-1j)', '0j'],
    'match': ["__import__('re').match(r'(\\w+)-(\\d+)', 'item-42')", "__import__('re').search(r'(a+)(b*)', 'xaab')"],
    'exception': ["ValueError('invalid literal for int()')", "KeyError('name')", "SyntaxError(\"'(' was never closed\")",
                  "TypeError('unsupported operand type(s)')", "OSError(2, 'No such file or directory')", "ZeroDivisionError('division by zero')"],
    'path': ["__import__('pathlib').PurePosixPath('/usr/lib/python3/os.py')", "__import__('pathlib').PurePosixPath('a/b.tar.gz')",
             "__import__('pathlib').PurePosixPath('notes.txt')"],
}
ATTRS = {'with_traceback': 'exception', '__traceback__': 'exception', 'read': 'file', 'readline': 'file', 'readlines': 'file', 'seek': 'file', 'tell': 'file', 'write': 'file',
         'getvalue': 'file', 'fileno': 'file', 'year': 'date', 'month': 'date', 'day': 'date', 'isoformat': 'date',
         'weekday': 'date', 'toordinal': 'date', 'timetuple': 'date', 'strftime': 'date', 'hour': 'date',
         '__mro__': 'class', '__name__': 'class', '__qualname__': 'class', '__module__': 'class', '__bases__': 'class',
         'mro': 'class', '__subclasses__': 'class', 'as_tuple': 'decimal', 'quantize': 'decimal', 'is_nan': 'decimal',
         'numerator': 'fraction', 'denominator': 'fraction', 'conjugate': 'complex', 'imag': 'complex',
         'group': 'match', 'groups': 'match', 'span': 'match', 'groupdict': 'match', 'lastindex': 'match',
         'suffix': 'path', 'parts': 'path', 'stem': 'path', 'with_suffix': 'path', 'suffixes': 'path'}


def annotation_domain(text):
    text = text.strip().strip('"\'')
    m = re.match(r'^(?:typing\.)?Optional\[(.*)\]$', text)
    if m:
        return annotation_domain(m.group(1))
    parts = [p.strip() for p in re.split(r'\|', text) if p.strip() and p.strip() != 'None']
    if len(parts) > 1:
        return annotation_domain(parts[0])
    m = re.match(r'^(?:typing\.)?(\w+)\[(.*)\]$', text)
    if m:
        outer, inner = m.group(1), m.group(2)
        args = [annotation_domain(a) for a in _split_top(inner)]
        args = [a for a in args if a] or [INT]
        low = outer.lower()
        if low in ('list', 'sequence', 'iterable', 'iterator', 'collection'):
            return ('list', args[0])
        if low in ('set', 'frozenset'):
            return ('set', args[0])
        if low == 'tuple':
            return ('tuple', args[0])
        if low in ('dict', 'mapping', 'defaultdict', 'ordereddict'):
            return ('dict', args[0], args[1] if len(args) > 1 else INT, ())
        if low == 'union':
            return args[0]
    return ANNOT.get(text.split('.')[-1])


def _split_top(text):
    out, depth, cur = [], 0, ''
    for ch in text:
        if ch == ',' and depth == 0:
            out.append(cur)
            cur = ''
            continue
        depth += ch in '[(' and 1 or (ch in '])' and -1 or 0)
        cur += ch
    return out + [cur] if cur.strip() else out


def value_domain(v):
    if isinstance(v, bool):
        return BOOL
    if isinstance(v, int):
        return INT
    if isinstance(v, float):
        return FLT
    if isinstance(v, str):
        return STR
    if isinstance(v, bytes):
        return BYTES
    if v is None:
        return NONE
    if isinstance(v, (list, tuple, set, frozenset)):
        kind = 'list' if isinstance(v, list) else 'tuple' if isinstance(v, tuple) else 'set'
        first = next(iter(v), 0)
        return (kind, value_domain(first))
    if isinstance(v, dict):
        k, val = next(iter(v.items()), ('a', 0))
        return ('dict', value_domain(k), value_domain(val), tuple(x for x in v if isinstance(x, str))[:6])
    return None


def name_domains(name):
    low = name.lower()
    return [dom for pat, dom in NAMES if re.search(pat, low)]


def signature_domains(doc, fname, params):
    """{parameter: domain} from a signature line in the docstring, `strcoll(string,string) -> int.`:
    the types in the parentheses, by position."""
    m = re.search(r'^\s*%s\s*\(([\w\s,\[\]|.]*)\)\s*(?:->|-->|=>)' % re.escape(fname), doc or '', re.M)
    if not m:
        return {}
    positional = [p['name'] for p in params if p['kind'] in ('positional_only', 'positional_or_keyword')]
    out = {}
    for name, word in zip(positional, _split_top(m.group(1))):
        dom = annotation_domain(word.strip().strip('[]'))
        if dom:
            out[name] = dom
    return out


def docstring_domains(doc, name):
    found = []
    pats = [r':type\s+%s:\s*([\w\[\], .|]+)' % re.escape(name), r':param\s+%s:\s*([\w\[\], .|]+)' % re.escape(name),
            r'^\s*%s\s*\(([\w\[\], .|]+)\)' % re.escape(name), r'^\s*%s\s*:\s*([\w\[\], .|]+)' % re.escape(name),
            r':param\s+([\w\[\], .|]+)\s+%s:' % re.escape(name)]
    for pat in pats:
        for m in re.finditer(pat, doc or '', re.M):
            for word in re.split(r'\s+(?:or|of)\s+|,\s*', m.group(1).strip()):
                dom = annotation_domain(word.strip().rstrip('.')) or annotation_domain(word.strip().split(' ')[0])
                if dom:
                    found.append(dom)
                    break
    return found
