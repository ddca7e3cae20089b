"""Grouping families: an aggregate per group, several named aggregates, counts per group, the top
groups by an aggregate, pivot tables and crosstabs, percentiles, the most frequent value and the
number of distinct values per group, aggregates over groups big enough, and shares within groups.
Every result is ordered by its group keys or by an explicit stable sort with a stated tie-break."""
from cf_g4c_prog import TIE_ALPHA, TIE_ASC, cut_tie, has_ties, program, rounding
from cf_g4c_say import AGG_WORDS, Say, ask, col, num

Q_GROUP = ['What is the {am} for each {key}?', 'What is the {am} per {key}?', 'Compute the {am} by {key}.',
           'For each {key}, what is the {am}?', 'Show the {am} grouped by {key}.', 'How does the {am} vary across {key}?',
           'Give the {am} of every {key}.', 'Calculate the {am} for every {key} value.', 'Break down the {am} by {key}.']
Q_GROUP_TABLE = ['Make a table with one row per {key} and its {am}.', 'Return a dataframe listing each {key} with the {am}.',
                 'Build a table of {key} and the {am} for each, as two columns.']


def _pairs(src, ctx, n=2):
    """(key, measure, agg) triples that mean something for the source, a few chosen at random."""
    F = src.F
    out = []
    for key in F.keys():
        for m in F.measures() + F.role('ordinal'):
            if m == key:
                continue
            for agg in F.aggs_for(m, key):
                out.append((key, m, agg))
    ctx.rng.shuffle(out)
    return out[:n]


def _groups_ok(df, key, lo=2, hi=40, min_size=3):
    """Between lo and hi groups, each with at least min_size rows (an aggregate of one row says little)."""
    sizes = df.groupby(key).size()
    return lo <= len(sizes) <= hi and sizes.min() >= min_size


def _am(ctx, agg, m):
    words = AGG_WORDS[agg] if not (agg == 'sum' and 'total' in m.lower()) else ['sum of {m}']
    return ctx.rng.choice(words).format(m=col(m))


def group_aggregate(src, ctx):
    out = []
    for key, m, agg in _pairs(src, ctx, 3):
        df = src.df
        if not _groups_ok(df, key):
            continue
        r = df.groupby(key)[m].agg(agg)
        if r.notna().mean() < 0.8 or r.nunique() < 2:
            continue
        rnd, tail, _ = rounding(r) if agg not in ('max', 'min') else ('', None, None)
        say = Say(ctx.rng)
        style = ctx.rng.random()
        e = src.expr
        if style < 0.6:
            code = '%s.groupby(%r)[%r].%s()%s' % (e, key, m, agg, rnd)
            ask(say, src.scope, Q_GROUP, [tail] if tail else [], am=_am(ctx, agg, m), key=col(key))
            shape = 'series'
        elif style < 0.8:
            code = '%s.groupby(%r)[%r].agg(%r)%s' % (e, key, m, agg, rnd)
            ask(say, src.scope, Q_GROUP, [tail] if tail else [], am=_am(ctx, agg, m), key=col(key))
            shape = 'series'
        elif style < 0.9:
            code = '%s.groupby(%r, as_index=False)[%r].%s()%s' % (e, key, m, agg, rnd)
            ask(say, src.scope, Q_GROUP_TABLE, [tail] if tail else [], am=_am(ctx, agg, m), key=col(key))
            shape = 'table'
        else:
            new = '%s_%s' % ({'mean': 'avg', 'sum': 'total', 'median': 'median', 'max': 'max', 'min': 'min', 'count': 'n'}[agg], _slug(m))
            code = '%s.groupby(%r)[%r].%s()%s.reset_index(name=%r)' % (e, key, m, agg, rnd, new)
            ask(say, src.scope, ['Make a table with columns {key} and {new}, where {new} is the {am} of each {key}.',
                                 'Return one row per {key} with the {am} in a column named {new}.'],
                [tail] if tail else [], am=_am(ctx, agg, m), key=col(key), new=new)
            shape = 'table'
        out.append(program(src, ['group_aggregate'], say, [code], shape))
    return out


