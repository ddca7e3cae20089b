"""Time families: aggregates by a part of a date (month, weekday, quarter, hour; only where the
column holds such parts), by calendar windows (resample, periods), rolling windows over a series
with one value per time, running totals, and changes from one period to the next."""
from cf_g4c_prog import TIE_ASC, has_ties, program, rounding
from cf_g4c_say import AGG_WORDS, Say, ask, col, num

DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']


def _am(ctx, agg, m):
    return ctx.rng.choice(AGG_WORDS[agg]).format(m=col(m))


def _measure_agg(src, ctx, additive=None):
    ms = [(m, a) for m in src.F.real_measures() for a in src.F.aggs_for(m)
          if src.df[m].notna().mean() > 0.8 and (additive is None or src.F.additive(m) == additive)]
    return ctx.rng.choice(ms) if ms else (None, None)


def date_parts(src, ctx):
    out = []
    F, df = src.F, src.df
    for d in F.dates()[:2]:
        m, agg = _measure_agg(src, ctx)
        dt = df[d].dt
        parts = []
        if dt.month.nunique() >= 3:
            parts.append('month')
        if dt.dayofweek.nunique() == 7:
            parts.append('weekday')
        if dt.quarter.nunique() >= 2 and dt.month.nunique() >= 6:
            parts.append('quarter')
        if F.cols[d].role == 'datetime' and dt.hour.nunique() >= 6:
            parts.append('hour')
        if dt.year.nunique() >= 2:
            parts.append('year')
        if 3 <= df[d].dt.to_period('M').nunique() <= 24:
            parts.append('yearmonth')
        if not parts:
            continue
        part = ctx.rng.choice(parts)
        say = Say(ctx.rng)
        s = src.bound(ctx.rng) if not src.simple else src
        if part == 'weekday' and (m is None or ctx.rng.random() < 0.5):
            code = "%s[%r].dt.day_name().value_counts().reindex(%r, fill_value=0)" % (s.expr, d, DAYS)
            ask(say, s.scope, ['How many rows fall on each day of the week according to {d}? List Monday to Sunday.',
                               'Count the rows per weekday of {d}, in calendar order from Monday.',
                               'On which weekdays do the {d} values fall? Give a count per day, Monday first.'], [], d=col(d))
            out.append(program(s, ['date_part', 'count'], say, [code], 'series'))
            continue
        if m is None:
            continue
        if part == 'yearmonth':
            r = df.groupby(df[d].dt.strftime('%Y-%m'))[m].agg(agg)
            if len(r) < 3 or r.notna().mean() < 0.8:
                continue
            rnd, tail, _ = rounding(r)
            code = "%s.groupby(%s[%r].dt.strftime('%%Y-%%m'))[%r].%s()%s" % (s.expr, s.expr, d, m, agg, rnd)
            ask(say, s.scope, ["What is the {am} for each month of {d}, labelled as 'YYYY-MM' text?",
                               "Group by the year and month of {d} (as 'YYYY-MM' strings) and give the {am}."], [tail] if tail else [],
                am=_am(ctx, agg, m), d=col(d))
            out.append(program(s, ['date_part', 'group_aggregate'], say, [code], 'series'))
            continue
        accessor = {'month': 'dt.month', 'weekday': 'dt.dayofweek', 'quarter': 'dt.quarter', 'hour': 'dt.hour', 'year': 'dt.year'}[part]
        what = {'month': ['calendar month (1-12) of {d}', 'month of the year of {d} (1 to 12)'],
                'weekday': ['day of the week of {d} (0 is Monday)', 'weekday number of {d} (Monday = 0)'],
                'quarter': ['quarter of the year of {d} (1-4)', 'calendar quarter of {d}'],
                'hour': ['hour of the day of {d} (0-23)', 'hour of {d}'],
                'year': ['year of {d}', 'calendar year of {d}']}[part]
        r = df.groupby(getattr(df[d].dt, accessor.split('.')[1]))[m].agg(agg)
        if len(r) < 2 or r.notna().mean() < 0.8:
            continue
        rnd, tail, _ = rounding(r)
        code = '%s.groupby(%s[%r].%s)[%r].%s()%s' % (s.expr, s.expr, d, accessor, m, agg, rnd)
        w = ctx.rng.choice(what)
        ask(say, s.scope, ['What is the {am} for each ' + w + '?', 'Group by the ' + w + ' and give the {am}.',
                           'How does the {am} change with the ' + w + '?'], [tail] if tail else [], am=_am(ctx, agg, m), d=col(d))
        out.append(program(s, ['date_part', 'group_aggregate'], say, [code], 'series'))
    for y in F.role('yeardate')[:1]:
        m, agg = _measure_agg(src, ctx)
        if m is None or df[y].dt.year.nunique() < 3:
            continue
        r = df.groupby(df[y].dt.year)[m].agg(agg)
        rnd, tail, _ = rounding(r)
        s = src.bound(ctx.rng) if not src.simple else src
        say = Say(ctx.rng)
        code = '%s.groupby(%s[%r].dt.year)[%r].%s()%s' % (s.expr, s.expr, y, m, agg, rnd)
        # A column named year needs no 'year of year': the phrasing says the year alone.
        qs = (['What is the {am} for each year?', 'Per year (the year of {y}), what is the {am}?', 'Give the {am} year by year.']
              if y.lower() == 'year' else
              ['What is the {am} for each year of {y}?', 'Per year (from {y}), what is the {am}?', 'Give the {am} year by year, using the year of {y}.'])
        ask(say, s.scope, qs, [tail] if tail else [], am=_am(ctx, agg, m), y=col(y))
        out.append(program(s, ['date_part', 'group_aggregate'], say, [code], 'series'))
    return out


