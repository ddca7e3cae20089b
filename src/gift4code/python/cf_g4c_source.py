"""The frames a program starts from, and the steps that make them: a dataframe of the notebook as it
is, a filtered one (threshold, category, year, text), one with a derived column (unit conversion,
difference or ratio of measures of the same unit, a key taken from text), or two frames joined on
columns whose values match. Each source carries its setup code, its steps, and the scope phrasings
an intent uses to say which rows it is about."""
import re

from cf_g4c_profile import Frame
from cf_g4c_say import col, literal, lower_first, nice, num, val

SUBSET_NAMES = ['subset', 'selected', 'filtered', 'rows', 'sub']


class Clause:
    """One scope clause: phrasings placed before the question, and after it."""

    def __init__(self, prefixes, suffixes=(), **slots):
        self.prefixes = list(prefixes)
        self.suffixes = list(suffixes)
        self.slots = slots


class Scope:
    def __init__(self, clauses=()):
        self.clauses = list(clauses)

    def place(self, rng, where=None):
        """('prefix' | 'suffix', template, text), or None when there is nothing to say."""
        if not self.clauses:
            return None
        if where != 'prefix' and len(self.clauses) == 1 and self.clauses[0].suffixes and rng.random() < 0.45:
            c = self.clauses[0]
            t = rng.choice(c.suffixes)
            return ('suffix', t, t.format(**c.slots))
        ts, texts = [], []
        for i, c in enumerate(self.clauses):
            t = rng.choice(c.prefixes)
            ts.append(t)
            text = t.format(**c.slots)
            texts.append(lower_first(text) if i else text)
        return ('prefix', ' '.join(ts), ' '.join(texts))

    def plus(self, clause):
        return Scope(self.clauses + [clause])


class Source:
    """A frame to compute on: its data, the code that makes it, the steps so far and the scope."""

    def __init__(self, frame, df, expr, setup=(), steps=(), scope=None, history=False, base=None, requires=()):
        self.F = frame if isinstance(frame, Frame) else Frame(frame, df)
        self.df = df
        self.expr = expr
        self.setup = list(setup)
        self.steps = list(steps)
        self.scope = scope or Scope()
        self.history = history
        self.base = base or self.F.name
        # Columns the source made that a program on it must use (else the step was pointless).
        self.requires = list(requires)

    @property
    def simple(self):
        return re.fullmatch(r'[A-Za-z_]\w*', self.expr) is not None

    def bound(self, rng):
        """The same source held in a variable, for code that refers to it more than once."""
        if self.simple:
            return self
        taken = {line.split(' = ')[0] for line in self.setup}
        name = rng.choice([n for n in SUBSET_NAMES if n not in taken])
        return Source(self.F, self.df, name, self.setup + ['%s = %s' % (name, self.expr)], self.steps, self.scope, self.history, self.base,
                      self.requires)

    def ref(self, c):
        return '%s[%r]' % (self.expr, c)


def plain(frame, multi, rng):
    name = frame.name
    clause = Clause(
        ['In {frame},', 'Using {frame},', 'Looking at {frame},', 'Over the whole {frame} table,'],
        [' in {frame}', ' across {frame}', ' over all rows of {frame}', ' in the {frame} data'],
        frame=name)
    scope = Scope([clause]) if multi or rng.random() < 0.7 else Scope()
    return Source(frame, frame.df, name, scope=scope, history=frame.history)


# Conditions: (mask code, 'with' phrasings, 'where' phrasings).
OPS = {
    '>': (['{c} above {x}', '{c} greater than {x}', '{c} over {x}', 'a {c} higher than {x}'],
          ['{c} is above {x}', '{c} exceeds {x}', '{c} is greater than {x}', '{c} is more than {x}']),
    '<': (['{c} below {x}', '{c} less than {x}', '{c} under {x}', 'a {c} lower than {x}'],
          ['{c} is below {x}', '{c} is less than {x}', '{c} is under {x}']),
    '>=': (['{c} of at least {x}', '{c} {x} or more'], ['{c} is at least {x}', '{c} is {x} or more']),
    '<=': (['{c} of at most {x}', '{c} {x} or less'], ['{c} is at most {x}', '{c} does not exceed {x}']),
    '==': (['{c} equal to {v}', '{c} {v}'], ['{c} is {v}', '{c} equals {v}']),
    '!=': (['{c} other than {v}', 'any {c} except {v}'], ['{c} is not {v}', '{c} differs from {v}']),
    'isin': (['{c} either {a} or {b}', '{c} {a} or {b}'], ['{c} is {a} or {b}', '{c} is one of {a} and {b}']),
    'between': (['{c} between {lo} and {hi} (both included)', '{c} from {lo} to {hi} inclusive'],
                ['{c} is between {lo} and {hi}, inclusive', '{c} lies in the range {lo} to {hi} (inclusive)']),
    'year>=': (['{c} in {y} or later', '{c} from {y} onwards'], ['{c} falls in {y} or later', 'the year of {c} is {y} or later']),
    'year<': (['{c} before {y}', '{c} earlier than {y}'], ['{c} falls before {y}', 'the year of {c} is before {y}']),
    'year==': (['{c} in {y}', '{c} during {y}'], ['{c} falls in {y}', 'the year of {c} is {y}']),
    'contains': (["{c} containing '{w}' (ignoring case)", "'{w}' in their {c} (case-insensitive)"],
                 ["{c} contains '{w}', ignoring case", "{c} mentions '{w}' in any letter case"]),
    'notna': (['a recorded {c}', 'a known {c}'], ['{c} is not missing', '{c} is filled in']),
}

