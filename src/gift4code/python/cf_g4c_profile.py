"""Column semantics for the offline enumerator: each column of a dataframe gets a role (identifier,
label, category, coded category stored as a number, bucket, year, date, measure with a unit, free
text, coordinate, flag) from its dtype, name, cardinality and values, and each measure a unit and
whether it adds up. The families ask these questions, so no program averages an identifier or a
code, divides unrelated measures, or takes the month of a column that only holds years."""
import re

import pandas as pd

# Name words -> (unit, additive). Additive: a sum over rows means something (money flows, counts of
# events); stock quantities (population, army size) add up only across groups at one time.
UNIT_WORDS = [
    (r'gross|budget|revenue|sales|cost|receipts|disbursements|cash|loans?|contributions|spending|amount|dollars?|usd|\$', 'money', True),
    (r'price|wages?|gas|open|close|high|low', 'price', False),
    (r'income|salary|gdp', 'income', False),
    (r'deaths|killed|injured|wounds|disease|passengers|flights|votes|units|quantity|strikes|hurricanes|rows', 'count', True),
    # A bare `count` is as often a head count at a time (people unemployed in a month, holding a job
    # in a year) as a count of events: a stock, summed across groups but never over time.
    (r'pop|population|people|army|nonfarm|private|employ\w*|total|count', 'stock', True),
    (r'temp\w*|temperature', 'temperature', False),
    (r'precip\w*|rain\w*|snow\w*', 'precipitation', True),
    (r'length|depth|width|height|mm|cm', 'length', False),
    (r'miles_per_gallon|mpg', 'efficiency', False),
    (r'distance|miles|km', 'distance', True),
    (r'mass|weight|lbs|kg|g', 'mass', False),
    (r'wind|speed|knots|mph', 'speed', False),
    (r'rate|pct|perc|percent|share|ratio|fertility|engineers', 'rate', False),
    (r'delay|minutes?|min|duration|runtime|acceleration|time', 'duration', False),
    (r'horsepower|hp|power', 'power', False),
    (r'displacement|volume', 'volume', False),
    (r'rating|score|yield|health|expect', 'score', False),
    (r'co2|concentration', 'concentration', False),
    (r'age', 'age', False),
    (r'generation|energy|kwh|mwh', 'energy', True),
]
CODE_WORDS = {'sex', 'gender', 'code', 'type', 'class', 'cluster', 'group', 'category', 'status', 'party', 'flag',
              'level', 'kind', 'region', 'division', 'zone', 'dircat'}
ID_WORDS = {'id', 'iata', 'zip', 'fips', 'key', 'index', 'identification', 'code'}
LAT_WORDS = {'lat', 'latitude'}
LON_WORDS = {'lon', 'lng', 'long', 'longitude'}
YEAR_WORDS = {'year', 'yr', 'season'}
MONTH_WORDS = {'month'}

# Roles a groupby may use as its key, and roles whose values may be aggregated.
KEY_ROLES = {'category', 'code', 'ordinal', 'bucket', 'flag', 'year', 'month'}
MAX_KEY_LEVELS = 40


def words(name):
    """Lower-case name words: `Weight_in_lbs` -> weight, in, lbs; `budgetYear` -> budget, year."""
    spaced = re.sub(r'([a-z])([A-Z])', r'\1 \2', str(name))
    return [w for w in re.split(r'[^A-Za-z0-9$]+', spaced.lower()) if w]


def unit_of(name):
    ws = words(name)
    joined = '_'.join(ws)
    for pattern, unit, additive in UNIT_WORDS:  # the whole name first: `miles_per_gallon` is no distance
        if re.match(r'^(%s)$' % pattern, joined):
            return unit, additive
    for pattern, unit, additive in UNIT_WORDS:
        rx = re.compile(r'^(%s)$' % pattern)
        if any(rx.match(w) for w in ws):
            return unit, additive
    return None, False


def _arithmetic(values):
    vs = sorted(values)
    if len(vs) < 4:
        return False
    step = vs[1] - vs[0]
    return step > 0 and all(b - a == step for a, b in zip(vs, vs[1:]))


