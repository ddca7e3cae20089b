"""Value shapes: the forms of string (and bytes) a caller passes: e-mail addresses, URLs, %XX
escapes, paths, dates, versions, header values, ... Each shape draws well-formed values most of the
time (varied by builders, not a short fixed list) and near misses sometimes (a function's error
branches are part of its behaviour). `classify(text)` names the shapes a literal looks like;
cf_shape_hints says which parameters take which shape.
"""
import random
import re

# -- parts the builders combine
LOCALS = ['alice', 'bob.smith', 'j.doe+news', 'postmaster', 'info', 'x_y-z', 'Carol.O-Neil', 'no-reply']
DOMAINS = ['example.com', 'mail.example.org', 'example.co.uk', 'localhost', 'sub.example.net', 'python.org']
DISPLAY = ['Alice Smith', 'Bob', '"Doe, Jane"', 'Carol O. Neil', '=?utf-8?q?J=C3=B6rg?=', '"Dr. Who"']
SCHEMES = ['http', 'https', 'https', 'ftp', 'file']
PATH_DIRS = ['usr', 'lib', 'home', 'alice', 'src', 'data', 'tmp', '.git', 'my docs', 'python3.11', 'a', 'b']
FILES = ['os.py', 'notes.txt', 'archive.tar.gz', '.bashrc', 'README', 'image.PNG', 'a.b.c', 'index.html',
         'data.csv', 'setup.cfg', 'report 2023.pdf']
PHRASES = ['hello world', 'café au lait', 'a+b=c', '~user/docs', '100%', 'naïve résumé', 'key=value&x=y',
           '/path/with space', 'Ünïcödé', 'tab\tsep', 'semi;colon', 'emoji 🐍', '"quoted"']
MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
SAFE = set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~')


def _email(rng):
    addr = rng.choice(LOCALS) + '@' + rng.choice(DOMAINS)
    form = rng.randrange(6)
    if form == 0:
        return '%s <%s>' % (rng.choice(DISPLAY), addr)
    if form == 1:
        return '%s (%s)' % (addr, rng.choice(DISPLAY).strip('"'))
    if form == 2:
        return '<%s>' % addr
    return addr


def _addresses(rng):
    return ', '.join(_email(rng) for _ in range(rng.randint(2, 3)))


def _url(rng):
    if rng.random() < 0.2:
        # A relative reference is a URL too, and what `urljoin(base, url)` is mostly given.
        return rng.choice(['other.html', '../up/page.html', 'sub/dir/', './a/b?x=1', '../../index.html', '?q=2',
                           '#top', 'g;x?y#s', '/abs/path', '..'])
    scheme = rng.choice(SCHEMES)
    host = rng.choice(['www.example.com', 'example.org', 'localhost', '127.0.0.1', 'docs.python.org', '[::1]', 'user:pw@ftp.example.net'])
    if rng.random() < 0.3:
        host += ':' + rng.choice(['8080', '443', '21', '8000'])
    path = '/' + '/'.join(rng.sample(['path', 'to', 'page.html', 'api', 'v1', 'items', '3', 'a b', 'caf%C3%A9'], rng.randint(0, 3)))
    url = '%s://%s%s' % (scheme, host, path if scheme != 'file' or path != '/' else '/etc/hosts')
    if rng.random() < 0.4:
        url += '?' + _query(rng)
    if rng.random() < 0.25:
        url += '#' + rng.choice(['top', 'section-2', 'frag'])
    return url


def _query(rng):
    pairs = [(rng.choice(['q', 'lang', 'page', 'id', 'name', 'x']), rng.choice(['1', 'en', 'caf%C3%A9', 'John+Smith', '', 'a%20b']))
             for _ in range(rng.randint(1, 3))]
    return rng.choice(['&', '&', ';']).join(k + '=' + v for k, v in pairs)


