"""Learning from execution: what earlier candidates did re-weights each parameter's domains.

A TypeError or AttributeError blames the domains whose type the message names (or all chosen ones);
a message that says what was expected ("a bytes-like object is required") adds that domain; an
AttributeError naming a known attribute (`read`, `year`, ...) adds the object that has it; a KeyError
adds its key to dict domains; a success rewards every domain it used. A container whose elements
are of the type an error names (`'int' object has no attribute 'split'` for a list of ints) is blamed
as its elements are, and the same container of the elements the message asks for joins the table
(`libnames`: a list of strings, not a string walked character by character).
"""
import ast
import re
import cf_domains as D


def key(dom):
    return repr(dom)


# The Python type a domain's values have, as an error message names it.
MADE = {'shape': 'str', 'tok': 'str', 'numstr': 'str', 'word': 'str', 'char': 'str', 'digit': 'str', 'rec': 'dict', 'fixed': 'tuple',
        'any': 'int', 'opt': 'none'}


def _made(k):
    kind = k[2:k.find("'", 2)] if k.startswith("('") else k
    if kind == 'fixed':
        return 'list' if k.startswith("('fixed', 'list'") else 'tuple'
    if kind in ('sized', 'sorted'):
        try:
            d = ast.literal_eval(k)
            return _made(repr(d[2] if kind == 'sized' else d[1]))
        except (ValueError, SyntaxError, TypeError, IndexError, MemoryError, RecursionError):
            return kind
    return MADE.get(kind, kind)


CONTAINERS = ('list', 'tuple', 'set')


def _elem(k):
    """The element domain of a container domain's key (None for anything else)."""
    if not k.startswith(("('list'", "('tuple'", "('set'")):
        return None
    try:
        dom = ast.literal_eval(k)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return None
    return dom[1] if len(dom) > 1 and isinstance(dom[1], tuple) and dom[1] else None


def _blamed(k, blamed):
    if '*' in blamed or _made(k) in blamed:
        return True
    e = _elem(k)
    return e is not None and _made(key(e)) in blamed


def _retyped(k, want):
    """The container of `k` holding `want` elements instead (None when `k` is no container)."""
    e = _elem(k)
    if e is None or want is None or _made(key(e)) == _made(key(want)):
        return None
    dom = ast.literal_eval(k)
    return (dom[0], want) + tuple(dom[2:])


BLAME = ('TypeError', 'AttributeError')
UNPACK = re.compile(r'values to unpack')
# What an error message says the argument should have been: that domain gains weight.
EXPECT = [
    (re.compile(r'bytes-like|expected bytes|a bytes object|must be bytes'), D.BYTES),
    (re.compile(r'must be str|expected str|requires string|string as left operand|str expected|expected string|must be a string|argument must be str'), D.STR),
    (re.compile(r'must be int|integer is required|expected int|interpreted as an integer|must be an integer|indices must be integers'), D.INT),
    (re.compile(r'must be real number|must be a real number|expected float'), D.FLT),
    (re.compile(r'is not callable'), D.CALL),
    (re.compile(r'must be a dict|expected dict|mapping'), ('dict', D.STR, D.INT, ())),
    (re.compile(r'is not iterable|must be an iterable|expected a sequence|must be a sequence|iterable expected|is not subscriptable'), ('list', D.INT)),
]
TYPE_WORDS = {'int': 'int', 'str': 'str', 'list': 'list', 'dict': 'dict', 'tuple': 'tuple', 'float': 'float',
              'bool': 'bool', 'NoneType': 'none', 'set': 'set', 'bytes': 'bytes', 'function': 'callable',
              'builtin_function_or_method': 'callable', 'frozenset': 'set'}



# A retyped container's weight, as a share of the parameter's heaviest domain: successes multiply
# weights, so a string walked character by character would outweigh a list never tried.
RETYPE_SHARE = 0.5


def _add_retyped(w, k, want, blamed, retyped):
    """A container whose elements the error blames: the same container of `want` joins the table
    (with the container's weight; `retyped` collects it for the final lift)."""
    e = _elem(k)
    if e is None or _made(key(e)) not in blamed:
        return
    nd = _retyped(k, want)
    if nd is None or k not in w:
        return
    if key(nd) not in w:
        w[key(nd)] = (nd, w[k][1])
    retyped.add(key(nd))


