"""Renaming-blind fingerprints of the functions in a piece of code, for decontamination.

Every function definition (nested ones and methods too) is normalised and hashed: docstring,
annotations, decorators and imports inside it dropped, its own name, its parameters and its local
names renamed by order of first appearance; names it reads from outside (builtins, modules, globals) and attributes
are kept, so `sorted(set(xs))` and `sorted(set(ys))` agree while `math.sin` and `math.cos` do not.
The code is only parsed, never run.
"""
import ast
import copy
import hashlib
import json
import textwrap


class _Locals(ast.NodeVisitor):
    """Names a function binds itself, in order of first appearance (parameters first)."""

    def __init__(self):
        self.order = []
        self.seen = set()
        self.outer = set()

    def add(self, name):
        if name and name not in self.seen:
            self.seen.add(name)
            self.order.append(name)

    def visit_arg(self, node):
        self.add(node.arg)

    def visit_Name(self, node):
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self.add(node.id)

    def visit_Global(self, node):
        self.outer.update(node.names)

    visit_Nonlocal = visit_Global

    def visit_ExceptHandler(self, node):
        self.add(node.name)
        self.generic_visit(node)

    def visit_FunctionDef(self, node):
        self.add(node.name)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        self.add(node.name)
        self.generic_visit(node)


class _Rename(ast.NodeTransformer):
    def __init__(self, names):
        self.names = names

    def visit_Name(self, node):
        node.id = self.names.get(node.id, node.id)
        return node

    def visit_arg(self, node):
        node.arg = self.names.get(node.arg, node.arg)
        node.annotation = None
        node.type_comment = None
        return node

    def visit_ExceptHandler(self, node):
        if node.name:
            node.name = self.names.get(node.name, node.name)
        self.generic_visit(node)
        return node

    def visit_FunctionDef(self, node):
        node.name = self.names.get(node.name, node.name)
        _strip(node)
        self.generic_visit(node)
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_AnnAssign(self, node):
        self.generic_visit(node)
        if node.value is None:
            return None
        return ast.Assign(targets=[node.target], value=node.value)

    def visit_Global(self, node):
        node.names = [self.names.get(n, n) for n in node.names]
        return node

    visit_Nonlocal = visit_Global

    def visit_Import(self, node):
        # Where a module is imported (inside the function or above it) does not change what it does.
        return None

    visit_ImportFrom = visit_Import


def _strip(fn):
    """Drops what a renamed copy may change without changing what the function does."""
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:] or [ast.Pass()]
    fn.body = body
    fn.decorator_list = []
    fn.returns = None
    fn.type_comment = None


def fingerprint(fn):
    """(hash, node count) of one function definition, normalised."""
    fn = copy.deepcopy(fn)
    found = _Locals()
    found.visit(fn.args)
    for stmt in fn.body:
        found.visit(stmt)
    names = {fn.name: '_f'}
    for name in found.order:
        if name not in found.outer and name not in names:
            names[name] = 'v%d' % (len(names) - 1)
    fn = _Rename(names).visit(fn)
    text = ast.dump(fn, annotate_fields=False, include_attributes=False)
    nodes = sum(1 for _ in ast.walk(fn))
    return hashlib.sha256(text.encode('utf-8')).hexdigest()[:20], nodes


def _parse(code):
    try:
        return ast.parse(code)
    except SyntaxError:
        return ast.parse(textwrap.dedent(code))


def functions(code, min_nodes):
    """Fingerprints of every function in `code` with at least `min_nodes` nodes."""
    tree = _parse(code)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            h, n = fingerprint(node)
            if n >= min_nodes:
                out.append({'name': node.name, 'line': node.lineno, 'hash': h, 'nodes': n})
    return out


def fingerprints(request):
    """JSON in: {"codes": [str], "min_nodes": int}; JSON out: {"results": [{"functions": [...]} | {"error": str}]}."""
    req = json.loads(request)
    results = []
    for code in req['codes']:
        try:
            results.append({'functions': functions(code, req.get('min_nodes', 0))})
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            results.append({'error': '%s: %s' % (type(exc).__name__, exc)})
    return json.dumps({'results': results})
