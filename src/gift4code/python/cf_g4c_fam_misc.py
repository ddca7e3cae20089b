"""Other families: binning (fixed edges and quartiles), single statistics of a selection, the share
of rows meeting a condition, correlations, long-form reshaping of measures of one unit, labels from
a condition, text cleaning then counting, missing values (counts, shares, filling), capping values,
and semi-joins between frames."""
from cf_g4c_prog import TIE_ALPHA, has_ties, program, rounding
from cf_g4c_say import AGG_WORDS, Say, ask, col, literal, nice, num


def _am(ctx, agg, m):
    return ctx.rng.choice(AGG_WORDS[agg]).format(m=col(m))


def _measures(src, min_unique=8):
    return [m for m in src.F.real_measures() if src.df[m].notna().mean() > 0.8 and src.df[m].nunique() >= min_unique
            and src.F.aggs_for(m)]


def binning(src, ctx):
    out = []
    ms = _measures(src, 10)
    if not ms:
        return out
    m = ctx.rng.choice(ms)
    s = src.df[m].dropna()
    say = Say(ctx.rng)
    others = [(o, a) for o in src.F.measures() for a in src.F.aggs_for(o) if o != m and a in ('mean', 'median')]
    if ctx.rng.random() < 0.5 or not others:
        import math
        lo, hi = float(s.min()), float(s.max())
        edges = sorted({nice(float(s.quantile(q))) for q in (0.33, 0.66)})
        first, last = math.floor(lo), math.ceil(hi)
        if hi - lo < 3:
            first, last = lo, hi
        edges = [e for e in edges if first < e < last]
        if not edges:
            return out
        bins = [first] + edges + [last]
        lits = '[%s]' % ', '.join(literal(b) for b in bins)
        code = 'pd.cut(%s, bins=%s, include_lowest=True).value_counts().sort_index()' % (src.ref(m), lits)
        ask(say, src.scope, ['How many rows fall into each band of {m} with the edges {edges}? Bins include their right edge (the first also its left edge); list them in bin order.',
                             'Bin {m} at {edges} (right edges included, and the lowest value in the first bin) and count the rows per bin, lowest bin first.',
                             'Cut {m} into the bins {edges} (closed on the right, first bin closed on both sides) and give the row count of each bin in order.'],
            [], m=col(m), edges=', '.join(num(b) for b in bins))
        out.append(program(src, ['binning', 'count'], say, [code], 'series'))
    else:
        o, agg = ctx.rng.choice(others)
        try:
            import pandas as pd
            groups = pd.qcut(src.df[m], 4, labels=['Q1', 'Q2', 'Q3', 'Q4'])
        except ValueError:
            return out
        r = src.df.groupby(groups)[o].agg(agg)
        if r.isna().any():
            return out
        rnd, tail, _ = rounding(r)
        b = src.bound(ctx.rng)
        code = "%s.groupby(pd.qcut(%s, 4, labels=['Q1', 'Q2', 'Q3', 'Q4']))[%r].%s()%s" % (b.expr, b.ref(m), o, agg, rnd)
        ask(say, b.scope, ['Split the rows into four equal-sized groups by {m} (quartiles labelled Q1 to Q4, lowest first) and give the {am} in each.',
                           'Within each quartile of {m} (Q1 = lowest quarter, Q4 = highest), what is the {am}?'],
            [tail] if tail else [], m=col(m), am=_am(ctx, agg, o))
        out.append(program(b, ['binning', 'group_aggregate'], say, [code], 'series'))
    return out


