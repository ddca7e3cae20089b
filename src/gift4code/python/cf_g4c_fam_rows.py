"""Row families: the top rows by a measure, the top rows within each group, the best row of every
group, ranks within groups, rows compared with their group's average (transform), and distinct
combinations. Rows are always put in an order the intent states, with a tie-break on a label."""
from cf_g4c_prog import TIE_ALPHA, TIE_ASC, cut_tie, has_ties, program, rounding
from cf_g4c_say import AGG_WORDS, Say, ask, col


def _label(src, ctx, avoid=()):
    ls = [c for c in src.F.labels() if c not in avoid and src.df[c].notna().all()]
    return ls[0] if ls else None


def _measure(src, ctx, avoid=()):
    ms = [m for m in src.F.real_measures() if m not in avoid and src.df[m].notna().mean() > 0.9 and src.df[m].nunique() > 5]
    return ctx.rng.choice(ms) if ms else None


def _grouped_rows(src, ctx, max_levels, min_size=3):
    """(label, key, measure, rows with the measure) for a per-group row question, or None: a label
    to name rows by, a key of 2..max_levels groups of at least min_size rows, and a measure."""
    label = _label(src, ctx)
    keys = [k for k in src.F.keys(max_levels) if k != label]
    m = _measure(src, ctx, (label,))
    if label is None or m is None or not keys:
        return None
    key = ctx.rng.choice(keys)
    df = src.df.dropna(subset=[m])
    if not (2 <= df[key].nunique() <= max_levels) or df.groupby(key).size().min() < min_size:
        return None
    return label, key, m, df


def _listing(cols):
    names = [col(c) for c in cols]
    return names[0] if len(names) == 1 else ', '.join(names[:-1]) + ' and ' + names[-1]


def top_rows(src, ctx):
    out = []
    label = _label(src, ctx)
    m = _measure(src, ctx, (label,))
    if label is None or m is None:
        return out
    df = src.df.dropna(subset=[m])
    if len(df) < 6:
        return out
    k = ctx.rng.choice([3, 5, 8] if len(df) > 12 else [3])
    asc = ctx.rng.random() < 0.35
    ordered = df.sort_values([m, label], ascending=[asc, True])
    ties = has_ties(ordered[m].tolist()[:k + 1])
    extra = [c for c in src.F.keys(12) if c not in (m, label)][:1] if ctx.rng.random() < 0.4 else []
    show = [label] + extra + [m]
    word = 'lowest' if asc else 'highest'
    say = Say(ctx.rng)
    if ties or ctx.rng.random() < 0.65:
        code = '%s.sort_values([%r, %r], ascending=[%s, True])[%r].head(%d)' % (src.expr, m, label, asc, show, k)
    else:
        code = '%s.%s(%d, %r)[%r]' % (src.expr, 'nsmallest' if asc else 'nlargest', k, m, show)
    tails = [(['Order them {w} first.', 'List them from the {w} {m} on.', 'Sort them by {m}, {w} first.'], {'w': word})]
    if ties or ctx.rng.random() < 0.5:
        tails.append((TIE_ALPHA, {'t': col(label)}))
    ask(say, src.scope, [
        'Which {k} rows have the {w} {m}? Show {cols}.', 'List the {k} entries with the {w} {m}, with columns {cols}.',
        'Give {cols} for the {k} rows with the {w} {m}.', 'Find the {k} records with the {w} {m} and show their {cols}.',
    ], tails, k=k, w=word, m=col(m), cols=_listing(show))
    out.append(program(src, ['top_k'], say, [code], 'table'))
    return out


def top_per_group(src, ctx):
    out = []
    got = _grouped_rows(src, ctx, 12)
    if got is None:
        return out
    label, key, m, df = got
    k = ctx.rng.choice([1, 2, 3])
    say = Say(ctx.rng)
    code = ("%s.sort_values([%r, %r, %r], ascending=[True, False, True]).groupby(%r).head(%d)[[%r, %r, %r]]"
            % (src.expr, key, m, label, key, k, key, label, m))
    n_word = {1: 'the row', 2: 'the 2 rows', 3: 'the 3 rows'}[k]
    ask(say, src.scope, [
        'For each {key}, list {n} with the highest {m}, showing {key}, {label} and {m}.',
        'Within every {key}, which {n2} have the largest {m}? Give {key}, {label} and {m}.',
        'Show the top {k} by {m} inside each {key} group, with {key}, {label} and {m}.',
    ], [(['Order the result by {key}, then by {m} from highest.', 'Sort by {key} and then by descending {m}.'], {}),
        (TIE_ALPHA, {'t': col(label)})], key=col(key), n=n_word, n2=n_word.replace('the ', '') if k > 1 else 'row',
        k=k, m=col(m), label=col(label))
    out.append(program(src, ['sort', 'top_k_per_group'], say, [code], 'table'))
    return out


