"""Test helper run in the sandbox: for a mined program and the module it came from, which data globals
the program's functions read when called hold another value than the module holds after import."""
import ast
import importlib
import re
import types

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef,
           ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _module_level_stores(tree):
    out, stack = set(), list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            out.add(node.id)
        if not isinstance(node, _SCOPES):
            stack.extend(ast.iter_child_nodes(node))
    return out


def _read_when_called(tree):
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            body = node.body if isinstance(node.body, list) else [node.body]
            out.update(n.id for part in body for n in ast.walk(part)
                       if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load))
    return out


def _text(value):
    return re.sub(r' at 0x[0-9a-f]+', '', repr(value))


def differing_globals(program, module_name):
    """[name, ...] of differing globals, or None when the module itself cannot be imported here."""
    try:
        module = importlib.import_module(module_name)
    except Exception:
        return None
    ns = {'__name__': module_name}
    exec(compile(program, '<program>', 'exec'), ns)
    tree = ast.parse(program)
    out = []
    for name in sorted(_module_level_stores(tree) & _read_when_called(tree)):
        if name not in ns or not hasattr(module, name):
            continue
        ours, theirs = ns[name], getattr(module, name)
        if callable(ours) or isinstance(ours, types.ModuleType):
            continue
        try:
            same = bool(ours == theirs)
        except Exception:
            same = False
        if not same and _text(ours) != _text(theirs):
            out.append(name)
    return out