class Column:
    """One column's role and facts."""

    def __init__(self, name, s, rows):
        self.name = name
        self.dtype = str(s.dtype)
        self.nunique = int(s.nunique(dropna=True))
        self.nulls = int(s.isna().sum())
        self.rows = rows
        self.unit, self.additive = None, False
        self.attribute_of = None
        self.role = self._role(name, s, rows)

    def _role(self, name, s, rows):
        ws = set(words(name))
        kind = s.dtype.kind
        if self.nunique <= 1:
            return 'constant'
        if kind == 'b':
            return 'flag'
        if kind == 'M':
            d = s.dropna()
            if hasattr(d.dt, 'tz') and d.dt.tz is not None:
                return 'other'
            if ((d.dt.month == 1) & (d.dt.day == 1) & (d.dt.hour == 0)).all():
                return 'yeardate'
            if ((d.dt.day == 1) & (d.dt.hour == 0)).all() and d.dt.month.nunique() > 1:
                return 'monthdate'  # one value a month: no weekdays, no days
            if (d.dt.normalize() == d).all():
                return 'date'
            return 'datetime'
        if kind in 'iuf':
            d = s.dropna()
            integral = kind in 'iu' or bool((d == d.round()).all())
            if ws & LAT_WORDS:
                return 'lat'
            if ws & LON_WORDS:
                return 'lon'
            if ws & YEAR_WORDS and integral and d.between(1000, 2200).all():
                return 'year'
            if ws & MONTH_WORDS and integral and d.between(1, 12).all():
                return 'month'
            if ws & ID_WORDS and integral:
                return 'id'
            if kind in 'iu' and ws & CODE_WORDS and self.nunique <= 30:
                return 'code'
            if kind in 'iu' and self.nunique <= 25 and _arithmetic(d.unique().tolist()):
                return 'bucket'
            if kind in 'iu' and self.nunique == rows and (d.diff().dropna() == 1).all():
                return 'id'
            self.unit, self.additive = unit_of(name)
            if kind in 'iu' and self.nunique <= 12 and self.unit is None:
                return 'ordinal'
            return 'measure'
        if kind == 'O':
            d = s.dropna()
            if len(d) == 0 or not d.map(lambda v: isinstance(v, str)).all():
                return 'other'
            if d.str.match(r'^\d{4}-\d{2}-\d{2}').mean() > 0.9:
                return 'other'  # dates left as text: the loader did not parse them
            mean_len = d.str.len().mean()
            spaces = d.str.contains(' ').mean()
            if (self.nunique <= 12 and rows >= 3 * self.nunique) or (self.nunique <= 60 and rows >= 5 * self.nunique):
                return 'category'
            if ws & ID_WORDS and spaces < 0.05:
                return 'id'
            if mean_len > 30 and spaces > 0.8:
                return 'text'
            return 'label'
        return 'other'

    @property
    def is_key(self):
        # A column unique on every row (the year of a per-year summary) makes groups of one row.
        return self.role in KEY_ROLES and 2 <= self.nunique <= MAX_KEY_LEVELS and self.nunique < self.rows

    @property
    def is_measure(self):
        return self.role == 'measure'