def percent_encode(text, rng, plus=False, every=False):
    """`text` as %XX escapes (UTF-8), the way quote() writes it (some safe characters escaped too)."""
    out = []
    for ch in text:
        if ch == ' ' and plus:
            out.append('+')
        elif ch not in SAFE or (every and rng.random() < 0.3):
            hexed = ''.join('%%%02X' % b for b in ch.encode('utf-8'))
            out.append(hexed.lower() if rng.random() < 0.2 else hexed)
        else:
            out.append(ch)
    return ''.join(out)


def _percent(rng):
    return percent_encode(rng.choice(PHRASES), rng, plus=rng.random() < 0.2, every=rng.random() < 0.3)


def _path(rng):
    root = rng.choice(['/', '/', '', './', '../', '~/'])
    parts = [rng.choice(PATH_DIRS) for _ in range(rng.randint(0, 3))]
    if rng.random() < 0.7:
        parts.append(rng.choice(FILES))
    path = root + '/'.join(parts)
    r = rng.random()
    if r < 0.1:
        path = path.replace('/', '//', 1)
    elif r < 0.2 and parts:
        path = path + '/'
    elif r < 0.3 and len(parts) > 1:
        path = path.replace('/', '/./', 1) if rng.random() < 0.5 else path.replace('/', '/../', 1)
    return path or '.'


def _date(rng):
    y, m, d = rng.choice([2023, 2024, 1999, 1970, 2000, 2038]), rng.randint(1, 12), rng.randint(1, 28)
    hh, mm, ss = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    form = rng.randrange(7)
    if form == 0:
        return '%04d-%02d-%02d' % (y, m, d)
    if form == 1:
        return '%s, %02d %s %04d %02d:%02d:%02d %s' % (rng.choice(DAYS), d, MONTHS[m - 1], y, hh, mm, ss, rng.choice(['+0000', '-0500', 'GMT', '+0530']))
    if form == 2:
        return '%04d-%02d-%02dT%02d:%02d:%02d%s' % (y, m, d, hh, mm, ss, rng.choice(['', 'Z', '+01:00', '.123456']))
    if form == 3:
        return '%02d %s %04d' % (d, MONTHS[m - 1], y)
    if form == 4:
        return '%02d/%02d/%04d' % (m, d, y)
    if form == 5:
        return '%04d%02d%02d' % (y, m, d)
    return '%04d-%02d-%02d %02d:%02d:%02d' % (y, m, d, hh, mm, ss)


def _isodate(rng):
    y, m, d = rng.choice([2023, 2024, 1999, 1970, 2000, 2038]), rng.randint(1, 12), rng.randint(1, 28)
    if rng.random() < 0.5:
        return '%04d-%02d-%02d' % (y, m, d)
    return '%04d-%02d-%02d%s%02d:%02d:%02d%s' % (y, m, d, rng.choice(['T', ' ']), rng.randint(0, 23), rng.randint(0, 59),
                                              rng.randint(0, 59), rng.choice(['', 'Z', '+01:00', '-05:30', '.123456', '.5']))


def _time(rng):
    hh, mm, ss = rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)
    return rng.choice(['%02d:%02d:%02d' % (hh, mm, ss), '%d:%02d' % (hh, mm), '%02d:%02d:%02d.%06d' % (hh, mm, ss, rng.randint(0, 999999)),
                       '%d:%02d %s' % (hh % 12 or 12, mm, rng.choice(['AM', 'PM']))])


def _version(rng):
    parts = [str(rng.choice([0, 1, 2, 3, 10, 11])) for _ in range(rng.randint(1, 4))]
    v = '.'.join(parts)
    r = rng.random()
    if r < 0.25:
        v += rng.choice(['a1', 'b2', 'rc1', '.dev3', '.post1', '-alpha', '+local.7'])
    elif r < 0.3:
        v = 'v' + v
    return v


def _identifier(rng):
    return rng.choice(['my_var', 'ClassName', '__init__', '_private', 'x1', 'camelCase', 'MAX_SIZE', 'snake_case_name',
                       'getHTTPResponse', 'a', '__dunder__', 'ünïcode'])


