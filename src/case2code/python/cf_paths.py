"""Structural domains from how the body reaches into its parameters (no hand-written contracts).

The walker follows access paths from each parameter through subscripts, loop variables, unpacking,
`enumerate`/`zip`/`.items()`, aliases (`a = p[0]`, `list(p)`, `p.strip()`) and `.split(sep)`, and
records at each node what is done with it (string/list/dict methods, arithmetic, `int(...)`,
comparisons with constants, membership). `domains(fn, names)` turns each parameter's tree into one
composite domain: `data[i][1].find('x')` gives a list of tuples whose second item is a string,
`session['email'].lower()` a dict with an `email` string, `a = line.split(); a[0] == 'Enter'` a string of
space-separated tokens whose first is often `Enter`, `s[-3:] == 'ing'` a string that often ends in
`ing`. Constants a node is compared with become that node's own value pool.
"""
import ast
from cf_access_calls import Calls
from cf_access_compare import Comparisons
from cf_access_exprs import Expressions
from cf_access_stmts import Statements
from cf_access_tree import ELEM, Node, _special
from cf_tree_domains import _score, dom_of, kinds


class _Walker(Statements, Expressions, Calls, Comparisons):
    """Walks a body once; `roots` holds each parameter's access-path tree."""

    def __init__(self, names, fname):
        self.roots = {n: Node() for n in names}
        self.links = []
        self.members = []
        self.env = {n: (n,) for n in names}
        self.fname = fname

    def node(self, path):
        if _special(path) or path[0] not in self.roots:
            return Node()
        n = self.roots[path[0]]
        for step in path[1:]:
            n = n.kid(step)
        return n

    def fact(self, path, f, w=1.0):
        if path is not None:
            self.node(path).fact(f, w)

    def _strish(self, path):
        """Whether the value at `path` is known as a string (or a numeric string)."""
        n = self.node(path)
        return n.facts.get('str', 0) + n.facts.get('numstr', 0) > 0 or any(isinstance(c, str) for c in n.consts)


def domains(fn, names):
    """{param: [(domain, share)]} for the parameters whose use says something: the best domain, and a
    close second where the evidence is split (a string indexed like a list)."""
    w = _Walker(names, fn.name)
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    w.stmts(body)
    _unify(w)
    return _shares(w, names)


def _unify(w):
    """Facts one node lends another once the whole body is read."""
    # Values compared for equality share their type: the better-known side lends its facts.
    for a, b in w.links:
        na, nb = w.node(a), w.node(b)
        fa, fb = dict(na.facts), dict(nb.facts)
        for f in ('str', 'num', 'int', 'float', 'numstr'):
            if fb.get(f, 0) > 0 and not fa.get(f):
                na.fact(f, min(fb[f], 2))
            if fa.get(f, 0) > 0 and not fb.get(f):
                nb.fact(f, min(fa[f], 2))
    # `part in text` where text is a string: the part is a string too.
    for e, c in w.members:
        sc = _score(w.node(c))
        if sc['str'] > 0 and sc['str'] >= sc['list'] + sc['dict'] + sc['set']:
            w.node(e).fact('str', 2)
        elif sum(sc.values()) == 0 and w._strish(e):
            # A collection of strings (a list here; a dict or set keyed by them is the close second).
            w.fact(c, 'list', 0.6)
            w.fact(c + (ELEM,), 'str')


def _shares(w, names):
    """Each parameter's domains (best first) with their shares of the evidence."""
    out = {}
    for n in names:
        try:
            ks = kinds(w.roots[n])
            doms = [(dom_of(w.roots[n], 0, k), sc) for k, sc in ks]
        except RecursionError:
            doms = []
        doms = [(d, sc) for d, sc in doms if d is not None]
        if not doms and w.roots[n].consts:
            d = dom_of(w.roots[n])
            doms = [(d, 1)] if d else []
        if doms and doms[0][0][0] in ('int', 'float') and (len(doms[0][0]) == 2 or doms[0][0][2] == 'digits'):
            # Numbers compared or computed with: the other numeric type too (`/` vs `//`, `1e-05` reprs).
            d, sc = doms[0]
            doms.insert(1, (('float' if d[0] == 'int' else 'int', d[1]), sc * 0.35))
        shares = []
        if doms:
            total = sum(sc for _, sc in doms)
            shares = [(d, sc / total) for d, sc in doms]
        if w.roots[n].facts.get('isnone'):
            shares.append((('none',), 0.3))
        if shares:
            out[n] = shares
    return out
