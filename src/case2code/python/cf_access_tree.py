"""The access-path tree the walker builds: one node per place a parameter's value is reached
(`p`, `p[0]`, `p[*]['name']`, `p.split(',')[1]`), each holding what was done with it (facts with weights,
constants it was compared with, affixes, lengths it was measured against, how many names it was
unpacked into, the names it is bound to or read under: `name, address = pair`, `row['email']`). Paths are tuples of steps from the parameter's name; `Special` marks what is no path.
"""
import ast

STR_M = {'lower', 'upper', 'strip', 'lstrip', 'rstrip', 'title', 'capitalize', 'casefold', 'swapcase', 'isdigit',
         'isalpha', 'isalnum', 'isspace', 'isupper', 'islower', 'isnumeric', 'isdecimal', 'startswith', 'endswith',
         'replace', 'find', 'rfind', 'partition', 'rpartition', 'splitlines', 'zfill', 'center', 'ljust', 'rjust',
         'encode', 'format', 'split', 'rsplit', 'isidentifier', 'istitle', 'expandtabs', 'translate', 'removeprefix',
         'removesuffix'}
# String methods whose first argument is a string too (`text.endswith(suffix)`).
STR_ARG_M = {'startswith', 'endswith', 'find', 'rfind', 'index', 'rindex', 'count', 'split', 'rsplit', 'partition',
             'rpartition', 'strip', 'lstrip', 'rstrip', 'replace', 'removeprefix', 'removesuffix'}
SAME_STR = {'lower', 'upper', 'strip', 'lstrip', 'rstrip', 'title', 'capitalize', 'casefold', 'swapcase'}
LIST_M = {'append', 'extend', 'insert', 'pop', 'remove', 'sort', 'reverse', 'clear'}
DICT_M = {'items', 'keys', 'values', 'get', 'setdefault', 'update', 'popitem'}
SET_M = {'add', 'discard', 'union', 'intersection', 'difference', 'issubset', 'issuperset', 'symmetric_difference'}
ALIAS_F = {'list', 'sorted', 'reversed', 'tuple', 'iter', 'set', 'frozenset', 'deepcopy', 'copy'}
NUM_F = {'abs', 'round', 'sqrt', 'log', 'log2', 'log10', 'exp', 'floor', 'ceil', 'sin', 'cos', 'tan', 'factorial',
         'isqrt', 'gcd', 'bin', 'hex', 'oct', 'chr', 'divmod', 'pow', 'trunc', 'radians', 'degrees', 'atan', 'hypot'}
NUMSTR_F = {'int', 'float', 'eval', 'Decimal', 'Fraction', 'literal_eval'}
ELEM_NUM_F = {'sum', 'max', 'min', 'mean', 'median', 'fsum', 'prod', 'stdev'}
ISA = {'str': 'str', 'int': 'int', 'float': 'float', 'list': 'list', 'tuple': 'tuple', 'dict': 'dict', 'set': 'set',
       'bool': 'bool'}
ARITH = (ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Pow, ast.BitAnd, ast.BitOr, ast.BitXor, ast.LShift, ast.RShift)
MAX_CONSTS = 24


class Node:
    __slots__ = ('facts', 'consts', 'affixes', 'kids', 'unpack', 'lens', 'names')

    def __init__(self):
        self.facts = {}
        self.lens = []
        self.consts = []
        self.affixes = []
        self.kids = {}
        self.unpack = 0
        self.names = []

    def fact(self, f, w=1.0):
        self.facts[f] = self.facts.get(f, 0) + w

    def const(self, v):
        if v not in self.consts and len(self.consts) < MAX_CONSTS and (not isinstance(v, str) or len(v) <= 60):
            self.consts.append(v)

    def named(self, name):
        if name not in self.names and len(self.names) < 8:
            self.names.append(name)

    def kid(self, step):
        if step not in self.kids:
            self.kids[step] = Node()
        return self.kids[step]


ELEM = ('i', '*')


class Special(tuple):
    """What an expression is when it is no path itself: `enumerate(p)`, `zip(p, q)`, `d.items()`, or a
    comprehension over paths (`[r['x'] for r in rows]`, whose items are `rows[*]['x']`)."""

    def __new__(cls, kind, payload):
        t = super().__new__(cls, (kind, payload))
        t.kind = kind
        return t


def _special(p):
    return isinstance(p, Special)


def _is_items(p):
    return _special(p)


def _is_num(e):
    if isinstance(e, ast.Constant):
        return isinstance(e.value, (int, float)) and not isinstance(e.value, bool)
    if isinstance(e, ast.UnaryOp) and isinstance(e.op, ast.USub):
        return _is_num(e.operand)
    return False


def _is_float(e):
    if isinstance(e, ast.UnaryOp):
        return _is_float(e.operand)
    return isinstance(e, ast.Constant) and isinstance(e.value, float)

