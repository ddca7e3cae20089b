"""The walker's statements: assignments bind names to access paths (unpacking, `enumerate`, `zip`,
`.items()`), loops bind their variable to the items' path, and every other statement's expressions
are read for what they do with the paths.
"""
import ast
from cf_access_tree import ARITH, ELEM, _is_num, _special


class Statements:
    def stmts(self, body):
        for s in body:
            self.stmt(s)

    def stmt(self, s):
        if isinstance(s, ast.Assign):
            p = self.ev(s.value)
            for t in s.targets:
                self.bind(t, p, s.value)
        elif isinstance(s, ast.AnnAssign) and s.value is not None:
            self.bind(s.target, self.ev(s.value), s.value)
        elif isinstance(s, ast.AugAssign):
            v = self.ev(s.value)
            t = self.ev(s.target)
            if isinstance(s.op, ARITH) or _is_num(s.value):
                self.fact(t, 'num')
                self.fact(v, 'num')
            elif isinstance(s.value, ast.Constant) and isinstance(s.value.value, str):
                self.fact(t, 'str')
        elif isinstance(s, (ast.For, ast.AsyncFor)):
            self.bind(s.target, self.iter_elem(s.iter), None)
            self.stmts(s.body)
            self.stmts(s.body)  # a second pass sees aliases made late in the loop
            self.stmts(s.orelse)
        elif isinstance(s, (ast.While, ast.If)):
            self.ev(s.test)
            self.stmts(s.body)
            self.stmts(s.orelse)
        elif isinstance(s, (ast.With, ast.AsyncWith)):
            for it in s.items:
                self.ev(it.context_expr)
            self.stmts(s.body)
        elif isinstance(s, ast.Try):
            self.stmts(s.body)
            for h in s.handlers:
                self.stmts(h.body)
            self.stmts(s.orelse)
            self.stmts(s.finalbody)
        elif isinstance(s, (ast.Return, ast.Expr)) and s.value is not None:
            self.ev(s.value)
        elif isinstance(s, ast.Assert):
            self.ev(s.test)
        elif isinstance(s, ast.Delete):
            for t in s.targets:
                if isinstance(t, ast.Subscript):
                    self.ev(t)

    def bind(self, target, path, value):
        if isinstance(target, ast.Name):
            if _special(path) and path.kind != 'comp':
                path = None
            if path is not None:
                self.env[target.id] = path
                if not _special(path):
                    self.node(path).named(target.id)
            else:
                self.env.pop(target.id, None)
        elif isinstance(target, (ast.Tuple, ast.List)):
            elts = target.elts
            if _special(path) and path.kind == 'comp':
                path = None
            if _special(path) and path.kind == 'enum':
                if len(elts) == 2:
                    self.bind(elts[0], None, None)
                    self.bind(elts[1], path[1], None)
                return
            if _special(path) and path.kind == 'zip':
                for e, p in zip(elts, path[1]):
                    self.bind(e, p, None)
                for e in elts[len(path[1]):]:
                    self.bind(e, None, None)
                return
            if _special(path) and path.kind == 'items':
                if len(elts) == 2:
                    self.bind(elts[0], path[1] + (('K',),), None)
                    self.bind(elts[1], path[1] + (('V',),), None)
                return
            if path is not None:
                self.node(path).unpack = max(self.node(path).unpack, len(elts))
            for i, e in enumerate(elts):
                if isinstance(e, ast.Starred):
                    self.bind(e.value, None, None)
                    continue
                self.bind(e, path + (('i', i),) if path is not None else None, None)
        elif isinstance(target, ast.Subscript):
            base = self.ev(target.value)
            key = self.ev(target.slice) if not isinstance(target.slice, ast.Slice) else None
            if base is not None:
                sl = target.slice
                if isinstance(sl, ast.Constant) and isinstance(sl.value, str):
                    self.fact(base, 'dict', 2)
                elif key is not None and self._strish(key):
                    self.fact(base, 'dict', 2)
                self.fact(base, 'setitem')
        elif isinstance(target, ast.Attribute):
            self.ev(target.value)
        elif isinstance(target, ast.Starred):
            self.bind(target.value, None, None)

    def iter_elem(self, it):
        p = self.ev(it)
        if p is None:
            return None
        if _special(p):
            return p[1] if p.kind == 'comp' else p
        self.fact(p, 'iter')
        last = p[-1] if len(p) > 1 else None
        if last == ('keys',):
            return p[:-1] + (('K',),)
        if last == ('values',):
            return p[:-1] + (('V',),)
        return p + (ELEM,)
