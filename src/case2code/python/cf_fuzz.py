"""The fuzzer's Python half: given a function, propose candidate inputs; given what earlier candidates
did when run, propose better ones (domains that raised TypeError/AttributeError lose weight, keys named
by KeyError join the dict domain, survivors are mutated). Stateless: the same request gives the same
answer. Entry points take and return JSON text so the caller needs no Python objects.
"""
import ast
import builtins
import importlib.util
import json
import math
import random
import re
import cf_domains as D
from cf_gen import gen
from cf_mutate import mutate, near_miss
from cf_relate import relate
from cf_src import Src, to_src
from cf_usage import usage
from cf_shape import body_literals, find_function, last_block, message_literals, param_list
from cf_forward import forwarded
from cf_learn import learn as _learn, key as _key, _made
import cf_paths
import cf_regex
from cf_shape_hints import hints as shape_hints
from cf_shapes import CLOSED_SHAPES, has_part as shape_has
from cf_grammar import check


def infer(spec):
    tree = ast.parse(spec['program'])
    fn = find_function(tree, spec['name'])
    params = param_list(fn)
    names = [p['name'] for p in params]
    hints, keys, elem, pools = usage(fn, names)
    forwards = forwarded(tree, fn, names)
    for p, g, gp in forwards:
        _merge_usage((hints, keys, elem, pools), usage(g, [gp]), gp, p)
    # Defaults are the function's own boundaries too (`high=255`: 256 tells a mutant apart).
    for p in params:
        try:
            v = ast.literal_eval(p['default']) if p.get('default') is not None else None
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            v = None
        if type(v) is int and abs(v) < 10**12 and v not in pools['ints']:
            pools['ints'] = sorted(pools['ints'] + [v])
        elif type(v) is float and v not in pools['floats']:
            pools['floats'] = pools['floats'] + [v]
    doc = ast.get_docstring(fn) or ''
    seeds = doctest_seeds((spec.get('doctests') or []) + doc_calls(doc, spec['name']), spec['name'], params, module_names(tree))
    try:
        shaped = cf_paths.domains(fn, names)
    except (RecursionError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        shaped = {}
    for p, g, gp in forwards:
        try:
            shaped.setdefault(p, []).extend(cf_paths.domains(g, [gp]).get(gp, []))
        except (RecursionError, ValueError, TypeError, KeyError, IndexError, AttributeError):
            pass
    try:
        matched = cf_regex.domains(tree, fn, names)
        patterns = {pat for pats in cf_regex.subjects(tree, fn, names).values() for pat in pats}
    except (RecursionError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        matched, patterns = {}, set()
    attrs = _module_attr_domains(tree, fn, names)
    for p, doms in _module_key_domains(tree, fn, names).items():
        attrs.setdefault(p, []).extend(doms)
    # A pattern is the function's tool, not a value a caller passes (nor a part of one).
    pools['strs'] = [s for s in pools['strs'] if s not in patterns]
    # Messages and templates (`'({})'.format(...)`) are the function's own text, no value a caller passes.
    tools = patterns | message_literals(fn)
    literals = [x for x in dict.fromkeys(body_literals(fn) + [x for _, g, _ in forwards for x in body_literals(g)]) if x not in tools]
    shapes = shape_hints(fn, params, doc, literals, seeds)
    signature = D.signature_domains(doc, spec['name'], params)
    table = []
    for p in params:
        w = {}

        def add(dom, weight):
            if dom:
                k = _key(dom)
                w[k] = (dom, w.get(k, (dom, 0))[1] + weight)
        if p.get('annotation'):
            add(D.annotation_domain(p['annotation']), 6)
        if p.get('default') is not None:
            try:
                add(D.value_domain(ast.literal_eval(p['default'])), 4)
            except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                pass
        for dom in D.docstring_domains(doc, p['name']):
            add(dom, 3)
        add(signature.get(p['name']), 5)
        for args in seeds:
            for kw, src in args:
                if kw == p['name']:
                    try:
                        add(D.value_domain(ast.literal_eval(src)), 5)
                    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                        pass
        for dom, share in shaped.get(p['name'], []):
            add(dom, 6 * share)
        # Strings the function matches against an expression hold what the expression looks for.
        for dom, weight in matched.get(p['name'], []):
            add(dom, weight)
        # `getattr(select, method)`: the names the module has; `_levelToName.get(level)`: the table's keys.
        for dom, weight in attrs.get(p['name'], []):
            add(dom, weight)
        # A string the body takes apart (`attr.partition('=')`) says more than its name (`attr`), unless
        # the name's shape has those parts (`addr.partition('<')`: addresses have `<`).
        pieces = [x for d, _ in shaped.get(p['name'], []) for x in _pieces(d)]
        for dom, weight in shapes.get(p['name'], []):
            add(dom, weight * (0.4 if pieces and dom[0] == 'shape' and not shape_has(dom[1], pieces) else 1))
        # Usage hints count with diminishing returns: twenty slices of `s` are not twenty times the evidence.
        counted = {}
        for dom in hints.get(p['name'], []):
            d = _refine(dom, keys.get(p['name']), elem.get(p['name']))
            counted[_key(d)] = (d, counted.get(_key(d), (d, 0))[1] + 1)
        for d, c in counted.values():
            add(d, 1.2 * (1 + math.log2(c)))
        for dom in D.name_domains(p['name']):
            add(_refine(dom, keys.get(p['name']), elem.get(p['name'])), 1.5)
        for dom, base in ((D.INT, 0.6), (D.STR, 0.6), (('list', D.INT), 0.4), (D.FLT, 0.2), (('list', D.STR), 0.2),
                          (D.CALL, 0.1), (('obj', 'class'), 0.1), (D.NONE, 0.1)):
            add(dom, base)
        _lend(w, [_key(d) for d, _ in shaped.get(p['name'], []) + shapes.get(p['name'], []) + matched.get(p['name'], []) + attrs.get(p['name'], [])])
        if p['name'] in pools.get('chars', ()):
            _as_text(w, add)
        if _said_sorted(doc, p['name']):
            for dom, wt in list(w.values()):
                if dom[0] in ('list', 'tuple', 'sized') and _made(_key(dom)) in ('list', 'tuple'):
                    add(('sorted', dom), wt * 1.5)
        # A callable the body calls with two arguments is no callable of one (`lambda x: x` raises there).
        called = sorted((dw for dw in w.values() if dw[0][0] == 'callable' and len(dw[0]) > 1), key=lambda dw: (-dw[1], _key(dw[0])))
        if called and _key(D.CALL) in w:
            add(called[0][0], w.pop(_key(D.CALL))[1])
        table.append(w)
    # Quoted examples in the docstring (`a string like '<URL:scheme://host/path>'`) start the search
    # for a function of one argument; they weigh nothing in the table (a quote may be an output).
    return fn, params, table, pools, seeds + quoted_seeds(doc, params)


SORTED_SAID = re.compile(r'\bsorted\b', re.I)


def _said_sorted(doc, name):
    """The docstring says the parameter is sorted: a sentence with "sorted" names it (`assuming a is
    sorted`) or speaks of the inputs in the plural (`two sorted input lists`)."""
    for sentence in re.split(r'(?<=[.!?:])\s+', doc):
        if not SORTED_SAID.search(sentence):
            continue
        n = re.escape(name)
        # Within three words of "sorted": `a is sorted`, `sorted list a`.
        if re.search(r'\b%s\b(\W+\w+){0,2}\W+sorted\b|\bsorted(\W+\w+){0,2}\W+%s\b' % (n, n), sentence, re.I):
            return True
        if re.search(r'\bsorted(\W+\w+){0,1}\W+(lists|sequences|inputs|arrays)\b', sentence, re.I):
            return True
    return False


def _as_text(w, add):
    """A parameter whose elements are used as single characters (`ord(c)`, `source[i] == '\\r'`) is a
    string walked character by character sooner than a list of one-character strings: the string
    version of its heaviest list of strings (the characters looked for inside it) outweighs the list."""
    lists = [(dom, wt) for dom, wt in w.values() if dom[0] == 'list' and len(dom) > 1 and isinstance(dom[1], tuple)
             and dom[1][:1] == ('str',)]
    if not lists:
        return
    dom, wt = max(lists, key=lambda dw: (dw[1], _key(dw[0])))
    consts = tuple(c for c in (dom[1][1] if len(dom[1]) > 1 else ()) if isinstance(c, str) and len(c) == 1)
    add(('str', (), tuple(('in', c) for c in consts)) if consts else ('str',), wt * 1.2)


# Attribute names offered for a parameter looked up on a module: a few, spread over the module's.
ATTR_NAMES = 10


def _module_attr_domains(tree, fn, names):
    """{parameter: [(domain, weight)]} for `getattr(M, p[, default])` / `hasattr(M, p)` with M a module
    the program imports: the module's public names (and a near miss) are the values a caller passes."""
    mods = {}
    for node in tree.body:
        if isinstance(node, ast.Import):
            for a in node.names:
                mods[(a.asname or a.name).split('.')[0]] = a.name if a.asname else a.name.split('.')[0]
    out = {}
    for node in ast.walk(fn):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ('getattr', 'hasattr')
                and len(node.args) >= 2 and isinstance(node.args[0], ast.Name) and node.args[0].id in mods
                and isinstance(node.args[1], ast.Name) and node.args[1].id in names):
            continue
        mod = mods[node.args[0].id]
        if mod in _NOISY or not _importable(mod):
            continue
        try:
            public = sorted(n for n in dir(importlib.import_module(mod)) if not n.startswith('_'))
        except Exception:  # noqa: BLE001 - a module that does not import here offers no names
            continue
        if not public:
            continue
        # Functions and classes (lower case in the standard library) before constants.
        lower = [n for n in public if not n.isupper()]
        pool = lower or public
        step = max(1, len(pool) // ATTR_NAMES)
        picked = tuple(pool[::step][:ATTR_NAMES - 2]) + tuple(n for n in public if n.isupper())[:2]
        out.setdefault(node.args[1].id, []).append((('str', picked), 5.0))
    return out


def _module_values(tree):
    """{name: (is a dict, keys or items)} for module-level names bound to a dict, set, list or tuple literal
    of scalar keys (items), names of scalar constants (`DEBUG = 10`, `FATAL = CRITICAL`) resolved."""
    consts, tables = {}, {}

    def value(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, str)) and not isinstance(node.value, bool):
            return node.value
        if isinstance(node, ast.Name) and node.id in consts:
            return consts[node.id]
        return None
    for stmt in tree.body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
            continue
        name, v = stmt.targets[0].id, stmt.value
        if value(v) is not None:
            consts[name] = value(v)
        elif isinstance(v, (ast.Dict, ast.Set, ast.List, ast.Tuple)):
            items = v.keys if isinstance(v, ast.Dict) else v.elts
            got = [value(k) for k in items if k is not None]
            if got and None not in got and len({type(x) for x in got}) == 1:
                tables[name] = (isinstance(v, ast.Dict), tuple(dict.fromkeys(got)))
    return tables


def _module_key_domains(tree, fn, names):
    """{parameter: [(domain, weight)]} for a parameter looked up in a module-level table
    (`_levelToName.get(level)`, `_nameToLevel[level]`, `level in _LEVELS`): its keys are what a caller passes."""
    tables = _module_values(tree)
    if not tables:
        return {}
    found = []
    for node in ast.walk(fn):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ('get', 'pop') \
                and isinstance(node.func.value, ast.Name) and node.args:
            found.append((node.func.value.id, node.args[0], True))
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            found.append((node.value.id, node.slice, True))
        elif isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)) \
                and isinstance(node.comparators[0], ast.Name):
            found.append((node.comparators[0].id, node.left, False))
    out = {}
    for table, key, keyed in found:
        # A list is indexed by position, not by its items: only a dict's keys are looked up.
        if table in tables and (tables[table][0] or not keyed) and isinstance(key, ast.Name) and key.id in names:
            keys = tables[table][1][:16]
            dom = ('int', keys) if isinstance(keys[0], int) else ('str', keys)
            if (dom, 5.0) not in out.get(key.id, []):
                out.setdefault(key.id, []).append((dom, 5.0))
    return out


