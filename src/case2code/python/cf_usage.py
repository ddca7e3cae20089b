"""How a function's body uses its parameters: domain hints per name, and the body's constants.

`usage(fn_node, names)` walks the body once. A parameter used with `.lower()` is a string, with
`.append` a list, with `['key']` a dict with that key, in `range(x)` an int, and so on; a loop
variable over a parameter is analysed the same way to give the element's domain.
"""
import ast
import re
from cf_domains import INT, FLT, STR, BOOL, BYTES, CALL, STR_METHODS, LIST_METHODS, DICT_METHODS, ATTRS
from cf_shape import message_literals

INT_FUNCS = {'range', 'chr', 'bin', 'hex', 'oct'}
NUM_FUNCS = {'abs', 'round', 'sqrt', 'log', 'exp', 'floor', 'ceil', 'sin', 'cos', 'factorial', 'isqrt', 'gcd'}
SEP_CHARS = set(' ,;:|/=&-.\t\n+')
INT_RESULTS = {'len', 'ord', 'int', 'round'}
ATTR_FUNCS = {'getattr', 'hasattr', 'setattr', 'delattr'}
# String methods whose (first) argument is a string too.
STR_ARG_METHODS = {'startswith', 'endswith', 'find', 'rfind', 'index', 'rindex', 'count', 'split', 'rsplit',
                   'partition', 'rpartition', 'strip', 'lstrip', 'rstrip', 'replace', 'removeprefix', 'removesuffix'}
SEQ_FUNCS = {'len', 'sorted', 'reversed', 'enumerate', 'sum', 'max', 'min', 'set', 'list', 'tuple', 'zip', 'any', 'all'}


PERCENT_SPEC = re.compile(r'%[-+ #0]*(?:\d+|\*)?(?:\.\d+)?([diouxXeEfFgGcrsa])')


def _is_str(node):
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