def scalar_stat(src, ctx):
    out = []
    ms = [(m, a) for m in _measures(src, 5) for a in src.F.aggs_for(m) + ['std', 'var', 'skew', 'describe']]
    if not ms:
        return out
    m, agg = ctx.rng.choice(ms)
    if agg == 'describe':
        d = src.df[m].describe()
        rnd, tail, _ = rounding(d)
        say = Say(ctx.rng)
        ask(say, src.scope, ['Give the summary statistics of {m}: count, mean, standard deviation, minimum, quartiles and maximum.',
                             'Describe {m} with the usual statistics (count, mean, std, min, 25%, 50%, 75%, max).'],
            [tail] if tail else [], m=col(m))
        out.append(program(src, ['scalar_stat'], say, ['%s.describe()%s' % (src.ref(m), rnd)], 'series'))
        return out
    v = src.df[m].agg(agg)
    if v != v or v == 0:
        return out
    rnd, tail, d = rounding(float(v))
    d = 2 if d is None else d
    say = Say(ctx.rng)
    if src.df[m].dtype.kind in 'iu' and agg in ('max', 'min'):
        code = '%s.%s()' % (src.ref(m), agg)
        tails = []
    else:
        code = 'round(%s.%s(), %d)' % (src.ref(m), agg, d)
        tails = [tail] if tail else []
    am = {'var': 'variance of {m}', 'skew': 'skewness of {m}'}.get(agg)
    am = am.format(m=col(m)) if am else _am(ctx, agg, m)
    ask(say, src.scope, ['What is the {am}?', 'Compute the {am}.', 'Give the {am}.', 'Report the {am}.'], tails, am=am)
    out.append(program(src, ['scalar_stat'], say, [code], 'scalar'))
    if src.steps and src.steps[-1] == 'filter':
        say = Say(ctx.rng)
        ask(say, src.scope, ['How many rows are there?', 'How many rows is that?', 'How many records remain?', 'Count them.'], [], place='prefix')
        out.append(program(src, ['count'], say, ['len(%s)' % src.expr], 'scalar'))
    return out


def share(src, ctx):
    out = []
    ms = _measures(src, 5)
    if not ms:
        return out
    m = ctx.rng.choice(ms)
    x = nice(float(src.df[m].quantile(ctx.rng.choice([0.2, 0.5, 0.8]))))
    frac = float((src.df[m] > x).mean())
    if not 0.02 < frac < 0.98:
        return out
    say = Say(ctx.rng)
    code = 'round((%s > %s).mean(), 3)' % (src.ref(m), literal(x))
    ask(say, src.scope, ['What share of rows has {m} above {x}?', 'What fraction of the rows have a {m} greater than {x}?',
                         'Which proportion of entries show {m} over {x}?'],
        [(['Round to 3 decimals.', 'Give it to 3 decimal places.', '(as a fraction, 3 decimals)'], {})], m=col(m), x=num(x))
    out.append(program(src, ['share'], say, [code], 'scalar'))
    return out


def correlation(src, ctx):
    out = []
    ms = [m for m in _measures(src, 10)]
    if len(ms) < 2:
        return out
    a, b = ctx.rng.sample(ms, 2)
    r = src.df[a].corr(src.df[b])
    if r != r or abs(r) > 0.999:
        return out
    say = Say(ctx.rng)
    keys = [k for k in src.F.keys(8) if src.df.groupby(k).size().min() >= 10]
    if keys and ctx.rng.random() < 0.35:
        k = ctx.rng.choice(keys)
        s = src.bound(ctx.rng)
        code = '%s.groupby(%r).apply(lambda g: g[%r].corr(g[%r])).round(3)' % (s.expr, k, a, b)
        ask(say, s.scope, ['Within each {k}, what is the Pearson correlation between {a} and {b}?',
                           'For every {k}, how strongly do {a} and {b} correlate (Pearson)?'],
            [(['Round to 3 decimals.', '3 decimal places.'], {})], k=col(k), a=col(a), b=col(b))
        out.append(program(s, ['group_aggregate', 'correlation'], say, [code], 'series'))
        return out
    method = ctx.rng.choice(['pearson', 'spearman'])
    s = src.bound(ctx.rng)
    if method == 'pearson':
        code = 'round(%s.corr(%s), 3)' % (s.ref(a), s.ref(b))
    else:
        code = "round(%s.corr(%s, method='spearman'), 3)" % (s.ref(a), s.ref(b))
    ask(say, s.scope, ['What is the {meth} correlation between {a} and {b}?', 'How correlated are {a} and {b} ({meth})?',
                       'Compute the {meth} correlation coefficient of {a} and {b}.'],
        [(['Round to 3 decimals.', 'Give 3 decimal places.'], {})], meth='Pearson' if method == 'pearson' else 'Spearman rank',
        a=col(a), b=col(b))
    out.append(program(s, ['correlation'], say, [code], 'scalar'))
    return out