def date_gaps(src, ctx):
    out = []
    df = src.df
    for d in src.F.dates()[:1]:
        # Times of day make a gap a fraction of days that .dt.days cuts: ask about calendar days then.
        timed = src.F.cols[d].role == 'datetime'
        values = df[d].dt.normalize() if timed else df[d]
        gaps = values.drop_duplicates().sort_values().diff().dt.days.dropna()
        if len(gaps) < 5 or gaps.nunique() < 2:
            continue
        say = Say(ctx.rng)
        if timed:
            code = '%s.dt.normalize().drop_duplicates().sort_values().diff().dt.days.max()' % src.ref(d)
            ask(say, src.scope, ['Taking the calendar day of each {d}, what is the longest gap in days between two consecutive days that occur?',
                                 'Over the distinct calendar days of {d} (time of day ignored), how many days apart are the two consecutive days furthest apart?'],
                [], d=col(d))
        else:
            code = '%s.drop_duplicates().sort_values().diff().dt.days.max()' % src.ref(d)
            ask(say, src.scope, ['What is the longest gap, in days, between two consecutive distinct {d} values?',
                                 'Sorting the distinct {d} values, how many days is the largest jump from one to the next?'], [], d=col(d))
        out.append(program(src, ['sort', 'change', 'scalar_stat'], say, [code], 'scalar'))
    return out


def latest_per_group(src, ctx):
    out = []
    F, df = src.F, src.df
    times = [t for t in F.times() if df[t].notna().all()]
    keys = [k for k in F.keys(25) if df[k].nunique() >= 2]
    ms = [m for m in F.measures() if df[m].notna().all()]
    if not times or not keys or not ms:
        return out
    t, k, m = ctx.rng.choice(times), ctx.rng.choice(keys), ctx.rng.choice(ms)
    if k == t or df.groupby([k, t]).size().max() > 1:
        return out
    first = ctx.rng.random() < 0.35
    say = Say(ctx.rng)
    code = '%s.sort_values(%r).groupby(%r)[%r].%s()' % (src.expr, t, k, m, 'first' if first else 'last')
    ask(say, src.scope, ['What is the {w} recorded {m} for each {k}, by {t}?', 'For every {k}, give the {m} of its {w} row in {t} order.'],
        [], w='earliest' if first else 'latest', m=col(m), k=col(k), t=col(t))
    out.append(program(src, ['sort', 'best_per_group'], say, [code], 'series'))
    return out