class _Walker(ast.NodeVisitor):
    def __init__(self, names):
        self.hints = {n: [] for n in names}
        self.keys = {n: [] for n in names}
        self.loops = {}
        self.ints, self.strs, self.floats, self.bytes = set(), set(), set(), set()
        # Parameters whose elements are used as single characters (`ord(c)`, `s[i] == '\\r'`).
        self.chars = set()

    def _name(self, node):
        if isinstance(node, ast.Name) and node.id in self.hints:
            return node.id
        return None

    def hint(self, node, dom):
        n = self._name(node)
        if n:
            self.hints[n].append(dom)
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice) and dom in (STR, BYTES):
            # A slice of a parameter is of the parameter's kind (`haystack.endswith(needle[:l])`).
            self.hint(node.value, dom)

    def visit_Constant(self, node):
        v = node.value
        if isinstance(v, bool):
            pass
        elif isinstance(v, int) and abs(v) < 10**12:
            self.ints.add(v)
        elif isinstance(v, float):
            self.floats.add(v)
        elif isinstance(v, str) and len(v) <= 40:
            self.strs.add(v)
        elif isinstance(v, bytes) and len(v) <= 40:
            self.bytes.add(v)

    def visit_Attribute(self, node):
        attr = node.attr
        if attr in ATTRS:
            self.hint(node.value, ('obj', ATTRS[attr]))
        if attr in STR_METHODS:
            self.hint(node.value, STR)
        elif attr in LIST_METHODS:
            self.hint(node.value, ('list', INT))
        elif attr in DICT_METHODS:
            self.hint(node.value, ('dict', STR, INT, ()))
        elif attr in ('add', 'discard', 'union', 'intersection'):
            self.hint(node.value, ('set', INT))
        elif attr == 'decode':
            self.hint(node.value, BYTES)
        elif attr in ('real', 'imag', 'bit_length', 'is_integer'):
            self.hint(node.value, INT if attr == 'bit_length' else FLT)
        self.generic_visit(node)

    def visit_Subscript(self, node):
        sl = node.slice
        if isinstance(sl, ast.Constant) and isinstance(sl.value, str):
            n = self._name(node.value)
            if n:
                self.hints[n].append(('dict', STR, INT, ()))
                self.keys[n].append(sl.value)
            else:
                # A key of some other mapping (`ns['__orig_bases__']`): no value a caller passes.
                self.visit(node.value)
                return
        elif isinstance(sl, ast.Slice):
            self.hint(node.value, STR)
            self.hint(node.value, ('list', INT))
        else:
            self.hint(node.value, ('list', INT))
            self.hint(sl, INT)
        self.generic_visit(node)

    def visit_Call(self, node):
        fname = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, 'attr', '')
        if fname in ATTR_FUNCS and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
            # `hasattr(a, '__getitem__')`: an attribute name, no value a caller passes (the object is
            # hinted as before).
            if self._name(node.args[0]) and isinstance(node.args[1].value, str) and node.args[1].value in ATTRS:
                self.hint(node.args[0], ('obj', ATTRS[node.args[1].value]))
            self.visit(node.func)
            for a in [node.args[0]] + node.args[2:] + [k.value for k in node.keywords]:
                self.visit(a)
            return
        if fname == 'ord' and node.args:
            self.char_of(node.args[0])
        for a in node.args[:2]:
            if fname in INT_FUNCS:
                self.hint(a, INT)
            elif fname in NUM_FUNCS:
                self.hint(a, FLT if fname in ('sqrt', 'log', 'exp', 'sin', 'cos') else INT)
            elif fname in SEQ_FUNCS:
                self.hint(a, ('list', INT))
            elif fname in ('ord',):
                self.hint(a, STR)
            elif fname == 'int':
                self.hint(a, STR)
        if isinstance(node.func, ast.Attribute) and node.func.attr in STR_ARG_METHODS and node.args and (
                self._name(node.func.value) or _is_str(node.func.value)):
            # `text.endswith(suffix)`, `'-'.split(sep)`: what a string method takes is text too.
            for a in node.args[:2 if node.func.attr == 'replace' else 1]:
                self.hint(a, STR)
        if not any(isinstance(a, ast.Starred) for a in node.args) and not node.keywords:
            # A parameter called with n arguments is a callable of n (`function(value, element)`).
            self.hint(node.func, ('callable', len(node.args)) if 1 < len(node.args) <= 3 else CALL)
        else:
            self.hint(node.func, CALL)
        self.generic_visit(node)

    def visit_BinOp(self, node):
        if isinstance(node.op, ast.Mod) and _is_str(node.left):
            # `'%02d:%02d' % (hh, mm)`: each conversion says what its operand is.
            specs = PERCENT_SPEC.findall(node.left.value)
            operands = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
            if len(specs) == len(operands):
                for spec, operand in zip(specs, operands):
                    if spec in 'dixXo':
                        self.hint(operand, INT)
                    elif spec in 'feEgG':
                        self.hint(operand, FLT)
        for side, other in ((node.left, node.right), (node.right, node.left)):
            if isinstance(other, ast.Constant):
                if isinstance(other.value, str):
                    self.hint(side, STR if not isinstance(node.op, ast.Mod) else STR)
                elif isinstance(other.value, (int, float)) and not isinstance(other.value, bool):
                    self.hint(side, FLT if isinstance(other.value, float) or isinstance(node.op, ast.Div) else INT)
            elif isinstance(node.op, (ast.Sub, ast.FloorDiv, ast.Pow, ast.BitAnd, ast.BitOr, ast.LShift, ast.RShift)):
                self.hint(side, INT)
        self.generic_visit(node)

    def visit_Assign(self, node):
        # `c = source[idx]`: an element of the parameter, as a loop variable over it is.
        v = node.value
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and isinstance(v, ast.Subscript) \
                and not isinstance(v.slice, ast.Slice) and self._name(v.value) and node.targets[0].id not in self.hints:
            self.loops.setdefault(node.targets[0].id, v.value.id)
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, (int, float)):
            self.hint(node.target, INT)
        self.generic_visit(node)

    def char_of(self, node):
        """`ord(c)`, `c == '\\r'`, `c in '\\r\\n'` for `c` in a loop over a parameter: the parameter is a
        string walked character by character, more than a list of strings."""
        if isinstance(node, ast.Name) and node.id in self.loops:
            self.chars.add(self.loops[node.id])
        elif isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Slice) and self._name(node.value):
            self.chars.add(node.value.id)

    def visit_Compare(self, node):
        items = [node.left] + list(node.comparators)
        for op, right in zip(node.ops, node.comparators):
            if isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, ast.Constant) and isinstance(right.value, str):
                self.char_of(node.left)
        for i, item in enumerate(items):
            for other in items[:i] + items[i + 1:]:
                if isinstance(other, ast.Constant) and isinstance(other.value, str) and len(other.value) == 1:
                    self.char_of(item)
                if isinstance(other, ast.Call) and isinstance(other.func, ast.Name) and other.func.id in INT_RESULTS:
                    # `ord(c) < max`, `i < len(s)`: compared with a whole number.
                    self.hint(item, INT)
                if isinstance(other, ast.Constant) and other.value is not None and not isinstance(other.value, bool):
                    if isinstance(other.value, str):
                        self.hint(item, STR)
                    elif isinstance(other.value, (int, float)):
                        self.hint(item, INT if isinstance(other.value, int) else FLT)
        for op, right in zip(node.ops, node.comparators):
            if isinstance(op, (ast.In, ast.NotIn)):
                self.hint(right, ('list', INT) if not isinstance(node.left, ast.Constant) or not isinstance(node.left.value, str) else STR)
        self.generic_visit(node)

    def visit_BoolOp(self, node):
        self.generic_visit(node)

    def visit_For(self, node):
        it = node.iter
        if isinstance(it, ast.Name) and it.id in self.hints and isinstance(node.target, ast.Name):
            self.loops[node.target.id] = it.id
            self.hints[it.id].append(('list', INT))
        self.generic_visit(node)

    def visit_ListComp(self, node):
        for gen in node.generators:
            if isinstance(gen.iter, ast.Name) and gen.iter.id in self.hints and isinstance(gen.target, ast.Name):
                self.loops[gen.target.id] = gen.iter.id
                self.hints[gen.iter.id].append(('list', INT))
        self.generic_visit(node)

    visit_SetComp = visit_GeneratorExp = visit_DictComp = visit_ListComp