def _merge_usage(into, other, gp, p):
    """Adds a helper's usage of its parameter `gp` to the caller's evidence for `p` (pools: all of them)."""
    hints, keys, elem, pools = into
    h2, k2, e2, pools2 = other
    if h2.get(gp):
        hints.setdefault(p, []).extend(h2[gp])
    if k2.get(gp):
        keys.setdefault(p, []).extend(k2[gp])
    if e2.get(gp) and not elem.get(p):
        elem[p] = e2[gp]
    if gp in pools2.get('chars', ()):
        pools['chars'] = sorted(set(pools.get('chars', [])) | {p})
    for k, vals in pools2.items():
        if k == 'chars':
            continue
        merged = list(dict.fromkeys(list(pools.get(k, [])) + list(vals)))
        pools[k] = sorted(merged) if k in ('ints', 'strs', 'seps', 'bytes') else merged
    pools['strs'] = pools['strs'][:30]
    pools['seps'] = pools['seps'][:8]


def _pieces(dom):
    """The separators, affixes and constants a structured string domain looks for."""
    if dom[0] == 'sized':
        return _pieces(dom[2])
    if dom[0] == 'tok':
        return [dom[1]] if dom[1] else []
    if dom[0] == 'str':
        return [c for c in (dom[1] if len(dom) > 1 else ()) if c] + [a[1] for a in (dom[2] if len(dom) > 2 else ()) if a[1]]
    return []


