"""Checks of input-prediction answers, as CRUXEval's rules have them: the answer must be one plain
call of the function, every argument a literal. The text is only parsed here, never run."""
import ast
import json


def _literal(node):
    try:
        ast.literal_eval(node)
        return True
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False


def check_call(request):
    """JSON in: {"text", "entry"}; JSON out: {"ok": true, "call": normalised text} or {"ok": false, "reason"}."""
    req = json.loads(request)
    text, entry = req['text'].strip(), req['entry']
    try:
        tree = ast.parse(text, mode='eval')
    except SyntaxError as exc:
        return json.dumps({'ok': False, 'reason': 'not a Python expression: %s' % exc.msg})
    call = tree.body
    if not isinstance(call, ast.Call):
        return json.dumps({'ok': False, 'reason': 'not a call of %s' % entry})
    if not (isinstance(call.func, ast.Name) and call.func.id == entry):
        return json.dumps({'ok': False, 'reason': 'calls %s, not %s' % (ast.unparse(call.func), entry)})
    for arg in call.args:
        if isinstance(arg, ast.Starred) or not _literal(arg):
            return json.dumps({'ok': False, 'reason': 'argument %s is not a literal' % ast.unparse(arg)})
    for kw in call.keywords:
        if kw.arg is None or not _literal(kw.value):
            return json.dumps({'ok': False, 'reason': 'argument %s is not a literal' % ast.unparse(kw)})
    return json.dumps({'ok': True, 'call': ast.unparse(call)})
