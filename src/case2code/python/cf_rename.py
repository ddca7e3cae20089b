"""Renames a program's entry function (its definition, every reference to it, recursive calls and
calls from helpers included, and calls in docstring examples), so that an anonymous prompt's `f` is
the name the completion defines and every case calls. Token-level: the program keeps its layout,
comments and docstrings. Refuses (with a reason) whenever the old name could mean something else
somewhere (a parameter, a local, an import, a class attribute) or the new name is already in use:
the record then keeps the function's own name.
"""
import ast
import io
import json
import re
import tokenize


def _bound_names(tree):
    """Every name the program binds or declares anywhere, with where: {name: [kinds]}."""
    out = {}

    def add(name, kind):
        out.setdefault(name, []).append(kind)

    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            add(node.name, 'def')
        elif isinstance(node, ast.arg):
            add(node.arg, 'param')
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            add(node.id, 'store')
        elif isinstance(node, ast.alias):
            add((node.asname or node.name).split('.')[0], 'import')
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for n in node.names:
                add(n, 'global')
        elif isinstance(node, ast.ExceptHandler) and node.name:
            add(node.name, 'store')
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            add(node.name, 'store')
        elif isinstance(node, ast.MatchMapping) and node.rest:
            add(node.rest, 'store')
    return out


def _used_names(tree):
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | set(_bound_names(tree))


def _docstring_nodes(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                yield first.value


def rename_program(program, old, new):
    """(text, None) with `old` renamed to `new`, or (None, reason)."""
    if old == new:
        return program, None
    try:
        tree = ast.parse(program)
    except SyntaxError as e:
        return None, 'does not parse: %s' % e
    if new in _used_names(tree):
        return None, '%r is already a name in the program' % new
    tops = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == old]
    if len(tops) != 1:
        return None, '%r is not defined exactly once at the top level' % old
    kinds = _bound_names(tree).get(old, [])
    if kinds != ['def']:
        return None, '%r is also bound as %s' % (old, ', '.join(sorted(set(kinds) - {'def'}) or ['a second def']))
    # Where the old name is a reference to the function: every Name (all are loads now), the def.
    refs = {(n.lineno, n.col_offset) for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == old}
    docs = {(d.lineno, d.col_offset) for d in _docstring_nodes(tree)}
    def_line = tops[0].lineno
    doc_word = re.compile(r'(?<![\w.])%s(?=\s*\()' % re.escape(old))
    lines = program.splitlines(keepends=True)
    edits = []  # (row, col, length, text), applied from the end
    prev = None
    for tok in tokenize.generate_tokens(io.StringIO(program).readline):
        if tok.type == tokenize.NAME and tok.string == old:
            at = tok.start
            if at in refs or (prev is not None and prev.string == 'def' and at[0] == def_line):
                edits.append((at[0], at[1], len(old), new))
            elif prev is not None and prev.string == '.':
                pass  # an attribute of something else
            else:
                # A keyword argument's name (`g(old=1)`) is a parameter of another function.
                if not _is_keyword_name(lines, tok):
                    return None, 'cannot tell what %r means at line %d' % (old, at[0])
        elif tok.type == tokenize.STRING and tok.start in docs and doc_word.search(tok.string):
            # Examples in docstrings call the function by name (`>>> old(1)`).
            text = doc_word.sub(new, tok.string)
            if tok.start[0] != tok.end[0]:
                edits.append(('block', tok.start, tok.end, text))
            else:
                edits.append((tok.start[0], tok.start[1], len(tok.string), text))
        if tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT):
            prev = tok
    out = _apply(lines, edits)
    try:
        check = ast.parse(out)
    except SyntaxError as e:
        return None, 'renamed program does not parse: %s' % e
    if any(isinstance(n, ast.Name) and n.id == old for n in ast.walk(check)):
        return None, '%r is still referenced after renaming' % old
    return out, None


def _is_keyword_name(lines, tok):
    rest = lines[tok.end[0] - 1][tok.end[1]:]
    return re.match(r'\s*=(?!=)', rest) is not None


def _offsets(lines):
    starts, total = [], 0
    for line in lines:
        starts.append(total)
        total += len(line)
    return starts


def _apply(lines, edits):
    text = ''.join(lines)
    starts = _offsets(lines)
    spans = []
    for e in edits:
        if e[0] == 'block':
            _, (r0, c0), (r1, c1), new = e
            spans.append((starts[r0 - 1] + c0, starts[r1 - 1] + c1, new))
        else:
            row, col, length, new = e
            a = starts[row - 1] + col
            spans.append((a, a + length, new))
    for a, b, new in sorted(spans, reverse=True):
        text = text[:a] + new + text[b:]
    return text


def rename(request_json):
    """{program, context?, old, new} -> {ok, program, context} or {ok: false, why}. The context (helpers
    shown in the prompt) and the program are renamed alike; the context must stay a prefix."""
    req = json.loads(request_json)
    program, why = rename_program(req['program'], req['old'], req['new'])
    if program is None:
        return json.dumps({'ok': False, 'why': why})
    context = req.get('context') or ''
    if context:
        # The context is the program's first part; renamed where the program is.
        cut = len(context)
        if not req['program'].startswith(context):
            return json.dumps({'ok': False, 'why': 'context is not a prefix of the program'})
        renamed_ctx, why = _rename_fragment(req['program'], program, cut)
        if renamed_ctx is None:
            return json.dumps({'ok': False, 'why': why})
        context = renamed_ctx
    return json.dumps({'ok': True, 'program': program, 'context': context})


def _rename_fragment(before, after, cut):
    """The renamed text of before[:cut], which must be whole lines: renaming changes no line count."""
    if not (before[:cut].endswith('\n') or before[cut:cut + 1] in ('', '\n')):
        return None, 'context ends inside a line'
    n = len(before[:cut].rstrip('\n').split('\n'))
    return '\n'.join(after.split('\n')[:n]) + '\n' * (len(before[:cut]) - len(before[:cut].rstrip('\n'))), None