# Shapes whose values are names from a fixed set: a mutant of one is another of the set, never its
# characters reversed or padded with filler; a parameter named for one takes no other shape.
CLOSED_SHAPES = {'errors', 'encoding', 'locale', 'eol', 'scheme'}

SHAPES = {
    'email': (_email, ['alice', 'alice@', '@example.com', 'a@b@c', 'Alice <alice@example.com', '', 'undisclosed-recipients:;']),
    'addresses': (_addresses, ['', 'alice@example.com,', 'group: bob@example.org, carol@example.com;', ',,']),
    'url': (_url, ['', 'http//missing-colon', 'http://[::1', '/relative/path?x=1', '//cdn.example.com/lib.js',
                   'www.example.com', 'mailto:alice@example.com', 'example.com/path']),
    'query': (_query, ['', '&', 'noequals', 'a=1&a=2', '=value']),
    'percent': (_percent, ['%', '%2', '%zz', '100%', 'abc%', 'plain', '%E2%82', '%%41']),
    'path': (_path, ['', '/', '.', '..', 'C:\\Windows\\System32', 'dir/', '~']),
    'filename': (lambda rng: rng.choice(FILES), ['', '.', 'noext', 'trailing.', '..hidden']),
    'date': (_date, ['', '2023-02-30', '2023-13-01', 'yesterday', '31 Foo 2023', '99999-01-01']),
    'isodate': (_isodate, ['', '2023-02-30', '2023-13-01', '2023-1-5', '2023-01-01T25:00:00', '20230101T000000']),
    'time': (_time, ['', '25:00', '12:60', '7', 'noon']),
    'version': (_version, ['', '1..2', 'abc', '1.0.0.0.0', '.5']),
    'host': (lambda rng: rng.choice(['example.com', 'localhost', 'www.python.org', 'sub.domain.example.co.uk', '192.168.0.1',
                                     '[::1]', 'example.com:8080', 'EXAMPLE.COM.', 'xn--bcher-kva.example', 'alice@example.com',
                                     'alice:secret@localhost:8080', '[2001:db8::1]:443']),
             ['', '-bad-.example', 'a..b', 'host name']),
    'ip': (lambda rng: rng.choice(['127.0.0.1', '10.0.0.255', '192.168.1.0/24', '::1', '2001:db8::ff00:42:8329', '0.0.0.0',
                                   'fe80::1', '255.255.255.255']), ['256.1.1.1', '1.2.3', '', '::g', '1.2.3.4.5']),
    'header': (lambda rng: rng.choice([
        'text/plain; charset="utf-8"', 'multipart/mixed; boundary="===123=="', 'attachment; filename="report.pdf"',
        '=?utf-8?q?caf=C3=A9?=', '=?iso-8859-1?b?aGVsbG8gd29ybGQ=?=', 'Tue, 14 Nov 2023 22:13:20 +0000', _addresses(rng),
        'gzip, deflate', 'no-cache', 'en-US,en;q=0.9', 'Hello =?utf-8?q?W=C3=B6rld?= again', 'Re: [list] meeting notes']),
        ['', ';', '=?utf-8?q?unterminated', 'a\r\n b']),
    'mime': (lambda rng: rng.choice(['text/plain', 'application/json', 'image/png', 'text/html; charset=utf-8',
                                     'application/octet-stream', 'audio/x-wav', 'multipart/form-data; boundary=xyz']),
             ['', 'text', 'invalid/', '/plain']),
    'encoding': (lambda rng: rng.choice(['utf-8', 'UTF-8', 'latin-1', 'ascii', 'utf-16', 'cp1252', 'iso-8859-15', 'utf_8', 'koi8-r']),
                 ['bogus-codec', '']),
    'errors': (lambda rng: rng.choice(['strict', 'ignore', 'replace', 'surrogateescape', 'backslashreplace', 'xmlcharrefreplace']),
               ['bogus']),
    'locale': (lambda rng: rng.choice(['en_US.UTF-8', 'de_DE', 'C', 'fr_FR@euro', 'ja_JP.eucJP', 'POSIX', 'en_GB.ISO8859-1']), ['', 'xx']),
    'identifier': (_identifier, ['', '2bad', 'with-dash', 'class', 'has space']),
    'dotted': (lambda rng: rng.choice(['os.path.join', 'collections.abc.Mapping', 'json', 'a.b.c', 'xml.etree.ElementTree']),
               ['.relative', 'a..b', '']),
    'format': (lambda rng: rng.choice(['%Y-%m-%d', '%H:%M:%S', '%s and %d', '%(name)s is %(age)d', '%5.2f', '%d%%', '%-10s|',
                                       '%x', '%r']), ['%', '%q', '%(']),
    'template': (lambda rng: rng.choice(['{name}!', '{0:>10}', '{}', 'Hello, {name}! You are {age}.', '{a} + {b} = {c}',
                                         '{{literal}} {x}', '{0}{1}{0}', '{:,}', '{value:.2f}']), ['{', '}', '{name', '{0!q}']),
    'html': (lambda rng: rng.choice(['<p>Hello &amp; welcome</p>', '<a href="page.html">link</a>', '&lt;tag&gt; &quot;x&quot;',
                                     '&#39;&#x41;&eacute;', 'Tom &amp; Jerry', '<br/>', '<div class="x"><b>bold</b></div>']),
             ['&', '&bogus;', '<unclosed', 'plain text']),
    'text': (lambda rng: rng.choice([
        'The quick brown fox jumps over the lazy dog.', 'Hello, world!', "It's 3 p.m., time for tea.", 'naïve café',
        'Lorem ipsum dolor sit amet, consectetur adipiscing elit.', 'one two  three', '   leading and trailing   ',
        'UPPER lower Mixed', 'A sentence. Another one!  And a third?']), ['', ' ', '\n']),
    # Lines sharing an indentation (what dedent and cleandoc take away), some lines deeper or blank.
    'indented': (lambda rng: rng.choice([
        '    def f():\n        return 1\n', '  a\n  b\n    c', '\tx = 1\n\ty = 2\n', '   one\n\n   two\n',
        'Summary line.\n\n    Details, indented.\n    More.\n', '  mixed\n    deeper\n  back', 'no indent\n  partly']),
        ['', '\n', '    ']),
    'lines': (lambda rng: rng.choice([
        'first line\nsecond line\n', 'a\r\nb\r\n', '  indented\n\tline\n\nafter blank', 'no newline at end',
        '# comment\nkey = value\n', 'x\n\n\ny']), ['', '\n', '\r\n']),
    'code': (lambda rng: rng.choice([
        'x = 1\n', 'def f(a, b=2):\n    return a + b\n', 'print("hi")', 'import os\nos.getcwd()\n',
        'for i in range(3):\n    pass\n', 'lambda x: x', 'class A:\n    pass\n', 'a[1:2] += {"k": (3, 4)}']),
             ['1 +', 'def', '', '\tx = 1']),
    'quoted': (lambda rng: rng.choice(['"hello"', "'single'", '"say \\"hi\\""', '<alice@example.com>', '"a, b"', '"" ']),
               ['"unterminated', 'plain', '""', '<>']),
    'escaped': (lambda rng: rng.choice(['line\\nbreak', 'tab\\there', '\\x41\\u00e9', 'back\\\\slash', '\\N{BULLET}', 'quote\\"d']),
                ['trailing\\', '\\x4', '\\q']),
    'qp': (lambda rng: rng.choice(['=3D', '=E9', '=20', '=C3=A9', 'caf=C3=A9', 'soft break=\n', '=0A', 'a=3Db']),
           ['=', '=G1', '=3', 'plain']),
    'scheme': (lambda rng: rng.choice(['http', 'https', 'ftp', 'file', 'mailto', 'git+ssh', 'HTTP', 'data']), ['', '1http', 'ht tp']),
    'hex': (lambda rng: rng.choice(['deadbeef', '0xff', 'FF00AA', '0', 'abc123', '7f454c46']), ['xyz', '0x', 'abc']),
    'base64': (lambda rng: rng.choice(['aGVsbG8gd29ybGQ=', 'YQ==', 'SGVsbG8sIFdvcmxkIQ==', 'YWJj\nZGVm', 'AAECAwQF', 'w6l0w6k=']),
               ['not base64!', 'YQ=', '', '====']),
    'csv': (lambda rng: rng.choice(['a,b,c', 'name,age\nalice,30\nbob,25\n', '"x, y",z', '1;2;3', 'single', 'a,,c']), ['', ',', '"']),
    'msgid': (lambda rng: '<%s.%d@%s>' % (rng.choice(['20231114221320', 'CAF1x2Y3', 'abc.def', '1.2.3']), rng.randint(1, 99999),
                                         rng.choice(DOMAINS)), ['', '<>', 'no-angle@example.com', '<a@b', '<@example.com>']),
    'port': (lambda rng: rng.choice(['80', '443', '8080', '21', '0', '65535', '3000']), ['', '65536', 'http', '-1', '80a']),
    'boundary': (lambda rng: rng.choice(['----WebKitFormBoundary7MA4YWxkTrZu0gW', '===============1234567890==', 'simple boundary',
                                         'gc0pJq0M:08jU534c0p', "'quoted'", 'xyz']), ['', ' trailing ', 'a' * 71, 'bad\x00']),
    'arg': (lambda rng: rng.choice(['-v', '--verbose', '-o', 'out.txt', '--name=value', '--', '-abc', 'file.txt', '--help', '-x3']),
            ['', '-', '---', '--=x']),
    'shortopts': (lambda rng: rng.choice(['ab:c', 'hvo:', 'x', 'a:b:', '+ab', 'vq']), ['', ':', 'a::']),
    'longopt': (lambda rng: rng.choice(['help', 'output=', 'verbose', 'file=', 'dry-run', 'level=']), ['', '=', '--help']),
    'objrepr': (lambda rng: rng.choice(['<__main__.Point object at 0x7f3a2b1c4d50>', '<function f at 0x10a2b3c4d>',
                                        '<built-in function len>', 'Point(x=1, y=2)', "<re.Match object; span=(0, 1), match='a'>",
                                        "<class 'int'>", '<Thing id=42 at 0xdeadbeef>']), ['', '<>', 'at 0x', 'plain']),
    'uuid': (lambda rng: rng.choice(['12345678-1234-5678-1234-567812345678', '{12345678-1234-5678-1234-567812345678}',
                                     'urn:uuid:12345678-1234-5678-1234-567812345678', '12345678123456781234567812345678']),
             ['not-a-uuid', '']),
    'mode': (lambda rng: rng.choice(['r', 'rb', 'w', 'w+', 'a', 'x', 'rt', 'r+b', 'wb']), ['', 'z', 'rw']),
    'json': (lambda rng: rng.choice(['{"a": 1, "b": [true, null]}', '[1, 2, 3]', '"text"', '42', '{}', '{"nested": {"k": "v"}}']),
             ['{bad json}', '', '[1,']),
    'shell': (lambda rng: rng.choice(['ls -l /tmp', 'echo "hello world"', "grep 'a b' file.txt", 'a\\ b c', 'cmd --flag=value -x']),
              ['"unterminated', '', "'"]),
    'glob': (lambda rng: rng.choice(['*.py', 'data_??.csv', '[a-z]*.txt', '**/test_*.py', 'file[!0-9].log', '*']), ['[', '', '\\*']),
    'regex': (lambda rng: rng.choice([r'\d+', r'^[a-z]+$', r'(a|b)*c', r'\w+@\w+\.com', r'(?P<name>\w+)', r'a{2,3}']), ['[', '(', '*']),
    'tz': (lambda rng: rng.choice(['UTC', '+0100', '-05:00', 'Europe/Paris', 'EST', 'Z', 'EST5EDT,M3.2.0,M11.1.0',
                                    'CET-1CEST,M3.5.0,M10.5.0/3', 'JST-9', '<+0330>-3:30', 'AEST-10AEDT,M10.1.0,M4.1.0/3']), ['', '+25:00']),
    'eol': (lambda rng: rng.choice(['\n', '\r\n', '\r']), ['', '\n\n']),
    'scheme': (lambda rng: rng.choice(['http', 'https', 'ftp', 'file', 'mailto', 'git+ssh', 'ws']), ['', 'HTTP', 'ht tp', '1http']),
    'sep': (lambda rng: rng.choice([',', ';', '&', ':', '.', '/', '|', '-', ' ', '\t', ', ', '::', '\n', '=', '_']), ['', ',,', 'sep']),
    'person': (lambda rng: rng.choice(['Alice Smith', 'Bob', "O'Brien", 'Jean-Luc Picard', 'Dr. Jane Doe Jr.', 'José Álvarez']), ['', ' ']),
}

