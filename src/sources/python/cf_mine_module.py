"""One parsed module as the miner sees it: its units, what binds each module-level name (imports,
definitions, star imports), and the transitive closure of what a function needs."""
import ast
import importlib
import importlib.util
import re

from cf_mine_known import STDLIB, restore
from cf_mine_mutations import Mutations
from cf_mine_names import BUILTINS, Usage, annotation_only_names, loop_bound_names, scope_names
from cf_mine_units import AbsoluteImports, import_lines, split_units
from cf_mine_world import outside_world


def _star_imports(stmts):
    """`from m import *` inside top-level compound statements (try/if), outside definitions."""
    found, stack = [], list(stmts)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.ImportFrom) and any(a.name == '*' for a in node.names):
            found.append(node)
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(node))
    return found


_IMPORT_ERRORS = {'ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException'}


def _catches_import_error(handler):
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(t, ast.Name) and t.id in _IMPORT_ERRORS for t in types)


def _guarded_imports(nodes):
    """Import statements inside the body of a `try` that catches ImportError."""
    guarded = set()
    for node in nodes:
        if isinstance(node, (ast.Try, getattr(ast, 'TryStar', ast.Try))) and any(map(_catches_import_error, node.handlers)):
            guarded.update(n for stmt in node.body for n in ast.walk(stmt) if isinstance(n, (ast.Import, ast.ImportFrom)))
    return guarded


class Skip(Exception):
    def __init__(self, reason, detail=None):
        super().__init__(reason)
        self.reason, self.detail = reason, detail


class Needs:
    """What a function needs: units by index, import lines by text (with the units that read each),
    free names nothing binds (True when the function itself reads them), and the globals whose
    later changes at import were carried (name -> lines of the changing units)."""

    def __init__(self):
        self.units, self.imports, self.unresolved = {}, {}, {}
        self.import_users, self.changed = {}, {}


