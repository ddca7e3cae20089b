// The viewer's server side on real output folders: what it recognises, pages straight from the
// shards, filters/sort/search/charts over the index (counts checked against the records
// themselves), records whole, bad lines skipped and counted, dropped units, an eval run's tasks with
// expected and got, and the API's errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Catalog } from '../../src/view/catalog.js';
import { startViewServer, type ViewServer } from '../../src/view/server.js';
import { C2C_ROWS, G4C_ROWS, makeViewFixture, type ViewFixture } from './setup.js';
import { errorKind, expectedGot } from '../../src/view/eval_run.js';
import { KINDS, reprType } from '../../src/view/kinds.js';

let fx: ViewFixture;
let server: ViewServer;
const api = async (path: string) => {
  const res = await fetch(new URL(path, server.url));
  return { status: res.status, body: await res.json() as any };
};

before(async () => {
  fx = await makeViewFixture('server');
  server = await startViewServer(fx.root, { port: 0 });
});
after(async () => {
  await server?.close();
  if (fx) rmSync(fx.root, { recursive: true, force: true });
});

test('the catalog finds each output folder and its kind', async () => {
  const { body } = await api('api/datasets');
  const byName = Object.fromEntries(body.map((d: any) => [d.name, d]));
  assert.deepEqual(Object.keys(byName).sort(), ['c2c', 'eval', 'g4c']);
  assert.equal(byName.c2c.kind, 'case2code');
  assert.equal(byName.c2c.layout, 'dataset');
  assert.equal(byName.c2c.rows, C2C_ROWS);
  assert.equal(byName.c2c.hasDropped, true);
  assert.equal(byName.g4c.kind, 'gift4code');
  assert.equal(byName.g4c.layout, 'samples');
  assert.equal(byName.g4c.rows, G4C_ROWS);
  assert.equal(byName.g4c.skipped, 2, 'the two lines that are not JSON objects are skipped and counted');
  assert.equal(byName.eval.kind, 'eval');
  assert.equal(byName.eval.rows, fx.c2c.filter((r) => r.split === 'test').length);
});

test('a plain first page comes straight from the shards, in split order', async () => {
  const c = await Catalog.open(fx.root);
  const d = c.get('c2c')!;
  const page = await d.query({ cats: {}, ranges: {}, offset: 0, limit: 5 });
  assert.equal(page.total, C2C_ROWS);
  assert.equal(page.rows.length, 5);
  const splits = (await d.info()).splits.map((s) => s.name);
  const first = fx.c2c.filter((r) => r.split === splits[0]).slice(0, 5).map((r) => r.id);
  assert.deepEqual(page.rows.map((r) => r.values.id), first);
  assert.equal(page.rows[0].split, splits[0]);
  // The first page read ahead (as the server does once it listens) is the same page.
  const fresh = await Catalog.open(fx.root);
  const f = fresh.get('c2c')!;
  await f.prefetch!();
  const ahead = await f.query({ cats: {}, ranges: {}, offset: 0, limit: 50 });
  assert.deepEqual(ahead.rows.slice(0, 5), page.rows);
  assert.equal(ahead.total, C2C_ROWS);
  await fresh.close();
  await c.close();
});

test('a first page read with only the list\'s fields shows what the whole records would', () => {
  const family = { id: 'o1', task: 'output', entry_point: 'f', call: 'f(1)', output: '2', answer: '2', status: 'ok', program: 'def f(x):\n    return x + 1\n', prompt: 'p', metadata: { template: 'output-terse', difficulty: 0.5, source_path: 'a.py' } };
  const cases: Array<[keyof typeof KINDS, Record<string, unknown>]> = [
    ...fx.c2c.slice(0, 5).map((r) => ['case2code', r as unknown as Record<string, unknown>] as [keyof typeof KINDS, Record<string, unknown>]),
    ...fx.g4c.slice(0, 5).map((r) => ['gift4code', r] as [keyof typeof KINDS, Record<string, unknown>]),
    ['output', family], ['input', { ...family, task: 'input' }],
  ];
  for (const [kind, r] of cases) {
    const spec = KINDS[kind];
    if (!spec.listFields) continue;
    const part = Object.fromEntries(spec.listFields.filter((f) => f in r).map((f) => [f, r[f]]));
    for (const c of spec.columns.filter((x) => x.list)) assert.deepEqual(c.get(part), c.get(r), `${kind} ${c.key}`);
  }
});

