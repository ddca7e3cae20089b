"""Earlier analysis cells for a context, as a notebook has them before the cell a task asks for: a
derived column (a unit conversion, a difference of same-unit measures, a date part, a key taken from
text), a filtered frame kept for later, a per-period or per-group summary frame, and, with several
frames, a merge. Chosen from the data and the seed; later intents may build on what they define."""
import json
import random
import re

from cf_g4c_profile import frames_of
from cf_g4c_source import CONVERSIONS, conversion_name, table_pairs


def _slug(v):
    s = re.sub(r'[^a-z0-9]+', '_', str(v).lower()).strip('_')
    return s[:20] or 'subset'


def _fresh(name, ns, used):
    base, i = name, 2
    while name in ns or name in used or not name.isidentifier():
        name = '%s_%d' % (base, i)
        i += 1
    used.add(name)
    return name


def total_rows(F):
    """(category column, value) whose rows hold the totals of the other values (an 'All ...' row per
    year): sums over the frame would count everything twice. None when there is no such value."""
    df = F.df
    times = [t for t in F.role('year', 'yeardate', 'date', 'monthdate') if df[t].notna().all()]
    for c in F.categories():
        for m in F.measures(True):
            for v in df[c].dropna().unique().tolist():
                rows, rest = df[df[c] == v], df[df[c] != v]
                if times:
                    t = times[0]
                    if rows[t].duplicated().any():
                        continue
                    own = rows.set_index(t)[m]
                    others = rest.groupby(t)[m].sum().reindex(own.index)
                    # Times where the value's rows hold nothing agree with any sum of zeros (costs
                    # mostly 0): only times with a real amount tell a totals row.
                    own, others = own[own.abs() > 0], others[own.abs() > 0]
                    if len(own) < 3:
                        continue
                else:
                    if len(rows) != 1:
                        continue
                    own, others = rows[m], rest[m].sum()
                close = ((own - others).abs() <= 0.02 * own.abs().clip(lower=1)).mean() if times else float(abs(float(own.iloc[0]) - float(others)) <= 0.02 * abs(float(others)))
                if len(rows) >= 3 and close >= 0.8 or not times and close:
                    return c, v
    return None


def _derive(F, rng, ns, used):
    """In-place new columns on one frame: each option (comment, code, new column)."""
    opts = []
    df = F.df
    ms = F.measures()
    for c in ms:
        ws = set(re.split(r'[^a-z]+', c.lower()))
        for unit, word, factor, new_word, phrase in CONVERSIONS:
            if F.unit(c) == unit and word is not None and word in ws:
                new = conversion_name(c, word, new_word)
                if new in df.columns:
                    continue
                opts.append(('# %s in %s' % (c, phrase), '%s[%r] = (%s[%r] * %s).round(1)' % (F.name, new, F.name, c, factor), new))
    for i, a in enumerate(ms):
        for b in ms[i + 1:]:
            if F.related(a, b) and F.unit(a) not in ('money',):
                big, small = (a, b) if float((df[a] - df[b]).mean()) >= 0 else (b, a)
                common = re.sub(r'_?(max|min|high|low)$', '', big.lower())
                new = (common + '_range') if common != big.lower() else _slug(big) + '_gap'
                if new not in df.columns:
                    opts.append(('# Spread between %s and %s' % (big, small), '%s[%r] = %s[%r] - %s[%r]' % (F.name, new, F.name, big, F.name, small), new))
    for d in F.dates():
        if df[d].dt.month.nunique() > 1 and 'month' not in df.columns:
            opts.append(('# Calendar month of each %s' % d, "%s['month'] = %s[%r].dt.month" % (F.name, F.name, d), 'month'))
        if df[d].dt.year.nunique() > 1 and 'year' not in df.columns:
            opts.append(('# Year of each %s' % d, "%s['year'] = %s[%r].dt.year" % (F.name, F.name, d), 'year'))
    for c in F.role('label')[:2]:
        first = df[c].astype(str).str.split().str[0]
        if 3 <= first.nunique() <= 40 and first.nunique() < 0.5 * df[c].nunique() and 'brand' not in df.columns:
            new = 'brand' if 'name' in c.lower() else 'first_word'
            opts.append(('# The first word of %s' % c, '%s[%r] = %s[%r].str.split().str[0]' % (F.name, new, F.name, c), new))
    return opts