def reshape(src, ctx):
    out = []
    F, df = src.F, src.df
    ms = F.measures()
    same = {}
    for m in ms:
        if F.unit(m):
            same.setdefault(F.unit(m), []).append(m)
    groups = [g for g in same.values() if len(g) >= 2]
    if not groups:
        return out
    vals = ctx.rng.choice(groups)[:3]
    keys = [k for k in F.keys(12) if 2 <= df[k].nunique() <= 12]
    say = Say(ctx.rng)
    listing = ', '.join(col(v) for v in vals[:-1]) + ' and ' + col(vals[-1])
    if keys and ctx.rng.random() < 0.6:
        k = ctx.rng.choice(keys)
        long_df = df.melt(id_vars=[k], value_vars=vals)
        r = long_df.groupby(['variable', k])['value'].mean()
        rnd, tail, _ = rounding(r)
        code = ["long = %s.melt(id_vars=[%r], value_vars=%r, var_name='measure', value_name='value')" % (src.expr, k, vals),
                "long.groupby(['measure', %r])['value'].mean().unstack()%s" % (k, rnd)]
        ask(say, src.scope, ['Reshape {vals} into long form (columns measure and value, keeping {k}) and show the average value for each measure (rows) and {k} (columns).',
                             'Melt {vals} into measure/value pairs per {k}, then give a table of mean values with one row per measure and one column per {k}.'],
            [tail] if tail else [], vals=listing, k=col(k))
        out.append(program(src, ['reshape', 'pivot'], say, code, 'table'))
    else:
        long_df = df.melt(value_vars=vals)
        r = long_df.groupby('variable')['value'].agg(['mean', 'max'])
        rnd, tail, _ = rounding(r.stack())
        code = ["long = %s.melt(value_vars=%r, var_name='measure', value_name='value')" % (src.expr, vals),
                "long.groupby('measure')['value'].agg(['mean', 'max'])%s" % rnd]
        ask(say, src.scope, ['Stack {vals} into one long column (measure names in measure, numbers in value) and give the mean and max per measure.',
                             'Put {vals} in long format and report, for each measure, its mean and maximum (columns mean and max).'],
            [tail] if tail else [], vals=listing)
        out.append(program(src, ['reshape', 'group_aggregate'], say, code, 'table'))
    return out


def conditional(src, ctx):
    out = []
    ms = _measures(src, 8)
    keys = [k for k in src.F.keys(12) if 2 <= src.df[k].nunique() <= 12]
    if not ms or not keys:
        return out
    m, k = ctx.rng.choice(ms), ctx.rng.choice(keys)
    x = nice(float(src.df[m].median()))
    above = src.df[m] > x
    if not 0.1 < above.mean() < 0.9:
        return out
    s = src.bound(ctx.rng)
    say = Say(ctx.rng)
    lo, hi = nice(float(src.df[m].quantile(0.33))), nice(float(src.df[m].quantile(0.66)))
    if ctx.rng.random() < 0.4 and lo < hi:
        code = ["level = np.select([%s < %s, %s < %s], ['low', 'medium'], default='high')" % (s.ref(m), literal(lo), s.ref(m), literal(hi)),
                'pd.crosstab(%s, level)' % s.ref(k)]
        ask(say, s.scope, ["Label rows 'low' when {m} is below {lo}, 'medium' when it is below {hi}, and 'high' otherwise; then count each label per {k}.",
                           "Sort rows into three levels of {m} (low: under {lo}, medium: under {hi}, high: the rest) and cross-tabulate them against {k}."],
            [], m=col(m), lo=num(lo), hi=num(hi), k=col(k))
        out.append(program(s, ['conditional', 'crosstab'], say, code, 'table', imports=['import numpy as np']))
        return out
    code = ["level = np.where(%s > %s, 'high', 'low')" % (s.ref(m), literal(x)),
            'pd.crosstab(%s, level)' % s.ref(k)]
    ask(say, s.scope, ["Label each row 'high' when {m} is above {x} and 'low' otherwise, then count the labels per {k}.",
                       "Classify rows as high ({m} over {x}) or low (the rest) and cross-tabulate that label against {k}."],
        [], m=col(m), x=num(x), k=col(k))
    out.append(program(s, ['conditional', 'crosstab'], say, code, 'table', imports=['import numpy as np']))
    return out