test('filters by split and a score range give the records that match, sorted', async () => {
  const want = fx.c2c.filter((r) => r.split === 'test' && r.metadata.mutation_score >= 0.3 && r.metadata.mutation_score <= 0.7);
  assert.ok(want.length > 3 && want.length < fx.c2c.length / 5);
  const { body } = await api('api/rows?ds=c2c&split=test&r.mutation_score=0.3..0.7&sort=-coverage&limit=500');
  assert.equal(body.total, want.length);
  assert.deepEqual(new Set(body.rows.map((r: any) => r.values.id)), new Set(want.map((r) => r.id)));
  const cov = body.rows.map((r: any) => fx.c2c.find((x) => x.id === r.values.id)!.metadata.coverage);
  assert.deepEqual(cov, [...cov].sort((a: number, b: number) => b - a), 'sorted by coverage, highest first');
  const t = await api('api/rows?ds=c2c&f.template=teacher&f.template=reconstruct&r.shown=5..');
  assert.equal(t.body.total, fx.c2c.filter((r) => ['teacher', 'reconstruct'].includes(r.metadata.template) && r.shown.length >= 5).length);
});

test('text search looks in the records\' text, every word', async () => {
  const words = ['pair', 'x', '+', '3'];
  const { body } = await api('api/rows?ds=c2c&q=' + encodeURIComponent('Pair x + 3'));
  const want = fx.c2c.filter((r) => { const t = [r.id, r.name, r.completion, r.prompt].join('\n').toLowerCase(); return words.every((w) => t.includes(w)); });
  assert.ok(want.length > 0 && want.length < fx.c2c.length / 3);
  assert.equal(body.total, want.length);
  const one = await api('api/rows?ds=c2c&q=rec000042');
  assert.deepEqual(one.body.rows.map((r: any) => r.values.id), ['rec000042']);
  assert.equal((await api('api/rows?ds=c2c&q=nothing-has-this')).body.total, 0);
  assert.equal((await api('api/rows?ds=c2c&f.template=no-such-template')).body.total, 0, 'an unknown label matches nothing');
});

test('charts count what the filters pass', async () => {
  const { body } = await api('api/charts?ds=c2c&split=train');
  const train = fx.c2c.filter((r) => r.split === 'train');
  const tpl = body.find((c: any) => c.key === 'template');
  assert.equal(tpl.kind, 'cat');
  assert.equal(tpl.counts.reduce((a: number, c: any) => a + c.count, 0), train.length);
  assert.equal(tpl.counts.find((c: any) => c.label === 'teacher').count, train.filter((r) => r.metadata.template === 'teacher').length);
  const ms = body.find((c: any) => c.key === 'mutation_score');
  assert.equal(ms.bins.reduce((a: number, b: any) => a + b.count, 0), train.length);
  const types = body.find((c: any) => c.key === 'output_types');
  assert.deepEqual(types.counts.map((c: any) => c.label).sort(), ['int', 'list', 'str']);
});

test('a record comes back whole', async () => {
  const target = fx.c2c.filter((r) => r.split === 'test')[3];
  const { body } = await api('api/record?ds=c2c&split=test&offset=3');
  assert.equal(body.record.id, target.id);
  assert.deepEqual(body.record.shown, target.shown);
  assert.equal(body.record.values, target.values);
  assert.equal((await api('api/record?ds=c2c&split=test&offset=99999')).status, 404);
});

test('dropped functions come from the unit log (a torn last line and all), removed records from decontamination', async () => {
  const { body } = await api('api/dropped?ds=c2c');
  assert.equal(body.total, 5);
  assert.deepEqual(body.reasons, [{ label: 'constant_output', count: 2 }, { label: 'decontaminated:humaneval', count: 1 }, { label: 'failed', count: 1 }, { label: 'nondeterministic', count: 1 }]);
  const gone = await api('api/dropped?ds=c2c&reason=decontaminated:humaneval');
  assert.match(gone.body.rows[0].detail, /substring humaneval HumanEval\/13/);
  const only = await api('api/dropped?ds=c2c&reason=constant_output');
  assert.deepEqual(only.body.rows.map((r: any) => r.key), ['always_none (lib/misc.py:2)', 'always_zero (lib/misc.py:3)']);
});

