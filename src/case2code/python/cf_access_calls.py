"""The walker's calls: methods on a path (string, list, dict and set methods, `.split(sep)` giving a path of
tokens), and built-ins given a path (`len`, `int`, `str`, `ord`, `range`, math, `enumerate`, `zip`,
aliases, `isinstance`, the function's own recursive call).
"""
import ast
from cf_access_tree import ALIAS_F, DICT_M, ELEM, ELEM_NUM_F, ISA, LIST_M, NUM_F, NUMSTR_F, SAME_STR, SET_M, STR_ARG_M, STR_M, \
    Special, _special


class Calls:
    def _keywords(self, e):
        for k in e.keywords:
            p = self.ev(k.value)
            if k.arg is None and p is not None and not _special(p):
                # `f(**options)`: a mapping of names to values.
                self.fact(p, 'dict', 2)

    def call(self, e):
        f = e.func
        args = e.args
        if isinstance(f, ast.Attribute):
            b = self.ev(f.value)
            m = f.attr
            aps = [self.ev(a) for a in args]
            self._keywords(e)
            if isinstance(f.value, ast.Constant) and isinstance(f.value.value, str) and m == 'join' and aps and aps[0] is not None:
                self.fact(aps[0], 'iter')
                self.fact(aps[0] + (ELEM,), 'str')
                return None
            a0 = aps[0] if aps and not _special(aps[0]) else None
            if m in STR_ARG_M and a0 is not None and (b is not None and not _special(b) or (
                    isinstance(f.value, ast.Constant) and isinstance(f.value.value, str))):
                # `haystack.endswith(needle[:l])`: what a string method takes is a string too.
                self.fact(a0, 'str', 2)
            if b is None or _special(b):
                return None
            c0 = args[0].value if args and isinstance(args[0], ast.Constant) else None
            if m in STR_M:
                self.fact(b, 'str', 2)
                if m == 'format':
                    # `template.format(...)`: a format string with `{}` fields.
                    self.fact(b, 'braces')
                if isinstance(c0, str) and m in ('startswith', 'endswith', 'find', 'rfind', 'count', 'index', 'replace',
                                                 'partition', 'rpartition', 'removeprefix', 'removesuffix'):
                    self.node(b).affixes.append(('pre' if m in ('startswith', 'removeprefix') else 'suf' if m in ('endswith', 'removesuffix') else 'in', c0))
                if m in ('split', 'rsplit'):
                    sep = c0 if isinstance(c0, str) else None
                    if sep is not None:
                        self.node(b).affixes.append(('in', sep))
                    return b + (('split', sep),)
                if m in ('partition', 'rpartition') and isinstance(c0, str):
                    # (head, separator, tail): two parts of the text, not three tokens.
                    return b + (('split', c0, 'part'),)
                if m == 'splitlines':
                    return b + (('split', '\n'),)
                if m in SAME_STR:
                    return b
                if m in ('isdigit', 'isnumeric', 'isdecimal'):
                    self.fact(b, 'numstr', 0.5)
                return None
            if m in ('count', 'index') and args:
                if isinstance(c0, str):
                    self.fact(b, 'str')
                    self.node(b).affixes.append(('in', c0))
                else:
                    self.fact(b, 'seq')
                return None
            if m in LIST_M:
                self.fact(b, 'list', 2)
                if m == 'pop' and not args:
                    return b + (ELEM,)
                return None
            if m in DICT_M:
                self.fact(b, 'dict', 2)
                if m == 'items':
                    return Special('items', b)
                if m in ('keys', 'values'):
                    return b + ((m,),)
                if m in ('get', 'setdefault', 'pop') and args:
                    if isinstance(c0, str):
                        self.node(b + (('k', c0),)).named(c0)
                        return b + (('k', c0),)
                    k = aps[0]
                    if k is not None:
                        self.fact(k, 'key')
                    return b + (('V',),)
                return None
            if m in SET_M:
                self.fact(b, 'set', 2)
                return None
            if m == 'copy':
                return b
            if m == 'decode':
                self.fact(b, 'bytes', 2)
                return None
            return None
        name = f.id if isinstance(f, ast.Name) else getattr(f, 'attr', None)
        if isinstance(f, ast.Name) and f.id in self.env:
            self.fact(self.env[f.id], 'call', 3)
        elif not isinstance(f, ast.Name):
            self.ev(f)
        aps = [self.ev(a) for a in args]
        self._keywords(e)
        p0 = aps[0] if aps else None
        if name == 'len':
            self.fact(p0, 'len')
        elif name in NUMSTR_F:
            if p0 is not None and not _special(p0):
                self.fact(p0, 'numstr', 1.5)
                if name == 'float':
                    self.fact(p0, 'floaty')
                # What the parsed number is compared with says which numbers to write.
                return p0 + (('parsed',),)
            return None
        elif name in ('str', 'repr') and len(aps) == 1 and p0 is not None and not _special(p0):
            # `s = str(n)` then `int(s[i])`: n is a number whose digits are read.
            return self._kid(p0, ('strof',))
        elif name == 'ord':
            self.fact(p0, 'char', 2)
        elif name == 'range':
            for p in aps:
                self.fact(p, 'int', 2)
        elif name in NUM_F:
            for p in aps[:2]:
                self.fact(p, 'num', 1.5)
        elif name in ELEM_NUM_F and len(aps) == 1 and p0 is not None:
            self.fact(p0, 'iter')
            self.fact(p0 + (ELEM,), 'num')
        elif name == 'enumerate' and p0 is not None:
            self.fact(p0, 'iter')
            return Special('enum', p0 + (ELEM,))
        elif name == 'zip' and aps:
            for p in aps:
                self.fact(p, 'iter')
            return Special('zip', tuple(p + (ELEM,) if p is not None and not _special(p) else None for p in aps))
        elif name in ALIAS_F and len(aps) == 1 and p0 is not None:
            self.fact(p0, 'iter', 0.5)
            return p0
        elif name == 'isinstance' and len(args) == 2 and p0 is not None:
            for t in (args[1].elts if isinstance(args[1], ast.Tuple) else [args[1]]):
                tn = t.id if isinstance(t, ast.Name) else getattr(t, 'attr', None)
                if tn in ISA:
                    self.fact(p0, ISA[tn], 0.3 if len(args[1].elts if isinstance(args[1], ast.Tuple) else [1]) > 1 else 1)
        elif name == self.fname:
            # A recursive call: what it is given has the parameters' own domains.
            for p in aps:
                if p is not None:
                    self.fact(p, 'rec')
        return None