def windows(src, ctx):
    """Calendar windows: quarters or years via resample, months via periods (and the best month)."""
    out = []
    F, df = src.F, src.df
    for d in F.dates()[:1]:
        span_days = (df[d].max() - df[d].min()).days
        m, agg = _measure_agg(src, ctx)
        if m is None or span_days < 120:
            continue
        say = Say(ctx.rng)
        style = ctx.rng.random()
        if style < 0.4 and span_days >= 400:
            freq, word = ('Y', 'year') if span_days >= 3 * 365 and span_days < 40 * 365 else ('Q', 'quarter')
            r = df.set_index(d)[m].resample(freq).agg(agg)
            if len(r) < 2 or len(r) > 60 or r.isna().any():
                continue
            rnd, tail, _ = rounding(r)
            code = '%s.set_index(%r)[%r].resample(%r).%s()%s' % (src.expr, d, m, freq, agg, rnd)
            ask(say, src.scope, ['What is the {am} per calendar {w} of {d}?', 'Resample by {d} to {w}s and give the {am} in each.',
                                 'For every calendar {w} (by {d}), what is the {am}?'], [tail] if tail else [], am=_am(ctx, agg, m), w=word, d=col(d))
            out.append(program(src, ['date_window', 'group_aggregate'], say, [code], 'series'))
        elif style < 0.7:
            r = df.groupby(df[d].dt.to_period('M'))[m].agg(agg).dropna()
            if len(r) < 3:
                continue
            best = r.max()
            if (r == best).sum() > 1:
                continue
            s = src.bound(ctx.rng) if not src.simple else src
            code = ['monthly = %s.groupby(%s[%r].dt.to_period(\'M\'))[%r].%s()' % (s.expr, s.expr, d, m, agg), 'monthly.idxmax()']
            ask(say, s.scope, ['Which month (year and month of {d}) has the largest {am}? Answer with the month period.',
                               'In which calendar month, by {d}, is the {am} at its highest? Give the year-month period.',
                               'Find the month of {d} with the largest {am}, as a monthly period.'], [], am=_am(ctx, agg, m), d=col(d))
            out.append(program(s, ['date_window', 'group_aggregate', 'argmax'], say, code, 'value'))
        else:
            freq, word = ('Y', 'year') if span_days >= 2 * 365 else ('M', 'month')
            r = df.groupby(df[d].dt.to_period(freq))[m].agg(agg)
            if len(r) < 2 or len(r) > 60:
                continue
            rnd, tail, _ = rounding(r)
            code = "%s.groupby(pd.Grouper(key=%r, freq=%r))[%r].%s()%s" % (src.expr, d, freq, m, agg, rnd)
            r2 = df.groupby(__import__('pandas').Grouper(key=d, freq=freq))[m].agg(agg)
            if r2.isna().any() or len(r2) > 60:
                continue
            ask(say, src.scope, ['Group the rows into calendar {w}s by {d} and give the {am} of each.',
                                 'What is the {am} in every {w}, using {d} as the date?'], [tail] if tail else [],
                am=_am(ctx, agg, m), w=word, d=col(d))
            out.append(program(src, ['date_window', 'group_aggregate'], say, [code], 'series'))
    return out


def _series_over_time(src, ctx):
    """(time column, measure, setup lines, series expression name, steps, phrase) for a series with
    one value per time: the rows themselves when times are unique, else a per-time aggregate."""
    F, df = src.F, src.df
    # a series over times with a clock (flights per minute) has no regular steps to window over
    times = [t for t in F.role('date', 'monthdate', 'yeardate', 'year') if df[t].notna().all()]
    if not times:
        return None
    t = ctx.rng.choice(times)
    m, agg = _measure_agg(src, ctx)
    if m is None:
        return None
    if df[t].is_unique and df[m].notna().all():
        line = 'series = %s.sort_values(%r).set_index(%r)[%r]' % (src.expr, t, t, m)
        data = df.sort_values(t).set_index(t)[m]
        return t, m, [line], data, ['sort'], '{m} ordered by {t}'
    if agg not in ('sum', 'mean'):
        agg = 'mean'
    line = 'series = %s.groupby(%r)[%r].%s()' % (src.expr, t, m, agg)
    data = df.groupby(t)[m].agg(agg)
    word = {'sum': 'total', 'mean': 'average'}[agg]
    return t, m, [line], data, ['group_aggregate'], 'the %s {m} per {t}' % word


def _regular(index):
    """Times evenly spaced (every day, month or year present): a window of n rows is n periods."""
    import pandas as pd
    values = pd.Series(index)
    if values.dtype.kind == 'M':
        gaps = values.diff().dropna().dt.days
        return len(gaps) > 0 and (gaps.max() <= 1 or (gaps.between(28, 31).all()) or gaps.between(365, 366).all())
    gaps = values.diff().dropna()
    return len(gaps) > 0 and gaps.nunique() == 1


