"""Parameters a function matches against a regular expression, and strings that the expression
matches. `has_magic(s)` tests `magic_check.search(s)` with `magic_check = re.compile('([*?[])')`
at module level: without a `*`, `?` or `[` in its input it only ever answers False. The pattern is
read where the function finds it: a module-level `re.compile(...)` (or its bound `.search`), or a
literal (or a name the function set to one) handed to `re.search`/`re.match`/... in the body. Examples are drawn from the pattern's
parse tree, then checked with `re` itself; one the walk gets wrong is left out.
"""
import ast
import random
import re

try:
    import re._parser as _sre  # Python 3.11+
    import re._constants as _c
except ImportError:  # pragma: no cover - Python 3.10 and older
    import sre_parse as _sre
    import sre_constants as _c

METHODS = {'search', 'match', 'fullmatch', 'findall', 'finditer', 'split', 'sub', 'subn'}
# Where the subject is among a call's arguments: `sub(repl, string)` takes it second.
SUBJECT_AT = {'sub': 1, 'subn': 1}
MAX_LEN = 60
CHARS = 'aZ0 -_.x/9Q:'


def _compiled(node):
    """The pattern of `re.compile('...')` (or of `re.compile('...').search`), else None."""
    if isinstance(node, ast.Attribute) and node.attr in METHODS:
        node = node.value
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == 'compile'
            and isinstance(node.func.value, ast.Name) and node.func.value.id == 're' and node.args
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
        return node.args[0].value
    return None


def _module_patterns(tree, fn=None):
    """{global name: (pattern, bound method or None)} for module-level compiled expressions, and for
    names the function itself sets to one (`global _hostprog; _hostprog = re.compile(...)` on first use)."""
    out = {}
    for node in list(tree.body) + (list(ast.walk(fn)) if fn is not None else []):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            pat = _compiled(node.value)
            if pat is not None:
                bound = node.value.attr if isinstance(node.value, ast.Attribute) else None
                out[node.targets[0].id] = (pat, bound)
    return out


def _local_strings(fn):
    """{name: text} for names the function assigns a string literal (`_vb_pattern = "^[ -~]..."`)."""
    out = {}
    for node in ast.walk(fn):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            out.setdefault(node.targets[0].id, node.value.value)
    return out


def _pattern_text(node, local):
    """The text of a pattern argument: a literal, or a name the function set to one."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and node.id in local:
        return local[node.id]
    return None


def subjects(tree, fn, names):
    """{parameter: [patterns]} for the parameters the function matches against an expression."""
    glob = _module_patterns(tree, fn)
    local = _local_strings(fn)
    out = {}

    def add(arg, pat):
        if isinstance(arg, ast.Name) and arg.id in names and pat not in out.get(arg.id, []):
            out.setdefault(arg.id, []).append(pat)
    for node in ast.walk(fn):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr in METHODS:
            at = SUBJECT_AT.get(f.attr, 0)
            if isinstance(f.value, ast.Name) and f.value.id in glob and glob[f.value.id][1] is None:
                if len(node.args) > at:
                    add(node.args[at], glob[f.value.id][0])
            elif isinstance(f.value, ast.Name) and f.value.id == 're' and node.args and len(node.args) > at + 1 \
                    and _pattern_text(node.args[0], local) is not None:
                add(node.args[at + 1], _pattern_text(node.args[0], local))
            elif _compiled(f.value) is not None and len(node.args) > at:
                add(node.args[at], _compiled(f.value))
        elif isinstance(f, ast.Name) and f.id in glob and glob[f.id][1] is not None and node.args:
            add(node.args[SUBJECT_AT.get(glob[f.id][1], 0)], glob[f.id][0])
    return out


def _in_class(items, rng):
    negate = any(op == _c.NEGATE for op, _ in items)
    choices = []
    for op, av in items:
        if op == _c.LITERAL:
            choices.append(chr(av))
        elif op == _c.RANGE:
            lo, hi = av
            choices += [chr(lo), chr(hi), chr(rng.randint(lo, hi))]
        elif op == _c.CATEGORY:
            choices.append(_category(av))
    if not negate:
        return rng.choice(choices) if choices else 'a'
    left = [ch for ch in CHARS if ch not in choices]
    return rng.choice(left) if left else '~'


def _category(cat):
    name = str(cat)
    if 'NOT_DIGIT' in name:
        return 'a'
    if 'DIGIT' in name:
        return '7'
    if 'NOT_SPACE' in name:
        return 'a'
    if 'SPACE' in name:
        return ' '
    if 'NOT_WORD' in name:
        return '-'
    return 'w'


def _walk(items, rng, groups):
    out = []
    for op, av in items:
        if op == _c.LITERAL:
            out.append(chr(av))
        elif op == _c.NOT_LITERAL:
            out.append(next(ch for ch in CHARS if ord(ch) != av))
        elif op == _c.ANY:
            out.append(rng.choice('ax1 '))
        elif op == _c.IN:
            out.append(_in_class(av, rng))
        elif op == _c.CATEGORY:
            out.append(_category(av))
        elif op == _c.BRANCH:
            out.append(_walk(rng.choice(av[1]), rng, groups))
        elif op == _c.SUBPATTERN:
            text = _walk(av[-1], rng, groups)
            if av[0]:
                groups[av[0]] = text
            out.append(text)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or str(op) in ('POSSESSIVE_REPEAT',):
            lo, hi, sub = av
            n = rng.randint(lo, min(hi, lo + 2))
            out.append(''.join(_walk(sub, rng, groups) for _ in range(n)))
        elif op == _c.GROUPREF:
            out.append(groups.get(av, ''))
        elif str(op) == 'ATOMIC_GROUP':
            out.append(_walk(av, rng, groups))
        elif op == _c.GROUPREF_EXISTS:
            out.append(_walk(av[1], rng, groups))
        # AT (anchors), ASSERT and ASSERT_NOT add no characters.
    return ''.join(out)


def examples(pattern, seed=0, n=4):
    """Up to `n` distinct strings that `pattern` matches somewhere, short ones first (deterministic)."""
    try:
        parsed = _sre.parse(pattern)
        rx = re.compile(pattern)
    except (re.error, RecursionError, OverflowError, ValueError, TypeError):
        return []
    rng = random.Random(seed)
    out = []
    for _ in range(n * 4):
        try:
            s = _walk(list(parsed), rng, {})
        except (RecursionError, ValueError, TypeError, IndexError, StopIteration):
            continue
        if s and len(s) <= MAX_LEN and s not in out and rx.search(s):
            out.append(s)
        if len(out) >= n:
            break
    return sorted(out, key=lambda s: (len(s), s))


def domains(tree, fn, names):
    """{parameter: [(domain, weight)]}: strings holding a match of each expression the parameter meets."""
    out = {}
    for name, pats in subjects(tree, fn, names).items():
        for k, pat in enumerate(pats[:3]):
            ex = examples(pat, seed=k)
            if ex:
                out.setdefault(name, []).append((('str', tuple(ex), tuple(('in', e) for e in ex)), 4.0 / (1 + k)))
    return out
