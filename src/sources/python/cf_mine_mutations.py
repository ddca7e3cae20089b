"""Which module-level statements change a global after the statement that binds it: `primes.add(2)`,
`for k in ...: TABLE[k] = ...`, `Sequence.register(tuple)`, `_init()` whose body fills a dict,
`@registry.register` on a later def. A program that restores a global must carry these too, or the
function reads the value of the first assignment instead of the one the module holds after import.

Static and conservative: a method call on the global counts unless the method is known to only
read (`get`, `copy`, `join`, ...), passing the global to a call counts unless the callee is a builtin
that only reads (`len`, `isinstance`, ...), and calling a module function or class counts for every
global its body (nested functions included) may change. Only names the module itself binds
(assignments, defs, classes) are followed; changes to imported modules' state are not."""
import ast

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)

# Methods that only read their object (str, bytes, list, dict, set, regex, ...).
READ_ONLY_METHODS = frozenset('''
    copy get keys values items count index find rfind rindex startswith endswith format format_map join
    split rsplit splitlines strip lstrip rstrip lower upper casefold title capitalize swapcase replace
    encode decode partition rpartition zfill ljust rjust center expandtabs translate maketrans
    isalnum isalpha isascii isdecimal isdigit isidentifier islower isnumeric isprintable isspace
    istitle isupper removeprefix removesuffix hex fromhex fromkeys union intersection difference
    symmetric_difference issubset issuperset isdisjoint match fullmatch search findall finditer sub
    subn groups group groupdict span start end bit_length to_bytes from_bytes conjugate
    __getitem__ __contains__ __len__ __iter__ __repr__ __str__ __hash__ __eq__ __format__
'''.split())

# Attributes that describe a definition without changing what it does.
DOC_ATTRS = frozenset({'__doc__', '__module__', '__qualname__'})

# Builtins that never change their arguments.
PURE_BUILTINS = frozenset('''
    len repr str int float bool complex bytes bytearray tuple list set frozenset dict sorted reversed
    isinstance issubclass hasattr getattr id hash type print min max sum any all enumerate zip map
    filter range iter format abs round divmod chr ord hex oct bin callable dir ascii pow slice
    frozenset memoryview object super property staticmethod classmethod
'''.split())


_IMMUTABLE_CALLS = frozenset('frozenset tuple str bytes int float bool complex range'.split())


def _immutable(value):
    """A value no statement can change in place: literals, tuples and frozensets of them, arithmetic."""
    if isinstance(value, ast.Constant):
        return True
    if isinstance(value, ast.Tuple):
        return all(_immutable(e) for e in value.elts)
    if isinstance(value, ast.BinOp):
        return _immutable(value.left) and _immutable(value.right)
    if isinstance(value, ast.UnaryOp):
        return _immutable(value.operand)
    if isinstance(value, ast.JoinedStr):
        return True
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in _IMMUTABLE_CALLS:
        return value.func.id != 'tuple' or all(_immutable(a) for a in value.args)
    return False


def _frozen(units):
    """Module names only ever bound to immutable values (`LIMIT = 100`, `SEP = ', '`): passing one
    to a call cannot change it."""
    frozen, other = set(), set()
    for unit in units:
        if unit.kind == 'main':
            continue
        for node in import_time_nodes(unit.stmts):
            if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = [t.id for t in targets if isinstance(t, ast.Name)]
                (frozen if node.value is not None and _immutable(node.value) else other).update(names)
            elif isinstance(node, (ast.For, ast.AsyncFor, ast.With, ast.AsyncWith)):
                for target in _targets(node):
                    other.update(e.id for e in _elements(target) if isinstance(e, ast.Name))
            elif isinstance(node, ast.NamedExpr):
                other.add(node.target.id)
            elif isinstance(node, ast.ExceptHandler) and node.name:
                other.add(node.name)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                other.add(node.name)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                other.update(a.asname or a.name.split('.')[0] for a in node.names)
    return frozen - other


