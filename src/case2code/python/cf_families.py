"""Which recorded outputs (and calls) are Python literals, for the output- and input-prediction families.

An output can be the answer of an output-prediction task (and the target of an input-prediction
one) only when its repr is a literal that reads back as the same value: `[1, 'a']` is, `<object at
0x...>` and `Counter({'a': 1})` are not. An input-prediction answer must be a call with literal
arguments, so only cases whose recorded call is one are asked backwards. Only parsed, never run.
"""
import ast
import json


def _literal(text):
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False
    try:
        return repr(value) == text
    except Exception:  # a value whose repr fails is no answer
        return False


def _literal_call(text):
    """Whether a call passes only literal arguments (what an input-prediction answer may be)."""
    try:
        call = ast.parse(text, mode='eval').body
    except SyntaxError:
        return False
    if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Name):
        return False
    values = [a for a in call.args] + [k.value for k in call.keywords if k.arg is not None]
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return False
    for v in values:
        try:
            ast.literal_eval(v)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return False
    return True


def literal_cases(request):
    """JSON in: {"outputs": [repr], "calls": [text]}; JSON out: {"outputs": [bool], "calls": [bool]}."""
    req = json.loads(request)
    return json.dumps({'outputs': [_literal(t) for t in req['outputs']], 'calls': [_literal_call(c) for c in req['calls']]})