def _bare(dom):
    """A domain that says only its type: `('str',)`, or `('str', (), ())` (no constants, no affixes)."""
    return all(isinstance(a, tuple) and not a for a in dom[1:])


def _lend(w, refined):
    """A structural domain refines the plain domains of its type (`('str', consts, affixes)` and
    `('shape', 'email')` refine `('str',)`): most of their weight moves to it, split by the refined
    domains' own weights."""
    refined = [k for k in dict.fromkeys(refined) if k in w and not _bare(w[k][0])]
    for k, (dom, wt) in list(w.items()):
        if k in refined or not (_bare(dom) or (len(dom) <= 2 and not (len(dom) == 2 and isinstance(dom[1], tuple) and len(dom[1]) > 1))):
            continue
        same = [r for r in refined if _made(r) == _made(k)]
        if not same:
            continue
        total = sum(w[r][1] for r in same)
        for r in same:
            w[r] = (w[r][0], w[r][1] + 0.7 * wt * w[r][1] / total)
        w[k] = (dom, 0.3 * wt)


def _refine(dom, keys, elem_hints):
    if dom[0] == 'dict' and keys:
        return ('dict', D.STR, ('any',), tuple(dict.fromkeys(keys))[:6])
    if dom[0] in ('list', 'tuple', 'set') and elem_hints:
        return (dom[0], elem_hints[0])
    return dom