def text_ops(src, ctx):
    out = []
    F, df = src.F, src.df
    texts = [c for c in F.texts() if df[c].notna().mean() > 0.8]
    if not texts:
        return out
    c = ctx.rng.choice(texts)
    say = Say(ctx.rng)
    style = ctx.rng.random()
    s = src.bound(ctx.rng)
    if style < 0.12:
        raw, clean = df[c].nunique(), df[c].dropna().astype(str).str.strip().str.lower().nunique()
        if raw == clean:
            return out  # cleaning that changes nothing asks nothing
        code = '%s.str.strip().str.lower().nunique()' % s.ref(c)
        ask(say, s.scope, ['How many distinct {c} values are there once spaces are trimmed and case is ignored?',
                           'After stripping whitespace and lower-casing {c}, how many different values remain?'], [], c=col(c))
        out.append(program(s, ['text', 'distinct'], say, [code], 'scalar'))
        return out
    if style < 0.22:
        letters = df[c].dropna().astype(str).str[0].str.upper().value_counts()
        if len(letters) < 3:
            return out
        letter = letters.index[min(1, len(letters) - 1)]
        if not letter.isalpha():
            return out
        code = 'int(%s.str.upper().str.startswith(%r).sum())' % (s.ref(c), letter)
        ask(say, s.scope, ["How many rows have a {c} starting with the letter {l} (upper or lower case)?",
                           "Count the rows whose {c} begins with '{l}', ignoring case."], [], c=col(c), l=letter)
        out.append(program(s, ['text', 'count'], say, [code], 'scalar'))
        return out
    # Word statistics need values of several words: counting the 'words' of airport codes or single
    # names only restates value_counts.
    multiword = df[c].dropna().astype(str).str.split().str.len().mean() >= 1.5
    if style < 0.4 and multiword:
        words = df[c].dropna().astype(str).str.lower().str.replace(r'[^a-z ]', ' ', regex=True).str.split().explode()
        words = words[words.str.len() >= 3]
        counts = words.groupby(words).size().sort_values(ascending=False, kind='stable')
        if len(counts) < 6 or counts.iloc[0] < 3:
            return out
        code = ["words = %s.str.lower().str.replace(r'[^a-z ]', ' ', regex=True).str.split().explode()" % s.ref(c),
                'words = words[words.str.len() >= 3]',
                "words.groupby(words).size().sort_values(ascending=False, kind='stable').head(5)"]
        ask(say, s.scope, ['What are the 5 most common words of at least 3 letters in {c}, after lower-casing and replacing non-letters with spaces?',
                           'Clean {c} (lower case, anything but letters turned into spaces), split it into words of 3 or more letters and count the 5 most frequent.'],
            [(['Most frequent first; ties in alphabetical order.', 'Sort by count, breaking ties alphabetically.'], {})], c=col(c))
        out.append(program(s, ['text', 'count', 'top_k'], say, code, 'series'))
    elif style < 0.7:
        first = df[c].dropna().astype(str).str.split().str[0].str.lower()
        counts = first.groupby(first).size().sort_values(ascending=False, kind='stable')
        if df[c].dropna().astype(str).str.split().str.len().mean() < 1.5 or len(counts) < 4 or counts.iloc[0] < 3 or len(counts) > 0.8 * len(first):
            return out
        k = ctx.rng.choice([3, 5])
        if ctx.rng.random() < 0.4:
            code = ['first = %s.str.split().str[0].str.title()' % s.ref(c),
                    "first.groupby(first).size().sort_values(ascending=False, kind='stable').head(%d)" % k]
            ask(say, s.scope, ['Which {k} first words of {c}, written in title case, occur most often, and how often?',
                               'Take the first word of each {c} in title case and list the {k} most frequent with their counts.'],
                [(['Ties go to the alphabetically first word.', 'Break ties alphabetically.'], {})], c=col(c), k=k)
            out.append(program(s, ['text', 'count', 'top_k'], say, code, 'series'))
            return out
        code = ['first = %s.str.split().str[0].str.lower()' % s.ref(c),
                "first.groupby(first).size().sort_values(ascending=False, kind='stable').head(%d)" % k]
        ask(say, s.scope, ['Which {k} first words of {c} (lower-cased) occur most often, and how often?',
                           'Take the first word of each {c}, lower-case it, and list the {k} most frequent with their counts.'],
            [(['Ties go to the alphabetically first word.', 'Break ties alphabetically.'], {})], c=col(c), k=k)
        out.append(program(s, ['text', 'count', 'top_k'], say, code, 'series'))
    else:
        keys = [k for k in F.keys(15) if k != c]
        if not keys:
            return out
        k = ctx.rng.choice(keys)
        lens = df[c].astype(str).str.len()
        r = lens.groupby(df[k]).mean()
        if r.nunique() < 2:
            return out
        code = '%s.str.len().groupby(%s).mean().round(1)' % (s.ref(c), s.ref(k))
        ask(say, s.scope, ['What is the average length in characters of {c} for each {k}?',
                           'How long, in characters, is {c} on average per {k}?'],
            [(['Round to 1 decimal.', 'One decimal place.'], {})], c=col(c), k=col(k))
        out.append(program(s, ['text', 'group_aggregate'], say, [code], 'series'))
    return out