def named_aggregation(src, ctx):
    out = []
    F = src.F
    for key, m, agg in _pairs(src, ctx, 2):
        df = src.df
        if not _groups_ok(df, key, 2, 25):
            continue
        aggs = [a for a in F.aggs_for(m, key) if a != agg][:1] + [agg]
        slug = ''.join(ch if ch.isalnum() else '_' for ch in m.lower()).strip('_')[:18]
        names = {'mean': 'avg_' + slug, 'sum': 'total_' + slug, 'median': 'median_' + slug, 'max': 'max_' + slug, 'min': 'min_' + slug,
                 'count': 'n_' + slug}
        r = df.groupby(key)[m].agg(aggs)
        rnd, tail, _ = rounding(r)
        say = Say(ctx.rng)
        if ctx.rng.random() < 0.5:
            parts = ', '.join('%s=(%r, %r)' % (names[a], m, a) for a in aggs)
            code = '%s.groupby(%r).agg(n=(%r, %r), %s)%s' % (src.expr, key, m, 'size', parts, rnd)
            items = ['the %s as %s' % (_am(ctx, a, m), names[a]) for a in aggs]
            listing = ', '.join(items[:-1]) + ' and ' + items[-1] if len(items) > 1 else items[0]
            ask(say, src.scope, [
                'For each {key}, give the number of rows (column n), and {listing}.',
                'Build a per-{key} summary with columns n (row count) and {listing}.',
                'Summarise {m} by {key}: the row count as n, {listing}.',
            ], [tail] if tail else [], key=col(key), listing=listing, m=col(m))
        elif ctx.rng.random() < 0.5:
            renames = {a: names[a] for a in aggs}
            code = '%s.groupby(%r)[%r].agg(%r)%s.rename(columns=%r)' % (src.expr, key, m, aggs, rnd, renames)
            listing = ' and '.join('the %s as %s' % (_word(a), names[a]) for a in aggs)
            ask(say, src.scope, ['For each {key}, give {listing} of {m}.', 'Per {key}, report {listing} of {m}, one column each.'],
                [tail] if tail else [], key=col(key), m=col(m), listing=listing)
        else:
            code = '%s.groupby(%r)[%r].agg(%r)%s' % (src.expr, key, m, aggs, rnd)
            ask(say, src.scope, [
                'For each {key}, what are the {a1} and the {a2} of {m}? One column per statistic, named {n1} and {n2}.',
                'Give a table per {key} with the {a1} and {a2} of {m} (columns {n1} and {n2}).',
            ], [tail] if tail else [], key=col(key), m=col(m), a1=_word(aggs[0]), a2=_word(aggs[1]) if len(aggs) > 1 else _word(aggs[0]),
                n1=aggs[0], n2=aggs[-1])
        out.append(program(src, ['named_aggregation'], say, [code], 'table'))
    return out


def _slug(name):
    return ''.join(ch if ch.isalnum() else '_' for ch in name.lower()).strip('_')[:18]


def _word(agg):
    return {'mean': 'mean', 'sum': 'sum', 'median': 'median', 'max': 'maximum', 'min': 'minimum', 'count': 'count of recorded values'}[agg]