# Bytes as encoders and decoders see them.
BYTES = {
    'text': [b'hello world', b'The quick brown fox\n', b'a,b,c', b'key=value&x=1', b'x'],
    'utf8': ['café'.encode(), 'naïve résumé'.encode(), '日本語'.encode(), 'emoji 🐍'.encode()],
    'latin1': ['café'.encode('latin-1'), b'\xe9t\xe9', b'\xff\xfe\xfd'],
    'utf16': ['hi'.encode('utf-16'), 'café'.encode('utf-16-le'), b'\xff\xfe'],
    'base64': [b'aGVsbG8gd29ybGQ=', b'YQ==', b'SGVsbG8sIFdvcmxkIQ==', b'not base64!', b'YWJj\nZGVm'],
    'percent': [b'hello%20world', b'caf%C3%A9', b'%zz', b'a+b%3Dc'],
    'qp': [b'caf=C3=A9', b'soft line =\r\nbreak', b'=3D equals', b'=', b'trailing space =20'],
    'binary': [b'\x00\x01\x02\x03\xff', b'\x89PNG\r\n\x1a\n', b'GIF89a\x01\x00', b'\x7fELF\x02\x01', b'\x00' * 8],
    'lines': [b'first\r\nsecond\r\n', b'a\nb\n\nc', b'no newline', b'\r\n'],
    'hex': [b'deadbeef', b'0xff', b'48656c6c6f', b'xyz'],
}
BYTES_EMPTY = b''