def best_per_group(src, ctx):
    out = []
    got = _grouped_rows(src, ctx, 25, 1)
    if got is None:
        return out
    label, key, m, df = got
    asc = ctx.rng.random() < 0.3
    word = 'lowest' if asc else 'highest'
    tied = df.groupby(key)[m].apply(lambda s: (s == (s.min() if asc else s.max())).sum() > 1).any()
    say = Say(ctx.rng)
    if tied or ctx.rng.random() < 0.6:
        code = ("%s.sort_values([%r, %r], ascending=[%s, True]).drop_duplicates(%r).set_index(%r)[%r].sort_index()"
                % (src.expr, m, label, asc, key, key, label))
        shape = 'series'
        tails = [(TIE_ALPHA, {'t': col(label)})] if tied or ctx.rng.random() < 0.5 else []
        ask(say, src.scope, ['For each {key}, which {label} has the {w} {m}?', 'Name the {label} with the {w} {m} in every {key}.',
                             'Which {label} tops each {key} by {w} {m}?'], tails, key=col(key), label=col(label), w=word, m=col(m))
        steps = ['sort', 'best_per_group']
    else:
        s = src.bound(ctx.rng)
        code = '%s.loc[%s.groupby(%r)[%r].%s(), [%r, %r, %r]]' % (s.expr, s.expr, key, m, 'idxmin' if asc else 'idxmax', key, label, m)
        shape = 'table'
        ask(say, s.scope, ['For each {key}, show the row with the {w} {m}: its {key}, {label} and {m}.',
                           'Give {key}, {label} and {m} of the {w}-{m} row in every {key}.'],
            [(['One row per {key}, in order of {key}.', 'List the groups in {key} order.'], {})],
            key=col(key), label=col(label), w=word, m=col(m))
        steps = ['best_per_group']
        src = s
    out.append(program(src, steps, say, [code], shape))
    return out


def rank_in_group(src, ctx):
    out = []
    got = _grouped_rows(src, ctx, 10)
    if got is None:
        return out
    label, key, m, df = got
    s = src.bound(ctx.rng)
    top = ctx.rng.choice([1, 2, 3])
    say = Say(ctx.rng)
    code = ["ranked = %s.assign(rank=%s.groupby(%r)[%r].rank(method='min', ascending=False))" % (s.expr, s.expr, key, m),
            "ranked.loc[ranked['rank'] <= %d, [%r, %r, %r, 'rank']].sort_values([%r, 'rank', %r])" % (top, key, label, m, key, label)]
    ask(say, s.scope, [
        'Rank rows by {m} within each {key} (1 is the highest; tied rows share the lower rank number) and list those ranked {top} or better, with {key}, {label}, {m} and the rank in a column named rank.',
        'Within each {key}, give every row a rank by descending {m} (ties get the same, smallest rank) and show the rows with rank at most {top}: {key}, {label}, {m} and rank.',
    ], [(['Sort by {key}, then rank, then {label}.', 'Order the rows by {key}, rank and {label}.'], {})],
        m=col(m), key=col(key), top=top, label=col(label))
    out.append(program(s, ['rank', 'filter', 'sort'], say, code, 'table'))
    return out