def count_rows(src, ctx):
    out = []
    F = src.F
    keys = F.keys(30)
    ctx.rng.shuffle(keys)
    for key in keys[:2]:
        df = src.df
        if not _groups_ok(df, key, 2, 30):
            continue
        counts = df.groupby(key).size()
        alpha = df[key].dtype == object
        ties = has_ties(counts.tolist())
        say = Say(ctx.rng)
        style = ctx.rng.random()
        if style < 0.45:
            code = '%s.groupby(%r).size().sort_values(ascending=False, kind=\'stable\')' % (src.expr, key)
            tail = [(['List the most common first.', 'Sort from most to least frequent.', 'Most frequent first.'], {})]
            if ties or ctx.rng.random() < 0.3:
                tail.append((TIE_ALPHA if alpha else TIE_ASC, {'t': col(key)}))
            ask(say, src.scope, ['How many rows are there for each {key}?', 'Count the rows per {key}.',
                                 'How often does each {key} occur?', 'What is the number of records for every {key}?'], tail, key=col(key))
            shape = 'series'
        elif style < 0.75:
            code = '%s[%r].value_counts().sort_index()' % (src.expr, key)
            ask(say, src.scope, ['How many rows are there for each {key}, listed in order of {key}?',
                                 'Count the occurrences of every {key} value, sorted by {key}.',
                                 'Give the number of rows per {key}, ordered by the {key} values.'], [], key=col(key))
            shape = 'series'
        elif style < 0.87:
            code = "%s[%r].value_counts(normalize=True).sort_index().round(3)" % (src.expr, key)
            ask(say, src.scope, ['What share of rows does each {key} account for, in order of {key}?',
                                 'What fraction of the rows has each {key} value (sorted by {key})?',
                                 'Give the proportion of rows per {key}, ordered by {key}.'],
                [(['Round to 3 decimals.', 'Use 3 decimal places.', 'Give 3 decimal places.'], {})], key=col(key))
            shape = 'series'
        else:
            code = "%s[%r].value_counts().sort_index().rename_axis(%r).reset_index(name='rows')" % (src.expr, key, key)
            ask(say, src.scope, ['Make a table with one row per {key} (in {key} order) and the number of rows in a column named rows.',
                                 'Count rows per {key} and return them as a dataframe with columns {key} and rows, sorted by {key}.'],
                [], key=col(key))
            shape = 'table'
        out.append(program(src, ['count'], say, [code], shape))
    return out


def top_groups(src, ctx):
    out = []
    for key, m, agg in _pairs(src, ctx, 4):
        df = src.df
        if agg not in ('mean', 'sum', 'median') or not _groups_ok(df, key, 4, 60, 2):
            continue
        r = df.groupby(key)[m].agg(agg).dropna()
        if len(r) < 4:
            continue
        k = ctx.rng.choice([3, 5]) if len(r) > 5 else 3
        asc = ctx.rng.random() < 0.3
        ordered = r.sort_values(ascending=asc, kind='stable')
        rnd, tail, _ = rounding(r)
        word = 'lowest' if asc else 'highest'
        ties = has_ties(ordered.tolist()[:k + 1])
        say = Say(ctx.rng)
        as_list = ctx.rng.random() < 0.2
        if as_list:
            code = "%s.groupby(%r)[%r].%s().sort_values(ascending=%s, kind='stable').head(%d).index.tolist()" % (src.expr, key, m, agg, asc, k)
            api = 'sort'
        elif ctx.rng.random() < 0.7 or ties:
            code = "%s.groupby(%r)[%r].%s().sort_values(ascending=%s, kind='stable').head(%d)%s" % (src.expr, key, m, agg, asc, k, rnd)
            api = 'sort'
        else:
            code = '%s.groupby(%r)[%r].%s().%s(%d)%s' % (src.expr, key, m, agg, 'nsmallest' if asc else 'nlargest', k, rnd)
            api = 'n'
        tails = [tail] if tail and not as_list else []
        if as_list:
            tails.append((['Return just their names as a list.', 'Give only the {key} values, as a Python list.'], {}))
        tails.append((['List them from {w} down.', 'Order them {w} first.', 'Show them starting with the {w}.'] if not asc
                      else ['List them from the {w} up.', 'Order them {w} first.', 'Show them starting with the {w}.'], {'w': word}))
        if ties or (api == 'sort' and ctx.rng.random() < 0.4):
            tails.append((TIE_ALPHA if df[key].dtype == object else TIE_ASC, {'t': col(key)}))
        ask(say, src.scope, [
            'Which {k} {key} values have the {w} {am}?', 'What are the {k} {key} groups with the {w} {am}, and their values?',
            'Find the {k} {key} values with the {w} {am}.', 'Rank the {key} groups by {am} and keep the {k} {w}.',
        ], tails, k=k, key=col(key), w=word, am=_am(ctx, agg, m))
        out.append(program(src, ['group_aggregate', 'top_k'], say, [code], 'list' if as_list else 'series'))
    return out


