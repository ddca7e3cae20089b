// The offline enumerator over real and made-up columns: families and steps, intents without code,
// column semantics (no mean of identifiers or codes, no month of a year-only date), determinism.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Executor } from '../../src/exec/executor.js';
import { helperExpression } from '../../src/exec/helper.js';
import { FIX, testExecutor } from './support.js';

let ex: Executor;
before(async () => { ex = await testExecutor(); });
after(async () => { await ex.close(); });

interface Prog { family: string; steps: string[]; intent: string; template: string; code: string; shape: string; history: boolean }

const ORDERS = `import pandas as pd\norders = pd.read_csv(${JSON.stringify(join(FIX, 'data', 'orders.csv'))})\n`
  + `shops = pd.read_csv(${JSON.stringify(join(FIX, 'data', 'shops.csv'))}, parse_dates=['opened'])\n`;

/** Columns of every role the profiler tells apart. */
const PEOPLE = `import pandas as pd
n = 60
people = pd.DataFrame({
    'person_id': range(1, n + 1),
    'sex': [1, 2, 2] * 20,
    'year': [2001 + i % 6 for i in range(n)],
    'born': pd.to_datetime(['%d-01-01' % (1980 + i % 7) for i in range(n)]),
    'visit': pd.date_range('2020-01-01', periods=n, freq='5D'),
    'weight_kg': [50.0 + (i * 7) % 31 for i in range(n)],
    'income_usd': [1000 + (i * 37) % 400 for i in range(n)],
    'city': ['Oslo', 'Lima', 'Pune', 'Kyiv'] * 15,
    'note': ['a free text note number %d about the visit and other things' % i for i in range(n)],
    'latitude': [40.0 + i / 10 for i in range(n)],
})
`;

async function call(setup: string, expr: string): Promise<unknown> {
  const r = await ex.run({ code: setup, call: expr, profile: 'datasci' });
  assert.equal(r.status, 'ok', JSON.stringify(r.exception));
  assert.equal(r.value!.value.t, 'str');
  return JSON.parse((r.value!.value as { v: string }).v);
}

const helper = (module: string, fn: string, request: unknown) => helperExpression({ module, fn, request, pass: ['globals()'] });
const enumerate = (setup: string, seed: number, limit: number, history: string[] = []) =>
  call(setup, helper('cf_g4c_enum', 'enumerate_json', { seed, limit, history })) as Promise<Prog[]>;
const propose = (setup: string, seed: number, maxCells: number) =>
  call(setup, helper('cf_g4c_history', 'propose_json', { seed, max_cells: maxCells })) as Promise<Array<{ code: string; names: string[] }>>;

test('column roles: identifier, coded category, year, year-only date, date, measure with unit, text, coordinate', async () => {
  const roles = await call(PEOPLE, "__import__('json').dumps(__import__('cf_g4c_profile').Frame('people', people).describe())") as Record<string, [string, string | null, boolean, number]>;
  const role = (c: string) => roles[c][0];
  assert.equal(role('person_id'), 'id');
  assert.equal(role('sex'), 'code');
  assert.equal(role('year'), 'year');
  assert.equal(role('born'), 'yeardate');
  assert.equal(role('visit'), 'date');
  assert.deepEqual(roles.weight_kg.slice(0, 3), ['measure', 'mass', false]);
  assert.deepEqual(roles.income_usd.slice(0, 2), ['measure', 'money']);
  assert.equal(role('city'), 'category');
  assert.equal(role('note'), 'text');
  assert.equal(role('latitude'), 'lat');
});