def missing(src, ctx):
    out = []
    F, df = src.F, src.df
    nullable = [c for c in df.columns if isinstance(c, str) and df[c].isna().any()]
    if not nullable:
        return out
    say = Say(ctx.rng)
    style = ctx.rng.random()
    ms = [m for m in F.measures() if df[m].isna().any() and 0.02 < df[m].isna().mean() < 0.6]
    keys = [k for k in F.keys(15) if df[k].notna().all()]
    if style < 0.35 and len(nullable) >= 2:
        code = ['missing = %s.isna().sum()' % src.expr, "missing[missing > 0].sort_values(ascending=False, kind='stable')"]
        ask(say, src.scope, ['Which columns have missing values, and how many each? Most missing first; tied columns keep their order in the table.',
                             'List the columns with at least one missing value and their missing counts, largest first (ties in column order).'], [])
        out.append(program(src, ['missing', 'filter', 'sort'], say, code, 'series'))
    elif style < 0.65 and ms and keys:
        m, k = ctx.rng.choice(ms), ctx.rng.choice(keys)
        r = df[m].isna().groupby(df[k]).mean()
        if r.nunique() < 2:
            return out
        s = src.bound(ctx.rng)
        code = '%s.%s().groupby(%s).mean().round(3)' % (s.ref(m), ctx.rng.choice(['isna', 'isnull']), s.ref(k))
        ask(say, s.scope, ['For each {k}, what share of rows has no {m} value?', 'What fraction of {m} is missing within each {k}?'],
            [(['Round to 3 decimals.', '3 decimal places.'], {})], k=col(k), m=col(m))
        out.append(program(s, ['missing', 'group_aggregate'], say, [code], 'series'))
    elif ms and keys:
        m, k = ctx.rng.choice(ms), ctx.rng.choice(keys)
        if 'mean' not in F.aggs_for(m):
            return out
        s = src.bound(ctx.rng)
        filled = df[m].fillna(df.groupby(k)[m].transform('median'))
        r = filled.groupby(df[k]).mean()
        if r.isna().any():
            return out
        rnd, tail, _ = rounding(r)
        code = ["filled = %s.fillna(%s.groupby(%r)[%r].transform('median'))" % (s.ref(m), s.expr, k, m),
                'filled.groupby(%s).mean()%s' % (s.ref(k), rnd)]
        ask(say, s.scope, ['Fill each missing {m} with the median {m} of its {k}, then give the average {m} per {k}.',
                           'After replacing missing {m} values by their {k} group median, what is the mean {m} of each {k}?'],
            [tail] if tail else [], m=col(m), k=col(k))
        out.append(program(s, ['fill_missing', 'group_aggregate'], say, code, 'series'))
    return out


def clipping(src, ctx):
    out = []
    zeros = [m for m in _measures(src, 5) if 0.2 <= (src.df[m] == 0).mean() <= 0.9 and 'mean' in src.F.aggs_for(m)]
    keys0 = [k for k in src.F.keys(15) if 2 <= src.df[k].nunique() <= 15]
    if zeros and keys0 and ctx.rng.random() < 0.4:
        m, k = ctx.rng.choice(zeros), ctx.rng.choice(keys0)
        s = src.bound(ctx.rng)
        r = s.df[m].where(s.df[m] > 0).groupby(s.df[k]).mean()
        if r.isna().mean() > 0.2 or r.nunique() < 2:
            return out
        rnd, tail, _ = rounding(r)
        say = Say(ctx.rng)
        code = '%s.where(%s > 0).groupby(%s).mean()%s' % (s.ref(m), s.ref(m), s.ref(k), rnd)
        ask(say, s.scope, ['Treating a {m} of 0 as missing, what is the average {m} per {k}?',
                           'Ignoring rows whose {m} is zero, give the mean {m} of each {k}.'], [tail] if tail else [], m=col(m), k=col(k))
        out.append(program(s, ['missing', 'group_aggregate'], say, [code], 'series'))
        return out
    ms = [m for m in _measures(src, 10) if 'mean' in src.F.aggs_for(m)]
    keys = [k for k in src.F.keys(15) if 2 <= src.df[k].nunique() <= 15]
    if not ms or not keys:
        return out
    m, k = ctx.rng.choice(ms), ctx.rng.choice(keys)
    x = nice(float(src.df[m].quantile(0.9)))
    if x <= 0 or not (src.df[m] > x).any():
        return out
    s = src.bound(ctx.rng)
    r = s.df[m].clip(upper=x).groupby(s.df[k]).mean()
    if r.nunique() < 2:
        return out
    rnd, tail, _ = rounding(r)
    say = Say(ctx.rng)
    code = '%s.clip(upper=%s).groupby(%s).mean()%s' % (s.ref(m), literal(x), s.ref(k), rnd)
    ask(say, s.scope, ['Cap {m} at {x} (larger values count as {x}) and give the average capped {m} per {k}.',
                       'With {m} clipped to at most {x}, what is the mean {m} for each {k}?'], [tail] if tail else [],
        m=col(m), x=num(x), k=col(k))
    out.append(program(s, ['clip', 'group_aggregate'], say, [code], 'series'))
    return out


