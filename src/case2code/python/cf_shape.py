"""Shapes read from source text: a function's node and parameters, its statement lines (the
denominator of line coverage), and input lists written as Python (`dict(a=1)` / `{'a': 1}` items of
`examples = [...]`, or an LLM's reply). Nothing here runs the code it reads.
"""
import ast
import json
import re


def find_function(tree, name):
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            return node
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            return node
    raise ValueError('function %r not found' % name)


def param_list(fn):
    a = fn.args
    out = []
    pos = a.posonlyargs + a.args
    defaults = [None] * (len(pos) - len(a.defaults)) + list(a.defaults)
    for i, p in enumerate(pos):
        out.append(_param(p, 'positional_only' if i < len(a.posonlyargs) else 'positional_or_keyword', defaults[i]))
    if a.vararg:
        out.append(_param(a.vararg, 'var_positional', None))
    for p, d in zip(a.kwonlyargs, a.kw_defaults):
        out.append(_param(p, 'keyword_only', d))
    if a.kwarg:
        out.append(_param(a.kwarg, 'var_keyword', None))
    return out


def _param(p, kind, default):
    d = {'name': p.arg, 'kind': kind}
    if p.annotation is not None:
        d['annotation'] = ast.unparse(p.annotation)
    if default is not None:
        d['default'] = ast.unparse(default)
    return d


def body_of(fn):
    """The function's statements, its docstring aside."""
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:]
    return body


def stmt_lines(fn):
    lines = set()
    for stmt in body_of(fn):
        for node in ast.walk(stmt):
            if isinstance(node, ast.stmt):
                lines.add(node.lineno)
    return sorted(lines)


def body_literals(fn):
    """The function body's string constants (its docstring aside), in order, once each."""
    seen = {}
    for stmt in body_of(fn):
        for node in ast.walk(stmt):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) <= 200:
                seen.setdefault(node.value, None)
    return list(seen)


MESSAGE_CALL = re.compile(r'(Error|Exception|Warning|^warn|^log|^debug|^info|^warning|^error|^critical|^print|^fail|^_?err)', re.I)


MESSAGE_NAME = re.compile(r'^(msg|message|errmsg|err_?msg|error_?message|warning)$')


def message_literals(fn):
    """String constants that are messages or templates, not data: inside a `raise`, an exception's, a
    warning's or a log call's arguments (`"expected token but found '{}'"`), and templates the body
    fills in (`'({})'.format(...)`); a caller never passes these."""
    out = set()
    # `msg = "'%s' object can't be concatenated" % ...` then `raise TypeError(msg)`: the name's literals too.
    named = {}
    for node in ast.walk(fn):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            named.setdefault(node.targets[0].id, []).append(node.value)
    for node in ast.walk(fn):
        call = None
        if isinstance(node, ast.Raise) and node.exc is not None:
            call = node.exc
        elif isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ''
            if MESSAGE_CALL.search(name):
                call = node
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and MESSAGE_NAME.match(node.targets[0].id):
            # `message = 'Failed to call load_tests:\n%s' % ...`: a message by its name, wherever it goes.
            call = node.value
        # A template the body fills in (`'({})'.format(...)`, `'%s=%r' % (k, v)`) is its own tool.
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == 'format' \
                and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
            out.add(node.func.value.value)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant) \
                and isinstance(node.left.value, str) and '%' in node.left.value:
            out.add(node.left.value)
        if call is not None:
            for n in ast.walk(call):
                if isinstance(n, ast.Constant) and isinstance(n.value, str):
                    out.add(n.value)
                elif isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
                    out.update(c.value for v in named.get(n.id, ()) for c in ast.walk(v)
                               if isinstance(c, ast.Constant) and isinstance(c.value, str))
    return out


def last_block(fn):
    """Statement lines of the body's last top-level statement: what runs when no early `return` or
    `raise` ends the call first (a case that reaches it exercises more than an early exit). Trailing
    `raise` statements are the function's final error exit, not its work: the block is the one
    before them (`try: return v4(a)` ... `raise ValueError(...)`)."""
    body = body_of(fn)
    while len(body) > 1 and isinstance(body[-1], ast.Raise):
        body = body[:-1]
    if not body:
        return []
    return sorted({n.lineno for n in ast.walk(body[-1]) if isinstance(n, ast.stmt)})


def describe(request_json):
    """{program, name} -> {params, lines, last_block, async}: what the pipeline needs to know before running."""
    req = json.loads(request_json)
    fn = find_function(ast.parse(req['program']), req['name'])
    return json.dumps({'params': param_list(fn), 'lines': stmt_lines(fn), 'last_block': last_block(fn),
                       'is_async': isinstance(fn, ast.AsyncFunctionDef),
                       'generator': any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(fn))})


def _args_of(node, text):
    seg = lambda n: ast.get_source_segment(text, n)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == 'dict' and not node.args:
        if any(k.arg is None for k in node.keywords):
            return None
        return [[k.arg, seg(k.value)] for k in node.keywords]
    if isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) and isinstance(k.value, str) and k.value.isidentifier() for k in node.keys):
        return [[k.value, seg(v)] for k, v in zip(node.keys, node.values)]
    return None


def parse_inputs(request_json):
    """{text, literal_only?} -> {inputs: [args|null]}: every `dict(...)` or string-keyed `{...}` item
    of the list literals in the text, in order; an item that is not one (or, with `literal_only`, has a
    value that is not a Python literal) is null (counted by the caller)."""
    req = json.loads(request_json)
    text = req['text']
    try:
        tree = ast.parse(text)
    except SyntaxError as err:
        return json.dumps({'inputs': [], 'error': 'SyntaxError: %s' % err.msg})
    items = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.Expr)) and isinstance(node.value, (ast.List, ast.Tuple)):
            items.extend(node.value.elts)
    if not items:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == 'dict':
                items.append(node)
    items.sort(key=lambda n: (n.lineno, n.col_offset))
    inputs = [_args_of(n, text) for n in items]
    if req.get('literal_only'):
        inputs = [a if a is not None and all(_is_literal(v) for _, v in a) else None for a in inputs]
    return json.dumps({'inputs': inputs})


def _is_literal(src):
    try:
        ast.literal_eval(src)
        return True
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False
