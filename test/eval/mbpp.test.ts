// MBPP: the reference answers pass 427/427, known-wrong answers fail, evalplus-style predictions
// are read under either spelling of a task id, and bad rows of a problems file are skipped with
// their line and reason while the good ones run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { evaluate } from '../../src/eval/run.js';
import { loadBenchmark } from '../../src/eval/benchmarks/index.js';
import type { EvalSummary } from '../../src/eval/summary.js';
import { FIXTURES, SHARED_DATA, tempDir, writeJsonl } from './support.js';

async function predict(rows: unknown[], ids?: string[], data?: string): Promise<EvalSummary> {
  const dir = tempDir('mbpp');
  const path = writeJsonl(dir, 'pred.jsonl', rows);
  return evaluate({ bench: 'mbpp', data, sharedData: SHARED_DATA, source: { kind: 'predictions', path }, out: join(dir, 'out'), ids, ks: [1] });
}

test('MBPP gold: 427/427', async () => {
  const s = await evaluate({ bench: 'mbpp', sharedData: SHARED_DATA, source: { kind: 'gold' }, out: tempDir('mbpp-gold') });
  assert.deepEqual(s.failures, []);
  assert.equal(s.tasks.scored, 427);
  assert.equal(s.passed_samples, 427);
});

test('MBPP prompt: the task text and the first test, as evalplus writes it', async () => {
  const bench = await loadBenchmark('mbpp');
  const tasks = await bench.load(join(SHARED_DATA, 'mbpp-sanitized.json'));
  const t = tasks.find((x) => x.id === 'Mbpp/2')!;
  const user = bench.prompt(t).at(-1)!.content;
  assert.ok(user.includes('"""\nWrite a function to find the shared elements from the given two lists.\n'
    + 'assert set(similar_elements((3, 4, 5, 6),(5, 7, 4, 10))) == set((4, 5))\n"""\n'), user);
  assert.ok(!user.includes('(1, 2, 3, 4),(5, 4, 3, 7)'), 'only the first test is shown');
});

test('MBPP: wrong answers fail, a misnamed function errors, ids as evalplus and as numbers', async () => {
  const s = await predict([
    // evalplus samples: one row per sample, `solution` a whole program.
    { task_id: 'Mbpp/2', solution: 'def similar_elements(a, b):\n    return tuple(set(a) & set(b))\n' },
    { task_id: 'Mbpp/2', solution: 'def similar_elements(a, b):\n    return tuple(set(a) | set(b))\n' },
    { task_id: 'Mbpp/2', solution: 'def shared(a, b):\n    return tuple(set(a) & set(b))\n' },
    // A bare number, and a completion that continues the docstring prompt.
    { task_id: 3, completion: 'def is_not_prime(n):\n    return n > 3 and any(n % d == 0 for d in range(2, n))\n' },
    { task_id: 3, completion: 'def is_not_prime(n):\n    return n % 2 == 0\n' },
    { task_id: 'Mbpp/9999', solution: 'x = 1' },
  ], ['Mbpp/2', 'Mbpp/3']);
  const got = s.failures.map((f) => `${f.task_id}#${f.sample}:${f.status}`);
  assert.deepEqual(got, ['Mbpp/2#1:failed', 'Mbpp/2#2:error', 'Mbpp/3#1:failed']);
  assert.match(s.failures[1].error!, /NameError/);
  assert.equal(s.passed_samples, 2);
  assert.equal(s.bad_predictions.unknown_task, 1);
});

test('MBPP: bad rows of a problems file are skipped with their line and reason, good rows run', async () => {
  const data = join(FIXTURES, 'mbpp/bad-rows.jsonl');
  const s = await evaluate({ bench: 'mbpp', data, source: { kind: 'gold' }, out: tempDir('mbpp-bad') });
  assert.equal(s.tasks.total, 2);
  assert.equal(s.tasks.scored, 2);
  assert.equal(s.passed_samples, 2);
  const bad = s.bad_input.data;
  assert.equal(bad.total, 6);
  assert.deepEqual(bad.rows.map((b) => [b.file, b.line, b.reason]), [
    [data, 3, 'invalid'], // no tests
    [data, 4, 'invalid'], // no prompt
    [data, 5, 'missing_field'], // no task id
    [data, 6, 'wrong_type'], // a test that is not a string
    [data, 7, 'not_json'],
    [data, 8, 'not_object'], // an array
  ]);
  assert.match(bad.rows[0].detail!, /test_list/);
  assert.match(bad.rows[1].detail!, /no prompt/);
  assert.match(bad.rows[2].detail!, /task_id/);
});