test('GIFT4Code: filters over its own columns, the summary from report.json', async () => {
  const { body } = await api('api/rows?ds=g4c&f.spec_kind=examples&split=train');
  assert.equal(body.total, fx.g4c.filter((r) => r.spec_kind === 'examples' && r.split === 'train').length);
  const s = await api('api/summary?ds=g4c');
  assert.ok(s.body.figures.some((f: any) => f.label === 'records' && f.value === G4C_ROWS));
  assert.ok(s.body.tables.some((t: any) => t.title === 'counts' && t.examples));
});

test('an eval run: tasks by status, the failing case\'s expected and got', async () => {
  const failed = await api('api/rows?ds=eval&f.status=failed&limit=500');
  assert.deepEqual(new Set(failed.body.rows.map((r: any) => r.values.task_id)), new Set([...fx.evalTasks.wrong, ...fx.evalTasks.broken]));
  const passed = await api('api/rows?ds=eval&f.status=passed&limit=500');
  assert.equal(passed.body.total, fx.evalTasks.right.length);
  const kinds = await api('api/rows?ds=eval&f.error_kind=NameError');
  assert.equal(kinds.body.total, fx.evalTasks.broken.length);
  const wrong = failed.body.rows.find((r: any) => r.values.task_id === fx.evalTasks.wrong[0]);
  const rec = await api(`api/record?ds=eval&split=tasks&offset=${wrong.offset}`);
  const s = rec.body.record.samples[0];
  assert.equal(s.status, 'failed');
  assert.ok(s.mismatch, 'the first failing case is there');
  assert.notEqual(s.mismatch.expected, s.mismatch.got);
  assert.match(s.answer, /def \w+\(x\)/, 'the judged code is recorded');
  const summary = await api('api/summary?ds=eval');
  assert.ok(summary.body.figures.some((f: any) => f.label === 'pass@1'));
});

test('API errors are answers with a status, never a crash', async () => {
  assert.equal((await api('api/rows?ds=nope')).status, 404);
  assert.equal((await api('api/record?ds=c2c&split=test&offset=-1')).status, 400);
  assert.equal((await api('api/whatever?ds=c2c')).status, 404);
  assert.equal((await api('api/rows?ds=c2c&limit=3')).body.rows.length, 3, 'still serving');
});

test('error kinds and expected/got read from older rows', () => {
  assert.equal(errorKind('failed', 'case 0: expected "3012", got <|EXCEPTION|> "<class \'NameError\'>: name x"'), 'NameError');
  assert.equal(errorKind('failed', 'case 24: expected "9000", got "0"'), 'wrong output');
  assert.equal(errorKind('error', 'program failed: SyntaxError: invalid syntax'), 'SyntaxError');
  assert.equal(errorKind('timeout', 'time limit exceeded'), 'timeout');
  assert.deepEqual(expectedGot({ error: 'case 24: expected "9000", got "0"' }), { expected: '"9000"', got: '"0"', where: 'case 24' });
  assert.deepEqual(expectedGot({ error: 'x', case: 'f(1)', expected: 'a', got: 'b' }), { expected: 'a', got: 'b', where: 'f(1)' });
  assert.equal(expectedGot({ error: 'AssertionError' }), null);
  assert.equal(reprType("b'x'"), 'bytes');
  assert.equal(reprType('{1: 2}'), 'dict');
  assert.equal(reprType('{1, 2}'), 'set');
  assert.equal(reprType('OrderedDict([(1, 2)])'), 'OrderedDict');
  // GIFT4Code's output type: schema v2's class name, else the kind of the typed tree (earlier records).
  const outType = KINDS.gift4code.columns.find((c) => c.key === 'output_type')!;
  assert.equal(outType.get({ output: { type: 'pandas.core.frame.DataFrame', value: '{"t":"dataframe"}' } }), 'DataFrame');
  assert.equal(outType.get({ output: { value: JSON.stringify({ repr: '3', value: { t: 'npscalar', v: 3 } }) } }), 'npscalar');
  assert.equal(outType.get({ output: { value: 'not json' } }), null);
});

test('a folder that is no output is one clear error', async () => {
  await assert.rejects(Catalog.open(join(fx.root, 'c2c', 'data', 'nothing')), /no such folder/);
  await assert.rejects(Catalog.open(join(fx.root, 'c2c', '.work')), /not a caseforge output folder/);
  await assert.rejects(startViewServer(join(fx.root, 'nothing-here')), /no such folder/);
});
