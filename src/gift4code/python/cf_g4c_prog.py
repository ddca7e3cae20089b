"""What every family emits: a candidate program (code, intent, its template, the steps it is made
of, the shape of answer it should give) and small helpers the families share for order-explicit
code (stable sorts with a stated tie-break) and for checking data before a program is proposed."""
import math

from cf_g4c_say import decimals_for, round_phrases

# Phrasings of what a tie-break is, by the kind of the column that breaks it.
TIE_ALPHA = ['Break ties alphabetically by {t}.', 'Ties go to the alphabetically first {t}.', 'If values tie, order them by {t} (A to Z).',
             'Resolve ties by {t} in alphabetical order.']
TIE_ASC = ['Break ties by {t} in ascending order.', 'Ties are ordered by {t}, smallest first.', 'If values tie, the smaller {t} comes first.']
TIE_KEEP = ['Tied counts keep the order of {t}.', 'When counts tie, list them in order of {t}.']


class Ctx:
    """What families share while enumerating one state: the rng and whether several frames exist."""

    def __init__(self, rng, multi):
        self.rng = rng
        self.multi = multi


def program(src, steps, say, lines, shape, imports=()):
    body = '\n'.join(lines)
    unused = [n for n in src.requires if ("'%s'" % n) not in body and ('"%s"' % n) not in body]
    return {
        'unused': bool(src.requires) and len(unused) == len(src.requires),
        'steps': src.steps + list(steps),
        'family': '>'.join(src.steps + list(steps)),
        'intent': say.intent(),
        'template': say.template(),
        'code': '\n'.join(list(imports) + src.setup + list(lines)),
        'shape': shape,
        'history': bool(src.history),
    }


def rounding(series_or_value):
    """(code suffix, tail clause) that round a float result, or ('', None) for an integer one."""
    try:
        kind = series_or_value.dtype.kind
    except AttributeError:
        kind = 'f' if isinstance(series_or_value, float) else 'i'
    if kind not in 'fc':
        return '', None, None
    d = decimals_for(series_or_value)
    return '.round(%d)' % d, (round_phrases(d), {'d': d}), d


def tie_words(src_df, column):
    return TIE_ALPHA if src_df[column].dtype == object else TIE_ASC


def has_ties(values, upto=None):
    """True when some of the first `upto` sorted values (or any) tie with another."""
    v = list(values)[:upto] if upto else list(values)
    return len(v) != len(set(v))


def cut_tie(sorted_values, k):
    """True when the k-th and (k+1)-th values tie: the cut-off depends on the tie-break."""
    v = list(sorted_values)
    return len(v) > k and v[k - 1] == v[k]


def finite_share(s):
    try:
        return float(s.notna().mean()) if len(s) else 0.0
    except Exception:
        return 0.0


def is_nan(x):
    try:
        return x is None or (isinstance(x, float) and math.isnan(x))
    except Exception:
        return False
