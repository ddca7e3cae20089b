"""From access-path trees to domains: a node's facts score the kinds it may be (string, dict, list,
set, number, numeric string, callable, bytes, bool), and the best kinds become domains of the grammar in
cf_grammar, built recursively from the node's children (items, keys, tokens of a split, characters).
"""
from cf_access_tree import ELEM, MAX_CONSTS
from cf_shape_hints import name_shapes

def _score(n):
    f = n.facts
    ins = sum(1 for a in n.affixes if a[0] == 'in')
    idx = [v for k, v in n.kids.items() if k[0] == 'i' and isinstance(k[1], int)]
    # Indexed only to get characters (`s[0].lower()`, `int(s[1])`): as likely a string as a list.
    charry = 1.5 if idx and not f.get('list') and all(_strish_node(v) for v in idx) else 0
    s = {
        'str': f.get('str', 0) + 0.5 * f.get('char', 0) + (1.5 if any(k[0] == 'split' for k in n.kids) else 0) + charry
        + 0.5 * sum(1 for a in n.affixes if a[0] != 'in') + min(0.5 * ins, 1.5),
        'dict': f.get('dict', 0) + (2 if any(k[0] in ('k', 'K', 'keys', 'values') for k in n.kids) else 0) + 0.5 * f.get('keyed', 0),
        'list': f.get('list', 0) + f.get('tuple', 0) + 0.5 * f.get('seq', 0) + 0.4 * f.get('iter', 0) + (1 if any(k[0] == 'i' for k in n.kids) else 0)
        + (1 if n.unpack else 0),
        'set': f.get('set', 0),
        'num': f.get('num', 0) + f.get('int', 0) + f.get('float', 0) + f.get('index', 0) + (2 if _digits(n.kids.get(('strof',))) else 0),
        'numstr': f.get('numstr', 0),
        'call': f.get('call', 0),
        'bytes': f.get('bytes', 0),
        'bool': f.get('bool', 0),
    }
    return s


def _digits(n, depth=0):
    """Whether a node (the text of a value) has its characters parsed as numbers."""
    if n is None or depth > 4:
        return False
    if n.facts.get('numstr', 0) > 0 and not any(isinstance(c, str) and not _numeric(c) for c in n.consts):
        return True
    return any(_digits(v, depth + 1) for k, v in n.kids.items() if k[0] in ('i', 'split') or k == ('parsed',))


def _strish_node(n):
    f = n.facts
    return (f.get('str', 0) + f.get('numstr', 0) + f.get('char', 0) > 0 or any(isinstance(c, str) for c in n.consts)) \
        and all(k[0] == 'parsed' for k in n.kids) and f.get('num', 0) == 0


def _consts(n, kind):
    if kind == 'str':
        return tuple(c for c in n.consts if isinstance(c, str))
    return tuple(c for c in n.consts if isinstance(c, (int, float)) and not isinstance(c, bool))


def _kind(n, s):
    kind = max(s, key=lambda k: (s[k], -list(s).index(k)))
    if s[kind] <= 0:
        return None
    # `int(x)` on a string: a numeric string, unless the string is also compared with words (or the
    # value is used as a number more than it is parsed).
    if s['numstr'] > 0 and kind in ('str', 'num', 'numstr'):
        wordy = any(not _numeric(c) for c in _consts(n, 'str')) or any(a[0] != 'in' for a in n.affixes)
        if wordy or any(k[0] == 'split' for k in n.kids):
            return 'str'
        return 'num' if s['num'] > s['numstr'] else 'numstr'
    return kind


def kinds(n):
    """The kinds a node may be, best first, with their scores (close seconds included)."""
    s = _score(n)
    best = _kind(n, s)
    if best is None:
        return []
    out = [(best, s[best] if best != 'numstr' else max(s['numstr'], s['str']))]
    rest = sorted((k for k in s if k != best and s[k] > 0 and not (best == 'numstr' and k == 'str')), key=lambda k: -s[k])
    if rest and s[rest[0]] >= 0.5 * out[0][1]:
        out.append((rest[0], s[rest[0]]))
    return out