ROWS_PREFIX_WITH = ['Among {frame} rows with {cond},', 'For rows of {frame} with {cond},', 'Restricting {frame} to rows with {cond},',
                    'Looking only at {frame} entries with {cond},', 'Taking just the {frame} rows with {cond},']
ROWS_PREFIX_WHERE = ['Considering only rows of {frame} where {cond},', 'For the rows of {frame} where {cond},',
                     'Using only {frame} rows where {cond},', 'Keeping the rows of {frame} where {cond},']
ROWS_SUFFIX_WITH = [' for {frame} rows with {cond}', ', counting only rows of {frame} with {cond}', ' among {frame} entries with {cond}']
ROWS_SUFFIX_WHERE = [' for the rows of {frame} where {cond}', ' (only rows of {frame} where {cond})']


def _condition(op, c, rng, **slots):
    withs, wheres = OPS[op]
    w = rng.choice(withs).format(c=col(c), **slots)
    wh = rng.choice(wheres).format(c=col(c), **slots)
    return w, wh


def _filter_clause(frame_name, cond_with, cond_where, rng):
    if rng.random() < 0.5:
        return Clause(ROWS_PREFIX_WITH, ROWS_SUFFIX_WITH, frame=frame_name, cond=cond_with)
    return Clause(ROWS_PREFIX_WHERE, ROWS_SUFFIX_WHERE, frame=frame_name, cond=cond_where)


def _mask_code(op, ref, rng, **a):
    if op in ('>', '<', '>=', '<='):
        return '%s %s %s' % (ref, op, literal(a['x']))
    if op in ('==', '!='):
        return '%s %s %r' % (ref, op, a['v'])
    if op == 'isin':
        return '%s.isin([%r, %r])' % (ref, a['a'], a['b'])
    if op == 'between':
        return '%s.between(%s, %s)' % (ref, literal(a['lo']), literal(a['hi']))
    if op in ('year>=', 'year<', 'year=='):
        sym = op[4:]
        return '%s.dt.year %s %d' % (ref, sym, a['y'])
    if op == 'contains':
        return '%s.str.contains(%r, case=False, na=False)' % (ref, a['w'])
    if op == 'notna':
        return '%s.notna()' % ref
    raise ValueError(op)


def _mask_value(op, s, **a):
    if op == '>':
        return s > a['x']
    if op == '<':
        return s < a['x']
    if op == '>=':
        return s >= a['x']
    if op == '<=':
        return s <= a['x']
    if op == '==':
        return s == a['v']
    if op == '!=':
        return s != a['v']
    if op == 'isin':
        return s.isin([a['a'], a['b']])
    if op == 'between':
        return s.between(a['lo'], a['hi'])
    if op == 'year>=':
        return s.dt.year >= a['y']
    if op == 'year<':
        return s.dt.year < a['y']
    if op == 'year==':
        return s.dt.year == a['y']
    if op == 'contains':
        return s.str.contains(a['w'], case=False, na=False)
    if op == 'notna':
        return s.notna()
    raise ValueError(op)


def _query(conds):
    """The same selection as a DataFrame.query string, when every condition can be written as one."""
    parts = []
    for c in conds:
        name = c.column if re.fullmatch(r'[A-Za-z_]\w*', c.column) else '`%s`' % c.column
        if '`' in c.column:
            return None
        if c.op in ('>', '<', '>=', '<='):
            parts.append('%s %s %s' % (name, c.op, literal(c.a['x'])))
        elif c.op in ('==', '!=') and isinstance(c.a['v'], (str, int)) and not isinstance(c.a['v'], bool):
            parts.append('%s %s %r' % (name, c.op, c.a['v']))
        elif c.op == 'isin' and all(isinstance(c.a[k], (str, int)) for k in ('a', 'b')):
            parts.append('%s in [%r, %r]' % (name, c.a['a'], c.a['b']))
        else:
            return None
    return ' and '.join(parts)


