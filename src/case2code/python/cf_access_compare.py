"""The walker's comparisons: constants a path is compared with become its value pool (and say its type),
slices compared with strings give prefixes and suffixes, `len(p) > 5` and `ord(c) >= 97` give lengths
and characters, membership tests give containers and their items, `is None` makes None a value.
"""
import ast
from cf_access_tree import ARITH, _is_num, _special


class Comparisons:
    def compare(self, e):
        items = [e.left] + list(e.comparators)
        paths = [self.ev(x) for x in items]
        for i, op in enumerate(e.ops):
            self._measured(items[i], items[i + 1])
            self._measured(items[i + 1], items[i])
            for (x, px), (y, py) in (((items[i], paths[i]), (items[i + 1], paths[i + 1])),
                                     ((items[i + 1], paths[i + 1]), (items[i], paths[i]))):
                if px is None or _special(px):
                    continue
                membership = isinstance(op, (ast.In, ast.NotIn))
                if membership and x is items[i + 1]:
                    # x is the container
                    if isinstance(y, ast.Constant) and isinstance(y.value, str):
                        self.node(px).affixes.append(('in', y.value))
                        self.node(px).fact('container')
                    elif py is not None:
                        self.fact(px, 'container')
                        self.fact(px, 'keyed' if self._strish(py) else 'container')
                        if not _special(py):
                            self.members.append((py, px))
                    else:
                        self.fact(px, 'container')
                    continue
                if membership:
                    if isinstance(y, (ast.Tuple, ast.List, ast.Set)):
                        for c in y.elts:
                            if isinstance(c, ast.Constant) and c.value is not None:
                                self.node(px).const(c.value)
                                self._const_type(px, c.value)
                    elif isinstance(y, ast.Constant) and isinstance(y.value, str):
                        self.fact(px, 'str')
                    continue
                if isinstance(y, ast.Constant) and y.value is None:
                    # `x is None`, `x != None`: None is one of its values.
                    self.fact(px, 'isnone')
                    continue
                if isinstance(y, ast.Constant) and y.value is not None:
                    if isinstance(x, ast.Subscript) and isinstance(x.slice, ast.Slice) and isinstance(y.value, str):
                        base = self.ev(x.value)
                        if base is not None and not _special(base):
                            lo = x.slice.lower
                            self.node(base).affixes.append(('pre' if lo is None or (isinstance(lo, ast.Constant) and lo.value == 0) else 'suf', y.value))
                            self.fact(base, 'str')
                        continue
                    if isinstance(op, (ast.Is, ast.IsNot)):
                        continue
                    self.node(px).const(y.value)
                    self._const_type(px, y.value)
                elif py is not None and not _special(py) and isinstance(op, (ast.Eq, ast.NotEq)):
                    self.links.append((px, py))
                elif isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) or _is_num(y):
                    if _is_num(y) or isinstance(y, ast.BinOp) or (isinstance(y, ast.Call) and getattr(y.func, 'id', '') in ('len', 'sum', 'abs', 'max', 'min')):
                        self.fact(px, 'num')
                    else:
                        self.fact(px, 'ordered')
                elif isinstance(y, ast.BinOp) and isinstance(y.op, ARITH + (ast.Add,)):
                    self.fact(px, 'num', 0.7)

    def _measured(self, x, y):
        """`len(p) > 5` asks for sizes 5 and 6; `ord(c) >= 97` for the characters around 'a'."""
        c = y.value if _is_num(y) and isinstance(y, ast.Constant) else -y.operand.value if _is_num(y) else None
        if not isinstance(c, int) or isinstance(c, bool) or not isinstance(x, ast.Call) or not isinstance(x.func, ast.Name) or len(x.args) != 1:
            return
        p = self.ev(x.args[0])
        if p is None or _special(p):
            return
        n = self.node(p)
        if x.func.id == 'len' and 0 <= c <= 64:
            for k in (c - 1, c, c + 1):
                if k >= 0 and k not in n.lens and len(n.lens) < 8:
                    n.lens.append(k)
        elif x.func.id == 'ord' and 0 <= c < 0x110000:
            for k in (c - 1, c, c + 1):
                if 32 <= k < 0x110000 and k != 127:
                    n.const(chr(k))
            n.fact('char')

    def _const_type(self, path, v):
        if isinstance(v, bool):
            self.fact(path, 'bool', 0.5)
        elif isinstance(v, int):
            self.fact(path, 'int')
        elif isinstance(v, float):
            self.fact(path, 'float')
        elif isinstance(v, str):
            self.fact(path, 'str')