def rolling(src, ctx):
    out = []
    got = _series_over_time(src, ctx)
    if got is None:
        return out
    t, m, lines, data, steps, what = got
    if len(data) < 12 or not _regular(data.index):
        return out
    w = ctx.rng.choice([3, 5, 7] if len(data) < 200 else [7, 14, 30])
    roll = data.rolling(w).mean()
    rnd, tail, _ = rounding(roll.dropna())
    say = Say(ctx.rng)
    what_t = what.format(m=col(m), t=col(t))
    style = ctx.rng.random()
    if style < 0.2:
        exp = data.expanding().mean()
        rnd2, tail2, _ = rounding(exp)
        code = lines + ['series.expanding().mean().tail(5)%s' % rnd2]
        ask(say, src.scope, ['Take ' + what_t + ' and give its running (expanding) average at each step; show the last 5 values.',
                             'What is the cumulative mean of ' + what_t + ' at its last 5 points?'], [tail2] if tail2 else [])
        out.append(program(src, steps + ['rolling_window'], say, code, 'series'))
    elif style < 0.6:
        code = lines + ['series.rolling(%d).mean().tail(5)%s' % (w, rnd)]
        ask(say, src.scope, ['Take ' + what_t + ' and compute its {w}-step rolling mean; show the last 5 values.',
                             'What are the final 5 values of the {w}-period moving average of ' + what_t + '?',
                             'Smooth ' + what_t + ' with a rolling window of {w} and give the 5 latest values.'],
            [tail] if tail else [], w=w)
        out.append(program(src, steps + ['rolling_window'], say, code, 'series'))
    else:
        r = roll.dropna()
        if len(r) < 2 or (r == r.max()).sum() > 1:
            return out
        code = lines + ['series.rolling(%d).mean().idxmax()' % w]
        ask(say, src.scope, ['At which {t} does the {w}-step rolling mean of ' + what_t + ' peak? Give the {t} that ends the window.',
                             'Over ' + what_t + ', where is the {w}-period moving average highest? Answer with the {t} at the end of that window.'],
            [], w=w, t=col(t))
        out.append(program(src, steps + ['rolling_window', 'argmax'], say, code, 'value'))
    return out


def cumulative(src, ctx):
    out = []
    F, df = src.F, src.df
    times = [t for t in F.role('year', 'yeardate', 'date') if df[t].notna().all()]
    ms = [m for m in F.measures(True) if not F.stock(m)]
    if not times or not ms:
        return out
    t, m = ctx.rng.choice(times), ctx.rng.choice(ms)
    totals = df.groupby(t)[m].sum()
    if len(totals) < 4 or (totals < 0).any():
        return out
    cum = totals.cumsum()
    say = Say(ctx.rng)
    if ctx.rng.random() < 0.5:
        x = float(cum.iloc[-1]) / 2
        from cf_g4c_say import nice, literal
        x = nice(x)
        if not (cum > x).any():
            return out
        code = ['running = %s.groupby(%r)[%r].sum().cumsum()' % (src.expr, t, m), 'running[running > %s].index[0]' % literal(x)]
        ask(say, src.scope, ['In which {t} does the running total of {m} (summed per {t}, in {t} order) first exceed {x}?',
                             'Accumulating {m} {t} by {t}, at which {t} does the cumulative sum pass {x}?'], [], t=col(t), m=col(m), x=num(x))
        out.append(program(src, ['group_aggregate', 'cumulative', 'filter'], say, code, 'value'))
    else:
        if len(totals) > 40:
            code = ['%s.groupby(%r)[%r].sum().cumsum().tail(5)' % (src.expr, t, m)]
            what = ' for the last 5 {t} values'
        else:
            code = ['%s.groupby(%r)[%r].sum().cumsum()' % (src.expr, t, m)]
            what = ''
        rnd, tail, _ = rounding(cum)
        code[-1] += rnd
        ask(say, src.scope, ['What is the cumulative total of {m} over {t}, in {t} order' + what + '?',
                             'Give the running sum of the per-{t} total {m}' + what + '.'], [tail] if tail else [], t=col(t), m=col(m))
        out.append(program(src, ['group_aggregate', 'cumulative'], say, code, 'series'))
    return out


