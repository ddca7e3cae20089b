"""The walker's expressions: `ev(e)` answers the access path an expression is (or None) and records
facts on the way: subscripts (index, key, slice bounds), attributes, operators, comprehensions.
"""
import ast
from cf_access_tree import ARITH, ELEM, Special, _is_float, _is_items, _is_num, _special


class Expressions:
    # -- expressions: returns the access path the value is (or None), recording facts on the way
    def ev(self, e):
        if e is None:
            return None
        if isinstance(e, ast.Name):
            return self.env.get(e.id)
        if isinstance(e, ast.Subscript):
            return self.subscript(e)
        if isinstance(e, ast.Attribute):
            b = self.ev(e.value)
            if b is not None and not _is_items(b):
                if e.attr in ('real', 'imag', 'numerator', 'denominator'):
                    self.fact(b, 'num')
            return None
        if isinstance(e, ast.Call):
            return self.call(e)
        if isinstance(e, ast.BinOp):
            return self.binop(e)
        if isinstance(e, ast.Compare):
            self.compare(e)
            return None
        if isinstance(e, ast.BoolOp):
            for v in e.values:
                self.ev(v)
            return None
        if isinstance(e, ast.UnaryOp):
            p = self.ev(e.operand)
            if isinstance(e.op, (ast.USub, ast.UAdd, ast.Invert)):
                self.fact(p, 'num')
            return None
        if isinstance(e, ast.IfExp):
            self.ev(e.test)
            a, b = self.ev(e.body), self.ev(e.orelse)
            return a if a is not None else b
        if isinstance(e, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            saved = dict(self.env)
            for g in e.generators:
                self.bind(g.target, self.iter_elem(g.iter), None)
                for cond in g.ifs:
                    self.ev(cond)
            elt = None
            if isinstance(e, ast.DictComp):
                self.ev(e.key)
                self.ev(e.value)
            else:
                elt = self.ev(e.elt)
            self.env = saved
            return Special('comp', elt) if elt is not None and not _special(elt) else None
        if isinstance(e, (ast.Tuple, ast.List, ast.Set)):
            for x in e.elts:
                self.ev(x)
            return None
        if isinstance(e, ast.Dict):
            for x in list(e.keys) + list(e.values):
                self.ev(x)
            return None
        if isinstance(e, ast.JoinedStr):
            for v in e.values:
                if isinstance(v, ast.FormattedValue):
                    self.ev(v.value)
            return None
        if isinstance(e, ast.Starred):
            return self.ev(e.value)
        if isinstance(e, (ast.Await, ast.Yield, ast.YieldFrom)):
            return self.ev(e.value)
        if isinstance(e, ast.NamedExpr):
            p = self.ev(e.value)
            self.bind(e.target, p, e.value)
            return p
        return None

    def subscript(self, e):
        b = self.ev(e.value)
        sl = e.slice
        if _special(b) and b.kind == 'comp':
            # An item of a comprehension over paths is the path its items come from.
            if not isinstance(sl, ast.Slice):
                self.ev(sl)
                return b[1]
            return b
        if isinstance(sl, ast.Slice):
            for x in (sl.lower, sl.upper, sl.step):
                self.fact(self.ev(x), 'num', 0.5)
            if b is not None and not _special(b):
                self.fact(b, 'seq')
                # `s[0:8]`, `s[8:16]`: lengths around the bounds are where the slices change.
                n = self.node(b)
                for x in (sl.lower, sl.upper):
                    if isinstance(x, ast.Constant) and type(x.value) is int and 0 < x.value <= 64 and len(n.lens) < 8:
                        for k in (x.value, x.value + 1):
                            if k not in n.lens:
                                n.lens.append(k)
                return b
            return None
        if isinstance(sl, ast.Constant):
            if b is None or _special(b) or isinstance(sl.value, bool):
                return None
            if isinstance(sl.value, int):
                self.fact(b, 'seq')
                return self._kid(b, ('i', sl.value))
            if isinstance(sl.value, str):
                self.fact(b, 'dict', 2)
                p = self._kid(b, ('k', sl.value))
                self.node(p).named(sl.value)
                return p
            return None
        if isinstance(sl, ast.UnaryOp) and isinstance(sl.op, ast.USub) and isinstance(sl.operand, ast.Constant) and type(sl.operand.value) is int:
            if b is None or _special(b):
                return None
            self.fact(b, 'seq')
            return self._kid(b, ('i', -sl.operand.value))
        k = self.ev(sl)
        if b is None or _special(b):
            return None
        if k is not None:
            self.fact(k, 'index', 0.5)
        if k is not None and self._strish(k):
            self.fact(b, 'dict')
            return self._kid(b, ('V',))
        self.fact(b, 'seq', 0.5)
        return self._kid(b, ELEM)

    def _kid(self, path, step):
        p = path + (step,)
        self.node(p)
        return p

    def binop(self, e):
        a, b = self.ev(e.left), self.ev(e.right)
        for side, other, p in ((e.left, e.right, a), (e.right, e.left, b)):
            if p is None:
                continue
            if isinstance(other, ast.Constant) and isinstance(other.value, str):
                if isinstance(e.op, ast.Mod) and side is e.right:
                    continue
                self.fact(p, 'str')
            elif isinstance(e.op, ast.Mod) and side is e.left and isinstance(other, (ast.Tuple, ast.Dict)):
                self.fact(p, 'str')
                self.fact(p, 'percents')
            elif _is_num(other):
                if isinstance(e.op, (ast.Mod, ast.FloorDiv)) and side is e.left and isinstance(other, ast.Constant) and other.value == 10:
                    # `n % 10`, `n // 10`: the number's decimal digits are read.
                    self._kid(p, ('strof',))
                    self.fact(p + (('strof',),), 'numstr')
                if isinstance(e.op, ast.Mult) and isinstance(other, ast.Constant):
                    self.fact(p, 'num', 0.5)
                else:
                    self.fact(p, 'float' if isinstance(e.op, ast.Div) or (_is_float(other) and not isinstance(e.op, ast.Pow)) else 'num')
            elif isinstance(e.op, ARITH) and not isinstance(e.op, ast.Mult):
                self.fact(p, 'num')
            elif isinstance(e.op, ast.Add):
                self.fact(p, 'add')
        return None