test('programs respect column semantics and intents hold no code', async () => {
  const progs = await enumerate(PEOPLE, 3, 600);
  assert.ok(progs.length > 100, `only ${progs.length} programs`);
  for (const p of progs) {
    // no aggregate of an identifier, a code or a coordinate
    assert.doesNotMatch(p.code, /\['(person_id|sex|year|latitude)'\]\.(mean|sum|median|std)\(/, p.code);
    assert.doesNotMatch(p.code, /\((?:'(?:person_id|sex|latitude)'), '(?:mean|sum|median)'\)/, p.code);
    // a year-only date has no month, weekday or quarter
    assert.doesNotMatch(p.code, /\['born'\]\.dt\.(month|dayofweek|quarter|day_name)/, p.code);
    // no ratio or difference of measures of different units
    assert.doesNotMatch(p.code, /weight_kg'\] [-/] \w+\['income_usd|income_usd'\] [-/] \w+\['weight_kg/, p.code);
    // intents are prose: no comparison operators, subscripts, calls or method chains
    assert.doesNotMatch(p.intent, /==|!=|>=|<=|\[\[|\w\[['"]|\.\w+\(|\bdf\b|\(\)/, p.intent);
    assert.ok(p.steps.length >= 1 && p.steps.length <= 4);
    assert.ok(p.template.length > 10 && !p.template.includes('people,'), p.template);
  }
  assert.ok(progs.some((p) => /\['visit'\]\.dt\.(month|dayofweek|day_name|quarter)/.test(p.code)), 'a full date gets date parts');
});

test('the enumerator composes steps over real columns, with many templates, deterministically by seed', async () => {
  const a = await enumerate(ORDERS, 1, 400);
  const steps = new Set(a.flatMap((p) => p.steps));
  for (const f of ['filter', 'group_aggregate', 'named_aggregation', 'count', 'top_k', 'pivot', 'crosstab', 'merge', 'binning', 'group_transform',
    'date_part', 'distinct', 'share', 'correlation', 'clip', 'conditional']) {
    assert.ok(steps.has(f), `no ${f} step`);
  }
  const multi = a.filter((p) => p.steps.length >= 2).length;
  assert.ok(multi / a.length >= 0.4, `multi-step share ${multi / a.length}`);
  // filter then group and aggregate: the method's canonical example
  assert.ok(a.some((p) => p.family === 'filter>group_aggregate'));
  assert.ok(a.some((p) => p.steps[0] === 'merge' && /shops\.merge\(|orders\.merge\(/.test(p.code)), 'a join on the shared key');
  assert.ok(new Set(a.map((p) => p.template)).size > 100, 'templates');
  assert.equal(new Set(a.map((p) => p.code)).size, a.length, 'codes are distinct');
  assert.equal(new Set(a.map((p) => p.intent)).size, a.length, 'intents are distinct');
  assert.deepEqual(await enumerate(ORDERS, 1, 400), a);
  assert.notDeepEqual(await enumerate(ORDERS, 2, 400), a);
  // a limit keeps the mix: round-robin over families
  const few = await enumerate(ORDERS, 1, 20);
  assert.ok(new Set(few.map((p) => p.code.split('\n').pop()!.split('(')[0])).size >= 10);
});

test('analysis history: proposed cells run, and programs that use what they define are marked', async () => {
  const cells = await propose(ORDERS, 4, 3);
  assert.ok(cells.length >= 1 && cells.length <= 3);
  for (const c of cells) assert.match(c.code, /^# .+\n/);
  const setup = `${ORDERS}${cells.map((c) => c.code).join('\n')}\n`;
  const names = cells.flatMap((c) => c.names);
  const progs = await enumerate(setup, 4, 400, names);
  const marked = progs.filter((p) => p.history);
  assert.ok(marked.length > 0, 'some programs build on the history');
  for (const p of marked) assert.ok(names.some((n) => p.code.includes(n)), p.code);
});

test('a category value whose rows hold the totals of the others is dropped by an analysis cell', async () => {
  const setup = `import pandas as pd
rows = []
for y in range(2000, 2012):
    a, b, c = 10 + y % 7, 3 * (y % 5) + 1, 40 + y % 3
    rows += [('Flood', y, a), ('Storm', y, b), ('Fire', y, c), ('All disasters', y, a + b + c)]
events = pd.DataFrame(rows, columns=['kind', 'year', 'deaths'])
`;
  const cells = await propose(setup, 1, 3);
  assert.match(cells[0].code, /^# The 'All disasters' rows hold the totals of the others: drop them\nevents = events\[events\['kind'\] != 'All disasters'\]\.copy\(\)$/);
  const plain = await propose(setup.replace("('All disasters', y, a + b + c)", "('Other', y, 5)"), 1, 3);
  assert.ok(plain.every((c) => !/hold the totals/.test(c.code)));
});

test('no totals row where the amounts are mostly zero: a rare category whose zero costs agree with any sum of zeros is kept', async () => {
  // Like birdstrikes' damage codes: most rows cost nothing, so a rare code's rows and the others' daily
  // sums are both 0 on most dates; that is no evidence of a totals row.
  const setup = `import pandas as pd
rows = []
for d in range(60):
    day = pd.Timestamp('2001-01-01') + pd.Timedelta(days=d)
    rows += [('None', day, 0), ('Minor', day, 0 if d % 3 else 500 + d), ('Substantial', day, 0 if d % 5 else 9000 + d)]
    if d % 3 and d % 5 and d % 2 == 0:
        rows.append(('C', day, 700 if d == 58 else 0))
strikes = pd.DataFrame(rows, columns=['damage', 'date', 'cost'])
`;
  const cells = await propose(setup, 1, 3);
  assert.ok(cells.every((c) => !/hold the totals/.test(c.code)), cells.map((c) => c.code).join('\n'));
});

test('column semantics in intents: gaps between timestamps in calendar days, word counts only of multi-word text, a bare count is a stock', async () => {
  const setup = `import pandas as pd
n = 80
trips = pd.DataFrame({
    'date': pd.Timestamp('2001-01-01 06:30') + pd.to_timedelta([(i * 37) % 200 * 7 for i in range(n)], unit='h'),
    'origin': ['ATL', 'ORD', 'DFW', 'SEA', 'LAX', 'JFK', 'BOS', 'DEN'] * 10,
    'delay': [(i * 13) % 41 - 10 for i in range(n)],
})
held = pd.DataFrame({'year': [2000 + i // 4 for i in range(40)], 'job': ['a', 'b', 'c', 'd'] * 10, 'count': [100 + (i * 17) % 50 for i in range(40)]})
`;
  const roles = await call(setup, "__import__('json').dumps(__import__('cf_g4c_profile').Frame('held', held).describe())") as Record<string, [string, string | null]>;
  assert.deepEqual(roles.count.slice(0, 2), ['measure', 'stock']);
  const progs: Prog[] = [];
  for (const seed of [1, 2, 3, 4, 5, 6]) progs.push(...await enumerate(setup, seed, 400));
  const gaps = progs.filter((p) => /\.diff\(\)\.dt\.days\.max\(\)/.test(p.code));
  assert.ok(gaps.length > 0);
  for (const p of gaps) {
    assert.match(p.code, /\['date'\]\.dt\.normalize\(\)/, p.code);
    assert.match(p.intent, /calendar day/, p.intent);
  }
  assert.ok(progs.every((p) => !/str\.split\(\)\.explode\(\)/.test(p.code) || !/\['origin'\]/.test(p.code)), 'words counted of airport codes');
  // a stock is not summed over time: no per-year total of held counts run up over the years
  assert.ok(progs.every((p) => !/held\.groupby\('year'\)\['count'\]\.sum\(\)\.cumsum\(\)/.test(p.code)));
});

test('with several frames every intent names the frame its program reads; no group of one row; small shares keep two significant digits', async () => {
  const setup = `import pandas as pd
n = 90
weather = pd.DataFrame({
    'date': pd.date_range('2012-01-01', periods=n, freq='D'),
    'temp_max': [10.0 + (i * 7) % 23 for i in range(n)],
    'temp_min': [1.0 + (i * 5) % 9 for i in range(n)],
    'kind': ['sun', 'rain', 'fog'] * 30,
    'share': [0.001 + ((i * 7) % 11) / 2000 for i in range(n)],
})
weather['month'] = weather['date'].dt.month
weather_sun = weather[weather['kind'] == 'sun'].copy()
weather_by_kind = weather.groupby('kind', as_index=False).agg(rows=('temp_max', 'size'), avg_temp_max=('temp_max', 'mean'))
`;
  const frames = ['weather', 'weather_sun', 'weather_by_kind'];
  const progs: Prog[] = [];
  for (const seed of [1, 2, 3, 4]) progs.push(...await enumerate(setup, seed, 400, ['month', 'weather_sun', 'weather_by_kind']));
  const derived = progs.filter((p) => /\.assign\(/.test(p.code));
  assert.ok(derived.length > 0);
  for (const p of progs) {
    const read = frames.filter((f) => new RegExp(`(?<![\\w.])${f}(?![\\w])`).test(p.code));
    for (const f of read) assert.match(p.intent, new RegExp(`(?<![\\w])${f}(?![\\w])`), `${p.intent}\n${p.code}`);
    // weather_by_kind has one row per kind and per rows value: nothing groups by them
    assert.ok(!/weather_by_kind\.groupby\(/.test(p.code), p.code);
  }
  const decimals = await call(setup, "__import__('json').dumps([__import__('cf_g4c_say').decimals_for(x) for x in (0.5, 0.06, 0.006, 0.0004, 5.0)])");
  assert.deepEqual(decimals, [3, 3, 4, 5, 2]);
});

test('a selection keeps the roles of the frame it was cut from: a measure with a dozen values left is no group key', async () => {
  // Like us-employment: sector job counts per month; a selection of a dozen months left each sector
  // a dozen values, which profiled on their own read as ordinal keys ("per information group").
  const setup = `import pandas as pd
n = 120
employment = pd.DataFrame({
    'nonfarm': [130000 + i * 150 for i in range(n)],
    'information': [2600 + (i // 3) * 7 for i in range(n)],
    'leisure_and_hospitality': [12000 + (i * 53) % 900 for i in range(n)],
})
`;
  const progs: Prog[] = [];
  for (const seed of [1, 2, 3, 4, 5]) progs.push(...await enumerate(setup, seed, 400));
  assert.ok(progs.some((p) => /\[employment\['nonfarm'\] [<>]|query\("nonfarm/.test(p.code)), 'some programs select rows');
  for (const p of progs) assert.ok(!/groupby\('information'|groupby\(\w+\['information'\]|crosstab\(\w+\['information'\]/.test(p.code), p.code);
});
