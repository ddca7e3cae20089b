// --gold self-checks against the public benchmark files: the reference answers pass under the
// harness (full HumanEval and CRUXEval, full Case2Code with defects explained, a stratified DS-1000
// subset; the full DS-1000 run is the benchmark's job).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '../../src/eval/run.js';
import { loadBenchmark } from '../../src/eval/benchmarks/index.js';
import { SHARED_DATA, tempDir } from './support.js';

const gold = { kind: 'gold' as const };

test('HumanEval gold: 164/164', async () => {
  const s = await evaluate({ bench: 'humaneval', sharedData: SHARED_DATA, source: gold, out: tempDir('he') });
  assert.deepEqual(s.failures, []);
  assert.equal(s.tasks.scored, 164);
  assert.equal(s.pass_at_k['pass@1'], 1);
});

for (const bench of ['cruxeval-o', 'cruxeval-i'] as const) {
  test(`${bench} gold: 800/800`, async () => {
    const s = await evaluate({ bench, sharedData: SHARED_DATA, source: gold, out: tempDir(bench) });
    assert.deepEqual(s.failures, []);
    assert.equal(s.passed_samples, 800);
  });
}

test('Case2Code test set gold: every failure is a defective program with its reason', async () => {
  const out = tempDir('c2c');
  const s = await evaluate({ bench: 'case2code', sharedData: SHARED_DATA, source: gold, out });
  assert.equal(s.tasks.scored, 500);
  const explained = /Python version|element order|hash seed/;
  const unexplained = s.failures.filter((f) => !f.defects?.length && !explained.test(f.error ?? ''));
  assert.deepEqual(unexplained, []);
  assert.ok(s.passed_samples >= 480, `only ${s.passed_samples} passed`);
  const kinds = new Set(s.defective.flatMap((d) => d.defects.map((x) => x.split(' ')[0])));
  for (const k of ['memory', 'NameError', 'same', 'duplicate']) assert.ok(kinds.has(k), `no '${k}' defect found`);
  assert.ok(readFileSync(join(out, 'README.md'), 'utf8').includes('## Defective data'));
});

test('DS-1000 gold on 5 problems per library; TensorFlow skipped, never failed', async () => {
  const bench = await loadBenchmark('ds1000');
  const tasks = await bench.load(join(SHARED_DATA, 'ds1000.jsonl.gz'));
  const byLib = new Map<string, string[]>();
  for (const t of tasks) byLib.set(t.subsets.library, [...(byLib.get(t.subsets.library) ?? []), t.id]);
  const pick = (ids: string[]) => [0, 0.2, 0.4, 0.6, 0.8].map((f) => ids[Math.floor(f * ids.length)]);
  const ids = [...byLib.values()].flatMap(pick);
  const s = await evaluate({ bench: 'ds1000', sharedData: SHARED_DATA, source: gold, out: tempDir('ds'), ids });
  assert.equal(s.tasks.total, 35);
  const skippedTf = Object.entries(s.skipped).find(([reason]) => reason.includes('TensorFlow'));
  assert.ok(skippedTf && skippedTf[1].length === 5, 'the 5 TensorFlow problems are skipped');
  assert.ok(!s.failures.some((f) => byLib.get('Tensorflow')!.includes(f.task_id)));
  const otherSkips = Object.values(s.skipped).flat().length - 5;
  assert.equal(s.passed_samples, s.tasks.scored, JSON.stringify(s.failures));
  assert.equal(s.tasks.scored + otherSkips, 30);
  assert.deepEqual(Object.keys(s.subsets.library).sort(), ['Matplotlib', 'Numpy', 'Pandas', 'Pytorch', 'Scipy', 'Sklearn'].filter((l) => s.subsets.library[l]));
});
