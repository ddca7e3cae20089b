"""Parameters a function hands on unchanged to another function of the program.

A wrapper (`splitattr(url)`: `return _splitattr(url)`) says nothing of its parameter itself; the
helper it passes it to does (`url.split(';')`). The fuzzer reads the helper's use of its own
parameter as evidence for the wrapper's, one call deep.
"""
import ast


def _defined(tree):
    """The program's top-level functions, by name."""
    return {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}


def _positional(fn):
    a = fn.args
    return [p.arg for p in a.posonlyargs + a.args]


def forwarded(tree, fn, names):
    """[(param, helper, helper's param)] for each bare `param` passed to a program function, by position
    or keyword, in fn's body (nested definitions aside); each pair once."""
    funcs = _defined(tree)
    out, seen = [], set()
    params = set(names)
    for node in ast.walk(fn):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        g = funcs.get(node.func.id)
        if g is None or g is fn:
            continue
        pos = _positional(g)
        kwonly = {p.arg for p in g.args.kwonlyargs}
        pairs = [(a.id, pos[i]) for i, a in enumerate(node.args)
                 if isinstance(a, ast.Name) and a.id in params and i < len(pos)]
        pairs += [(k.value.id, k.arg) for k in node.keywords
                  if k.arg and isinstance(k.value, ast.Name) and k.value.id in params and (k.arg in pos or k.arg in kwonly)]
        for p, gp in pairs:
            if (p, g.name, gp) not in seen:
                seen.add((p, g.name, gp))
                out.append((p, g, gp))
    return out