def dom_of(n, depth=0, force=None):
    """The domain a tree node asks for, or None when nothing is known."""
    if n is None or depth > 8:
        return None
    d = _dom_of(n, depth, force)
    if depth > 0 and d is not None:
        d = _named(n, d)
    if d is not None and n.lens and d[0] in ('list', 'tuple', 'str', 'tok', 'numstr', 'set', 'dict', 'rec', 'fixed'):
        d = ('sized', tuple(sorted(n.lens)), d)
    if depth > 0 and n.facts.get('isnone'):
        # Compared with None below the top (a list's end, a missing child): sometimes None.
        return ('opt', d) if d is not None else ('none',)
    return d


def _named(n, d):
    """A string (or a value of unknown type) inside a value whose name says its shape (`name, address
    = pair`: an e-mail address; `environ['HTTP_HOST']`: a host) is a string of that shape; constants it
    is compared with stay among its values (`environ['SERVER_PORT'] != '443'`)."""
    consts = d[1] if d[0] == 'str' and len(d) > 1 else ()
    plain = d[0] in ('word', 'any') or (d[0] == 'str' and not (len(d) > 2 and d[2]))
    if not plain:
        return d
    for name in n.names:
        for s in name_shapes(name):
            return ('shape', s, consts) if consts else ('shape', s)
    return d


def _dom_of(n, depth, force):
    kind = force
    if kind is None:
        ks = kinds(n)
        kind = ks[0][0] if ks else None
    if kind is None:
        if n.consts:
            c = n.consts[0]
            return ('str', _consts(n, 'str'), ()) if isinstance(c, str) else ('int', _consts(n, 'num')) if isinstance(c, int) else None
        return None
    idx = {k[1]: v for k, v in n.kids.items() if k[0] == 'i' and isinstance(k[1], int)}
    if kind == 'str':
        splits = [(k, v) for k, v in n.kids.items() if k[0] == 'split']
        if splits:
            key, sn = splits[0]
            sep = key[1]
            return _tok(sep if sep is not None else ' ', sn, depth, part=len(key) > 2)
        affixes = list(dict.fromkeys(n.affixes))
        # `s[0] == 'x'`, `s[-1] == 's'`: single characters at the ends are affixes too.
        for i, v in idx.items():
            for c in v.consts:
                if isinstance(c, str) and c:
                    affixes.append(('pre' if i == 0 else 'suf' if i == -1 else 'in', c))
        digits = {i: v for i, v in idx.items() if -8 <= i <= 8 and (dom_of(v, depth + 1) or ('',))[0] == 'numstr'}
        if digits:
            fixed = tuple(sorted((i, _char_dom(v, depth + 1)) for i, v in idx.items() if -8 <= i <= 8))
            return ('tok', '', ('char',), fixed, max(i if i >= 0 else -i - 1 for i, _ in fixed) + 1)
        if not _consts(n, 'str') and not affixes and (n.facts.get('braces') or n.facts.get('percents')):
            # Formatted with `.format(...)` or `%`: a format string of that kind.
            return ('shape', 'template' if n.facts.get('braces') else 'format')
        return ('str', _consts(n, 'str'), tuple(dict.fromkeys(affixes))[:8])
    if kind == 'numstr':
        parsed = n.kids.get(('parsed',))
        nums = _consts(n, 'num') + (_consts(parsed, 'num') if parsed else ())
        floaty = bool(n.facts.get('floaty')) or any(isinstance(c, float) for c in nums)
        return ('numstr', tuple(dict.fromkeys(nums))[:MAX_CONSTS] + tuple(c for c in _consts(n, 'str') if _numeric(c)), floaty)
    if kind == 'dict':
        keys = [k[1] for k in n.kids if k[0] == 'k']
        vals = n.kids.get(('V',))
        vdom = dom_of(vals, depth + 1) if vals else None
        if keys:
            items = tuple((k, dom_of(n.kids[('k', k)], depth + 1) or _named(n.kids[('k', k)], vdom or ('any',)))
                          for k in dict.fromkeys(keys))[:8]
            return ('rec', items)
        kn = n.kids.get(('K',))
        kdom = dom_of(kn, depth + 1) if kn else None
        return ('dict', kdom or ('str',), vdom or ('int',), ())
    if kind == 'list':
        seqkind = 'tuple' if n.facts.get('tuple', 0) > n.facts.get('list', 0) else 'list'
        star = n.kids.get(ELEM)
        edom = dom_of(star, depth + 1) if star else None
        if n.unpack and not star and (not idx or max(idx) < n.unpack):
            return ('fixed', 'tuple', tuple(dom_of(idx.get(i), depth + 1) or ('int',) for i in range(n.unpack)))
        if idx:
            pos = [i for i in idx if i >= 0]
            need = max([i + 1 for i in pos] + [-i for i in idx if i < 0] + [1])
            doms = {i: dom_of(v, depth + 1) for i, v in idx.items()}
            if not star and pos and need <= 6 and len({repr(d) for d in doms.values() if d}) > 1:
                return ('fixed', 'tuple', tuple(doms.get(i) or edom or ('int',) for i in range(need)))
            if edom is None:
                known = [d for d in doms.values() if d]
                edom = known[0] if known else None
            return (seqkind, edom or ('int',), need)
        return (seqkind, edom or ('int',), 0)
    if kind == 'set':
        star = n.kids.get(ELEM)
        return ('set', (dom_of(star, depth + 1) if star else None) or ('int',))
    if kind == 'num':
        floaty = n.facts.get('float', 0) > 0 or any(isinstance(c, float) for c in n.consts)
        if _digits(n.kids.get(('strof',))):
            return ('int', _consts(n, 'num'), 'digits')
        if n.facts.get('index', 0) > 0 and not floaty:
            return ('int', _consts(n, 'num'), 'index')
        return ('float' if floaty else 'int', _consts(n, 'num'))
    if kind == 'call':
        return ('callable',)
    if kind == 'bytes':
        return ('bytes',)
    if kind == 'bool':
        return ('bool',)
    return None