def module_names(tree):
    """Names the program binds at its top level (imports, definitions, assignments)."""
    out = set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out.update((a.asname or a.name).split('.')[0] for a in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(node.name)
        else:
            out.update(n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store))
    return out


# Modules whose import does something (prints, opens a browser): never a doctest's value.
_NOISY = frozenset({'this', 'antigravity'})


def _importable(name):
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _with_imports(src, bound):
    """A doctest argument that names a module its docstring imported (`io.BytesIO(b'..')` after
    `>>> import io`): the module as `__import__('io')`, as the fuzzer's own object domains write it,
    since only the call is carried, not the docstring's setup lines, and the program need not import it."""
    try:
        tree = ast.parse(src, mode='eval')
    except SyntaxError:
        return src
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    free = {n for n in names if n not in bound and not hasattr(builtins, n) and n not in _NOISY and _importable(n)}
    if not free:
        return src

    class Bind(ast.NodeTransformer):
        def visit_Name(self, node):
            if node.id in free and isinstance(node.ctx, ast.Load):
                return ast.copy_location(ast.Call(ast.Name('__import__', ast.Load()), [ast.Constant(node.id)], []), node)
            return node
    return ast.unparse(Bind().visit(tree))


def doc_calls(doc, name):
    """Calls of the function written in its docstring outside doctests (`splittag('/path#tag') --> '/path',
    'tag'`), as doctest-like {call} entries."""
    out = []
    for m in re.finditer(r'(?<![\w.>])%s\(' % re.escape(name), doc):
        depth, end = 0, None
        for k in range(m.end() - 1, min(len(doc), m.end() + 300)):
            depth += {'(': 1, ')': -1}.get(doc[k], 0)
            if depth == 0:
                end = k + 1
                break
        line = doc[doc.rfind('\n', 0, m.start()) + 1:m.start()].lstrip()
        if end is not None and not line.startswith(('>>>', '...')):  # doctests come mined, with their outputs
            out.append({'call': doc[m.start():end]})
    return out[:6]


