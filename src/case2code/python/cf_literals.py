"""The body's string literals as the parts they are, never glued onto filler words.

A literal is used whole, or in its role: a separator (`','`, `'; '`) joins tokens, an escape marker
(`'%'`, `'\\\\'`, `'&'`, `'=?'`) starts escape sequences of its kind, a prefix (`'http://'`, `'Re: '`,
`'0x'`) starts a value and a suffix (`'.py'`, `'Error'`, `'ing'`) ends one, a word (`'__setstate__'`,
`'utf-8'`) is a token among others. Where two parts meet at word characters a separator goes between
them (`'Enter name'`, not `'Entername'`); only an inflection (`'ing'`) or a CamelCase suffix
(`'Error'`) is written onto a stem that takes it (`'reading'`, `'LookupError'`), and a short
lowercase suffix that is none (`'py'`) ends a file name (`'main.py'`).
"""
import cf_shapes

TOKENS = ['alpha', 'beta', 'report', 'user', 'item', 'config', 'main', 'total', 'status', 'node', 'north', 'price',
          'Paris', 'Mary', 'x1', '42', '3.5', '2023', 'ok', 'A-1']
INFLECTIONS = ('ing', 'ed', 's', 'es', 'er', 'ers', 'ly', 'est', 'ion', 'able', 'ness', 'ment')
STEMS = ['read', 'walk', 'load', 'play', 'open', 'jump', 'print', 'sort']
CAMEL_STEMS = ['Lookup', 'Runtime', 'Type', 'Index', 'Attribute', 'Base', 'Local', 'Http']
HEX_PREFIXES = ('0x', '0X', '\\x', 'u+', 'U+', '#', '&#x')
NUM_PREFIXES = ('0o', '0b', '&#', 'v', 'V', 'n', '#')


def word_end(s):
    return bool(s) and (s[-1].isalnum() or s[-1] == '_')


def word_start(s):
    return bool(s) and (s[0].isalnum() or s[0] == '_')


def attach(a, b, rng, seps=()):
    """`a` then `b`; a separator between them where both meet at word characters."""
    if word_end(a) and word_start(b):
        return a + rng.choice(list(seps) + [' ', ' ']) + b
    return a + b


def role(piece):
    if not piece:
        return 'empty'
    if piece in ('%', '%%', '\\', '\\\\', '&', '=?', '\\x', '\\u', '&#', '$', '${'):
        return 'escape'
    if not any(ch.isalnum() for ch in piece):
        return 'sep' if len(piece) <= 3 else 'open'
    if ' ' in piece.strip():
        return 'phrase'
    if word_start(piece) and not word_end(piece):
        return 'open'
    if word_end(piece) and not word_start(piece):
        return 'close'
    return 'word'


def _token(rng):
    return rng.choice(TOKENS)


def _escaped(piece, rng):
    if piece.startswith('%'):
        return cf_shapes.percent_encode(rng.choice(cf_shapes.PHRASES), rng, every=True) if rng.random() < 0.7 else \
            cf_shapes.SHAPES['format'][0](rng)
    if piece.startswith('\\'):
        return cf_shapes.SHAPES['escaped'][0](rng)
    if piece.startswith('&'):
        return cf_shapes.SHAPES['html'][0](rng)
    if piece == '=?':
        return rng.choice(['=?utf-8?q?caf=C3=A9?=', '=?iso-8859-1?b?aGVsbG8=?=', 'Hi =?utf-8?q?J=C3=B6rg?= there'])
    return piece + _token(rng)


# What continues a part by the separator inside it: `/usr/local` goes on as a path, `os.path` as a
# dotted name.
PATH_PARTS = ['bin', 'lib/python3', 'share/doc', 'file.txt', 'src', 'index.html']
DOTTED_PARTS = ['name', 'sub', 'attr', 'Item', 'v2']
FILE_STEMS = ['main', 'setup', 'test_util', 'my file', '__init__', 'README', 'data-2023']


def _inner_sep(piece):
    if '/' in piece or '\\' in piece:
        return '\\' if '\\' in piece and '/' not in piece else '/'
    if '.' in piece and ' ' not in piece:
        return '.'
    return None


def _after(piece, rng, seps):
    """A value written after a prefix."""
    if piece.endswith(HEX_PREFIXES):
        return piece + rng.choice(['ff', '1F', '00e9', '7fff', '41', 'deadbeef'])
    if piece.endswith(NUM_PREFIXES) or piece[-1:].isdigit():
        return piece + rng.choice(['1', '17', '0', '255', '3.2'])
    if piece.endswith('://') or piece.endswith('//'):
        return piece + rng.choice(['example.com', 'www.python.org/docs/', 'localhost:8000/api?x=1', '[::1]/', 'user@host/path'])
    inner = _inner_sep(piece)
    if inner and word_end(piece):
        return piece + inner + rng.choice(PATH_PARTS if inner != '.' else DOTTED_PARTS)
    if inner and not word_end(piece):
        return piece + rng.choice(PATH_PARTS if inner != '.' else DOTTED_PARTS)
    return attach(piece, _token(rng), rng, seps)


def _before(piece, rng, seps):
    """A value written before a suffix."""
    if piece in INFLECTIONS:
        return rng.choice(STEMS) + piece
    if piece.isalpha() and piece.islower() and len(piece) <= 4:
        # `endswith('py')`: an extension without its dot.
        return rng.choice(FILE_STEMS) + '.' + piece
    if piece.isalpha() and piece[0].isupper() and not piece.isupper():
        return rng.choice(CAMEL_STEMS) + piece
    if piece[:1] in ('.', '/', '\\'):
        return rng.choice(FILE_STEMS if piece[:1] == '.' else ['/home/alice', 'src', '/opt']) + piece
    return attach(_token(rng), piece, rng, seps)


def place(piece, where, rng, seps=()):
    """A string that holds `piece` as the part it is (`where`: 'pre', 'suf' or 'in')."""
    r = role(piece)
    if r == 'empty':
        return _token(rng)
    if r == 'escape':
        return _escaped(piece, rng)
    if where == 'pre' or (where == 'in' and r == 'open' and rng.random() < 0.7):
        return _after(piece, rng, seps)
    if where == 'suf' or (where == 'in' and r == 'close' and rng.random() < 0.7):
        return _before(piece, rng, seps)
    if r == 'sep':
        return piece.join(_token(rng) for _ in range(rng.randint(2, 4)))
    # A word or phrase among other tokens.
    sep = rng.choice(list(seps) + [' ', ' '])
    toks = [_token(rng) for _ in range(rng.randint(1, 3))]
    toks.insert(rng.randint(0, len(toks)), piece)
    return sep.join(toks)


def boundaries(v):
    """Where a part may go into `v` without splitting a word: its ends and the edges of its words."""
    cuts = {0, len(v)}
    for i in range(1, len(v)):
        if word_end(v[:i]) != word_end(v[:i + 1]) or not word_start(v[i:]):
            cuts.add(i)
    return sorted(cuts)

