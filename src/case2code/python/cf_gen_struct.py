"""Generators of domains built of other domains: token-joined strings, fixed-length tuples, records
(dicts with known keys), sized values, optional values, and lists, tuples, sets and dicts of an item
domain. Each takes (dom, rng, pools, depth, size) and draws its parts through cf_gen.gen."""
import string
import cf_gen
from cf_vocab import KEY_WORDS


PAIR_SEPS = {'=', '@', ':'}


def gen_tok(dom, rng, pools, depth, size):
    _, sep, elem, fixed, need = dom
    fixed = dict(fixed)
    if sep in PAIR_SEPS:
        # `key=value`, `user@host`, `host:port`: mostly two parts, now and then one or three.
        n = max(need, rng.choice([1, 2, 2, 2, 2, 3]))
    else:
        n = max(need, rng.choice([0, 1, 2, 3, 3, 4, 5, 6]) if depth == 0 else rng.choice([1, 2, 3, 4]))
    if fixed and rng.random() < 0.8:
        n = max(n, max(i + 1 if i >= 0 else -i for i in fixed))
    protos = [cf_gen.gen(elem, rng, pools, depth + 1) for _ in range(rng.randint(1, 3))] if rng.random() < 0.3 else None
    toks = []
    for i in range(n):
        d = fixed.get(i, fixed.get(i - n, elem))
        if d is elem and protos:
            toks.append(rng.choice(protos))
        else:
            toks.append(cf_gen.gen(d, rng, pools, depth + 1))
    toks = [t if isinstance(t, str) else str(t) for t in toks]
    if sep == '' and rng.random() < 0.2 and toks:
        toks.append(rng.choice(string.ascii_lowercase + string.digits))
    return sep.join(toks)


def gen_fixed(dom, rng, pools, depth, size):
    items = [cf_gen.gen(d, rng, pools, depth + 1) for d in dom[2]]
    return tuple(items) if dom[1] == 'tuple' else items


def gen_rec(dom, rng, pools, depth, size):
    out = {}
    for k, d in dom[1]:
        if rng.random() < 0.05 and len(dom[1]) > 1:
            continue
        out[k] = cf_gen.gen(d, rng, pools, depth + 1)
    return out


def _resize(v, n, rng):
    if isinstance(v, str):
        if len(v) > n:
            return v[:n]
        if v and v.lstrip('-').isdigit():
            return v + ''.join(rng.choice(string.digits) for _ in range(n - len(v)))
        # Longer by its own text (`'abc'` -> `'abcab'`), not by random letters glued on.
        return (v * (n // len(v) + 1))[:n] if v else ''.join(rng.choice(string.ascii_lowercase) for _ in range(n))
    if isinstance(v, (list, tuple)) and len(v) != n:
        items = list(v)[:n]
        while len(items) < n and items:
            items.append(rng.choice(items))
        return items if isinstance(v, list) else tuple(items)
    return v


def gen_sized(dom, rng, pools, depth, size):
    r = rng.random()
    if r < 0.15:
        # A chunk of one of those lengths, repeated: slices of it compare equal.
        chunk = _resize(cf_gen.gen(dom[2], rng, pools, depth, None), rng.choice(dom[1]), rng)
        if isinstance(chunk, (str, list)) and chunk:
            return chunk * rng.randint(2, 4)
    # Lengths the body compares with (`len(x) > 5`): sometimes exactly those.
    if r < 0.5:
        return _resize(cf_gen.gen(dom[2], rng, pools, depth, rng.choice(dom[1])), rng.choice(dom[1]), rng)
    return cf_gen.gen(dom[2], rng, pools, depth, size)


def gen_sorted(dom, rng, pools, depth, size):
    """A value of the inner domain in ascending order, for parameters the docstring says are sorted."""
    v = cf_gen.gen(dom[1], rng, pools, depth, size)
    try:
        return sorted(v) if isinstance(v, list) else tuple(sorted(v)) if isinstance(v, tuple) else v
    except TypeError:
        return v


def gen_opt(dom, rng, pools, depth, size):
    return None if rng.random() < 0.35 else cf_gen.gen(dom[1], rng, pools, depth, size)


def gen_collection(dom, rng, pools, depth, size):
    kind = dom[0]
    n = rng.choice([0, 1, 2, 3, 4, 5, 6, 8]) if depth == 0 else rng.choice([0, 1, 2, 3])
    if pools.get('small'):
        n = min(n, 4)
    if kind in ('list', 'tuple') and len(dom) > 2 and dom[2]:
        n = max(n, dom[2] + rng.choice([0, 0, 1, 2]))
    if size is not None:
        n = size
    if kind == 'dict':
        return _dict(dom, n, rng, pools, depth)
    if dom[1][0] in ('list', 'tuple') and depth == 0 and rng.random() < 0.6:
        # Rows of one length (a matrix), often square.
        n = max(n, 1)
        m = n if rng.random() < 0.5 else rng.randint(max(1, dom[1][2] if len(dom[1]) > 2 and dom[1][2] else 1), 5)
        items = [cf_gen.gen(dom[1], rng, pools, depth + 1, m) for _ in range(n)]
        return items if kind == 'list' else tuple(items) if kind == 'tuple' else set()
    if depth <= 1 and n >= 2 and rng.random() < 0.3:
        # Few distinct values: duplicates, ties and equal neighbours are where code branches.
        protos = [cf_gen.gen(dom[1], rng, pools, depth + 1) for _ in range(rng.randint(1, 3))]
        items = [rng.choice(protos) for _ in range(n)]
    else:
        items = [cf_gen.gen(dom[1], rng, pools, depth + 1) for _ in range(n)]
    if kind == 'set':
        try:
            return set(items)
        except TypeError:
            return set()
    if depth == 0 and rng.random() < 0.2:
        try:
            items.sort()
        except TypeError:
            pass
    return items if kind == 'list' else tuple(items)


def _dict(dom, n, rng, pools, depth):
    keys = list(dom[3]) if len(dom) > 3 and dom[3] else []
    out = {}
    if keys:
        for k in keys:
            out[k] = cf_gen.gen(dom[2], rng, pools, depth + 1)
        return out
    for _ in range(n):
        # Keys of a mapping are mostly names (`{'color': 3}`), not any text (`{', ': 3}`).
        k = rng.choice(KEY_WORDS) if dom[1] == ('str',) and rng.random() < 0.6 else cf_gen.gen(dom[1], rng, pools, depth + 1)
        try:
            out[k] = cf_gen.gen(dom[2], rng, pools, depth + 1)
        except TypeError:
            pass
    return out