class Module:
    def __init__(self, text, import_code, package, allow):
        self.tree = ast.parse(text)
        self.package, self.allow = package, set(allow)
        # Lines as the parser counts them (str.splitlines would also split at form feeds).
        self.units = split_units(self.tree, re.split(r'\r\n?|\n', text))
        self.imports, self.binders, self.bad_relative = {}, {}, set()
        self.star, self.future, self._seq, self._memo, self._star_names = [], [], 0, {}, {}
        self._importable = {}
        for code in import_code:
            try:
                self._add_imports(ast.parse(code).body)
            except (SyntaxError, ValueError):
                continue
        for unit in self.units:
            if unit.kind == 'import':
                self._add_imports(unit.stmts)
            elif unit.kind != 'main':
                self._add_imports(_star_imports(unit.stmts))
                for name in unit.binds:
                    self.binders.setdefault(name, []).append(unit)
        self.future_annotations = any('annotations' in line for line in self.future)
        self.mutations = Mutations(self.units)

    def allowed(self, top):
        return top in STDLIB or top in self.allow or top == '__future__'

    def _add_imports(self, stmts):
        for stmt in stmts:
            if isinstance(stmt, ast.ImportFrom) and stmt.module == '__future__':
                self.future.append(ast.unparse(stmt))
                continue
            if not isinstance(stmt, (ast.Import, ast.ImportFrom)):
                continue
            try:
                lines = import_lines(stmt, self.package)
            except LookupError:
                self.bad_relative.update(a.asname or a.name for a in stmt.names)
                continue
            for line in lines:
                self._seq += 1
                line.seq = self._seq
                if line.name == '*':
                    self.star.append(line)
                else:
                    self.imports.setdefault(line.name, []).append(line)

    def _cached(self, kind, unit, compute):
        """Per-unit facts are computed once per module (a helper serves many functions)."""
        key = (kind, unit.index)
        if key not in self._memo:
            try:
                self._memo[key] = (compute(unit), None)
            except Skip as skip:
                self._memo[key] = (None, skip)
        value, skip = self._memo[key]
        if skip:
            raise skip
        return value

    def scope(self, unit):
        """(reads, locals) of a unit; annotation-only names dropped when unevaluated."""
        return self._cached('scope', unit, self._scope)

    def _scope(self, unit):
        try:
            reads, local = scope_names(unit.text)
        except SyntaxError as err:
            raise Skip('syntax', f'line {unit.line + (err.lineno or 1) - 1}: {err.msg}')
        if self.future_annotations:
            for stmt in unit.stmts:
                reads -= annotation_only_names(stmt)
        if unit.kind == 'other':
            reads -= loop_bound_names(unit.stmts)
        return reads, local

    def nodes(self, unit):
        """Every AST node of the unit, walked once (later checks iterate this list)."""
        return self._cached('nodes', unit, lambda u: [n for s in u.stmts for n in ast.walk(s)])

    def usage(self, unit):
        return self._cached('usage', unit, lambda u: Usage(self.nodes(u)))

    def nested_imports(self, unit):
        """Import lines of the imports inside a unit's definitions and compound statements."""
        return self._cached('imports', unit, self._nested_imports)

    def _nested_imports(self, unit):
        out, guarded = [], _guarded_imports(self.nodes(unit))
        for node in self.nodes(unit):
            if isinstance(node, (ast.Import, ast.ImportFrom)) and getattr(node, 'module', None) != '__future__':
                try:
                    lines = [line for line in import_lines(node, self.package) if line.name != '*']
                except LookupError:
                    raise Skip('relative_import', 'inside a definition')
                for line in lines:
                    line.guarded = node in guarded
                out += lines
        return out

    def allowed_line(self, line):
        """An import the program may make: an allowed module, or one this interpreter lacks behind a
        `try: ... except ImportError:` (the fallback runs, as it does in the module itself)."""
        if self.allowed(line.top):
            return True
        if line.guarded and line.top not in self._importable:
            try:
                self._importable[line.top] = importlib.util.find_spec(line.top) is not None
            except (ImportError, ValueError):
                self._importable[line.top] = False
        return line.guarded and not self._importable[line.top]

    def world(self, unit):
        """The unit's outside-world reason (or None), names qualified through the module's imports."""
        return self._cached('world', unit, self._world)

    def _world(self, unit):
        aliases = {name: lines[0].target for name, lines in self.imports.items()}
        aliases.update((line.name, line.target) for line in self.nested_imports(unit))
        return outside_world(self.nodes(unit), aliases, self.scope(unit)[0])

    def text(self, unit):
        """The unit's text with relative imports made absolute (Skip when the package is unknown)."""
        return self._cached('text', unit, self._text)

    def _text(self, unit):
        if not any(isinstance(n, ast.ImportFrom) and n.level for n in self.nodes(unit)):
            return unit.text
        try:
            tree = AbsoluteImports(self.package).visit(ast.parse(unit.text))
        except LookupError:
            raise Skip('relative_import', 'inside a definition')
        return ast.unparse(tree)

    def _star_exports(self, line):
        if line.module not in self._star_names:
            names = set()
            if self.allowed(line.top):
                try:
                    mod = importlib.import_module(line.module)
                    names = set(getattr(mod, '__all__', None) or [n for n in dir(mod) if n[0] != '_'])
                except (Exception, SystemExit):
                    names = set()
            self._star_names[line.module] = names
        return self._star_names[line.module]

    def _from_star(self, name):
        return next((line for line in self.star if name in self._star_exports(line)), None)

    def needs(self, target, name, changes=True):
        """Units, import lines and free names the function unit `target` (named `name`) needs.
        With `changes`, a carried global brings the later module-level units that change it."""
        out, queue, seen, readers = Needs(), [target], {name}, {}
        if changes:
            self._carry_changes(name, target, out, queue)  # `@fn.register` defs after a singledispatch target
        while queue:
            unit = queue.pop(0)
            for free in sorted(self.scope(unit)[0]):
                readers.setdefault(free, set()).add(unit.index)
                if free not in seen:
                    seen.add(free)
                    self._resolve(free, unit, target, out, queue)
                # A statement that only changes a global needs it to exist; one that reads it needs
                # the value the module's later statements give it too.
                if (changes and free not in out.changed and self.mutations.of(free)
                        and not self.mutations.only_changes(unit, free)):
                    self._carry_changes(free, target, out, queue)
        for line, names in out.import_users.items():
            out.import_users[line] = set().union(*(readers[n] for n in names))
        return out

    def _carry_changes(self, name, target, out, queue):
        changers = self.mutations.of(name)
        if changers:
            out.changed[name] = [u.line for u in changers]
            for changer in changers:
                self._carry(changer, target, out, queue)

    def _resolve(self, free, unit, target, out, queue):
        found = False
        for line in self.imports.get(free, []):
            self._use_import(out, line, free)
            found = True
        for binder in self.binders.get(free, []):
            found = True
            self._carry(binder, target, out, queue)
        if found or free in BUILTINS:
            return
        if free in self.bad_relative:
            raise Skip('relative_import', free)
        star = self._from_star(free)
        restored = None if star else restore(free, self.usage(unit), self.allowed)
        if star:
            self._use_import(out, star, free)
        elif restored:
            line = import_lines(ast.parse(restored[1]).body[0], None)[-1]
            line.seq = 10 ** 9 + len(out.imports)
            self._use_import(out, line, free)
        else:
            out.unresolved.setdefault(free, unit is target)

    @staticmethod
    def _carry(unit, target, out, queue):
        if unit is not target and unit.index not in out.units:
            out.units[unit.index] = unit
            queue.append(unit)

    @staticmethod
    def _use_import(out, line, free):
        out.imports[line.line] = line
        out.import_users.setdefault(line.line, set()).add(free)  # names for now; units once all are read