def semi_join(frames, ctx):
    """How rows of one frame find matches in another: the share with a match, the unmatched count."""
    from cf_g4c_source import plain, table_pairs
    out = []
    for a, b, ka, kb in table_pairs(frames):
        matched = a.df[ka].isin(b.df[kb])
        if matched.all() or not matched.any():
            continue
        src = plain(a, True, ctx.rng)
        say = Say(ctx.rng)
        if ctx.rng.random() < 0.5:
            code = 'round(%s[%r].isin(%s[%r]).mean(), 3)' % (a.name, ka, b.name, kb)
            ask(say, None, ['What share of {a} rows have a {ka} that also appears as {kb} in {b}?',
                            'Which fraction of {a}.{ka} values find a match in the {kb} column of {b}?'],
                [(['Round to 3 decimals.', '3 decimal places.'], {})], a=a.name, b=b.name, ka=col(ka), kb=col(kb))
            out.append(program(src, ['semi_join', 'share'], say, [code], 'scalar'))
        else:
            code = 'int((~%s[%r].isin(%s[%r])).sum())' % (a.name, ka, b.name, kb)
            ask(say, None, ['How many rows of {a} have a {ka} with no matching {kb} in {b}?',
                            'Count the {a} rows whose {ka} is missing from {b}\'s {kb} column.'], [],
                a=a.name, b=b.name, ka=col(ka), kb=col(kb))
            out.append(program(src, ['semi_join', 'count'], say, [code], 'scalar'))
    return out


def lookup(frames, ctx):
    """A column of one frame looked up for the rows of another through a key (map), then counted."""
    from cf_g4c_source import plain, table_pairs
    out = []
    for a, b, ka, kb in table_pairs(frames):
        if b.df[kb].duplicated().any():
            continue
        targets = [c for c in b.categories() if c != kb and 3 <= b.df[c].nunique() <= 60]
        if not targets:
            continue
        c = ctx.rng.choice(targets)
        mapped = a.df[ka].map(b.df.set_index(kb)[c])
        if mapped.notna().mean() < 0.3:
            continue
        k = ctx.rng.choice([3, 5])
        src = plain(a, True, ctx.rng)
        say = Say(ctx.rng)
        code = ['%s = %s[%r].map(%s.set_index(%r)[%r])' % ('looked_up', a.name, ka, b.name, kb, c),
                "looked_up.groupby(looked_up).size().sort_values(ascending=False, kind='stable').head(%d)" % k]
        ask(say, None, ['Look up the {c} of each {a} row through {ka} (matching {kb} in {b}); which {k} {c} values occur most often among {a} rows, and how often?',
                        'Map every {ka} of {a} to the {c} of the {b} row with that {kb}, then count the {k} most frequent {c} values.'],
            [(['Rows without a match are left out; ties are broken alphabetically.', 'Skip unmatched rows and break ties alphabetically.'], {})],
            a=a.name, b=b.name, ka=col(ka), kb=col(kb), c=col(c), k=k)
        out.append(program(src, ['merge', 'count', 'top_k'], say, code, 'series'))
    return out


FAMILIES = [binning, scalar_stat, share, correlation, reshape, conditional, text_ops, missing, clipping]