def group_transform(src, ctx):
    out = []
    label = _label(src, ctx)
    keys = src.F.keys(25)
    m = _measure(src, ctx, (label,))
    if m is None or not keys:
        return out
    key = ctx.rng.choice(keys)
    df = src.df.dropna(subset=[m])
    if not (2 <= df[key].nunique() <= 25):
        return out
    s = src.bound(ctx.rng)
    say = Say(ctx.rng)
    style = ctx.rng.random()
    if style < 0.2:
        dev = (df[m] - df.groupby(key)[m].transform('mean')).abs()
        rnd, tail, _ = rounding(dev)
        code = ["dev = (%s[%r] - %s.groupby(%r)[%r].transform('mean')).abs()" % (s.expr, m, s.expr, key, m),
                'dev.groupby(%s).mean()%s' % (s.ref(key), rnd)]
        ask(say, s.scope, ['For each {key}, what is the mean absolute deviation of {m} from the {key}\'s own average?',
                           'How far, on average and in absolute terms, does {m} lie from its {key} mean, per {key}?'],
            [tail] if tail else [], key=col(key), m=col(m))
        out.append(program(s, ['group_transform', 'group_aggregate'], say, code, 'series'))
    elif style < 0.45 or label is None:
        code = ["group_mean = %s.groupby(%r)[%r].transform('mean')" % (s.expr, key, m),
                'int((%s[%r] > group_mean).sum())' % (s.expr, m)]
        ask(say, s.scope, ['How many rows have a {m} above the average {m} of their own {key}?',
                           'Count the rows whose {m} exceeds the mean {m} of their {key} group.',
                           'Compared with their {key}\'s average, how many rows have a higher {m}?'], [], m=col(m), key=col(key))
        out.append(program(s, ['group_transform', 'count'], say, code, 'scalar'))
    elif style < 0.7:
        dev = (df[m] - df.groupby(key)[m].transform('mean'))
        rnd, tail, d = rounding(dev)
        d = 2 if d is None else d
        code = ["diff = (%s[%r] - %s.groupby(%r)[%r].transform('mean')).round(%d)" % (s.expr, m, s.expr, key, m, d),
                "%s.assign(diff=diff).sort_values(['diff', %r], ascending=[False, True])[[%r, %r, %r, 'diff']].head(5)" % (s.expr, label, label, key, m)]
        ask(say, s.scope, ['Which 5 rows lie furthest above their {key} average {m}? Show {label}, {key}, {m} and the difference as diff.',
                           'Add diff, the gap between each {m} and the mean {m} of its {key}, and list the 5 rows with the largest diff ({label}, {key}, {m}, diff).'],
            [(['Round diff to {d} decimals.', 'Use {d} decimals for diff.'], {'d': d}), (TIE_ALPHA, {'t': col(label)})],
            key=col(key), m=col(m), label=col(label))
        out.append(program(s, ['group_transform', 'top_k'], say, code, 'table'))
    else:
        if not src.F.additive(m) or df[m].min() < 0:
            return out
        code = ["share = (%s[%r] / %s.groupby(%r)[%r].transform('sum')).round(3)" % (s.expr, m, s.expr, key, m),
                "%s.assign(share=share).sort_values(['share', %r], ascending=[False, True])[[%r, %r, 'share']].head(5)" % (s.expr, label, key, label)]
        ask(say, s.scope, ['What share of its {key}\'s total {m} does each row hold? List the 5 largest shares with {key} and {label}.',
                           'Give the 5 rows with the biggest fraction of their {key} group\'s total {m} (columns {key}, {label}, share).'],
            [(['Round shares to 3 decimals.', 'Shares to 3 decimal places.'], {}), (TIE_ALPHA, {'t': col(label)})],
            key=col(key), m=col(m), label=col(label))
        out.append(program(s, ['group_transform', 'top_k'], say, code, 'table'))
    return out


def distinct_pairs(src, ctx):
    out = []
    keys = src.F.keys(40) + src.F.role('label')
    if len(keys) < 2:
        return out
    ctx.rng.shuffle(keys)
    a, b = keys[0], keys[1]
    n = len(src.df[[a, b]].drop_duplicates())
    if n < 3 or n == len(src.df):
        return out
    say = Say(ctx.rng)
    if ctx.rng.random() < 0.3:
        code = 'int(%s.duplicated(subset=[%r, %r]).sum())' % (src.expr, a, b)
        ask(say, src.scope, ['How many rows repeat an ({a}, {b}) pair already seen in another row (each pair counted once as original)?',
                             'Count the rows that duplicate another row on both {a} and {b}, leaving one row of each pair uncounted.'],
            [], a=col(a), b=col(b))
        out.append(program(src, ['distinct', 'count'], say, [code], 'scalar'))
        return out
    if ctx.rng.random() < 0.5:
        code = 'len(%s[[%r, %r]].drop_duplicates())' % (src.expr, a, b)
    else:
        code = '%s.groupby([%r, %r]).ngroups' % (src.expr, a, b)
    ask(say, src.scope, ['How many distinct combinations of {a} and {b} are there?', 'Count the unique ({a}, {b}) pairs.',
                         'How many different {a} and {b} pairings occur?'], [], a=col(a), b=col(b))
    out.append(program(src, ['distinct'], say, [code], 'scalar'))
    return out


FAMILIES = [top_rows, top_per_group, best_per_group, rank_in_group, group_transform, distinct_pairs]
