// The summary counted one task at a time: the figures of a hand-checked run, a k some task cannot
// reach left out, defective tasks apart, and a bounded failure list with the exact total.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LISTED_FAILURES, SummaryBuilder, summarize } from '../../src/eval/summary.js';
import type { SampleResult, Task } from '../../src/eval/types.js';

const task = (id: string, subsets: Record<string, string>, extra: Partial<Task> = {}): Task => ({ id, subsets, ...extra });
const row = (t: Task, sample: number, passed: boolean, status = passed ? 'passed' : 'failed'): SampleResult =>
  ({ task_id: t.id, sample, status: status as SampleResult['status'], passed, subsets: t.subsets, ...(passed ? {} : { error: `${t.id}#${sample} wrong` }) });

const facts = { bench: 'b', data: 'd', source: 's', seconds: 2 };

test('figures of a small run: pass@k per task and subset, skipped, missing, defective apart', () => {
  const a = task('a', { lib: 'x' });
  const b = task('b', { lib: 'y' }, { defects: ['gold output wrong'] });
  const c = task('c', { lib: 'x' }, { skip: 'needs tensorflow' });
  const d = task('d', { lib: 'y' });
  const e = task('e', { lib: 'x' }); // no rows: never judged
  const rows = [
    row(a, 1, true), row(a, 0, false),
    row(b, 0, false), row(b, 1, false),
    { task_id: 'c', sample: 0, status: 'skipped', passed: false, error: 'needs tensorflow', subsets: c.subsets } as SampleResult,
    row(d, 0, true), { task_id: 'd', sample: 1, status: 'missing', passed: false, error: 'no answer', subsets: d.subsets } as SampleResult,
  ];
  const s = summarize({ ...facts, ks: [1, 2, 5], tasks: [a, b, c, d, e], rows });
  assert.deepEqual(s.tasks, { total: 5, scored: 3, skipped: 2, missing: 1 });
  assert.equal(s.samples, 6);
  assert.equal(s.passed_samples, 2);
  // pass@1: a 1/2, b 0, d 1/2 -> 1/3; pass@2: a 1, b 0, d 1 -> 2/3; pass@5 unreachable (n = 2).
  assert.deepEqual(Object.keys(s.pass_at_k), ['pass@1', 'pass@2']);
  assert.ok(Math.abs(s.pass_at_k['pass@1'] - 1 / 3) < 1e-12);
  assert.ok(Math.abs(s.pass_at_k['pass@2'] - 2 / 3) < 1e-12);
  assert.ok(Math.abs(s.pass_at_k_clean!['pass@1'] - 0.5) < 1e-12, 'without the defective task b');
  assert.deepEqual(s.subsets.lib.x, { tasks: 1, samples: 2, passed_samples: 1, pass_at_k: { 'pass@1': 0.5, 'pass@2': 1 } });
  assert.equal(s.subsets.lib.y.tasks, 2);
  assert.deepEqual(s.skipped, { 'needs tensorflow': ['c'] });
  assert.deepEqual(s.defective, [{ task_id: 'b', defects: ['gold output wrong'], passed: false }]);
  assert.deepEqual(s.failures.map((f) => `${f.task_id}#${f.sample}`), ['a#0', 'b#0', 'b#1', 'd#1']);
  assert.equal(s.failures_total, 4);
  assert.deepEqual(s.failures[1].defects, ['gold output wrong']);
});

test('failures past the listed cap are counted, not held; the figures do not depend on the cap', () => {
  const b = new SummaryBuilder([1]);
  const tasks = Array.from({ length: LISTED_FAILURES + 250 }, (_, i) => task(`t${i}`, {}));
  for (const t of tasks) b.add(t, [row(t, 0, false), row(t, 1, t.id.endsWith('7'))]);
  const s = b.finish({ ...facts, tasks: tasks.length });
  assert.equal(s.failures.length, LISTED_FAILURES);
  const passing = tasks.filter((t) => t.id.endsWith('7')).length;
  assert.equal(s.failures_total, 2 * tasks.length - passing);
  assert.equal(s.passed_samples, passing);
  assert.ok(Math.abs(s.pass_at_k['pass@1'] - passing / (2 * tasks.length)) < 1e-12);
});