def _root(node):
    """The Name node at the base of `a.b[c].d`, or None."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Starred)):
        node = node.value
    return node if isinstance(node, ast.Name) else None


def _elements(target):
    if isinstance(target, (ast.Tuple, ast.List)):
        for elt in target.elts:
            yield from _elements(elt)
    elif isinstance(target, ast.Starred):
        yield from _elements(target.value)
    else:
        yield target


def _targets(node):
    if isinstance(node, ast.Assign):
        return node.targets
    if isinstance(node, (ast.AugAssign, ast.For, ast.AsyncFor)):
        return [node.target]
    if isinstance(node, ast.AnnAssign):
        return [node.target] if node.value is not None else []
    if isinstance(node, ast.Delete):
        return node.targets
    if isinstance(node, (ast.With, ast.AsyncWith)):
        return [item.optional_vars for item in node.items if item.optional_vars is not None]
    if isinstance(node, ast.comprehension):
        return [node.target]
    return []


class Effect:
    """What some code may do to globals: names it changes in place, names it passes to calls (which
    may change them), names it rebinds through `global`, module callables it calls, and the Name
    nodes it changes through."""

    def __init__(self):
        self.changed, self.passed, self.rebound, self.calls, self.bases = set(), set(), set(), set(), set()

    def scan(self, node):
        for target in _targets(node):
            for elt in _elements(target):
                if isinstance(elt, ast.Attribute) and elt.attr in DOC_ATTRS and isinstance(elt.value, ast.Name):
                    continue  # `f.__doc__ = ...` names the function, it does not change what it does
                if isinstance(elt, (ast.Attribute, ast.Subscript)):
                    self._add(_root(elt))
        if isinstance(node, ast.Call):
            self._call(node.func, node.args + [k.value for k in node.keywords])
        for deco in getattr(node, 'decorator_list', []):
            self._call(deco, [])  # a decorator is called with the definition

    def _call(self, func, args):
        if isinstance(func, ast.Attribute) and func.attr not in READ_ONLY_METHODS:
            self._add(_root(func.value))
        if isinstance(func, ast.Name):
            self.calls.add(func.id)
        if not (isinstance(func, ast.Name) and func.id in PURE_BUILTINS):
            for arg in args:  # the global itself passed on (`shuffle(DECK)`), not a part of it
                value = arg.value if isinstance(arg, ast.Starred) else arg
                if isinstance(value, ast.Name):
                    self._add(value, self.passed)

    def _add(self, node, into=None):
        if node is not None:
            (self.changed if into is None else into).add(node.id)
            self.bases.add(id(node))


def import_time_nodes(stmts):
    """Nodes of top-level statements that run at import: function and lambda bodies excluded, their
    decorators and defaults included; class bodies included."""
    stack = list(stmts)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, _SCOPES):
            args = node.args
            stack.extend(args.defaults + [d for d in args.kw_defaults if d is not None])
            stack.extend(getattr(node, 'decorator_list', []))
        else:
            stack.extend(ast.iter_child_nodes(node))


def _own(nodes):
    """Nodes of one scope: nested functions, lambdas and classes are yielded but not entered (their
    decorators and defaults, which the enclosing scope evaluates, are)."""
    stack = list(nodes)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, _SCOPES + (ast.ClassDef,)):
            if not isinstance(node, ast.Lambda):
                stack.extend(node.decorator_list)
            if isinstance(node, ast.ClassDef):
                stack.extend(node.bases + [k.value for k in node.keywords])
            else:
                stack.extend(node.args.defaults + [d for d in node.args.kw_defaults if d is not None])
        else:
            stack.extend(ast.iter_child_nodes(node))


def _body(scope):
    return [scope.body] if isinstance(scope, ast.Lambda) else scope.body


def _scan_scope(scope, outer, effect):
    """Adds to `effect` what running `scope` (a function, lambda or class body) may change among
    module globals; `outer` holds the enclosing functions' locals (closures are not globals)."""
    own = list(_own(_body(scope)))
    local, declared = set(), set()
    if not isinstance(scope, ast.ClassDef):
        local.update(a.arg for a in ast.walk(scope.args) if isinstance(a, ast.arg))
    for node in own:
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            local.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            local.add(node.name)
        elif isinstance(node, ast.Global):
            declared.update(node.names)
    local -= declared
    hidden = local | outer
    inner = Effect()
    for node in own:
        inner.scan(node)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id in declared:
            effect.rebound.add(node.id)  # `global X` then `X = ...`
    effect.changed |= inner.changed - hidden
    effect.passed |= inner.passed - hidden
    effect.calls |= inner.calls - hidden
    # A class body's names are not visible inside its methods.
    nested_outer = outer if isinstance(scope, ast.ClassDef) else hidden
    for node in own:
        if isinstance(node, _SCOPES + (ast.ClassDef,)) and node is not scope:
            _scan_scope(node, nested_outer, effect)