def _numeric(c):
    try:
        float(c)
        return True
    except (TypeError, ValueError):
        return False


def _char_dom(n, depth):
    d = dom_of(n, depth)
    if d and d[0] == 'numstr':
        return ('digit',)
    cs = tuple(c for c in n.consts if isinstance(c, str) and len(c) == 1)
    if cs:
        return ('char', cs)
    return ('char',)


def _tok(sep, sn, depth, part=False):
    idx = {k[1]: v for k, v in sn.kids.items() if k[0] == 'i' and isinstance(k[1], int)}
    if part:
        # A partition's items 0 and 2 (or -1) are the text's two parts; item 1 is the separator itself.
        idx = {(0 if i in (0, -3) else 1): v for i, v in idx.items() if i in (0, 2, -1, -3)}
    star = sn.kids.get(ELEM)
    edom = dom_of(star, depth + 1) if star else None
    fixed = tuple(sorted((i, dom_of(v, depth + 1) or ('word',)) for i, v in idx.items() if -6 <= i <= 6))
    need = max([i + 1 for i in idx if i >= 0] + [-i for i in idx if i < 0] + [0])
    return ('tok', sep, _tokdom(edom) or ('word',), tuple((i, _tokdom(d) or ('word',)) for i, d in fixed), min(need, 7))


def _tokdom(d):
    """Tokens of a joined string must themselves be strings (or numbers written out)."""
    if d is None:
        return None
    if d[0] == 'sized':
        inner = _tokdom(d[2])
        return ('sized', d[1], inner) if inner else None
    if d[0] in ('str', 'numstr', 'tok', 'word', 'char', 'digit'):
        return d
    if d[0] in ('int', 'float'):
        return ('numstr', d[1], d[0] == 'float')
    return None
