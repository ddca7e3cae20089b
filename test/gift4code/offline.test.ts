import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, cpSync, readFileSync, rmSync, truncateSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGift4Code } from '../../src/eval/benchmarks/gift4code.js';
import { evaluate } from '../../src/eval/run.js';
import type { Executor } from '../../src/exec/executor.js';
import {
  Gift4CodeEpisodeSchema, Gift4CodeRecordSchema, qualityFigures, recheckOrder, recordValue, runGift4Code, type Gift4CodeRecord,
} from '../../src/gift4code/index.js';
import { solutionMessages } from '../../src/gift4code/prompts.js';
import { assignSplits, templateFamily } from '../../src/gift4code/splits.js';
import { compareValues } from '../../src/values/compare.js';
import { checkDataset } from '../support/duckdb.js';
import { datasetBytes } from '../support/dataset.js';
import { FIX, countBy, readReport, readSamples, tempDir, testExecutor } from './support.js';

let ex: Executor;
const dirs: string[] = [];
before(async () => { ex = await testExecutor(); });
after(async () => { await ex.close(); for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const options = (out: string) => ({
  out, generator: 'offline' as const, seed: 5, progress: false, candidatesPerContext: 30, maxSolutionsPerContext: 12,
  data: [join(FIX, 'data'), join(FIX, 'bad')], notebooks: [join(FIX, 'notebooks')],
});

let first: string;
let samples: Gift4CodeRecord[];

test('offline run: schema-v2 records of all three spec kinds, portable prompts, figures reported; broken inputs skipped with reasons', async () => {
  first = tempDir('off1');
  dirs.push(first);
  const { report } = await runGift4Code(options(first), { executor: ex });
  samples = readSamples(first);
  assert.ok(samples.length >= 60, `only ${samples.length} samples`);
  for (const s of samples) Gift4CodeRecordSchema.parse(s);
  assert.deepEqual(Object.keys(countBy(samples, (s) => s.spec_kind)).sort(), ['examples', 'summary', 'typedesc']);
  // one record per spec kind for every kept solution, each saying which variant it is
  for (const n of Object.values(countBy(samples, (s) => s.solution_id))) assert.equal(n, 3);
  for (const s of samples) assert.equal(s.spec_kind, s.spec.kind);
  // broken CSV, failing notebook cell, invalid notebook JSON: skipped with their reasons
  assert.equal(report.counts['contexts_skipped:context_failed:error:ParserError'], 2); // bad/broken.csv alone and joint with fine.csv
  assert.equal(report.counts['contexts_skipped:context_failed:error:FileNotFoundError'], 1);
  assert.equal(report.discovery['notebooks_skipped:not_json'], 1);
  assert.deepEqual(report.bad_input.rows.map((b) => [b.file, b.reason]), [[join(FIX, 'notebooks', 'broken.ipynb'), 'not_json']]);
  assert.match(report.drop_examples['contexts_skipped:context_failed:error:ParserError'][0], /^broken: cell 1 \(loads broken\.csv\): error /);
  const names = new Set(samples.map((s) => s.metadata.context_name));
  for (const n of ['orders', 'shops', 'orders+shops', 'sales.ipynb@2', 'sales.ipynb@3']) assert.ok(names.has(n), `no samples for ${n}`);
  // two frames of one folder are joined on their shared key, in a program or in an analysis cell a program uses
  assert.ok(samples.some((s) => s.metadata.context_name === 'orders+shops'
    && (/\.merge\(|pd\.merge\(|\.isin\(shops|\.map\(/.test(s.code) || (s.metadata.uses_history && s.context.cells.some((c) => /\.merge\(/.test(c))))));
  const nb = samples.find((s) => s.metadata.context_name === 'sales.ipynb@3')!;
  assert.match(nb.context.cells[0], /os\.chdir\(DATA_ROOT\)/);
  assert.equal(nb.context.history_cells, nb.context.cells.length - 1);
  assert.match(nb.context.schema, /Columns in big \(/);
  // dataset contexts carry analysis history, and some solutions build on it
  assert.ok(samples.some((s) => s.context.kind === 'datasets' && s.context.history_cells > 0));
  assert.ok(samples.some((s) => s.metadata.uses_history));
  // portable: DATA_ROOT is the placeholder, no prompt names this machine's folders
  const s = samples.find((x) => x.context.kind === 'datasets')!;
  assert.equal(s.context.data_root.placeholder, 'data');
  assert.match(s.prompt, /^# In\[ \]:\nimport pandas as pd\nDATA_ROOT = 'data'\n/);
  const fix = FIX.replace(/\/$/, '');
  for (const r of samples) assert.ok(!JSON.stringify(r).includes(fix), `a record holds ${fix}`);
  assert.equal(report.quality.prompts_with_absolute_path, 0);
  assert.equal(report.quality.intents_with_two_golds, 0);
  assert.ok(s.notebook.startsWith(s.prompt) && s.notebook.trimEnd().endsWith(s.code.trimEnd()));
  assert.deepEqual(s.messages.map((m) => m.role), ['system', 'user', 'assistant']);
  assert.equal(s.messages[1].content, s.prompt);
  // versions the outputs depend on, in every record and in the card
  assert.match(s.metadata.environment.pandas, /^\d+\.\d+/);
  assert.match(s.metadata.environment.python, /^3\.\d+/);
  const card = readFileSync(join(first, 'README.md'), 'utf8');
  assert.match(card, new RegExp(`pandas ${s.metadata.environment.pandas.replace(/\./g, '\\.')}`));
  // figures: measured on the records written, in report.json and the card
  assert.deepEqual({ ...report.quality, dropped_ambiguous_order: 0, dropped_verify_order_mismatch: 0, dropped_ambiguous_intent: 0 },
    { ...qualityFigures(samples), dropped_ambiguous_order: 0, dropped_verify_order_mismatch: 0, dropped_ambiguous_intent: 0 });
  assert.ok(report.quality.multi_step_share >= 0.4, `multi-step share ${report.quality.multi_step_share}`);
  assert.ok(report.quality.operation_families >= 12);
  assert.match(card, new RegExp(`\\| distinct intent templates \\| ${report.quality.intent_templates} \\|`));
  assert.match(card, /\| prompts holding an absolute path \| 0 \|/);
  // outputs: the dataset as a trainer's loader sees it (DuckDB, PyYAML for the card), nested types from the schema
  assert.equal(report.samples.total, samples.length);
  const duck = await checkDataset(first, {
    splits: report.samples.by_split,
    types: {
      messages: 'STRUCT(role VARCHAR, content VARCHAR)[]', spec: 'STRUCT(kind VARCHAR, text VARCHAR)',
      output: 'STRUCT(repr VARCHAR, type VARCHAR, value VARCHAR, head VARCHAR)',
    },
  });
  assert.equal(duck.types.context, 'STRUCT(id VARCHAR, kind VARCHAR, name VARCHAR, cells VARCHAR[], history_cells BIGINT, schema VARCHAR, '
    + 'datasets STRUCT(name VARCHAR, file VARCHAR, format VARCHAR, variable VARCHAR, parse_dates VARCHAR[])[], data_root STRUCT(label VARCHAR, placeholder VARCHAR))');
});

test('no kept gold changes when the input rows are shuffled: every kept solution re-run on a new permutation', async () => {
  const r = await recheckOrder(ex, samples, { rootOf: (label) => join(FIX, label), seed: 77 });
  assert.equal(r.solutions, new Set(samples.map((s) => s.solution_id)).size);
  assert.equal(r.failed, 0, r.examples.join('\n'));
  assert.equal(r.checked, r.solutions);
  assert.equal(r.changed, 0, r.examples.join('\n'));
  // the check can fail: a gold that follows the file's row order is caught
  const fake = { ...samples.find((x) => x.context.name === 'orders')!, solution_id: 'first-rows', code: "orders[['order_id', 'amount']].head(3)" };
  const caught = await recheckOrder(ex, [fake], { rootOf: (label) => join(FIX, label), seed: 77 });
  assert.equal(caught.changed, 1);
});

test('every record is true of its code: re-running it in a fresh session reproduces the output', async () => {
  const byContext = new Map<string, Gift4CodeRecord[]>();
  for (const s of samples) if (s.spec_kind === 'typedesc') byContext.set(s.context.id, [...(byContext.get(s.context.id) ?? []), s]);
  let checked = 0;
  const { runnableCells } = await import('../../src/gift4code/contexts.js');
  for (const list of byContext.values()) {
    const session = await ex.openSession({ profile: 'datasci' });
    for (const cell of runnableCells(list[0].context.cells, join(FIX, list[0].context.data_root.label))) assert.equal((await session.runCell(cell)).status, 'ok');
    for (const s of list.slice(0, 4)) {
      const r = await session.runIsolated(s.code);
      assert.equal(r.status, 'ok', s.code);
      assert.ok(compareValues(recordValue(s), r.value!, 'exact').equal, s.code);
      checked++;
    }
    await session.close();
  }
  assert.ok(checked >= 10);
});

test('caseforge eval gift4code --gold passes the test split for every spec kind, with the prompt the records hold', async () => {
  const path = first; // the dataset folder
  const tests = samples.filter((s) => s.split === 'test');
  assert.ok(tests.length > 0);
  for (const spec of ['typedesc', 'examples', 'summary', 'none'] as const) {
    const s = await evaluate({ bench: 'gift4code', data: path, spec, dataRoot: FIX, source: { kind: 'gold' }, out: tempDir(`eval-${spec}`) });
    assert.equal(s.tasks.scored, spec === 'none' ? tests.length / 3 : tests.length / 3, spec);
    assert.equal(s.passed_samples, s.tasks.scored, JSON.stringify(s.failures.slice(0, 3)));
  }
  // one prompt builder: what the evaluation sends is what the record was trained on
  const bench = createGift4Code({ spec: 'examples', dataRoot: FIX });
  const tasks = await bench.load(path);
  const rec = tests.find((t) => t.spec_kind === 'examples')!;
  assert.deepEqual(bench.prompt(tasks.find((t) => t.id === rec.id)!), rec.messages.slice(0, 2));
  // and generation asks the code model with the same builder, without the specification
  const gen = solutionMessages(rec.context.cells, rec.context.schema, rec.intent);
  assert.equal(gen[1].content, rec.prompt.replace(/# Input\/output examples:\n[\s\S]*?\n\n# In\[ \]:\n$/, '\n# In[ ]:\n'));
});

test('splits: by context a dataset is on one side; by template no test template occurs in train', () => {
  const dataOf = (r: Gift4CodeRecord) => r.context.datasets.map((d) => d.name).sort().join('+') || r.context.name.replace(/@\d+$/, '');
  const sides = new Map<string, Set<string>>();
  for (const r of samples) sides.set(dataOf(r), (sides.get(dataOf(r)) ?? new Set()).add(r.split));
  for (const [key, set] of sides) assert.equal(set.size, 1, `${key} is on both sides`);
  const copy = samples.map((r) => ({ ...r }));
  const summary = assignSplits(copy, 'template', 0.2, 5);
  assert.ok(summary.records.test > 0 && summary.records.train > 0);
  assert.equal(summary.templates.test_in_train, 0);
  const trainFamilies = new Set(copy.filter((r) => r.split === 'train').map(templateFamily));
  assert.ok(copy.filter((r) => r.split === 'test').every((r) => !trainFamilies.has(templateFamily(r))));
  assert.equal(readReport(first).splits.by, 'context');
});

test('multi-turn episodes in the ARCADE shape: each turn sees the earlier turns, and runs under the ARCADE adapter', async () => {
  const episodes = JSON.parse(readFileSync(join(first, 'episodes.json'), 'utf8')) as unknown[];
  assert.ok(episodes.length >= 3);
  const parsed = episodes.map((e) => Gift4CodeEpisodeSchema.parse(e));
  const long = parsed.find((e) => e.turns.length >= 3)!;
  assert.ok(long.turns[2].code_context.includes(long.turns[1].code.value) && long.turns[2].code_context.includes(long.turns[0].code.value));
  assert.ok(!long.turns[0].code_context.includes(long.turns[1].code.value));
  // the file with the data beside it under its placeholder names, as the card says
  const place = tempDir('arcade-data');
  cpSync(join(first, 'episodes.json'), join(place, 'episodes.json'));
  for (const label of ['data', 'bad', 'notebooks']) cpSync(join(FIX, label), join(place, label), { recursive: true });
  chmodSync(place, 0o755); // sandboxed code runs under another uid
  const s = await evaluate({ bench: 'arcade', data: join(place, 'episodes.json'), source: { kind: 'gold' }, out: tempDir('arcade') });
  assert.equal(s.tasks.scored, parsed.reduce((n, e) => n + e.turns.length, 0));
  assert.equal(s.passed_samples, s.tasks.scored, JSON.stringify(s.failures.slice(0, 3)));
});

test('same inputs and seed give the same output; a killed run resumes to the same output', async () => {
  const second = tempDir('off2');
  dirs.push(second);
  await runGift4Code(options(second), { executor: ex });
  const want = datasetBytes(first);
  const wantEpisodes = readFileSync(join(first, 'episodes.json'), 'utf8');
  assert.ok(datasetBytes(second).equals(want), 'same seed, same bytes');
  assert.equal(readFileSync(join(second, 'episodes.json'), 'utf8'), wantEpisodes);
  // Simulate a kill and a damaged disk: the unit log's last line is torn mid-write, one line in the
  // middle is garbage; the dataset files were never written.
  const log = join(second, '.work', 'units.jsonl');
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  lines[2] = lines[2].slice(0, 40);
  writeFileSync(log, lines.join('\n') + '\n');
  truncateSync(log, statSync(log).size - Math.floor(lines[lines.length - 1].length / 2));
  rmSync(join(second, 'data'), { recursive: true });
  for (const f of ['report.json', 'episodes.json']) unlinkSync(join(second, f));
  const { report } = await runGift4Code(options(second), { executor: ex });
  assert.ok(datasetBytes(second).equals(want), 'the resumed dataset equals the uninterrupted one');
  assert.equal(readFileSync(join(second, 'episodes.json'), 'utf8'), wantEpisodes);
  assert.equal(report.contexts.resumed, report.contexts.total - 2);
  assert.equal(report.units.damaged_lines, 1);
  assert.deepEqual(report.counts, readReport(first).counts);
  assert.deepEqual(report.quality, readReport(first).quality);
  // Another seed into the same folder is refused, naming the argument; --force starts over.
  await assert.rejects(runGift4Code({ ...options(second), seed: 6 }, { executor: ex }), /other arguments \(seed: 5 there, 6 here\)/);
});

test('one spec kind per solution, chosen by the seed', async () => {
  const out = tempDir('one');
  dirs.push(out);
  await runGift4Code({ ...options(out), data: [join(FIX, 'data', 'orders.csv')], notebooks: [], specKinds: 'one' }, { executor: ex });
  const recs = readSamples(out);
  assert.ok(recs.length >= 8);
  for (const n of Object.values(countBy(recs, (s) => s.solution_id))) assert.equal(n, 1);
  assert.ok(Object.keys(countBy(recs, (s) => s.spec_kind)).length >= 2, 'the kinds vary');
});
