"""Function mining for Case2Code, run inside the sandbox (parsing untrusted source is untrusted
work). Keeps top-level functions that take arguments and return a value, each with a
self-contained program: the imports, constants and helpers it needs, transitively, in module
order with imports first. Entry point: mine_json (a JSON request, returns JSON text; called through src/exec/helper.ts)."""
import ast
import json
import sys

from cf_mine_info import doctests, exact_key, normalised_function_text, params, tokens
from cf_mine_lift import lift, liftable
from cf_mine_module import Module, Skip
from cf_mine_scope import scope

DEFAULTS = {'importCode': [], 'package': None, 'allow': [], 'lift': 2,
            'maxCompletionLines': 150, 'overCap': 'context', 'maxContextLines': 400}
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def _own_nodes(fn):
    stack = list(fn.body)
    while stack:
        node = stack.pop()
        yield node
        stack.extend(c for c in ast.iter_child_nodes(node) if not isinstance(c, _SCOPES))


def _check_shape(fn):
    if isinstance(fn, ast.AsyncFunctionDef):
        raise Skip('async')
    a = fn.args
    if not (a.posonlyargs or a.args or a.vararg or a.kwonlyargs or a.kwarg):
        raise Skip('no_params')
    nodes = list(_own_nodes(fn))
    if any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in nodes):
        raise Skip('generator')
    if not any(isinstance(n, ast.Return) and n.value is not None
               and not (isinstance(n.value, ast.Constant) and n.value.value is None) for n in nodes):
        raise Skip('no_return')


def _checked(module, unit, fn, needs, opts):
    """(lifted names, carried units, import lines) of a program made of `needs`, or Skip with the
    reason it cannot be made."""
    lifted = sorted(needs.unresolved)
    if lifted:
        usage = module.usage(unit)
        helper_names = [n for n, direct in needs.unresolved.items() if not direct]
        if helper_names or module.star or not liftable(lifted, usage, opts['lift']):
            raise Skip('unresolved_name', ', '.join(lifted))
    units = sorted(needs.units.values(), key=lambda u: u.index)
    lines = list(needs.imports.values()) + [l for u in units + [unit] for l in module.nested_imports(u)]
    for line in lines:
        if not module.allowed_line(line):
            raise Skip(f'import:{line.top}')
    reason = next((r for r in map(module.world, units + [unit]) if r), None)
    if reason:
        raise Skip(reason)
    return lifted, units, lines


def _checked_with_changes(module, unit, fn, needs, opts):
    """As _checked, for needs that carry the later changes of globals: the function's own reasons
    come first; a reason only the changing statements bring is `unrestorable_global`."""
    plain = module.needs(unit, fn.name, changes=False)
    lifted = _checked(module, unit, fn, plain, opts)[0]
    names = ', '.join(f'{n} (changed at line {", ".join(map(str, sorted(set(l))[:3]))})'
                      for n, l in sorted(needs.changed.items()))
    extra = sorted(set(needs.unresolved) - set(plain.unresolved))
    if extra:
        raise Skip('unrestorable_global', f'{names}: needs {", ".join(extra)}')
    try:
        return (lifted,) + _checked(module, unit, fn, needs, opts)[1:]
    except Skip as skip:
        raise Skip('unrestorable_global', f'{names}: {skip.reason}')


def mine_function(module, unit, opts):
    fn = unit.stmts[0]
    _check_shape(fn)
    needs = module.needs(unit, fn.name)
    check = _checked_with_changes if needs.changed else _checked
    lifted, units, lines = check(module, unit, fn, needs, opts)
    if lifted:
        fn = lift(fn, lifted)
    source = ast.unparse(fn) if lifted else module.text(unit)
    scoped = scope(module, unit, source, needs, units, opts)
    head = module.future + sorted({l.line: l for l in needs.imports.values()},
                                  key=lambda k: needs.imports[k].seq)
    normalised = normalised_function_text(fn)
    key = exact_key(head + [module.text(u) for u in units] + [normalised])
    doc = ast.get_docstring(fn)
    local = module.scope(unit)[1] | {fn.name} | set(lifted)
    out = {'name': fn.name, 'line': unit.stmts[0].lineno, 'params': params(fn), **scoped,
           'source': source, 'imports': sorted({l.top for l in lines} - {'__future__'}),
           'exactKey': key, 'tokens': tokens(normalised, local)}
    if needs.changed:
        out['changedGlobals'] = sorted(needs.changed)
    if doc:
        out['docstring'] = doc
        out['doctests'] = doctests(fn.name, doc)
    if lifted:
        out['lifted'] = lifted
    return out


def mine(text, opts):
    opts = {**DEFAULTS, **{k: v for k, v in opts.items() if v is not None}}
    try:
        module = Module(text, opts['importCode'], opts['package'], opts['allow'])
    except SyntaxError as err:
        return {'functions': [], 'skipped': [], 'error': f'syntax error at line {err.lineno}: {err.msg}'}
    except (ValueError, RecursionError, MemoryError) as err:
        return {'functions': [], 'skipped': [], 'error': f'unparsable: {type(err).__name__}: {err}'}
    functions, skipped = [], []
    for unit in module.units:
        if unit.kind != 'def':
            continue
        fn = unit.stmts[0]
        try:
            functions.append(mine_function(module, unit, opts))
        except Skip as skip:
            entry = {'name': fn.name, 'line': fn.lineno, 'reason': skip.reason}
            if skip.detail:
                entry['detail'] = skip.detail
            skipped.append(entry)
        except (RecursionError, MemoryError, ValueError, TypeError, AttributeError) as err:
            skipped.append({'name': fn.name, 'line': fn.lineno, 'reason': 'internal',
                            'detail': f'{type(err).__name__}: {err}'})
    return {'functions': functions, 'skipped': skipped}


def mine_json(request_json):
    request = json.loads(request_json)
    text = request.pop('text')
    return json.dumps(mine(text, request), ensure_ascii=False)


if __name__ == '__main__':
    # Development CLI: cf_mine.py FILE [PACKAGE] prints the mining result as JSON.
    with open(sys.argv[1], encoding='utf-8') as handle:
        source = handle.read()
    print(json.dumps(mine(source, {'package': sys.argv[2] if len(sys.argv) > 2 else None}), indent=1))