def learn(table, params, history, last=()):
    """Re-weights `table` (one {key: (domain, weight)} per parameter) by what `history` did. `last`: the
    lines of the body's last block; once some input reaches it, domains gain by the share of their
    inputs that did (inputs that stop at an early exit say little about the function)."""
    score = [dict() for _ in params]
    reach = [dict() for _ in params]
    retyped = [set() for _ in params]
    last = set(last or ())
    for h in history:
        deep = bool(last & set(h.get('lines') or ()))
        for i, k in enumerate(h.get('doms') or []):
            if k is not None and i < len(reach):
                u, d = reach[i].get(k, (0, 0))
                reach[i][k] = (u + 1, d + deep)
    any_deep = any(d for r in reach for _, d in r.values())
    for h in history:
        blamed = set()
        if h.get('exc_type') == 'ValueError' and UNPACK.search(h.get('exc_msg') or ''):
            # A string unpacked into names (`name, addr = pair`): a type mismatch, not a bad value.
            blamed = {'str'}
        if h.get('exc_type') in BLAME:
            words = {TYPE_WORDS[t] for t in re.findall(r"'(\w+)'", h.get('exc_msg') or '') if t in TYPE_WORDS}
            words |= {TYPE_WORDS[t] for t in re.findall(r'not (\w+)', h.get('exc_msg') or '') if t in TYPE_WORDS}
            blamed = words or {'*'}
            for pat, dom in EXPECT:
                if pat.search(h.get('exc_msg') or ''):
                    for i, k in enumerate(h.get('doms') or []):
                        if k is not None and i < len(table) and _blamed(k, blamed):
                            old = table[i].get(key(dom), (dom, 0))[1]
                            table[i][key(dom)] = (dom, old + 2)
                            _add_retyped(table[i], k, dom, blamed, retyped[i])
        for i, k in enumerate(h.get('doms') or []):
            if k is None or i >= len(score):
                continue
            s, f = score[i].get(k, (0, 0))
            if h.get('status') == 'ok':
                s += 1
            elif blamed and _blamed(k, blamed):
                f += 1 if '*' not in blamed else 0.5
            score[i][k] = (s, f)
        if h.get('exc_type') == 'AttributeError':
            m = re.search(r"has no attribute '(\w+)'", h.get('exc_msg') or '')
            attr = m.group(1) if m else ''
            dom = ('obj', D.ATTRS[attr]) if attr in D.ATTRS else D.STR if attr in D.STR_METHODS else \
                ('list', D.INT) if attr in D.LIST_METHODS else ('dict', D.STR, D.INT, ()) if attr in D.DICT_METHODS else None
            if dom:
                for i, k in enumerate(h.get('doms') or []):
                    if k is not None and i < len(table):
                        old = table[i].get(key(dom), (dom, 0))[1]
                        table[i][key(dom)] = (dom, old + 1.5)
                        _add_retyped(table[i], k, dom, blamed, retyped[i])
        if h.get('exc_type') == 'KeyError':
            m = re.match(r"^'([^']{1,30})'$", h.get('exc_msg') or '')
            if m:
                for w in table:
                    for k, (dom, wt) in list(w.items()):
                        if dom[0] == 'dict':
                            nd = ('dict', D.STR, ('any',), tuple(dict.fromkeys(list(dom[3]) + [m.group(1)]))[:6])
                            w[key(nd)] = (nd, wt + 1)
                        elif dom[0] == 'rec' and m.group(1) not in dict(dom[1]):
                            nd = ('rec', tuple(dom[1]) + ((m.group(1), ('any',)),))
                            w[key(nd)] = (nd, wt + 1)
    for w, sc, rc in zip(table, score, reach):
        for k, (dom, wt) in list(w.items()):
            s, f = sc.get(k, (0, 0))
            u, d = rc.get(k, (0, 0))
            deeper = 1 + d / u if any_deep and u else 1
            w[k] = (dom, wt * deeper * ((s + 1.0) / (f + 1.0)) ** 2)
    for w, sc, keys in zip(table, score, retyped):
        # Lifted while it has not failed more often than it worked.
        top = max((wt for _, wt in w.values()), default=0)
        for k in sorted(keys):
            s, f = sc.get(k, (0, 0))
            if f <= s and k in w:
                w[k] = (w[k][0], max(w[k][1], RETYPE_SHARE * top))
