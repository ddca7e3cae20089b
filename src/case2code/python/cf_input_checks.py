"""Two checks of the inputs a sample shows, for the report: whether a shown input glues a body
literal onto filler text, and whether the shown cases reach the function's last statement block.

Glued: a string inside the arguments holds a literal of the body (two characters or more, one of
them a letter or digit) but is not that literal, and at one of the literal's ends it meets, without
a separator, a run of letters and digits that is a filler word: the generic vocabulary fuzzers pad
with (`hello`, `abc`, `x`, `a b`, `example`, ...). `'hello__setstate__'` and `'a b/usr/locala b'` are
glued; `'http://example.com'` (the literal ends at `/`), `'reading'` (`read` is no filler) and
`'Enter apple'` (a space between) are not. `glued_any` drops the filler condition: any word
character touching the literal (`'0x1f'` and `'reading'` count there), an upper bound.

Last block: the statement lines of the body's last top-level statement, trailing `raise`s aside
(what runs when no early `return` or `raise` ends the call first; cf_shape.last_block); reached
when a shown case executes one of them.
"""
import ast
import json
import re
from cf_shape import body_literals, find_function, last_block

FILLER = frozenset(w.lower() for w in (
    'apple banana cat dog hello world foo bar baz qux a b c x y z one two three test the python data abc red blue '
    'bob alice key value id42 n1 example com hello racecar spaced x1y2 case aab quick brown fox mississippi '
    'a1b2c3 lorem ipsum string text word sample dummy placeholder'
).split())
RUN = re.compile(r'[A-Za-z0-9]+')


def _word(ch):
    return ch.isalnum() or ch == '_'


def _touching_runs(s, i, j):
    """The letter/digit runs that touch s[i:j] at a word junction (both sides word characters)."""
    out = []
    if i > 0 and _word(s[i - 1]) and _word(s[i]):
        m = re.search(r'[A-Za-z0-9]*$', s[:i])
        out.append(m.group(0))
    if j < len(s) and _word(s[j - 1]) and _word(s[j]):
        m = RUN.match(s, j)
        out.append(m.group(0) if m else '')
    return out


def glued(s, literals):
    """(glued onto filler, glued onto any word) for one string; a literal used whole is neither."""
    filler = anyword = False
    if s in literals:
        return False, False
    for c in literals:
        if c == s or c not in s:
            continue
        start = s.find(c)
        while start >= 0:
            runs = _touching_runs(s, start, start + len(c))
            if runs:
                anyword = True
                if any(r.lower() in FILLER and not r.isdigit() for r in runs):
                    filler = True
            start = s.find(c, start + 1)
        if filler:
            break
    return filler, anyword


def _strings(src):
    try:
        tree = ast.parse(src, mode='eval')
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def measure(request_json):
    """{program, name, cases: [{args, lines}]} -> {glued: [bool], glued_any: [bool], last_block, reached}."""
    req = json.loads(request_json)
    fn = find_function(ast.parse(req['program']), req['name'])
    literals = [c for c in body_literals(fn) if len(c) >= 2 and any(ch.isalnum() for ch in c)]
    out_f, out_a = [], []
    for case in req['cases']:
        f = a = False
        for _, src in case['args']:
            for s in _strings(src):
                gf, ga = glued(s, literals)
                f, a = f or gf, a or ga
        out_f.append(f)
        out_a.append(a)
    block = last_block(fn)
    reached = not block or any(l in block for case in req['cases'] for l in case.get('lines', []))
    return json.dumps({'glued': out_f, 'glued_any': out_a, 'last_block': block, 'reached': reached})