# A quoted example opens after a space or a bracket and does not start with a space or a comma (the
# text between two quoted examples, `'.', and change '\\n'`, is none).
DOC_QUOTED = re.compile(r'''(?:^|(?<=[\s(\[{=]))('[^'\n\\\s,][^'\n\\]{1,79}'|"[^"\n\\\s,][^"\n\\]{1,79}")(?![\w'"])''')


def quoted_seeds(doc, params):
    required = [p for p in params if p['kind'] in ('positional_or_keyword', 'positional_only') and p.get('default') is None]
    if len(required) != 1 or len(params) > 3:
        return []
    kw = required[0]['name'] if required[0]['kind'] == 'positional_or_keyword' else None
    out = []
    for m in DOC_QUOTED.finditer(doc):
        seed = [[kw, repr(ast.literal_eval(m.group(1)))]]
        if seed not in out:
            out.append(seed)
    return out[:6]


def doctest_seeds(doctests, name, params, bound=frozenset()):
    out = []
    for d in doctests:
        try:
            node = ast.parse(d['call'], mode='eval').body
        except SyntaxError:
            continue
        if not isinstance(node, ast.Call):
            continue
        fname = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, 'attr', None)
        if fname != name or any(isinstance(a, ast.Starred) for a in node.args):
            continue
        args = []
        for i, a in enumerate(node.args):
            kw = params[i]['name'] if i < len(params) and params[i]['kind'] == 'positional_or_keyword' else None
            args.append([kw, _with_imports(ast.get_source_segment(d['call'], a), bound)])
        args += [[k.arg, _with_imports(ast.get_source_segment(d['call'], k.value), bound)] for k in node.keywords if k.arg]
        out.append(args)
    return out


def _args_for(params, choose, rng):
    positional = any(p['kind'] in ('var_positional', 'positional_only') for p in params)
    args, doms = [], []
    for p in params:
        if p['kind'] == 'var_positional' and rng.random() < 0.7:
            # `*parts`: a value drawn for the parameter as a whole; a sequence spreads into up to three
            # arguments (`join('a', 'b', 'c')`), anything else is one more argument.
            dom, value = choose(p)
            extra = list(value)[:3] if isinstance(value, (list, tuple)) else [value]
            args.extend([None, to_src(v)] for v in extra)
            doms.append(_key(dom))
            continue
        if p['kind'] in ('var_positional', 'var_keyword'):
            doms.append(None)
            continue
        keyword = not (positional and p['kind'] != 'keyword_only')
        # A private parameter with a default (`_int=int`, `_CODEBITS=_CODEBITS`: a local bound for
        # speed, a recursion's accumulator) is the function's own business: a caller leaves it alone.
        if p.get('default') is not None and keyword and p['name'].startswith('_'):
            doms.append(None)
            continue
        if p.get('default') is not None and rng.random() < 0.35 and keyword:
            doms.append(None)
            continue
        dom, value = choose(p)
        kw = None if positional and p['kind'] != 'keyword_only' else p['name']
        args.append([kw, to_src(value)])
        doms.append(_key(dom))
    return args, doms


def _pick(w, rng):
    items = sorted(w.values(), key=lambda dw: _key(dw[0]))
    total = sum(wt for _, wt in items)
    r = rng.random() * total
    for dom, wt in items:
        r -= wt
        if r <= 0:
            return dom
    return items[-1][0]


def _text(args):
    return ', '.join((kw + '=' if kw else '') + src for kw, src in args)


def _literal(src):
    try:
        ast.literal_eval(src)
        return True
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False


