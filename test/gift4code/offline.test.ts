import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, truncateSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Executor } from '../../src/exec/executor.js';
import { runGift4Code } from '../../src/gift4code/index.js';
import { compareValues } from '../../src/values/compare.js';
import { checkDataset } from '../support/duckdb.js';
import { datasetBytes } from '../support/dataset.js';
import { FIX, countBy, readReport, readSamples, tempDir, testExecutor } from './support.js';

let ex: Executor;
const dirs: string[] = [];
before(async () => { ex = await testExecutor(); });
after(async () => { await ex.close(); for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const options = (out: string) => ({
  out, generator: 'offline' as const, seed: 5, progress: false, candidatesPerContext: 24, maxSolutionsPerContext: 12,
  data: [join(FIX, 'data'), join(FIX, 'bad')], notebooks: [join(FIX, 'notebooks')],
});

let first: string;

test('offline run: samples with all three spec kinds, broken inputs skipped and counted with reasons', async () => {
  first = tempDir('off1');
  dirs.push(first);
  const { report } = await runGift4Code(options(first), { executor: ex });
  const samples = readSamples(first);
  assert.ok(samples.length >= 30, `only ${samples.length} samples`);
  assert.deepEqual(Object.keys(countBy(samples, (s) => s.spec.kind)).sort(), ['examples', 'summary', 'typedesc']);
  // one record per spec kind for every kept solution
  for (const n of Object.values(countBy(samples, (s) => s.metadata.solutionId))) assert.equal(n, 3);
  // broken CSV, failing notebook cell, invalid notebook JSON: skipped with their reasons
  assert.equal(report.counts['contexts_skipped:context_failed:error:ParserError'], 2); // bad/broken.csv alone and joint with fine.csv
  assert.equal(report.counts['contexts_skipped:context_failed:error:FileNotFoundError'], 1);
  assert.equal(report.discovery['notebooks_skipped:not_json'], 1);
  assert.deepEqual(report.bad_input.rows.map((b) => [b.file, b.reason]), [[join(FIX, 'notebooks', 'broken.ipynb'), 'not_json']]);
  assert.match(report.drop_examples['contexts_skipped:context_failed:error:ParserError'][0], /^broken: cell 1 \(loads broken\.csv\): error /);
  // contexts: per file, the joint one of data/ (orders+shops: merges on shop_id), and the notebook's cut points
  const names = new Set(samples.map((s) => s.metadata.contextName));
  for (const n of ['orders', 'shops', 'orders+shops', 'fine', 'sales.ipynb@2', 'sales.ipynb@3']) assert.ok(names.has(n), `no samples for ${n}`);
  assert.ok(samples.some((s) => s.metadata.family === 'merge' && s.metadata.contextName === 'orders+shops' && /merge\(/.test(s.code)));
  const nb = samples.find((s) => s.metadata.contextName === 'sales.ipynb@3')!;
  assert.match(nb.context.code, /os\.chdir\(DATA_ROOT\)/);
  assert.match(nb.context.schema, /Columns in big \(/);
  // record shape: the evaluation command's needs
  const s = samples[0];
  assert.equal(s.context.dataRoot.label, 'data');
  assert.match(s.notebook, /^# In\[ \]:\nimport pandas as pd\nDATA_ROOT = /);
  assert.ok(s.notebook.trimEnd().endsWith(s.code.trimEnd()));
  assert.deepEqual(s.messages.map((m) => m.role), ['system', 'user', 'assistant']);
  assert.ok(['train', 'test'].includes(s.split));
  assert.equal(report.samples.total, samples.length);
  // The dataset as a trainer's loader sees it (DuckDB, PyYAML for the card).
  const duck = await checkDataset(first, {
    splits: report.samples.by_split,
    types: {
      messages: 'STRUCT(role VARCHAR, content VARCHAR)[]', spec: 'STRUCT(kind VARCHAR, text VARCHAR)', output: 'STRUCT(value VARCHAR, head VARCHAR)',
    },
  });
  assert.match(duck.types.context, /^STRUCT\(id VARCHAR, code VARCHAR, cells VARCHAR\[\], schema VARCHAR, datasets STRUCT\(/);
  assert.match(readFileSync(join(first, 'README.md'), 'utf8'), /# GIFT4Code samples/);
});

test('every record is true of its code: re-running it in a fresh session reproduces the output', async () => {
  const samples = readSamples(first);
  const byContext = new Map<string, typeof samples>();
  for (const s of samples) if (s.spec.kind === 'typedesc') byContext.set(s.context.id, [...(byContext.get(s.context.id) ?? []), s]);
  let checked = 0;
  for (const list of byContext.values()) {
    const session = await ex.openSession({ profile: 'datasci' });
    for (const cell of list[0].context.cells) assert.equal((await session.runCell(cell)).status, 'ok');
    for (const s of list.slice(0, 4)) {
      const r = await session.runIsolated(s.code);
      assert.equal(r.status, 'ok', s.code);
      assert.ok(compareValues(s.output.value, r.value!, 'exact').equal, s.code);
      checked++;
    }
    await session.close();
  }
  assert.ok(checked >= 10);
});

test('same inputs and seed give the same output; a killed run resumes to the same output', async () => {
  const second = tempDir('off2');
  dirs.push(second);
  await runGift4Code(options(second), { executor: ex });
  const want = datasetBytes(first);
  assert.ok(datasetBytes(second).equals(want), 'same seed, same bytes');
  // Simulate a kill and a damaged disk: the unit log's last line is torn mid-write, one line in the
  // middle is garbage; the dataset files were never written.
  const log = join(second, '.work', 'units.jsonl');
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  lines[2] = lines[2].slice(0, 40);
  writeFileSync(log, lines.join('\n') + '\n');
  truncateSync(log, statSync(log).size - Math.floor(lines[lines.length - 1].length / 2));
  rmSync(join(second, 'data'), { recursive: true });
  unlinkSync(join(second, 'report.json'));
  const { report } = await runGift4Code(options(second), { executor: ex });
  assert.ok(datasetBytes(second).equals(want), 'the resumed dataset equals the uninterrupted one');
  assert.equal(report.contexts.resumed, report.contexts.total - 2);
  assert.equal(report.units.damaged_lines, 1);
  assert.deepEqual(report.counts, readReport(first).counts);
  // Another seed into the same folder is refused, naming the argument; --force starts over.
  await assert.rejects(runGift4Code({ ...options(second), seed: 6 }, { executor: ex }), /other arguments \(seed: 5 there, 6 here\)/);
});