def changes(src, ctx):
    out = []
    F, df = src.F, src.df
    times = [t for t in F.role('year', 'yeardate') if df[t].notna().all() and df[t].nunique() >= 4]
    if not times:
        return out
    t = ctx.rng.choice(times)
    m, agg = _measure_agg(src, ctx)
    if m is None:
        return out
    agg = 'sum' if 'sum' in F.aggs_for(m) else 'mean'
    series = df.groupby(t)[m].agg(agg)
    if len(series) > 40 or (series == 0).any():
        return out
    word = {'sum': 'total', 'mean': 'average'}[agg]
    say = Say(ctx.rng)
    style = ctx.rng.random()
    if style < 0.15:
        rnd, tail, _ = rounding(series.diff())
        code = ['per_period = %s.groupby(%r)[%r].%s()' % (src.expr, t, m, agg), '(per_period - per_period.shift(1)).dropna()%s' % rnd]
        ask(say, src.scope, ['How much does the {w} {m} change from each {t} to the next? Drop the first {t}, which has no predecessor.',
                             'Give the difference between each {t}\'s {w} {m} and the previous {t}\'s (the first has none; leave it out).'],
            [tail] if tail else [], w=word, m=col(m), t=col(t))
        out.append(program(src, ['group_aggregate', 'change'], say, code, 'series'))
    elif style < 0.25:
        record = series.cummax()
        code = ['per_period = %s.groupby(%r)[%r].%s()' % (src.expr, t, m, agg), 'int((per_period.cummax().diff() > 0).sum())']
        ask(say, src.scope, ['Going {t} by {t}, how many times does the {w} {m} set a new record high (not counting the first {t})?',
                             'In {t} order, how often does the {w} {m} beat every earlier {t}?'], [], w=word, m=col(m), t=col(t))
        out.append(program(src, ['group_aggregate', 'cumulative', 'count'], say, code, 'scalar'))
    elif style < 0.4:
        code = ['per_period = %s.groupby(%r)[%r].%s()' % (src.expr, t, m, agg), '(per_period.pct_change() * 100).round(1).dropna()']
        ask(say, src.scope, ['By how many percent does the {w} {m} change from each {t} to the next? Leave out the first {t}.',
                             'Give the percentage change of the {w} {m} between consecutive {t} values (the first has none, drop it).'],
            [(['Round to 1 decimal.', 'One decimal place.'], {})], w=word, m=col(m), t=col(t))
        out.append(program(src, ['group_aggregate', 'change'], say, code, 'series'))
    elif style < 0.7:
        diffs = series.diff().dropna()
        if (diffs == diffs.max()).sum() > 1:
            return out
        code = ['per_period = %s.groupby(%r)[%r].%s()' % (src.expr, t, m, agg), 'per_period.diff().idxmax()']
        ask(say, src.scope, ['Which {t} saw the largest increase in {w} {m} over the previous {t}?',
                             'Comparing each {t} with the one before, when did the {w} {m} rise the most?'], [], w=word, m=col(m), t=col(t))
        out.append(program(src, ['group_aggregate', 'change', 'argmax'], say, code, 'value'))
    else:
        ents = [k for k in F.keys(40) + F.role('label') if k != t and df.groupby([k, t]).size().max() == 1]
        if not ents:
            return out
        e = ctx.rng.choice(ents)
        first, last = series.index.min(), series.index.max()
        wide = df.pivot(index=e, columns=t, values=m)
        if first not in wide.columns or last not in wide.columns:
            return out
        gain = (wide[last] - wide[first]).dropna().sort_values(ascending=False, kind='stable')
        if len(gain) < 5:
            return out
        rnd, tail, _ = rounding(gain)
        lit = lambda v: repr(v) if not hasattr(v, 'year') else 'pd.Timestamp(%r)' % str(v.date())
        code = ['wide = %s.pivot(index=%r, columns=%r, values=%r)' % (src.expr, e, t, m),
                "(wide[%s] - wide[%s]).dropna().sort_values(ascending=False, kind='stable').head(5)%s" % (lit(last), lit(first), rnd)]
        tails = [tail] if tail else []
        if has_ties(gain.tolist()[:6]):
            tails.append((['Ties keep the order of {e}.', 'Tied values stay in {e} order.'], {}))
        fy, ly = (first.year, last.year) if hasattr(first, 'year') else (first, last)
        ask(say, src.scope, ['Which 5 {e} values gained the most {m} between {t} {a} and {t} {b}, and by how much?',
                             'Between {a} and {b} (by {t}), which 5 {e} increased their {m} the most? Show the change.'],
            tails, e=col(e), m=col(m), t=col(t), a=fy, b=ly)
        out.append(program(src, ['pivot', 'change', 'top_k'], say, code, 'series'))
    return out


def parse_dates(src, ctx):
    """Dates the loader left as text: parsed, then counted per year."""
    out = []
    df = src.df
    for c in [c for c, info in src.F.cols.items() if info.role == 'other' and df[c].dtype == object][:1]:
        sample = df[c].dropna().astype(str)
        if len(sample) == 0 or sample.str.match(r'^\d{4}-\d{2}-\d{2}').mean() < 0.9:
            continue
        years = __import__('pandas').to_datetime(df[c]).dt.year
        if years.nunique() < 2 or years.nunique() > 40:
            continue
        say = Say(ctx.rng)
        code = 'pd.to_datetime(%s).dt.year.value_counts().sort_index()' % src.ref(c)
        ask(say, src.scope, ['{c} holds dates as text: parse them and count the rows per year, in year order.',
                             'Convert {c} to datetimes and give the number of rows in each year, sorted by year.'], [], c=col(c))
        out.append(program(src, ['derive', 'date_part', 'count'], say, [code], 'series'))
    return out


FAMILIES = [date_parts, windows, rolling, cumulative, changes, date_gaps, latest_per_group, parse_dates]
