"""Generators of scalar domains: numbers (near the body's constants, digit patterns, indices),
strings (the body's constants whole or in their role, plain strings), words, characters, digits,
numeric strings, booleans, None, callables and objects (shaped strings and bytes: cf_shapes). Each
takes (dom, rng, pools, depth, size)."""
import string
import cf_gen
from cf_domains import OBJECTS
from cf_literals import place
from cf_mutate import mutate, near_miss
from cf_src import Src
from cf_vocab import BASE_FLOATS, BASE_INTS, BASE_STRS, CALLABLES, CALLABLES_OF, PLAIN_STRS, SMALL_INTS, WORDS


def _near(c, rng):
    """A value at or next to a constant the body compares with (mutants change exactly these edges)."""
    if isinstance(c, float):
        return rng.choice([c, c, c + 0.5, c - 0.5, c + 0.1, c - 0.1, c * 2])
    return c + rng.choice([0, 0, 0, 1, -1, 2, -2])


def _num(kind, consts, rng, pools):
    if pools.get('small') and rng.random() < 0.8:
        # Earlier inputs timed out: sizes and counts stay small.
        v = rng.choice(SMALL_INTS)
        return float(v) + rng.choice([0, 0.5]) if kind == 'float' else v
    if consts and rng.random() < 0.5:
        v = _near(rng.choice(consts), rng)
        return float(v) if kind == 'float' else (int(v) if isinstance(v, float) and v == int(v) else v) if kind == 'int' else v
    if kind == 'float':
        nums = pools['floats'] + [float(i) for i in pools['ints'] if abs(i) < 10**6]
        if nums and rng.random() < 0.4:
            return _near(float(rng.choice(nums)), rng)
        return rng.choice(BASE_FLOATS) if rng.random() < 0.5 else round(rng.uniform(-20, 20), 2)
    src = pools['ints'] if pools['ints'] and rng.random() < 0.45 else BASE_INTS
    v = rng.choice(src)
    return v + rng.choice([0, 0, 1, -1]) if rng.random() < 0.3 else v


def _digits(kind, rng):
    """A number whose digits repeat, are in order or mirror each other."""
    d = [rng.choice(string.digits) for _ in range(rng.randint(1, 7))]
    r = rng.random()
    if r < 0.35:
        d.sort()
    if len(d) > 1 and rng.random() < 0.4:
        i = rng.randrange(len(d) - 1)
        d[i + 1] = d[i]
    if r > 0.85:
        d = d + d[::-1]
    v = int(''.join(d))
    return float(v) if kind == 'float' else v


def gen_number(dom, rng, pools, depth, size):
    kind = dom[0]
    if len(dom) > 2 and dom[2] == 'index' and rng.random() < 0.5:
        # Used as an index: small non-negative numbers land inside the containers.
        return rng.randint(0, 5)
    if len(dom) > 2 and dom[2] == 'digits' and rng.random() < 0.6:
        # Its digits are read one by one.
        return _digits(kind, rng)
    return _num(kind, dom[1] if len(dom) > 1 else (), rng, pools)


def gen_str(dom, rng, pools, depth, size):
    consts = dom[1] if len(dom) > 1 else ()
    affixes = dom[2] if len(dom) > 2 else ()
    r = rng.random()
    if consts and r < 0.55:
        c = rng.choice(consts)
        return c if rng.random() < 0.75 else near_miss(c, rng) if isinstance(c, str) else mutate(c, rng, pools)
    if consts and r < 0.95 and all(isinstance(c, str) and len(c) == 1 for c in consts):
        # Compared only with single characters (`sign_str == "+"`): a caller passes characters of their kind.
        return sibling(rng.choice(consts), rng)
    if affixes and r < 0.65:
        # A prefix, suffix or part the body looks for, in a value that has it where it belongs.
        where, piece = rng.choice(affixes)
        return place(piece, where, rng, pools.get('seps', ()))
    r = rng.random()
    if pools['strs'] and r < 0.2:
        return rng.choice(pools['strs'])
    if pools['strs'] and r < 0.3:
        # Rarely inside other words: a body literal in filler (`'north surrogateescape price'`) is no
        # value a caller passes (the parts the body looks for come placed through `affixes`).
        return place(rng.choice(pools['strs']), 'in', rng, pools.get('seps', ()))
    if r < 0.75:
        return rng.choice(BASE_STRS)
    if r < 0.9:
        return rng.choice(PLAIN_STRS)
    return rng.choice([' ', '_', '-']).join(rng.sample(WORDS, rng.randint(1, 3)))


PARTNERS = {'+': '-', '-': '+', '<': '>', '>': '<', '(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{',
            '0': '1', '1': '0', 'y': 'n', 'n': 'y', 'Y': 'N', 'N': 'Y', "'": '"', '"': "'"}


def sibling(c, rng):
    """A character of the same class as `c` (`-` for `+`, a letter for a letter, a digit for a digit)."""
    if c in PARTNERS and rng.random() < 0.5:
        return PARTNERS[c]
    for cls in (string.digits, string.ascii_lowercase, string.ascii_uppercase, '+-*/%=<>!&|^~', '.,;:', ' \t\n\r'):
        if c in cls:
            return rng.choice(cls)
    return c


def gen_any(dom, rng, pools, depth, size):
    return cf_gen.gen(rng.choice([('int',), ('str',)]), rng, pools, depth)


def gen_word(dom, rng, pools, depth, size):
    return rng.choice(WORDS) if rng.random() < 0.8 else cf_gen.gen(('str',), rng, pools, depth)


def gen_char(dom, rng, pools, depth, size):
    cs = dom[1] if len(dom) > 1 else ()
    if cs and rng.random() < 0.6:
        return rng.choice(cs)
    return rng.choice(string.ascii_lowercase + string.ascii_uppercase[:4] + '-+_ .')


def gen_digit(dom, rng, pools, depth, size):
    return rng.choice(string.digits)


def gen_numstr(dom, rng, pools, depth, size):
    consts = dom[1] if len(dom) > 1 else ()
    floaty = len(dom) > 2 and dom[2]
    if consts and rng.random() < 0.5:
        c = rng.choice(consts)
        return c if isinstance(c, str) else str(_near(c, rng))
    v = _num('float' if floaty and rng.random() < 0.5 else 'int', (), rng, pools)
    if rng.random() < 0.1:
        return rng.choice(['', 'x', ' 7', '1e3', '-0'])
    return str(v)


def gen_bool(dom, rng, pools, depth, size):
    return rng.random() < 0.5


def gen_none(dom, rng, pools, depth, size):
    return None


def gen_callable(dom, rng, pools, depth, size):
    return Src(rng.choice(CALLABLES_OF.get(dom[1], CALLABLES) if len(dom) > 1 else CALLABLES))


def gen_obj(dom, rng, pools, depth, size):
    return Src(rng.choice(OBJECTS.get(dom[1], ['None'])))