def _relate(args, rng, params=(), doms=None):
    """One argument made a part of another (cf_relate); a name from a closed set (an error handler)
    neither takes part nor is made one, and a value of a shape is not made one."""
    closed = {j for j, (kw, _) in enumerate(args) if _closed(_drawn_from(kw, params, doms, j))}
    vals = []
    for j, (_, src) in enumerate(args):
        try:
            vals.append(Src(src) if j in closed else ast.literal_eval(src))
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            vals.append(Src(src))
    # A URL or a date is not made to hold another argument (`'../../index../../index.html ww.example.com.html'`).
    shaped = {j for j, (kw, _) in enumerate(args) if (_drawn_from(kw, params, doms, j) or ('',))[0] == 'shape'}
    got = relate(vals, rng)
    if got and got[0] not in closed | shaped:
        i, v = got
        args[i] = [args[i][0], to_src(v)]


def _base_weights(bases, history, last):
    """Inputs that reach lines few others reach, or the body's last block, are mutated more often:
    the branches past the early exits are where the function does its work."""
    counts = {}
    for h in history:
        for line in set(h.get('lines') or ()):
            counts[line] = counts.get(line, 0) + 1
    last = set(last)
    out = []
    for b in bases:
        lines = set(b.get('lines') or ())
        out.append(1 + sum(1.0 / counts[x] for x in lines if x in counts) + (2 if lines & last else 0))
    return out


def _pick_base(bases, weights, rng):
    r = rng.random() * sum(weights)
    for b, w in zip(bases, weights):
        r -= w
        if r <= 0:
            return b
    return bases[-1]


def propose(spec_json):
    spec = json.loads(spec_json)
    rng = random.Random(spec.get('seed', 0))
    fn, params, table, pools, seeds = infer(spec)
    history = spec.get('history') or []
    last = last_block(fn)
    _learn(table, params, history, last)
    if any(h.get('status') == 'timeout' for h in history):
        pools = dict(pools, small=True)
    seen = {_text(h['args']) for h in history}
    out = []

    def push(args, doms):
        t = _text(args)
        if t not in seen and len(t) <= spec.get('max_arg_chars', 2000):
            seen.add(t)
            out.append({'args': args, 'doms': doms})
    if not history:
        for args in seeds:
            push(args, [None] * len(params))
    n = spec.get('n', 24)
    survivors = spec.get('bases') or [h for h in history if h.get('status') == 'ok']
    # Only inputs with a literal argument can be mutated (a lambda or an object expression cannot).
    survivors = [h for h in survivors if any(_literal(src) for _, src in h['args'])]
    n_mut = int(n * spec.get('mutate_share', 0.6)) if survivors else 0
    weights = _base_weights(survivors, history, last)
    tries = 0
    while len(out) < n_mut and tries < n_mut * 6:
        tries += 1
        base = _pick_base(survivors, weights, rng)
        args = [list(a) for a in base['args']]
        if not args:
            break
        # Mostly one change; sometimes a few, or a relation between two arguments.
        for _ in range(1 if rng.random() < 0.6 else rng.randint(2, 3)):
            if len(args) >= 2 and rng.random() < 0.2:
                _relate(args, rng, params, base.get('doms'))
                continue
            j = rng.randrange(len(args))
            dom = _drawn_from(args[j][0], params, base.get('doms'), j)
            if _closed(dom):
                # `errors='strict'` mutates to another handler (or the shape's near miss), not `'tcirts'`.
                args[j][1] = to_src(gen(dom, rng, pools))
                continue
            try:
                value = ast.literal_eval(args[j][1])
            except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
                continue
            if dom is not None and dom[0] == 'shape' and isinstance(value, str):
                # A URL, an address or a date mutates to another of its shape or one character off,
                # never reversed or glued to filler (`'lmth.egap/pu/..'`).
                args[j][1] = to_src(gen(dom, rng, pools) if rng.random() < 0.5 else near_miss(value, rng))
                continue
            args[j][1] = to_src(mutate(value, rng, pools))
        push(args, base.get('doms') or [None] * len(params))
    tries = 0
    while len(out) < n and tries < n * 6:
        tries += 1

        def choose(p):
            dom = _pick(table[params.index(p)], rng)
            return dom, gen(dom, rng, pools)
        args, doms = _args_for(params, choose, rng)
        named = [i for i, a in enumerate(args) if not _closed(_drawn_from(a[0], params, doms, i))]
        if len(named) >= 2 and rng.random() < 0.15:
            # Equal arguments: comparisons, matches and lookups answer True for them.
            i, j = rng.sample(named, 2)
            args[j] = [args[j][0], args[i][1]]
        elif len(named) >= 2 and rng.random() < 0.3:
            _relate(args, rng, params, doms)
        push(args, doms)
    return json.dumps({'params': params, 'candidates': out[:n]})