def pivots(src, ctx):
    out = []
    F, df = src.F, src.df
    keys = [k for k in F.keys(12)]
    ctx.rng.shuffle(keys)
    for a in keys[:3]:
        for b in keys:
            if a == b or not (2 <= df[a].nunique() <= 12 and 2 <= df[b].nunique() <= 6):
                continue
            ms = [(m, agg) for m in F.measures() for agg in set(F.aggs_for(m, a)) & set(F.aggs_for(m, b)) | set(F.aggs_for(m)) if m not in (a, b)]
            ms = sorted(ms)
            if not ms:
                continue
            m, agg = ctx.rng.choice(ms)
            table = df.groupby([a, b])[m].agg(agg).unstack()
            if table.size == 0 or table.isna().any().any() or table.shape[0] < 2:
                continue  # a table with holes says nothing in them (and the comparison reads NaN as 0)
            rnd, tail, _ = rounding(table.stack()) if agg not in ('max', 'min') else ('', None, None)
            say = Say(ctx.rng)
            style = ctx.rng.random()
            if style < 0.4:
                code = '%s.pivot_table(index=%r, columns=%r, values=%r, aggfunc=%r)%s' % (src.expr, a, b, m, agg, rnd)
            elif style < 0.6:
                code = 'pd.pivot_table(%s, index=%r, columns=%r, values=%r, aggfunc=%r)%s' % (src.expr, a, b, m, agg, rnd)
            else:
                code = '%s.groupby([%r, %r])[%r].%s().unstack()%s' % (src.expr, a, b, m, agg, rnd)
            ask(say, src.scope, [
                'Make a table of the {am} with {a} as rows and {b} as columns.',
                'Pivot the data: one row per {a}, one column per {b}, holding the {am}.',
                'What is the {am} for every combination of {a} (rows) and {b} (columns)?',
                'Cross {a} with {b} and show the {am} in each cell.',
            ], [tail] if tail else [], a=col(a), b=col(b), am=_am(ctx, agg, m))
            out.append(program(src, ['pivot'], say, [code], 'table'))
            break
    return out


def crosstabs(src, ctx):
    out = []
    F, df = src.F, src.df
    keys = F.keys(12)
    ctx.rng.shuffle(keys)
    for a in keys[:2]:
        for b in keys:
            if a == b or not (2 <= df[a].nunique() <= 12 and 2 <= df[b].nunique() <= 6):
                continue
            s = src.bound(ctx.rng)
            say = Say(ctx.rng)
            style = ctx.rng.random()
            if style < 0.4:
                code = 'pd.crosstab(%s, %s)' % (s.ref(a), s.ref(b))
                ask(say, s.scope, ['Cross-tabulate {a} against {b}: how many rows fall in each pair?',
                                   'Count the rows for every combination of {a} (rows) and {b} (columns).',
                                   'Make a contingency table of {a} by {b} with row counts.'], [], a=col(a), b=col(b))
            elif style < 0.75:
                code = "pd.crosstab(%s, %s, normalize='index').round(3)" % (s.ref(a), s.ref(b))
                ask(say, s.scope, ['Within each {a}, what share of rows has each {b}?',
                                   'For every {a}, give the proportion of each {b} (each row sums to 1).',
                                   'Show how {b} is distributed within each {a}, as fractions of the {a} row.'],
                    [(['Round to 3 decimals.', 'Use 3 decimal places.'], {})], a=col(a), b=col(b))
            else:
                code = "pd.crosstab(%s, %s, margins=True)" % (s.ref(a), s.ref(b))
                ask(say, s.scope, ['Count rows by {a} and {b}, including row and column totals (labelled All).',
                                   'Cross-tabulate {a} and {b} with totals in a final All row and column.'], [], a=col(a), b=col(b))
            out.append(program(s, ['crosstab'], say, [code], 'table'))
            break
    return out