def _deferred(stmt):
    """Effect of calling a top-level def (or instantiating a class): every global its body, nested
    functions and methods included, may change."""
    effect = Effect()
    _scan_scope(stmt, set(), effect)
    return effect


def _aliases(units):
    """Names that share one object: `_dispatch = d = {}`, `TABLE = _table`. A change through one is
    a change of all (copy.py fills `d` to fill `_copy_dispatch`)."""
    group = {}

    def find(name):
        while group.get(name, name) != name:
            name = group[name]
        return name

    for unit in units:
        if unit.kind in ('import', 'main'):
            continue
        for node in import_time_nodes(unit.stmts):
            if not isinstance(node, ast.Assign):
                continue
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if isinstance(node.value, ast.Name):
                names.append(node.value.id)
            for other in names[1:]:
                group[find(other)] = find(names[0])
    members = {}
    for name in group:
        members.setdefault(find(name), set()).add(name)
    return {name: members[find(name)] | {find(name)} for name in group}


class Mutations:
    """For each name the module binds outside imports: the later top-level units that may change it."""

    def __init__(self, units):
        owned, first = set(), {}
        for unit in units:
            if unit.kind in ('import', 'main'):
                continue
            for name in unit.binds:
                owned.add(name)
                first.setdefault(name, unit.index)
        self._defs = {u.stmts[0].name: u.stmts[0] for u in units if u.kind != 'main' and len(u.stmts) == 1
                      and isinstance(u.stmts[0], (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
        # A function passed to a call is registered somewhere (`copyreg.pickle(T, reducer)`), not changed.
        self._functions = {n for n, stmt in self._defs.items() if not isinstance(stmt, ast.ClassDef)}
        self._deferred = {}
        frozen, aliases = _frozen(units), _aliases(units)
        self._by_name, self._bases, self._only = {}, {}, {}
        for unit in units:
            if unit.kind in ('import', 'main'):
                continue
            effect = Effect()
            for node in import_time_nodes(unit.stmts):
                effect.scan(node)
            self._bases[unit.index] = effect.bases
            changed, rebound = self._reach(effect)
            changed |= {alias for name in changed for alias in aliases.get(name, ())}
            for name in ((changed - frozen) | rebound) & owned:
                if unit.index > first[name] and name not in unit.binds:
                    self._by_name.setdefault(name, []).append(unit)

    def _reach(self, effect):
        """(changed, rebound) globals of code with `effect`, through the module callables it calls,
        their bodies read only when some import-time code calls them."""
        changed, rebound = effect.changed | (effect.passed - self._functions), set(effect.rebound)
        seen, todo = set(), [c for c in effect.calls if c in self._defs]
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            seen.add(name)
            if name not in self._deferred:
                self._deferred[name] = _deferred(self._defs[name])
            callee = self._deferred[name]
            changed |= callee.changed | (callee.passed - self._functions)
            rebound |= callee.rebound
            todo.extend(c for c in callee.calls if c in self._defs)
        return changed, rebound

    def only_changes(self, unit, name):
        """True when a module-level statement uses `name` only to change it (`__all__.extend(...)`):
        it needs the global to exist, not the value later statements give it."""
        if unit.kind != 'other':
            return False
        if unit.index not in self._only:
            bases, uses = self._bases.get(unit.index, set()), {}
            for node in (n for s in unit.stmts for n in ast.walk(s)):
                if isinstance(node, ast.Name):
                    uses[node.id] = uses.get(node.id, True) and id(node) in bases
            self._only[unit.index] = {n for n, only in uses.items() if only}
        return name in self._only[unit.index]

    def of(self, name):
        """Units after the first binding of `name` that may change it at import, in module order."""
        return self._by_name.get(name, [])