def _pyquote(s):
    return '"%s"' % s if '"' not in s else repr(s)


def _slots(op, a):
    out = {}
    for k, v in a.items():
        out[k] = val(v) if op in ('==', '!=', 'isin') else (v if k == 'w' else num(v) if k != 'y' else str(v))
    return out


class Cond:
    def __init__(self, column, op, **a):
        self.column, self.op, self.a = column, op, a


def conditions(F, rng):
    """Candidate filter conditions over a frame's real values."""
    df = F.df
    out = []
    for c in F.measures()[:5] + F.role('ordinal')[:1]:
        s = df[c].dropna()
        if s.nunique() < 5:
            continue
        lo_v, hi_v = float(s.min()), float(s.max())
        for q, op in ((0.75, '>'), (0.25, '<'), (0.5, '>='), (0.9, '>'), (0.1, '<=')):
            x = nice(float(s.quantile(q)))
            if s.dtype.kind in 'iu':
                x = int(round(x))
            if not lo_v < x < hi_v:
                continue  # 'at most the minimum' is an equality, 'above the maximum' nothing
            out.append(Cond(c, op, x=x))
        lo, hi = nice(float(s.quantile(0.3))), nice(float(s.quantile(0.7)))
        if lo < hi:
            out.append(Cond(c, 'between', lo=lo, hi=hi))
        if F.cols[c].nulls:
            out.append(Cond(c, 'notna'))
    for c in F.categories() + F.role('code', 'flag'):
        top = df[c].value_counts()
        vals = [v for v in top.index[:4].tolist() if isinstance(v, (str, int, bool))]
        for v in vals[:3]:
            out.append(Cond(c, '==', v=v))
        if len(vals) >= 3:
            out.append(Cond(c, 'isin', a=vals[1], b=vals[2]))
            out.append(Cond(c, '!=', v=vals[0]))
    for c in F.role('label'):
        counts = df[c].value_counts()
        repeated = counts[counts >= 5]
        for v in repeated.index[:2].tolist():
            if isinstance(v, str):
                out.append(Cond(c, '==', v=v))
    for c in F.role('year'):
        ys = sorted(df[c].dropna().unique().tolist())
        if len(ys) >= 4:
            y = int(ys[len(ys) // 2])
            out.append(Cond(c, '>=', x=y))
            out.append(Cond(c, '<', x=int(ys[len(ys) // 3])))
    for c in F.dates() + F.role('yeardate'):
        ys = sorted(df[c].dropna().dt.year.unique().tolist())
        if len(ys) >= 2:
            out.append(Cond(c, 'year>=', y=int(ys[len(ys) // 2])))
            out.append(Cond(c, 'year==', y=int(ys[-1] if len(ys) < 4 else ys[len(ys) // 2])))
        if len(ys) >= 4:
            out.append(Cond(c, 'year<', y=int(ys[len(ys) // 3])))
    for c in F.texts()[:2]:
        words = df[c].dropna().astype(str).str.lower().str.findall(r'[a-z]{4,}').explode().value_counts()
        for w in words.index[:8].tolist():
            share = df[c].astype(str).str.contains(w, case=False).mean()
            if 0.03 <= share <= 0.5:
                out.append(Cond(c, 'contains', w=w))
                break
    kept = []
    for c in out:
        try:
            share = float(_mask_value(c.op, df[c.column], **c.a).mean())
        except (TypeError, ValueError):
            continue
        if 0.05 <= share <= 0.92:  # a condition that keeps (almost) every row or none is no selection
            kept.append(c)
    rng.shuffle(kept)
    return kept


def filtered(base, cond, rng, extra=None):
    """base filtered by cond (and extra, a second condition joined by 'and'); None when the rows left
    are too few or too many to be a real selection."""
    if not base.simple:
        base = base.bound(rng)
    df = base.df
    mask = _mask_value(cond.op, df[cond.column], **cond.a)
    conds = [cond]
    if extra is not None:
        mask = mask & _mask_value(extra.op, df[extra.column], **extra.a)
        conds.append(extra)
    n = int(mask.sum())
    if n < max(8, 0.05 * len(df)) or n > 0.92 * len(df):
        return None
    sub = df[mask]
    codes = ['(%s)' % _mask_code(c.op, base.ref(c.column), rng, **c.a) if extra is not None else _mask_code(c.op, base.ref(c.column), rng, **c.a) for c in conds]
    mask_code = ' & '.join(codes)
    style = rng.random()
    query = _query(conds)
    if style < 0.15 and base.simple:
        expr = '%s.loc[%s]' % (base.expr, mask_code)
    elif style < 0.3 and query is not None:
        expr = '%s.query(%s)' % (base.expr, _pyquote(query))
    else:
        expr = '%s[%s]' % (base.expr, mask_code)
    parts = [_condition(c.op, c.column, rng, **_slots(c.op, c.a)) for c in conds]
    cond_with = ' and '.join(p[0] for p in parts)
    cond_where = ' and '.join(p[1] for p in parts)
    clause = _filter_clause(base.F.name if base.simple else base.base, cond_with, cond_where, rng)
    scope = base.scope.plus(clause) if base.steps else Scope([clause])
    src = Source(Frame(base.F.name, sub, like=base.F), sub, expr, base.setup, base.steps + ['filter'], scope, base.history, base.base, base.requires)
    if rng.random() < 0.55:
        src = src.bound(rng)
    return src


# Unit conversions a notebook would do: (unit, name words) -> (factor, new unit word, phrase).
CONVERSIONS = [
    ('mass', 'lbs', 0.4536, 'kg', 'kilograms'),
    ('mass', 'g', 0.001, 'kg', 'kilograms'),
    ('distance', 'miles', 1.609, 'km', 'kilometres'),
    ('speed', 'knots', 1.852, 'kmh', 'km/h'),
    ('duration', 'min', 1 / 60, 'hours', 'hours'),
    ('money', None, 1e-6, 'millions', 'millions'),
]


def _slug(name):
    return re.sub(r'[^a-z0-9]+', '_', name.lower()).strip('_')


def conversion_name(c, word, new_word):
    """`Weight_in_lbs` -> weight_kg, `Body Mass (g)` -> body_mass_kg, `Production Budget` -> production_budget_millions."""
    ws = [w for w in re.split(r'[^a-z0-9]+', c.lower()) if w]
    if word is not None:
        while ws and ws[-1] in (word, 'in'):
            ws.pop()
    return '_'.join(ws + [new_word])


def derived(base, rng):
    """Sources with one new column: a same-unit difference or ratio, a unit conversion, or a key
    taken from text (first word)."""
    F, df = base.F, base.df
    out = []
    ms = F.measures()
    for i, a in enumerate(ms):
        for b in ms[i + 1:]:
            if not F.related(a, b):
                continue
            sa, sb = df[a], df[b]
            big, small = (a, b) if float((sa - sb).mean()) >= 0 else (b, a)
            new = '%s_minus_%s' % (_slug(big), _slug(small)) if len(big) + len(small) < 24 else 'difference'
            code = '%s.assign(%s=%s - %s)' % (base.expr, new, base.ref(big), base.ref(small))
            out.append((new, code, ['derive'], Clause(
                ['With {new} defined as {a} minus {b},', 'After adding a column {new} holding {a} minus {b},',
                 'Define {new} as {a} minus {b}; then'],
                [' (where {new} is {a} minus {b})', ', taking {new} to be {a} minus {b}'],
                new=new, a=col(big), b=col(small)), df.assign(**{new: df[big] - df[small]}), [(new, F.unit(a), False)]))
            if F.additive(a) and F.additive(b) and (df[small] > 0).mean() > 0.5:
                new = '%s_to_%s' % (_slug(big), _slug(small)) if len(big) + len(small) < 22 else 'ratio'
                keep = df[small] > 0
                code = '%s[%s > 0].assign(%s=%s / %s)' % (base.expr, base.ref(small), new, base.ref(big), base.ref(small))
                out.append((new, code, ['filter', 'derive'], Clause(
                    ['Ignoring rows whose {b} is not positive, with {new} defined as {a} divided by {b},',
                     'Keeping rows with a positive {b} and adding {new} as the ratio of {a} to {b},'],
                    [' (only rows with {b} above 0; {new} is {a} divided by {b})'],
                    new=new, a=col(big), b=col(small)), df[keep].assign(**{new: df.loc[keep, big] / df.loc[keep, small]}), [(new, None, False)]))
    for c in ms:
        unit = F.unit(c)
        ws = set(re.split(r'[^a-z]+', c.lower()))
        for u, word, factor, new_word, phrase in CONVERSIONS:
            if unit != u or (word is not None and word not in ws):
                continue
            new = conversion_name(c, word, new_word)
            code = '%s.assign(%s=%s * %s)' % (base.expr, new, base.ref(c), literal(factor) if factor >= 0.001 else '1e-6')
            if u == 'duration':
                code = '%s.assign(%s=%s / 60)' % (base.expr, new, base.ref(c))
            out.append((new, code, ['derive'], Clause(
                ['With {c} converted to {phrase} as a new column {new},', 'After converting {c} to {phrase} (column {new}),'],
                [' (convert {c} to {phrase} first, as column {new})'],
                c=col(c), phrase=phrase, new=new), df.assign(**{new: df[c] * factor}), [(new, unit, F.additive(c))]))
            break
    for c in F.role('label')[:2]:
        first = df[c].astype(str).str.split().str[0]
        n = first.nunique()
        if 3 <= n <= 40 and n < 0.5 * df[c].nunique():
            new = 'first_word' if 'name' not in c.lower() else 'brand'
            code = '%s.assign(%s=%s.str.split().str[0])' % (base.expr, new, base.ref(c))
            out.append((new, code, ['text'], Clause(
                ['Taking the first word of {c} as {new},', 'With {new} being the first word of each {c},'],
                [' (where {new} is the first word of {c})'],
                c=col(c), new=new), df.assign(**{new: df[c].str.split().str[0]}), [(new, 'key', False)]))
    srcs = []
    for new, code, steps, clause, data, _cols in out:
        # The derived column's clause joins the base's scope, whose frame name says which frame of
        # several the program is about (weather or the kept weather_sun).
        src = Source(Frame(F.name, data, like=F), data, code, base.setup, base.steps + steps, base.scope.plus(clause),
                     base.history, base.base, base.requires + [new])
        srcs.append(src.bound(rng) if rng.random() < 0.7 else src)
    return srcs


def shared_keys(a, b):
    """(left, right) column pairs of two frames whose text or integer values overlap enough to join."""
    pairs = []
    for ca in a.df.columns:
        for cb in b.df.columns:
            if not isinstance(ca, str) or not isinstance(cb, str):
                continue
            sa, sb = a.df[ca].dropna(), b.df[cb].dropna()
            if sa.dtype.kind != sb.dtype.kind or sa.dtype.kind not in 'iuO':
                continue
            try:
                va, vb = set(sa.unique().tolist()), set(sb.unique().tolist())
            except TypeError:
                continue
            if not va or not vb or len(va) < 3 or len(vb) < 3:
                continue
            common = va & vb
            if len(common) >= 3 and len(common) / min(len(va), len(vb)) >= 0.5:
                pairs.append((ca, cb))
    return pairs


def table_pairs(frames, per_pair=1):
    """(a, b, a's key, b's key) for ordered pairs of the context's own tables (no analysis-history
    frame: a table and a selection of it are not two tables) whose key columns match."""
    for a in frames:
        for b in frames:
            if a is b or a.history or b.history:
                continue
            for ka, kb in shared_keys(a, b)[:per_pair]:
                yield a, b, ka, kb


def merges(frames, rng):
    """Sources joining two frames on matching key columns (inner joins)."""
    out = []
    for a, b, ka, kb in table_pairs(frames, 2):
        if b.df[kb].duplicated().any() and a.df[ka].duplicated().any():
            continue  # many-to-many: the join multiplies rows
        on = 'on=%r' % ka if ka == kb else 'left_on=%r, right_on=%r' % (ka, kb)
        try:
            joined = a.df.merge(b.df, left_on=ka, right_on=kb) if ka != kb else a.df.merge(b.df, on=ka)
        except Exception:
            continue
        if len(joined) < 8:
            continue
        expr = '%s.merge(%s, %s)' % (a.name, b.name, on) if rng.random() < 0.7 else 'pd.merge(%s, %s, %s)' % (a.name, b.name, on)
        clause = Clause(
            ['After joining {a} with {b} on {ka} matching {kb},', 'Matching each {a} row to {b} by {ka} and {kb} (inner join),',
             'Once {a} is merged with {b} (their {ka} against {kb}),'],
            [' after an inner join of {a} and {b} on {ka} and {kb}', ' (join {a} to {b} by {ka} and {kb})'],
            a=a.name, b=b.name, ka=col(ka), kb=col(kb))
        src = Source(Frame(a.name, joined), joined, expr, [], ['merge'], Scope([clause]), False, a.name,
                     [c for c in b.df.columns if isinstance(c, str) and c not in a.df.columns])
        out.append(src.bound(rng) if rng.random() < 0.8 else src)
    return out
