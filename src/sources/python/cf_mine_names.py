"""Scope analysis for mining, done by Python's own symbol tables: which module-level names a
top-level statement reads, which names a function keeps local, and how free names are used."""
import ast
import builtins
import symtable

BUILTINS = frozenset(dir(builtins))
_ANNOTATION_FIELDS = ('annotation', 'returns')


def _tables(table):
    stack = [table]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.get_children())


def scope_names(text):
    """(global_reads, locals) of a module-level snippet.

    global_reads: names the snippet reads from module scope or builtins, at definition time or
    when its functions run. locals: names some nested scope keeps to itself (parameters, locals,
    comprehension variables), used to normalise identifiers for near-duplicate detection."""
    top = symtable.symtable(text, '<unit>', 'exec')
    reads, local = set(), set()
    for sym in top.get_symbols():
        if sym.is_referenced():
            reads.add(sym.get_name())
    for child in top.get_children():
        for table in _tables(child):
            for sym in table.get_symbols():
                name = sym.get_name()
                # Python 3.11's symtable calls every bound name of a function named `top` global
                # (it takes the name for the module's); a name bound in the scope is local unless declared global.
                if sym.is_declared_global() or (sym.is_global() and not sym.is_local()):
                    if sym.is_referenced():
                        reads.add(name)
                elif not name.startswith('.'):
                    local.add(name)
    return reads, local


def annotation_only_names(node):
    """Names that occur only inside annotations (unevaluated under `from __future__ import annotations`)."""
    in_ann, elsewhere = set(), set()
    stack = [(node, False)]
    while stack:
        current, ann = stack.pop()
        if isinstance(current, ast.Name):
            (in_ann if ann else elsewhere).add(current.id)
        for field, value in ast.iter_fields(current):
            children = value if isinstance(value, list) else [value]
            for child in children:
                if isinstance(child, ast.AST):
                    stack.append((child, ann or field in _ANNOTATION_FIELDS))
    return in_ann - elsewhere


def loop_bound_names(stmts):
    """Names that a module-level `for` binds and that are read only inside the loops binding them
    (`for c in ...: TABLE[c] = chr(c)`): the statement gives them their value itself, so they need
    no other statement that binds them."""
    inside, loads = {}, {}
    for stmt in stmts:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                loads.setdefault(node.id, set()).add(id(node))
            if isinstance(node, (ast.For, ast.AsyncFor)):
                targets = {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
                for part in node.body + node.orelse:
                    for sub in ast.walk(part):
                        if isinstance(sub, ast.Name) and sub.id in targets:
                            inside.setdefault(sub.id, set()).add(id(sub))
    return {name for name, ids in inside.items() if loads.get(name, set()) <= ids}


class Usage:
    """How each name is used among a unit's nodes: called (`f(...)`), as an attribute base (`m.x`, with the
    attributes), stored, or declared global."""

    def __init__(self, nodes):
        self.called, self.stored, self.declared = set(), set(), set()
        self.attrs = {}
        for sub in nodes:
            if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name):
                self.called.add(sub.func.id)
            elif isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name):
                self.attrs.setdefault(sub.value.id, set()).add(sub.attr)
            elif isinstance(sub, ast.Name) and not isinstance(sub.ctx, ast.Load):
                self.stored.add(sub.id)
            elif isinstance(sub, (ast.Global, ast.Nonlocal)):
                self.declared.update(sub.names)

    def plain_value(self, name):
        """True when `name` is only read as a value (never called, never an attribute base)."""
        return (name not in self.called and name not in self.attrs
                and name not in self.stored and name not in self.declared)
