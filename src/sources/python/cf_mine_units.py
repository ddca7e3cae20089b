"""A module split into top-level units: statements that share a line stay together, each unit knows
the names it binds at module level. Imports become one line per bound name, so a program can carry
exactly the imports it uses; relative imports are made absolute when the package is known."""
import ast

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda,
           ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


class ImportLine:
    guarded = False  # inside `try: ... except ImportError:` (set by the module for nested imports)

    def __init__(self, line, module, name, target):
        self.line, self.module, self.name, self.target = line, module, name, target

    @property
    def top(self):
        return self.module.split('.')[0]


class Unit:
    def __init__(self, index, stmts, text):
        self.index, self.stmts, self.text = index, stmts, text
        first = stmts[0]
        self.line = first.lineno
        self.kind = _kind(stmts)
        self.binds = set()
        for stmt in stmts:
            self.binds |= _binds(stmt)


def _kind(stmts):
    if all(isinstance(s, (ast.Import, ast.ImportFrom)) for s in stmts):
        return 'import'
    if len(stmts) == 1 and isinstance(stmts[0], (ast.FunctionDef, ast.AsyncFunctionDef)):
        return 'def'
    if len(stmts) == 1 and _is_main_guard(stmts[0]):
        return 'main'
    return 'other'


def _is_main_guard(stmt):
    if not isinstance(stmt, ast.If) or not isinstance(stmt.test, ast.Compare):
        return False
    names = [n.id for n in ast.walk(stmt.test) if isinstance(n, ast.Name)]
    return names == ['__name__']


def _binds(stmt):
    """Names a top-level statement binds in module scope (not inside nested scopes)."""
    found, stack = set(), [stmt]
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(node.name)
            stack.extend(node.decorator_list)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.update((a.asname or a.name.split('.')[0]) for a in node.names if a.name != '*')
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):  # `del x` binds nothing
            found.add(node.id)
        elif isinstance(node, ast.MatchAs) and node.name:
            found.add(node.name)
        if not isinstance(node, _SCOPES):
            stack.extend(ast.iter_child_nodes(node))
    return found


def split_units(tree, lines):
    """Top-level statements grouped by shared lines, in module order, with their source text."""
    units, group, group_end = [], [], 0
    for stmt in tree.body:
        start = min([stmt.lineno] + [d.lineno for d in getattr(stmt, 'decorator_list', [])])
        if group and start <= group_end:
            group.append(stmt)
        else:
            if group:
                units.append(group)
            group = [stmt]
        group_end = max(group_end, stmt.end_lineno)
    if group:
        units.append(group)
    result = []
    for index, stmts in enumerate(units):
        start = min([stmts[0].lineno] + [d.lineno for d in getattr(stmts[0], 'decorator_list', [])])
        result.append(Unit(index, stmts, '\n'.join(lines[start - 1:stmts[-1].end_lineno])))
    return result


def absolute_module(node, package):
    """The absolute module an ImportFrom names, or None for a relative import without a package."""
    if node.level == 0:
        return node.module
    if not package:
        return None
    parts = package.split('.')
    if node.level - 1 >= len(parts):
        return None
    base = '.'.join(parts[:len(parts) - (node.level - 1)])
    return f'{base}.{node.module}' if node.module else base


def import_lines(stmt, package):
    """One ImportLine per name an import statement binds; raises LookupError on an unresolvable
    relative import. Star imports return a line with name '*'."""
    if isinstance(stmt, ast.Import):
        out = []
        for a in stmt.names:
            line = f'import {a.name}' + (f' as {a.asname}' if a.asname else '')
            name = a.asname or a.name.split('.')[0]
            out.append(ImportLine(line, a.name, name, a.name if a.asname else name))
        return out
    module = absolute_module(stmt, package)
    if module is None:
        raise LookupError('relative import')
    out = []
    for a in stmt.names:
        line = f'from {module} import {a.name}' + (f' as {a.asname}' if a.asname else '')
        out.append(ImportLine(line, module, a.asname or a.name, f'{module}.{a.name}'))
    return out


class AbsoluteImports(ast.NodeTransformer):
    """Rewrites relative imports inside a unit to absolute ones (raises LookupError if it cannot)."""

    def __init__(self, package):
        self.package = package

    def visit_ImportFrom(self, node):
        if node.level:
            module = absolute_module(node, self.package)
            if module is None:
                raise LookupError('relative import')
            return ast.copy_location(ast.ImportFrom(module=module, names=node.names, level=0), node)
        return node
