"""Type-aware mutation of a value the fuzzer has seen work: numbers step or jump, strings gain, lose
or change characters, containers gain, lose or reorder items or have one item mutated."""
import string
from cf_literals import attach
from cf_vocab import BASE_INTS, BASE_STRS, SMALL_INTS


def _digit_mutation(v, rng):
    """A change to a number's digits: one repeated, put in order, or reversed (digit puzzles branch on these)."""
    sign, d = (-1 if v < 0 else 1), str(abs(v))
    op = rng.choice(['dup', 'sort', 'rev', 'same'])
    if op == 'dup':
        i = rng.randrange(len(d))
        d = d[:i] + d[i] + d[i:]
    elif op == 'sort':
        d = ''.join(sorted(d))
    elif op == 'rev':
        d = d[::-1]
    else:
        d = d[0] * len(d)
    return sign * int(d)


def _bytes_mutation(v, rng, pools):
    """A change to bytes: a byte more, fewer, changed or doubled, the body's own bytes put in, or
    another encoding of the same text."""
    op = rng.choice(['add', 'drop', 'byte', 'dup', 'pool', 'recode'])
    i = rng.randint(0, len(v)) if v else 0
    if op == 'add' or not v:
        return v[:i] + bytes([rng.choice(b'az09 =%\r\n\x00\xff\xc3')]) + v[i:]
    if op == 'drop':
        return v[:i] + v[i + 1:]
    if op == 'byte':
        j = rng.randrange(len(v))
        return v[:j] + bytes([rng.randrange(256)]) + v[j + 1:]
    if op == 'dup':
        return v + v
    if op == 'pool' and pools.get('bytes'):
        return v[:i] + rng.choice(pools['bytes']) + v[i:]
    try:
        text = v.decode('utf-8')
    except UnicodeDecodeError:
        # Not UTF-8: read as Latin-1 and written as UTF-8, the same text in the other common encoding
        # (reversed bytes, `b'dnoces'`, are no text any caller has).
        return v.decode('latin-1').encode('utf-8')
    return text.encode(rng.choice(['latin-1', 'utf-16', 'utf-16-le']), 'replace')


def near_miss(v, rng):
    """A string one character away from `v` (or its case swapped, or empty): what tells `==` and `in`
    apart from their mutants, without gluing other literals on (`'__credits__ __spec__'`)."""
    if not v:
        return rng.choice(string.ascii_lowercase)
    i = rng.randrange(len(v))
    op = rng.choice(['ins', 'del', 'sub', 'case'])
    if op == 'ins':
        return v[:i] + rng.choice(string.ascii_letters + string.digits) + v[i:]
    if op == 'del':
        return v[:i] + v[i + 1:]
    if op == 'sub':
        return v[:i] + rng.choice(string.ascii_letters + string.digits) + v[i + 1:]
    return v.swapcase() if v.swapcase() != v else v + v[-1]


def mutate(v, rng, pools, depth=0):
    """One type-aware change: numbers step or jump, strings gain/lose/alter characters,
    containers gain/lose/reorder items or have one item mutated (recursively)."""
    if isinstance(v, bool):
        return not v
    if isinstance(v, int):
        if pools.get('small'):
            return rng.choice([v + 1, v - 1, -v, v // 2, 0, rng.choice(SMALL_INTS)])
        if rng.random() < 0.15 and abs(v) >= 10:
            return _digit_mutation(v, rng)
        return rng.choice([v + 1, v - 1, v * 2, -v, v // 2, 0, v + rng.randint(2, 50),
                           rng.choice(pools['ints'] or BASE_INTS)])
    if isinstance(v, float):
        return rng.choice([v + 0.5, v - 1.0, v * 2, -v, v / 3, 0.0, round(v), v * 1e-06, v * 1e+17, float(int(v))])
    if isinstance(v, str):
        # No reversal and no body literal pushed inside the text: `'tac-boB8oof'` and `'foo ttext-Bob'`
        # are no values a caller passes; two neighbours swapped is the typo that tests order.
        ops = ['ins', 'del', 'case', 'dup', 'swap', 'empty', 'digit', 'pre', 'suf', 'const']
        op = rng.choice(ops)
        i = rng.randint(0, len(v)) if v else 0
        if op in ('pre', 'suf', 'const'):
            # The body's own strings, as a prefix, a suffix or the whole value (never glued onto a word).
            piece = rng.choice(pools['strs'] or BASE_STRS)
            seps = pools.get('seps', ())
            return attach(piece, v, rng, seps) if op == 'pre' else attach(v, piece, rng, seps) if op == 'suf' else piece
        if op == 'ins' or not v:
            return v[:i] + rng.choice(string.ascii_letters + string.digits + ' ,.') + v[i:]
        if op == 'del':
            return v[:i] + v[i + 1:]
        if op == 'digit':
            return v[:i] + rng.choice(string.digits) + v[i + 1:]
        if op == 'case':
            return v.swapcase()
        if op == 'dup':
            # Doubled; a literal of the body twice is two tokens (`'euro euro'`, not `'euroeuro'`).
            return attach(v, v, rng, pools.get('seps', ())) if v in pools['strs'] else v + v
        if op == 'swap' and len(v) >= 2:
            j = rng.randrange(len(v) - 1)
            return v[:j] + v[j + 1] + v[j] + v[j + 2:]
        return ''
    if isinstance(v, bytes):
        return _bytes_mutation(v, rng, pools)
    if isinstance(v, (list, tuple)):
        items = list(v)
        op = rng.choice(['add', 'drop', 'rev', 'item', 'item', 'dup', 'empty', 'sort'])
        if op == 'add' or (not items and op != 'empty'):
            items.insert(rng.randint(0, len(items)), mutate(items[0], rng, pools, depth + 1) if items else rng.choice(BASE_INTS))
        elif op == 'drop':
            items.pop(rng.randrange(len(items)))
        elif op == 'rev':
            items.reverse()
        elif op == 'item':
            j = rng.randrange(len(items))
            items[j] = mutate(items[j], rng, pools, depth + 1)
        elif op == 'dup':
            items.append(items[rng.randrange(len(items))])
        elif op == 'sort':
            try:
                items.sort()
            except TypeError:
                items.reverse()
        else:
            items = []
        return items if isinstance(v, list) else tuple(items)
    if isinstance(v, (set, frozenset)):
        items = list(v)
        if items and rng.random() < 0.5:
            items.pop(rng.randrange(len(items)))
        else:
            items.append(mutate(items[0], rng, pools, depth + 1) if items else rng.choice(BASE_INTS))
        try:
            return set(items)
        except TypeError:
            return set(v)
    if isinstance(v, dict):
        out = dict(v)
        if out and rng.random() < 0.6:
            k = rng.choice(list(out))
            out[k] = mutate(out[k], rng, pools, depth + 1)
        elif out and rng.random() < 0.5:
            out.pop(rng.choice(list(out)))
        else:
            k = rng.choice(pools['strs'] or BASE_STRS)
            out[k] = mutate(next(iter(out.values())), rng, pools, depth + 1) if out else 1
        return out
    return v