def _subset(F, rng, ns, used):
    opts = []
    df = F.df
    for c in F.categories():
        counts = df[c].value_counts()
        v = counts.index[0]
        if isinstance(v, str) and 0.15 <= counts.iloc[0] / len(df) <= 0.8:
            name = _fresh('%s_%s' % (F.name, _slug(v)), ns, used)
            opts.append(('# Only the rows with %s %r' % (c, v), '%s = %s[%s[%r] == %r].copy()' % (name, F.name, F.name, c, v), name))
    for y in F.role('year'):
        ys = sorted(df[y].dropna().unique().tolist())
        if len(ys) >= 6:
            cut = int(ys[len(ys) // 2])
            name = _fresh('%s_since_%d' % (F.name, cut), ns, used)
            opts.append(('# Rows from %d on' % cut, '%s = %s[%s[%r] >= %d].copy()' % (name, F.name, F.name, y, cut), name))
    for d in F.dates():
        ys = sorted(df[d].dt.year.unique().tolist())
        if len(ys) >= 3:
            cut = int(ys[len(ys) // 2])
            name = _fresh('%s_since_%d' % (F.name, cut), ns, used)
            opts.append(('# Rows dated %d or later' % cut, '%s = %s[%s[%r].dt.year >= %d].copy()' % (name, F.name, F.name, d, cut), name))
    return opts


def _summary(F, rng, ns, used):
    opts = []
    df = F.df
    times = [t for t in F.role('year') if 5 <= df[t].nunique() <= 200]
    keys = [k for k in F.keys(30) if df[k].nunique() >= 3]
    sums = [m for m in F.measures(True)]
    means = [m for m in F.measures() if m not in sums]
    for t in times[:1]:
        ms = sums or means
        if ms:
            m = ms[0]
            agg = 'sum' if sums and not (F.stock(m) and len(keys) == 0) else 'mean'
            name = _fresh('%s_by_%s' % (F.name, _slug(t)), ns, used)
            opts.append(('# %s %s per %s' % ('Total' if agg == 'sum' else 'Average', m, t),
                         '%s = %s.groupby(%r, as_index=False)[%r].%s()' % (name, F.name, t, m, agg), name))
    for k in [k for k in keys if k not in times][:2]:
        ms = [m for m in F.real_measures() if 'mean' in F.aggs_for(m, k)][:2]
        if len(ms) >= 1:
            name = _fresh('%s_by_%s' % (F.name, _slug(k)), ns, used)
            parts = ', '.join("%s=(%r, 'mean')" % ('avg_' + _slug(m), m) for m in ms)
            opts.append(('# Per-%s averages' % k, "%s = %s.groupby(%r, as_index=False).agg(rows=(%r, 'size'), %s)" % (name, F.name, k, ms[0], parts), name))
    return opts


def _merge(frames, rng, ns, used):
    opts = []
    for a, b, ka, kb in table_pairs(frames):
        if a.df[ka].duplicated().any() and b.df[kb].duplicated().any():
            continue
        on = 'on=%r' % ka if ka == kb else 'left_on=%r, right_on=%r' % (ka, kb)
        name = _fresh('%s_%s' % (a.name, b.name), ns, used)
        opts.append(('# %s with the matching %s rows' % (a.name, b.name), '%s = %s.merge(%s, %s)' % (name, a.name, b.name, on), name))
    return opts


def propose(ns, seed=0, max_cells=3):
    """Up to max_cells analysis cells (comment line, then code) and the names each defines."""
    rng = random.Random(seed)
    frames = [f for f in frames_of(ns) if f.rows >= 10]
    if not frames or max_cells <= 0:
        return []
    used = set()
    main = max(frames, key=lambda f: f.rows * len(f.cols))
    cells = []
    for F in frames:
        found = total_rows(F)
        if found:
            c, v = found
            cells.append({'code': '# The %r rows hold the totals of the others: drop them\n%s = %s[%s[%r] != %r].copy()' % (v, F.name, F.name, F.name, c, v),
                          'names': []})
    if cells:
        ns = dict(ns)
        for cell in cells:
            exec(cell['code'], ns)
        frames = [f for f in frames_of(ns) if f.rows >= 10]
        main = max(frames, key=lambda f: f.rows * len(f.cols))
    pools = [_derive(main, rng, ns, used), _subset(main, rng, ns, used), _summary(main, rng, ns, used)]
    if len(frames) > 1:
        pools.insert(0, _merge(frames, rng, ns, used))
    pools = [p for p in pools if p]
    n = min(max_cells, rng.choice([1, 2, 2, 3, 3])) - len(cells)
    for pool in pools[:max(n, 0)]:
        comment, code, name = rng.choice(pool)
        cells.append({'code': '%s\n%s' % (comment, code), 'names': [name]})
    return cells


def propose_json(ns, request_json):
    """{seed, max_cells} -> JSON list of cells (called through src/exec/helper.ts)."""
    req = json.loads(request_json)
    return json.dumps(propose(ns, req.get('seed', 0), req.get('max_cells', 3)))
