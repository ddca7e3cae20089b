"""Learning from execution: what earlier candidates did re-weights each parameter's domains.

A TypeError or AttributeError blames the domains whose type the message names (or all chosen ones);
a message that says what was expected ("a bytes-like object is required") adds that domain; an
AttributeError naming a known attribute (`read`, `year`, ...) adds the object that has it; a KeyError
adds its key to dict domains; a success rewards every domain it used.
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
    if kind == 'sized':
        try:
            return _made(repr(ast.literal_eval(k)[2]))
        except (ValueError, SyntaxError, TypeError, IndexError, MemoryError, RecursionError):
            return kind
    return MADE.get(kind, kind)


def _blamed(k, blamed):
    return '*' in blamed or _made(k) in blamed


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
    (re.compile(r'is not iterable|expected a sequence|must be a sequence|iterable expected'), ('list', D.INT)),
]
TYPE_WORDS = {'int': 'int', 'str': 'str', 'list': 'list', 'dict': 'dict', 'tuple': 'tuple', 'float': 'float',
              'bool': 'bool', 'NoneType': 'none', 'set': 'set', 'bytes': 'bytes', 'function': 'callable',
              'builtin_function_or_method': 'callable', 'frozenset': 'set'}



def learn(table, params, history, last=()):
    """Re-weights `table` (one {key: (domain, weight)} per parameter) by what `history` did. `last`: the
    lines of the body's last block; once some input reaches it, domains gain by the share of their
    inputs that did (inputs that stop at an early exit say little about the function)."""
    score = [dict() for _ in params]
    reach = [dict() for _ in params]
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