class Frame:
    """A dataframe of the notebook state, its columns profiled."""

    def __init__(self, name, df, history=False, like=None):
        self.name = name
        self.df = df
        self.rows = len(df)
        self.history = history
        self.cols = {}
        for c in df.columns:
            if isinstance(c, str) and not c.startswith('_'):
                try:
                    self.cols[c] = Column(c, df[c], self.rows)
                except (TypeError, ValueError):  # unhashable cells (lists, dicts): no role
                    continue
        self._attributes()
        if like is not None:
            self._inherit(like)
        self.entity = self._panel_entity()

    def _inherit(self, like):
        """Roles of the frame this one was cut from: a selection of a few rows would make a sector's
        job count an ordinal key (a dozen values) and a category an identifier."""
        for c, col in self.cols.items():
            src = like.cols.get(c)
            if src is not None and col.role != 'constant':
                col.role, col.unit, col.additive, col.attribute_of = src.role, src.unit, src.additive, src.attribute_of

    def _attributes(self):
        """A measure repeated on every row of an entity (a state's household total on each of its
        income-bracket rows) is the entity's attribute: a sum over rows counts it many times."""
        owners = [c for c, col in self.cols.items() if col.role in ('label', 'category', 'id') and 10 <= col.nunique < self.rows]
        for m, col in self.cols.items():
            if col.role != 'measure':
                continue
            for o in owners:
                try:
                    if self.df.groupby(o)[m].nunique().max() <= 1:
                        col.attribute_of = o
                        col.additive = False
                        break
                except (TypeError, ValueError):
                    continue

    def _panel_entity(self):
        """The entity of a panel (one row per entity and time, as stocks per symbol and month), or None."""
        times = self.role('date', 'datetime', 'monthdate', 'yeardate', 'year')
        ents = [c for c, col in self.cols.items() if col.role in ('category', 'label') and 2 <= col.nunique <= 60]
        for t in times:
            if self.df[t].is_unique:
                continue
            for e in ents:
                if not self.df.duplicated([e, t]).any():
                    return e
        return None

    def role(self, *roles):
        return [c for c, col in self.cols.items() if col.role in roles]

    def keys(self, max_levels=MAX_KEY_LEVELS):
        return [c for c, col in self.cols.items() if col.is_key and col.nunique <= max_levels]

    def categories(self):
        return [c for c in self.role('category') if 2 <= self.cols[c].nunique <= MAX_KEY_LEVELS]

    def measures(self, additive=None):
        out = [c for c, col in self.cols.items() if col.is_measure]
        if additive is not None:
            out = [c for c in out if self.cols[c].additive == additive]
        return out

    def labels(self):
        """Columns that name a row (for display and tie-breaks), most unique first."""
        out = [c for c in self.role('label', 'id') if self.df[c].dtype == object]
        return sorted(out, key=lambda c: -self.cols[c].nunique)

    def label(self):
        ls = self.labels()
        return ls[0] if ls else None

    def dates(self):
        """Date columns with a month part (full dates, one date a month)."""
        return self.role('date', 'datetime', 'monthdate')

    def times(self):
        """Columns that order rows in time: dates, year-only dates and year numbers."""
        return self.role('date', 'datetime', 'monthdate', 'yeardate', 'year')

    def texts(self):
        return self.role('text', 'label')

    def unit(self, col):
        return self.cols[col].unit

    def additive(self, col):
        return self.cols[col].additive

    def stock(self, col):
        return self.cols[col].unit == 'stock'

    def has_time(self):
        return bool(self.times())

    def aggs_for(self, col, by=None):
        """Aggregations that mean something for a column: sums only for additive flows (a stock such
        as population adds up only within one time, so frames with a time axis get no plain sum), and
        in a panel no aggregate of a price over entities (the average of different stocks' prices)
        unless grouped by the entity (`by`)."""
        c = self.cols.get(col)
        if c is None:
            return []
        if self.entity and c.unit == 'price' and by != self.entity:
            return []
        if c.attribute_of is not None:
            return []  # repeated on each of its entity's rows: any aggregate over rows weighs entities by their row count
        if c.role == 'measure':
            out = ['mean', 'median', 'max', 'min']
            if c.additive and not (c.unit == 'stock' and self.has_time()):
                out.insert(0, 'sum')
            if c.nulls:
                out.append('count')
            return out
        if c.role == 'ordinal':
            return ['mean', 'median', 'max', 'min']
        if c.role in ('lat', 'lon'):
            return ['max', 'min']
        return []

    def real_measures(self):
        """Measures of the rows themselves (no attribute repeated per entity)."""
        return [m for m in self.measures() if self.cols[m].attribute_of is None]

    def related(self, a, b):
        """Two measures whose difference or ratio means something: the same unit."""
        ua, ub = self.unit(a), self.unit(b)
        return ua is not None and ua == ub

    def describe(self):
        return {c: (col.role, col.unit, col.additive, col.nunique) for c, col in self.cols.items()}


def frames_of(ns, history_names=()):
    """Profiled public dataframes of a namespace, in definition order."""
    return [Frame(name, v, name in history_names) for name, v in ns.items()
            if isinstance(v, pd.DataFrame) and not name.startswith('_') and v.shape[1] > 0 and len(v) > 0]
