"""Trivial explanations of a function's cases: for each case, which cheap one-line programs of one
argument give the same output (the argument unchanged, its str() or repr(), len(), truthiness, a
case change, its UTF-8 encoding or decoding, sorting, a number's sign or magnitude, a conversion, the first or last item), or of two
(both handed back as a pair). A sample
whose shown returns one of these explains is not worth training on, whatever its mutants say.

Cases are read from their text alone (the call expression and the output repr), so the same check
serves case selection and the audit of written records. Nothing here runs the function.
"""
import ast
import builtins
import json

_SEQ = (str, bytes, list, tuple)


def _hypotheses(v):
    """(id, value) pairs: what each trivial program of this argument returns."""
    out = [('id', v), ('str', _try(str, v)), ('repr', _try(repr, v))]
    if isinstance(v, (str, bytes, list, tuple, dict, set, frozenset)):
        out.append(('len', len(v)))
    out += [('bool', bool(v)), ('not', not v)]
    if isinstance(v, (str, bytes)):
        out += [('lower', v.lower()), ('upper', v.upper()), ('strip', v.strip())]
        out += [('int', _try(int, v)), ('float', _try(float, v))]
    if isinstance(v, str):
        out.append(('encode', _try(lambda x: x.encode('utf-8'), v)))
    if isinstance(v, bytes):
        out.append(('decode', _try(lambda x: x.decode('utf-8'), v)))
    if isinstance(v, _SEQ) and v:
        out += [('first', v[0]), ('last', v[-1])]
    if isinstance(v, (list, tuple, str, set, frozenset)):
        out += [('sorted', _try(sorted, v)), ('list', list(v)), ('tuple', tuple(v))]
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        out += [('abs', abs(v)), ('neg', -v), ('int', _try(int, v)), ('float', float(v)), ('inc', v + 1), ('dec', v - 1)]
    return [(k, x) for k, x in out if x is not _FAILED]


_FAILED = object()


def _try(fn, v):
    try:
        return fn(v)
    except Exception:  # noqa: BLE001 - a conversion that does not apply
        return _FAILED


def _args(call, params):
    """{parameter: value} for the literal (or builtin-name) arguments of a call expression (others are left out)."""
    try:
        node = ast.parse(call, mode='eval').body
    except SyntaxError:
        return {}
    if not isinstance(node, ast.Call):
        return {}
    out = {}
    for i, a in enumerate(node.args):
        if isinstance(a, ast.Starred):
            break
        name = params[i] if i < len(params) else '#%d' % i
        _put(out, name, a)
    for kw in node.keywords:
        if kw.arg is not None:
            _put(out, kw.arg, kw.value)
    return out


def _put(out, name, node):
    # A bare builtin name (`object`, `len`, `ValueError`) is a value too: handed back unchanged, its
    # repr is the output (`<class 'object'>`), an echo like any literal's. Looking it up runs nothing.
    if isinstance(node, ast.Name) and node.id not in ('True', 'False', 'None') and hasattr(builtins, node.id):
        out[name] = getattr(builtins, node.id)
        return
    try:
        out[name] = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        pass


def case_facts(call, output, ok, params):
    """The trivial programs (`kind:param`) that give this case's output, and whether the output is
    one of the arguments unchanged."""
    if not ok:
        return {'hyps': [], 'echo': False, 'walked': False}
    hyps = []
    args = _args(call, params)
    # Two arguments handed back together, as a tuple or list (`return value, tb`).
    names = list(args)
    for i, a in enumerate(names):
        for b in names:
            if a != b:
                for kind, x in (('pair', (args[a], args[b])), ('pairlist', [args[a], args[b]])):
                    try:
                        if repr(x) == output:
                            hyps.append('%s:%s,%s' % (kind, a, b))
                    except Exception:  # noqa: BLE001 - a value whose repr fails
                        pass
    for name, v in args.items():
        for kind, x in _hypotheses(v):
            try:
                if repr(x) == output:
                    hyps.append('%s:%s' % (kind, name))
            except Exception:  # noqa: BLE001 - a value whose repr fails
                pass
    return {'hyps': sorted(set(hyps)), 'echo': any(h.startswith('id:') for h in hyps), 'walked': _walked(args, output)}


def _walked(args, output):
    """A string argument taken apart character by character: the return is a list or tuple of as many
    items as the string has characters (`fields='no-cache'` -> `['n', 'o', '-', ...]`). Such a case
    mostly shows a caller passing one string where the function iterates over several things."""
    try:
        out = ast.literal_eval(output)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    if not isinstance(out, (list, tuple)) or len(out) < 3:
        return False
    return any(isinstance(v, str) and len(v) == len(out) for v in args.values())


def facts(request_json):
    """{params: [names in order], cases: [{call, output, ok}]} -> {facts: [{hyps, echo, walked}]}."""
    req = json.loads(request_json)
    params = req.get('params') or []
    return json.dumps({'facts': [case_facts(c['call'], c['output'], c['ok'], params) for c in req['cases']]})