def _flags(body, names):
    """Parameters whose every use is a truth test: the test of an if/while/conditional expression or
    assert, an operand of `not`, or an operand of and/or in one of those."""
    uses, tests = {n: 0 for n in names}, {n: 0 for n in names}

    def truth(e):
        if isinstance(e, ast.Name) and e.id in tests:
            tests[e.id] += 1
        elif isinstance(e, ast.UnaryOp) and isinstance(e.op, ast.Not):
            truth(e.operand)
        elif isinstance(e, ast.BoolOp):
            for v in e.values:
                truth(v)
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and node.id in uses and isinstance(node.ctx, ast.Load):
                uses[node.id] += 1
            elif isinstance(node, ast.Name) and node.id in uses:
                uses[node.id] = -10**6  # rebound: no longer the caller's value
            if isinstance(node, (ast.If, ast.While, ast.IfExp, ast.Assert)):
                truth(node.test)
    return [n for n in names if uses[n] > 0 and tests[n] == uses[n]]


def usage(fn, names):
    """Returns ({param: [domain hints]}, {param: [dict keys]}, {param: element hints}, pools); pools['chars']
    names the parameters walked character by character."""
    w = _Walker(names)
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    for stmt in body:
        w.visit(stmt)
    # A parameter the body only ever tests for truth (`if sign:`, `not quote`) is a flag.
    for n in _flags(body, names):
        w.hints[n].extend([BOOL, BOOL])
    # Error and log messages are no values a caller passes.
    w.strs -= message_literals(fn)
    loop_names = [v for v in w.loops if v not in w.hints]
    elem = {}
    if loop_names:
        inner = _Walker(loop_names)
        for stmt in body:
            inner.visit(stmt)
        for var, param in w.loops.items():
            if var in inner.hints and inner.hints[var]:
                hints = inner.hints[var]
                if inner.keys[var]:
                    hints = [('dict', STR, INT, tuple(dict.fromkeys(inner.keys[var]))[:6])]
                elem[param] = hints
    # Separators: the body's short literals made of separator characters (`','`, `': '`, `'\n'`).
    seps = sorted(c for c in w.strs if 0 < len(c) <= 3 and set(c) <= SEP_CHARS)
    pools = {'ints': sorted(w.ints), 'strs': sorted(w.strs)[:30], 'floats': sorted(w.floats)[:10], 'seps': seps[:8],
             'bytes': sorted(w.bytes)[:10], 'chars': sorted(w.chars)}
    return w.hints, w.keys, elem, pools
