"""What a mined function's sample holds: the completion (the code a model writes) and the context
(code the prompt shows and the model may call), so that the completion is the function plus only
what it needs and never longer than the cap. When the function with everything it needs fits, the
completion is all of it and there is no context. When it does not, either the helpers become
context and the completion is the function alone (`over_cap: context`), or the function is dropped
(`over_cap: drop`); a context longer than its own cap, or one that calls the function back (a
helper cannot call a function defined after it), drops the function too (`too_large`)."""
from cf_mine_module import Skip


def line_count(text):
    return len(text.rstrip('\n').split('\n')) if text.strip() else 0


def _block(head, bodies):
    """Import lines, two blank lines, then the units' texts separated by one blank line."""
    text = '\n'.join(head) + '\n\n\n' if head else ''
    return text + '\n\n'.join(bodies) + '\n' if bodies else text.rstrip('\n') + '\n'


def scope(module, unit, source, needs, units, opts):
    """dict(program, completion, context, completionLines, targetLines); raises Skip('too_large')."""
    order = sorted({l.line: l for l in needs.imports.values()}, key=lambda k: needs.imports[k].seq)
    texts = [module.text(u) for u in units]
    cap = opts['maxCompletionLines']
    whole = _block(module.future + order, _in_order(units, texts, unit, source))
    target_lines = line_count(source)
    if line_count(whole) <= cap:
        return _result(whole, whole, '', target_lines)
    detail = f'{line_count(whole)} lines with what it needs, cap {cap}'
    if opts['overCap'] == 'drop':
        raise Skip('too_large', detail)
    own = [k for k in order if unit.index in needs.import_users[k]]
    completion = _block(own, [source])
    if line_count(completion) > cap:
        raise Skip('too_large', f'the function alone is {line_count(completion)} lines, cap {cap}')
    callers = sorted({u.line for u in units if unit.stmts[0].name in module.scope(u)[0]})
    if callers:
        raise Skip('too_large', f'{detail}; helpers at lines {callers[:3]} call the function')
    shared = [k for k in order if needs.import_users[k] - {unit.index}]
    context = _block(module.future + shared, texts)
    if line_count(context) > opts['maxContextLines']:
        raise Skip('too_large', f'{detail}; context {line_count(context)} lines, cap {opts["maxContextLines"]}')
    return _result(context + '\n\n' + completion, completion, context, target_lines)


def _in_order(units, texts, unit, source):
    """Carried units and the function in module order."""
    pairs = [(u.index, t) for u, t in zip(units, texts)] + [(unit.index, source)]
    return [t for _, t in sorted(pairs)]


def _result(program, completion, context, target_lines):
    return {'program': program, 'completion': completion, 'context': context,
            'completionLines': line_count(completion), 'targetLines': target_lines}