# Text a codec's encoder takes and whose encoding its decoder takes: ASCII, accents, other scripts, an emoji.
CODEC_TEXTS = ['hello world', 'café', 'naïve résumé', 'Ελληνικά', '日本語', 'emoji 🐍', 'a\nb\tc', '']
CODEC_PREFIX = 'codec:'


def codec_bytes(kind):
    """The CODEC_TEXTS a codec named by `kind` (`codec:utf_32_le`) can encode, encoded with it (None: no such codec)."""
    import codecs
    if not isinstance(kind, str) or not kind.startswith(CODEC_PREFIX):
        return None
    try:
        name = codecs.lookup(kind[len(CODEC_PREFIX):]).name
    except LookupError:
        return None
    out = []
    for t in CODEC_TEXTS:
        try:
            out.append(t.encode(name))
        except (UnicodeError, LookupError):
            pass
    return out or None


def gen_shape(dom, rng, pools, depth, size):
    """A value of the shape: mostly well formed, sometimes a near miss, sometimes a body literal of it."""
    build, misses = SHAPES[dom[1]]
    consts = dom[2] if len(dom) > 2 else ()
    r = rng.random()
    if consts and r < 0.2:
        return rng.choice(consts)
    if misses and r > 0.88:
        return rng.choice(misses)
    return build(rng)