def _closed(dom):
    if dom is None:
        return False
    if dom[0] == 'str' and len(dom) > 1 and dom[1] and all(isinstance(c, str) and len(c) == 1 for c in dom[1]):
        # Compared only with single characters (`sign_str == '+'`): a mutant is another character.
        return True
    return dom[0] == 'shape' and len(dom) > 1 and dom[1] in CLOSED_SHAPES


def _drawn_from(kw, params, doms, j=None):
    """The domain argument `j` of a base was drawn from, by keyword or, before any `*args`, by
    position (None: not recorded)."""
    if not doms:
        return None
    if kw is None:
        lead = next((k for k, p in enumerate(params) if p['kind'] not in ('positional_only', 'positional_or_keyword')), len(params))
        i = j if j is not None and j < lead else -1
    else:
        i = next((i for i, p in enumerate(params) if p['name'] == kw), -1)
    if i < 0 or i >= len(doms) or not doms[i]:
        return None
    try:
        return ast.literal_eval(doms[i])
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None


# A parameter's static evidence says its kind when its heaviest domain holds this share of the weight
# and outweighs the heaviest domain of another kind by this factor.
EVIDENT_SHARE = 0.4
EVIDENT_LEAD = 1.15


def evidence(spec):
    """{parameter: 'seq' | 'text' | 'bool' | 'int' | 'number' | 'callable'} where what a reader sees (usage, names, defaults,
    docstring) says a sequence, a string, a flag, a whole number or a number: a string that happens to work
    where a sequence is read (`cb[0][0]`), a list where text is, or `max=100.25` where `ord(c) < max` is
    compared, teaches a caller that does not exist (selection's plausibility, plausible.ts)."""
    _, params, table, _, _ = infer(spec)
    out = {}
    # A numeric string (`float(interval)`) is as much a number as a string: no kind to hold callers to.
    coarse = lambda d: 'seq' if _made(_key(d)) in ('list', 'tuple', 'set', 'dict') else \
        'text' if _made(_key(d)) == 'str' and d[0] != 'numstr' else 'bool' if d[0] == 'bool' else \
        'number' if d[0] in ('int', 'float') else 'callable' if d[0] == 'callable' else 'other'
    # Whole numbers first: `number` only where floats weigh as much.
    fine = lambda d: 'int' if d[0] == 'int' else coarse(d)
    for p, w in zip(params, table):
        total = sum(wt for _, wt in w.values())
        if total <= 0:
            continue
        for kind_of in (fine, coarse):
            # The heaviest single domain decides; its rivals are the domains of every other kind.
            dom, wt = max(w.values(), key=lambda dw: (dw[1], _key(dw[0])))
            kind = kind_of(dom)
            rival = max((x for d, x in w.values() if kind_of(d) != kind), default=0)
            if kind != 'other' and wt >= EVIDENT_SHARE * total and wt >= EVIDENT_LEAD * rival:
                out[p['name']] = kind
                break
    return out


def explain(spec_json):
    """{program, name, doctests?} -> {params: {name: [[domain key, weight, problem or null]]}}: the table
    the fuzzer draws from, heaviest first, each domain checked against the grammar (cf_grammar)."""
    spec = json.loads(spec_json)
    _, params, table, _, _ = infer(spec)
    out = {}
    for p, w in zip(params, table):
        rows = sorted(w.values(), key=lambda dw: (-dw[1], _key(dw[0])))
        out[p['name']] = [[_key(d), round(wt, 4), check(d)] for d, wt in rows]
    return json.dumps({'params': out})