def quantiles(src, ctx):
    out = []
    for key, m, agg in _pairs(src, ctx, 1):
        df = src.df
        if not _groups_ok(df, key, 2, 30) or src.F.cols[m].role != 'measure':
            continue
        q = ctx.rng.choice([0.25, 0.75, 0.9])
        r = df.groupby(key)[m].quantile(q)
        rnd, tail, _ = rounding(r)
        pct = {0.25: '25th', 0.75: '75th', 0.9: '90th'}[q]
        say = Say(ctx.rng)
        code = '%s.groupby(%r)[%r].quantile(%s)%s' % (src.expr, key, m, q, rnd)
        ask(say, src.scope, ['What is the {p} percentile of {m} for each {key}?', 'Give the {p} percentile of {m} per {key}.',
                             'For every {key}, which {m} value marks the {p} percentile?'], [tail] if tail else [], p=pct, m=col(m), key=col(key))
        out.append(program(src, ['quantile'], say, [code], 'series'))
    return out


def modes(src, ctx):
    out = []
    F, df = src.F, src.df
    keys = F.keys(20)
    cats = F.categories()
    ctx.rng.shuffle(keys)
    for key in keys[:2]:
        for c in cats:
            if c == key or df[c].nunique() < 3:
                continue
            if df.groupby(key)[c].count().min() == 0:
                continue
            say = Say(ctx.rng)
            code = '%s.groupby(%r)[%r].agg(lambda s: s.mode().iloc[0])' % (src.expr, key, c)
            ask(say, src.scope, ['What is the most frequent {c} within each {key}?', 'For each {key}, which {c} occurs most often?',
                                 'Find the most common {c} per {key}.'],
                [(['If several are equally common, take the alphabetically first.', 'Ties go to the alphabetically first {c}.'], {})],
                c=col(c), key=col(key))
            out.append(program(src, ['mode'], say, [code], 'series'))
            break
    return out


def distinct_per_group(src, ctx):
    out = []
    F, df = src.F, src.df
    keys = F.keys(30)
    ctx.rng.shuffle(keys)
    targets = [c for c in F.role('label', 'category', 'id') if df[c].nunique() <= 0.6 * len(df)]  # repeated values, or it is a row count
    for key in keys[:1]:
        for c in targets:
            if c == key:
                continue
            r = df.groupby(key)[c].nunique()
            if r.nunique() < 2:
                continue
            say = Say(ctx.rng)
            code = '%s.groupby(%r)[%r].nunique()' % (src.expr, key, c)
            ask(say, src.scope, ['How many distinct {c} values does each {key} have?', 'Count the different {c} values per {key}.',
                                 'For each {key}, how many unique {c} are there?'], [], c=col(c), key=col(key))
            out.append(program(src, ['distinct'], say, [code], 'series'))
            break
    return out


def distinct_values(src, ctx):
    out = []
    F, df = src.F, src.df
    cols = [c for c in F.categories() + F.role('label') if 3 <= df[c].nunique() <= 25 and df[c].dtype == object]
    if not cols:
        return out
    c = ctx.rng.choice(cols)
    say = Say(ctx.rng)
    if ctx.rng.random() < 0.5:
        code = 'sorted(%s[%r].dropna().unique())' % (src.expr, c)
    else:
        code = '%s[%r].drop_duplicates().sort_values().tolist()' % (src.expr, c)
    ask(say, src.scope, ['Which distinct {c} values occur? List them alphabetically.', 'List every different {c}, sorted A to Z, as a list.',
                         'What are the unique values of {c}, in alphabetical order?'], [], c=col(c))
    out.append(program(src, ['distinct'], say, [code], 'list'))
    return out


def any_per_group(src, ctx):
    out = []
    F, df = src.F, src.df
    keys = [k for k in F.keys(20) if df[k].nunique() >= 3]
    ms = [m for m in F.measures() if df[m].nunique() >= 8]
    if not keys or not ms:
        return out
    k, m = ctx.rng.choice(keys), ctx.rng.choice(ms)
    from cf_g4c_say import literal, nice
    x = nice(float(df[m].quantile(0.95)))
    r = (df[m] > x).groupby(df[k]).any()
    if r.all() or not r.any():
        return out
    s = src.bound(ctx.rng)
    say = Say(ctx.rng)
    code = '(%s > %s).groupby(%s).any()' % (s.ref(m), literal(x), s.ref(k))
    ask(say, s.scope, ['For each {k}, is there at least one row with {m} above {x}?', 'Which {k} groups have any {m} over {x}? Answer True or False per {k}.'],
        [], k=col(k), m=col(m), x=num(x))
    out.append(program(s, ['filter', 'group_aggregate'], say, [code], 'series'))
    return out


