"""The intent grammar of the offline enumerator: an intent is put together from phrasings chosen per
step (several for each), filled with the columns and values the code uses, named the way the data
names them. Each phrasing is a template with named slots; the template of an intent is the sequence
of phrasings it was made of, so two intents share a template only when they differ in slot values
alone (columns, values, numbers), never in wording."""
import math
import re


def col(name):
    """A column as the intent names it: bare when it is one word, in double quotes otherwise."""
    return name if re.fullmatch(r'[A-Za-z_][A-Za-z0-9_]*', name) else '"%s"' % name


def val(v):
    """A data value in prose: strings in single quotes, numbers plain."""
    if isinstance(v, str):
        return "'%s'" % v
    return num(v)


def num(x):
    if isinstance(x, float):
        if x.is_integer():
            return '{:,}'.format(int(x)) if abs(x) >= 10000 else str(int(x))
        return repr(x)
    if isinstance(x, int) and abs(x) >= 10000:
        return '{:,}'.format(x)
    return str(x)


def nice(x):
    """A human-looking number near x: two significant digits (1 for single-digit leads under 1)."""
    if x == 0 or not math.isfinite(x):
        return 0
    mag = 10 ** (math.floor(math.log10(abs(x))) - 1)
    r = round(x / mag) * mag
    if abs(r) >= 10:
        return int(round(r))
    return float('%.3g' % r)


def literal(x):
    """Python source for a number or string in code."""
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


AGG_WORDS = {
    'mean': ['average {m}', 'mean {m}', 'average value of {m}'],
    'sum': ['total {m}', 'sum of {m}', 'combined {m}'],
    'median': ['median {m}', 'median value of {m}'],
    'max': ['highest {m}', 'maximum {m}', 'largest {m}'],
    'min': ['lowest {m}', 'minimum {m}', 'smallest {m}'],
    'std': ['standard deviation of {m}', 'spread (standard deviation) of {m}'],
    'count': ['number of recorded {m} values', 'count of non-missing {m} values'],
    'nunique': ['number of distinct {m} values', 'count of different {m} values'],
}
AGG_SHORT = {'mean': 'average', 'sum': 'total', 'median': 'median', 'max': 'highest', 'min': 'lowest', 'std': 'standard deviation'}


def round_phrases(d):
    if d == 0:
        return ['Round to whole numbers.', 'Round the values to integers.', 'Round to the nearest whole number.']
    if d == 1:
        return ['Round to 1 decimal.', 'Round the result to one decimal place.', 'Give values to 1 decimal place.', 'Use one decimal place.']
    return ['Round to {d} decimals.', 'Round the result to {d} decimal places.', 'Give it to {d} decimal places.', 'Use {d} decimal places.']


def decimals_for(values):
    """Decimals to round a float result to, by its magnitude."""
    try:
        top = float(abs(values).max()) if hasattr(values, 'max') else abs(float(values))
    except (TypeError, ValueError):
        return 2
    if not math.isfinite(top):
        return 2
    if top < 1:
        # At least two significant digits of the largest value: shares of 0.006 round to 0.0060, not 0.006 for all.
        return min(6, max(3, 1 - math.floor(math.log10(top)))) if top > 0 else 3
    if top < 100:
        return 2
    if top < 100000:
        return 1
    return 0


class Say:
    """An intent being written: clauses chosen from phrasings, joined into sentences."""

    def __init__(self, rng):
        self.rng = rng
        self.text = []
        self.tmpl = []

    def pick(self, options, **slots):
        t = self.rng.choice(options)
        self.tmpl.append(t)
        self.text.append(t.format(**slots))
        return self

    def raw(self, text):
        """A fixed clause that is part of the template as written."""
        self.tmpl.append(text)
        self.text.append(text)
        return self

    def intent(self):
        return tidy(' '.join(self.text))

    def template(self):
        return tidy(' | '.join(self.tmpl))


def tidy(s):
    s = re.sub(r'\s+', ' ', s).strip()
    s = re.sub(r'\b(group|groups) \1\b', r'\1', s)  # a key named group: 'their group group'
    s = re.sub(r'\b([Aa]) (?=[aeioAEIO])', r'\1n ', s)  # 'a away_score' (not before u: 'a US Gross')
    s = re.sub(r'\s+([,.?;:)])', r'\1', s)
    s = re.sub(r'\(\s+', '(', s)
    s = re.sub(r'([.?]) ([a-z])', lambda m: m.group(1) + ' ' + m.group(2).upper(), s)
    s = s[:1].upper() + s[1:]
    if s and s[-1] not in '.?)':
        s += '.'
    return s


def lower_first(s):
    return s[:1].lower() + s[1:] if s[:1].isupper() and not s[1:2].isupper() else s


def ask(say, scope, questions, tail=(), place=None, **slots):
    """A question with the source's scope (filter, join, definition) before or after it, then tail
    clauses (rounding, order, tie-break), each a list of phrasings with its own slots."""
    q = say.rng.choice(questions)
    body = q.format(**slots)
    if re.search(r'[.?] ', q.strip()):
        place = 'prefix'  # a scope after a two-sentence question would attach to the wrong sentence
    placed = scope.place(say.rng, place) if scope is not None else None
    if placed is None:
        say.tmpl.append(q)
        say.text.append(body)
    elif placed[0] == 'prefix':
        _, t, text = placed
        say.tmpl.append(t + ' ' + q)
        say.text.append(text + ' ' + lower_first(body))
    else:
        _, t, text = placed
        end = q[-1] if q[-1] in '?.' else ''
        say.tmpl.append((q[:-1] if end else q) + t + end)
        say.text.append((body[:-1] if end else body) + text + end)
    for options, extra in tail:
        say.pick(options, **{**slots, **extra})
    return say
