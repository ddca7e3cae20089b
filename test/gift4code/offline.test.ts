import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, truncateSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import type { Executor } from '../../src/exec/executor.js';
import { runGift4Code } from '../../src/gift4code/index.js';
import { compareValues } from '../../src/values/compare.js';
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
  const buf = readFileSync(join(first, 'samples.parquet'));
  const parquet = await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer });
  assert.equal(parquet.length, samples.length);
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
  const want = readFileSync(join(first, 'samples.jsonl'), 'utf8');
  assert.equal(readFileSync(join(second, 'samples.jsonl'), 'utf8'), want);
  // simulate a kill: one context's log loses its tail mid-line (end row and some samples), another
  // context's log is gone, the final files were never written
  const work = join(second, 'work');
  const logs = readdirSync(work).filter((f) => f.endsWith('.jsonl')).sort((a, b) => statSync(join(work, b)).size - statSync(join(work, a)).size);
  truncateSync(join(work, logs[0]), Math.floor(statSync(join(work, logs[0])).size / 2));
  unlinkSync(join(work, logs[1]));
  for (const f of ['samples.jsonl', 'samples.parquet', 'report.json']) unlinkSync(join(second, f));
  const { report } = await runGift4Code(options(second), { executor: ex });
  assert.equal(readFileSync(join(second, 'samples.jsonl'), 'utf8'), want);
  assert.equal(report.contexts.resumed, report.contexts.total - 2);
  assert.deepEqual(report.counts, readReport(first).counts);
});