def group_filter(src, ctx):
    out = []
    for key, m, agg in _pairs(src, ctx, 1):
        df = src.df
        sizes = df.groupby(key).size()
        if len(sizes) < 4:
            continue
        n = int(sizes.quantile(0.4))
        keep = sizes[sizes >= n]
        if n < 2 or len(keep) < 2 or len(keep) == len(sizes):
            continue
        r = df[df[key].isin(keep.index)].groupby(key)[m].agg(agg)
        rnd, tail, _ = rounding(r)
        s = src.bound(ctx.rng)
        say = Say(ctx.rng)
        code = '%s.groupby(%r).filter(lambda g: len(g) >= %d).groupby(%r)[%r].%s()%s' % (s.expr, key, n, key, m, agg, rnd)
        ask(say, s.scope, ['Only for {key} values with at least {n} rows, what is the {am} per {key}?',
                           'Ignoring {key} groups with fewer than {n} rows, give the {am} for each remaining {key}.',
                           'Keep the {key} groups that have {n} or more rows and compute their {am}.'],
            [tail] if tail else [], key=col(key), n=n, am=_am(ctx, agg, m))
        out.append(program(s, ['group_filter', 'group_aggregate'], say, [code], 'series'))
    return out


def group_share(src, ctx):
    out = []
    F, df = src.F, src.df
    keys = F.keys(10)
    if len(keys) < 2:
        return out
    ctx.rng.shuffle(keys)
    a, b = keys[0], keys[1]
    if not (2 <= df[a].nunique() <= 10 and 2 <= df[b].nunique() <= 8):
        return out
    additive = [m for m in F.measures(True) if not (F.stock(m) and F.has_time())]
    say = Say(ctx.rng)
    if additive and ctx.rng.random() < 0.6:
        m = ctx.rng.choice(additive)
        if ctx.rng.random() < 0.5:
            code = ['totals = %s.groupby([%r, %r])[%r].sum()' % (src.expr, a, b, m),
                    "totals.div(totals.groupby(level=0).transform('sum')).mul(100).round(1)"]
            ask(say, src.scope, ['For each {a}, what percentage of its total {m} comes from each {b}?',
                                 'Within every {a}, give each {b}\'s percent share of the {m} sum.'],
                [(['Round to 1 decimal.', 'Percentages to one decimal place.'], {})], a=col(a), b=col(b), m=col(m))
            out.append(program(src, ['group_aggregate', 'group_share'], say, code, 'series'))
            return out
        code = ['totals = %s.groupby([%r, %r])[%r].sum()' % (src.expr, a, b, m),
                '(totals / totals.groupby(level=0).transform(\'sum\')).round(3)']
        ask(say, src.scope, ['For each {a}, what share of its total {m} comes from each {b}?',
                             'Within every {a}, what fraction of the {m} sum belongs to each {b}?',
                             'Split each {a}\'s total {m} into the shares of its {b} values.'],
            [(['Round to 3 decimals.', 'Give shares to 3 decimal places.'], {})], a=col(a), b=col(b), m=col(m))
        out.append(program(src, ['group_aggregate', 'group_share'], say, code, 'series'))
    else:
        code = ['counts = %s.groupby([%r, %r]).size()' % (src.expr, a, b),
                '(counts / counts.groupby(level=0).transform(\'sum\')).round(3)']
        ask(say, src.scope, ['For each {a}, what fraction of its rows falls in each {b}?',
                             'Within every {a}, what proportion of rows has each {b} value?'],
            [(['Round to 3 decimals.', 'Use 3 decimal places.'], {})], a=col(a), b=col(b))
        out.append(program(src, ['count', 'group_share'], say, code, 'series'))
    return out


FAMILIES = [group_aggregate, named_aggregation, count_rows, top_groups, pivots, crosstabs, quantiles, modes,
            distinct_per_group, distinct_values, any_per_group, group_filter, group_share]
