"""The domain grammar: every kind of domain the fuzzer infers and draws from, in one place.

A domain is a tuple whose first item is its kind; the rest are the kind's arguments. Inference
(cf_domains from annotations, defaults, docstrings, names; cf_usage and cf_paths from the body;
cf_shape_hints from names, docstrings, defaults, doctests and literals; cf_learn from execution)
produces them, cf_gen draws values of them, cf_learn re-weights them by their `repr` (the domain's
key).

    dom      := scalar | composite
    scalar   := ('any',)                       an int or a str
              | ('int', consts?, hint?)       consts: numbers the body compares with (values near them
              | ('float', consts?)              are drawn); hint 'index' (small, non-negative) or
                                                'digits' (its decimal digits are read)
              | ('str', consts?, affixes?)    consts: strings the body compares with; affixes:
                                                ((where, piece), ...) with where 'pre', 'suf' or 'in'
              | ('word',)                     one plain word
              | ('char', chars?)              one character, often one of chars
              | ('digit',)                    one decimal digit as a string
              | ('numstr', consts, floaty)    a number written as a string (floaty: with a fraction)
              | ('shape', name, consts?)      a string of a known shape (cf_shapes.SHAPES: an e-mail
                                                address, a URL, %XX escapes, a version, a date, ...);
                                                consts: body literals of that shape
              | ('bytes', shape?)             bytes; shape names what they encode (cf_shapes.BYTES), or is
                                              'codec:NAME': CODEC_TEXTS encoded with that codec
              | ('bool',) | ('none',) | ('callable', arity?)
              | ('obj', name)                 an object built by an expression (cf_domains.OBJECTS[name])
    composite:= ('list', item, min_len?) | ('tuple', item, min_len?) | ('set', item)
              | ('dict', key, value, keys?)   keys: string keys it always has
              | ('rec', ((key, dom), ...))    a dict with these keys, each of its own domain
              | ('fixed', 'tuple'|'list', (dom, ...))   one domain per position
              | ('tok', sep, item, fixed, need)   a string of tokens joined by sep; fixed:
                                                ((index, dom), ...) (negative from the end); need:
                                                the fewest tokens
              | ('sized', lengths, dom)       a value of dom, often of one of these lengths
              | ('opt', dom)                  None or a value of dom
              | ('sorted', dom)               a list or tuple of dom in ascending order (the docstring says so)

`check(dom)` says whether a domain is well formed (the tests run it over inferred domains).
"""
import ast
import json
import cf_shapes
from cf_domains import OBJECTS

SCALAR_CONSTS = (int, float, str)


def _doms(xs):
    return isinstance(xs, tuple) and all(check(x) is None for x in xs)


def _consts(xs, types):
    return isinstance(xs, tuple) and all(isinstance(x, types) and not isinstance(x, bool) for x in xs)


def _lengths(xs):
    return isinstance(xs, tuple) and all(type(x) is int and x >= 0 for x in xs)


def _shape_name(x):
    return x in cf_shapes.SHAPES


def _bytes_shape(x):
    return x in cf_shapes.BYTES or cf_shapes.codec_bytes(x) is not None


def _obj_name(x):
    return x in OBJECTS


# kind -> (fewest, most arguments, check of the arguments)
KINDS = {
    'any': (0, 0, lambda a: True),
    'int': (0, 2, lambda a: (not a or _consts(a[0], (int, float))) and (len(a) < 2 or a[1] in ('index', 'digits'))),
    'float': (0, 1, lambda a: not a or _consts(a[0], (int, float))),
    'str': (0, 2, lambda a: (not a or _consts(a[0], str)) and (len(a) < 2 or (
        isinstance(a[1], tuple) and all(isinstance(p, tuple) and len(p) == 2 and p[0] in ('pre', 'suf', 'in') and isinstance(p[1], str) for p in a[1])))),
    'word': (0, 0, lambda a: True),
    'char': (0, 1, lambda a: not a or _consts(a[0], str)),
    'digit': (0, 0, lambda a: True),
    'numstr': (2, 2, lambda a: _consts(a[0], SCALAR_CONSTS) and isinstance(a[1], bool)),
    'shape': (1, 2, lambda a: _shape_name(a[0]) and (len(a) < 2 or _consts(a[1], str))),
    'bytes': (0, 1, lambda a: not a or _bytes_shape(a[0])),
    'bool': (0, 0, lambda a: True),
    'none': (0, 0, lambda a: True),
    'callable': (0, 1, lambda a: not a or (type(a[0]) is int and 1 <= a[0] <= 3)),
    'obj': (1, 1, lambda a: _obj_name(a[0])),
    'list': (1, 2, lambda a: check(a[0]) is None and (len(a) < 2 or (type(a[1]) is int and a[1] >= 0))),
    'tuple': (1, 2, lambda a: check(a[0]) is None and (len(a) < 2 or (type(a[1]) is int and a[1] >= 0))),
    'set': (1, 1, lambda a: check(a[0]) is None),
    'dict': (3, 4, lambda a: check(a[0]) is None and check(a[1]) is None and (len(a) < 3 or isinstance(a[2], tuple))),
    'rec': (1, 1, lambda a: isinstance(a[0], tuple) and all(
        isinstance(p, tuple) and len(p) == 2 and check(p[1]) is None for p in a[0])),
    'fixed': (2, 2, lambda a: a[0] in ('tuple', 'list') and _doms(a[1])),
    'tok': (4, 4, lambda a: isinstance(a[0], str) and check(a[1]) is None and isinstance(a[2], tuple) and all(
        isinstance(p, tuple) and len(p) == 2 and type(p[0]) is int and check(p[1]) is None for p in a[2]) and type(a[3]) is int),
    'sized': (2, 2, lambda a: _lengths(a[0]) and check(a[1]) is None),
    'opt': (1, 1, lambda a: check(a[0]) is None),
    'sorted': (1, 1, lambda a: check(a[0]) is None and a[0][0] in ('list', 'tuple', 'sized')),
}


def check(dom):
    """None when `dom` is well formed; else what is wrong with it."""
    if not isinstance(dom, tuple) or not dom or dom[0] not in KINDS:
        return 'not a domain: %r' % (dom,)
    lo, hi, ok = KINDS[dom[0]]
    args = dom[1:]
    if not lo <= len(args) <= hi:
        return '%s takes %d to %d arguments: %r' % (dom[0], lo, hi, dom)
    try:
        good = ok(args)
    except (TypeError, IndexError):
        good = False
    return None if good else 'bad arguments for %s: %r' % (dom[0], dom)


def check_all(request_json):
    """{domains: [domain key, ...]} -> {problems: [None or what is wrong, ...]} (domain keys are reprs)."""
    out = []
    for k in json.loads(request_json)['domains']:
        try:
            out.append(check(ast.literal_eval(k)))
        except (ValueError, SyntaxError):
            out.append('not a domain literal: %s' % k)
    return json.dumps({'problems': out})
