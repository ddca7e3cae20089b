"""Relations between arguments: one argument made an item, key, word or sum of items of another, or
put into it. Searches, lookups and `target`-style parameters only branch when such relations hold."""
import re
from cf_literals import attach, boundaries
from cf_src import Src


def _atoms(v, rng, depth=0):
    """Values found inside a value: items, keys and values, and words and substrings of strings."""
    out = []
    if isinstance(v, (list, tuple, set, frozenset)):
        for x in list(v)[:12]:
            out.append(x)
            if depth < 3:
                out.extend(_atoms(x, rng, depth + 1))
    elif isinstance(v, dict):
        for k, x in list(v.items())[:12]:
            out.extend([k, x])
            if depth < 3:
                out.extend(_atoms(x, rng, depth + 1))
    elif isinstance(v, str) and len(v) > 1:
        words = v.split()
        if len(words) > 1:
            out.extend(words[:8])
        if depth == 0:
            for _ in range(3):
                i = rng.randrange(len(v))
                out.append(v[i:i + rng.randint(1, 4)])
    return out


def _slots(v, depth=0, path=()):
    """Paths to the scalar places inside a value (list items and dict values, a few levels down)."""
    out = []
    if depth > 3:
        return out
    if isinstance(v, list):
        for i, x in enumerate(v[:8]):
            out.extend(_slots(x, depth + 1, path + (i,)))
    elif isinstance(v, dict):
        for k, x in list(v.items())[:8]:
            out.extend(_slots(x, depth + 1, path + (k,)))
    elif isinstance(v, (int, float, str)) and not isinstance(v, bool) and path:
        out.append(path)
    return out


def _get(v, path):
    for k in path:
        v = v[k]
    return v


def _set(v, path, x):
    if not path:
        return x
    if isinstance(v, list):
        out = list(v)
    else:
        out = dict(v)
    out[path[0]] = _set(v[path[0]], path[1:], x)
    return out


def _same_kind(a, b):
    num = (int, float)
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b)
    return (isinstance(a, num) and isinstance(b, num)) or type(a) is type(b)


def relate(vals, rng):
    """Ties one argument to another: a number becomes an item (or the sum of two items) of a list
    argument, a string a key, word or substring of another, a value deep inside one argument a value
    found in another, or the value is put into the container. Searches, lookups and `target`-style
    parameters only branch when such relations hold. Returns (i, value) or None."""
    idx = [i for i, v in enumerate(vals) if not isinstance(v, Src)]
    if len(idx) < 2:
        return None
    i, j = rng.sample(idx, 2)
    a, b = vals[i], vals[j]
    scalar = isinstance(a, (int, float, str)) and not isinstance(a, bool)
    if not scalar and isinstance(a, (list, dict)):
        # A place inside `a` takes a value from inside `b` (a filter's key, a node's neighbour).
        slots = _slots(a)
        pool = [x for x in _atoms(b, rng) if isinstance(x, (int, float, str)) and not isinstance(x, bool)]
        if slots and pool:
            slot = rng.choice(slots)
            same = [x for x in pool if _same_kind(x, _get(a, slot))]
            return i, _set(a, slot, rng.choice(same if same and rng.random() < 0.7 else pool))
        return None
    atoms = [x for x in _atoms(b, rng) if _same_kind(x, a) and not isinstance(x, Src)]
    if isinstance(a, str) and rng.random() < 0.5:
        words = [x for x in re.split(r'\W+', a) if x]
        if len(words) > 1:
            a = rng.choice(words)
    if scalar and atoms and rng.random() < 0.6:
        x = rng.choice(atoms)
        if isinstance(a, (int, float)) and len(atoms) > 1 and rng.random() < 0.4:
            y = rng.choice(atoms)
            x = rng.choice([x + y, x - y, x + 1, x - 1])
        return i, x
    if scalar and isinstance(b, list):
        k = rng.randint(0, len(b))
        return j, b[:k] + [a] + b[k:]
    if scalar and isinstance(b, dict) and not isinstance(a, float):
        out = dict(b)
        out[a] = next(iter(b.values())) if b else 1
        return j, out
    if isinstance(a, str) and isinstance(b, str):
        # Put in between words, never inside one (`'hello'` in `'say  hello there'`, not `'tehellost'`).
        k = rng.choice(boundaries(b))
        seps = [' '] if ' ' in b else []
        return j, attach(attach(b[:k], a, rng, seps), b[k:], rng, seps)
    if scalar and isinstance(b, set):
        return j, b | {a}
    return None