def has_part(shape, pieces):
    """Whether values of the shape (a fixed sample of them) hold one of `pieces`."""
    rng = random.Random(0)
    values = [SHAPES[shape][0](rng) for _ in range(24)]
    return any(p in v for p in pieces for v in values)


def gen_bytes(dom, rng, pools, depth, size):
    """Bytes of the named encoding, or of any (empty bytes only now and then: one such case is enough)."""
    bodies = pools.get('bytes') or []
    r = rng.random()
    if bodies and r < 0.25:
        return rng.choice(bodies)
    if r > 0.95:
        return BYTES_EMPTY
    kind = dom[1] if len(dom) > 1 else rng.choice(sorted(BYTES))
    encoded = codec_bytes(kind)
    if encoded:
        v = rng.choice(encoded)
        # Now and then cut short: a decoder's error branch for a truncated sequence.
        return v[:-1] if v and rng.random() < 0.1 else v
    return rng.choice(BYTES[kind])


# What a literal looks like: (pattern, shape). Checked in order; a literal may have several shapes.
LOOKS = [
    (re.compile(r'^[^@\s<>]+@[\w.-]+\.\w+$|^[^<>]*<[^@\s<>]+@[\w.-]+>$'), 'email'),
    (re.compile(r'^[a-z][a-z0-9+.-]*://\S*$', re.I), 'url'),
    (re.compile(r'^(?:[\w.~-]|%[0-9A-Fa-f]{2})*%[0-9A-Fa-f]{2}(?:[\w.~-]|%[0-9A-Fa-f]{2})*$'), 'percent'),
    (re.compile(r'^(?:/|\./|\.\./|~/)[\w .@+-]*(?:/[\w .@+-]*)*$'), 'path'),
    (re.compile(r'^[\w-]+\.(?:py|txt|csv|json|html?|gz|tar|cfg|ini|md|pdf|png|jpe?g|xml|zip)$', re.I), 'filename'),
    (re.compile(r'^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?'), 'isodate'),
    (re.compile(r'^(?:\w{3}, )?\d{1,2} \w{3} \d{4}'), 'date'),
    (re.compile(r'^\d{1,2}:\d{2}(?::\d{2})?$'), 'time'),
    (re.compile(r'^v?\d+(?:\.\d+){1,3}(?:(?:a|b|rc|\.dev|\.post)\d+)?$'), 'version'),
    (re.compile(r'^(?:\d{1,3}\.){3}\d{1,3}$|^[0-9a-f]*::[0-9a-f:]*$', re.I), 'ip'),
    (re.compile(r'^[a-z]+/[\w.+-]+(?:;.*)?$', re.I), 'mime'),
    (re.compile(r'^(?:utf-?8|utf-?16|utf-?32|latin-?1|ascii|us-ascii|iso-?8859-\d+|cp\d+)$', re.I), 'encoding'),
    (re.compile(r'^(?:strict|ignore|replace|surrogateescape|backslashreplace|xmlcharrefreplace|namereplace)$'), 'errors'),
    (re.compile(r'^[a-z]{2}_[A-Z]{2}(?:\.[\w-]+)?(?:@\w+)?$'), 'locale'),
    (re.compile(r'^=\?[\w-]+\?[qQbB]\?'), 'header'),
    (re.compile(r'&(?:#\d+|#x[0-9a-f]+|[a-z]+);|^<[a-z]+[ >/]', re.I), 'html'),
    (re.compile(r'%[-#0 +]*\d*(?:\.\d+)?[sdifxXeEgGr]|%\(\w+\)|%[YmdHMSaAbBpjUwyZz]'), 'format'),
    (re.compile(r'\{\w*(?:![rsa])?(?::[^}]*)?\}'), 'template'),
    (re.compile(r'^[\w.-]+(?:\.[\w-]+)+\.(?:com|org|net|edu|gov|io|uk|de|example|local)$', re.I), 'host'),
    (re.compile(r'^(?:[^\w\s]{1,2}|[\t\n ]|, )$'), 'sep'),
]


def classify(text):
    """The shapes a literal (a default, a doctest argument, a body constant) looks like."""
    if not isinstance(text, str) or not text or len(text) > 200:
        return []
    return [shape for pat, shape in LOOKS if pat.search(text)]
