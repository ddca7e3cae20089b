import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBenchmark } from '../../src/eval/benchmarks/index.js';
import { readPredictions } from '../../src/eval/predictions.js';
import { SpooledAnswers } from '../../src/eval/answers.js';
import { SHARED_DATA, tempDir, writeJsonl } from './support.js';

test('evalplus samples: completion continues the prompt, solution is whole; bad rows are counted', async () => {
  const bench = await loadBenchmark('humaneval');
  const tasks = (await bench.load(join(SHARED_DATA, 'HumanEval.jsonl.gz'))).slice(0, 2);
  const dir = tempDir('pred');
  const path = writeJsonl(dir, 'samples.jsonl', [
    { task_id: 'HumanEval/0', completion: '    return False\n' },
    { task_id: 'HumanEval/0', solution: 'def has_close_elements(a, b):\n    return True\n' },
    { task_id: 'HumanEval/1', completions: ['    return []\n', '    return None\n'] },
    { task_id: 'HumanEval/999', completion: 'x' },
    { task_id: 'HumanEval/1' },
    { completion: 'no id' },
  ]);
  writeFileSync(path, '{ not json\n', { flag: 'a' });
  const p = await readPredictions(path, bench, tasks);
  assert.equal(p.format, 'jsonl');
  const a0 = p.answers.get('HumanEval/0')!;
  assert.equal(a0.length, 2);
  assert.ok(a0[0].startsWith(tasks[0].gold!.slice(0, 40)) && a0[0].endsWith('    return False\n'));
  assert.equal(a0[1], 'def has_close_elements(a, b):\n    return True\n');
  assert.equal(p.answers.get('HumanEval/1')!.length, 2);
  assert.deepEqual(p.bad.toJSON().by_reason, { missing_field: 2, not_json: 1, unknown_task: 1 });
});

test('DS-1000 answer files are keyed by metadata.problem_id and postprocessed', async () => {
  const bench = await loadBenchmark('ds1000');
  const tasks = (await bench.load(join(SHARED_DATA, 'ds1000.jsonl.gz'))).slice(0, 3);
  const path = writeJsonl(tempDir('pred'), 'answers.jsonl', [
    { id: 0, code: 'result = df.iloc[List]\n</code>\nEND SOLUTION', metadata: { problem_id: 0, library: 'Pandas' } },
  ]);
  const p = await readPredictions(path, bench, tasks);
  assert.deepEqual(p.answers.get('0'), ['result = df.iloc[List]\n']);
});

test('CRUXEval generation files map sample_N to lists of generations', async () => {
  const bench = await loadBenchmark('cruxeval-i');
  const tasks = (await bench.load(join(SHARED_DATA, 'cruxeval.jsonl'))).slice(0, 2);
  const path = join(tempDir('pred'), 'generations.json');
  writeFileSync(path, JSON.stringify({ sample_0: ['f([1])', 'f([2])'], sample_1: [3], sample_7000: ['f(1)'] }, null, 2));
  const p = await readPredictions(path, bench, tasks);
  assert.equal(p.format, 'cruxeval-generations');
  assert.deepEqual(p.answers.get('sample_0'), ['f([1])', 'f([2])']);
  assert.deepEqual(p.answers.get('sample_1'), []);
  assert.deepEqual(p.bad.toJSON().by_reason, { unknown_task: 1, wrong_type: 1 });
});

test('answers spooled to disk as the file streams: the same answers, read back one at a time', async () => {
  const bench = await loadBenchmark('humaneval');
  const tasks = (await bench.load(join(SHARED_DATA, 'HumanEval.jsonl.gz'))).slice(0, 3);
  const dir = tempDir('spool');
  const rows = [
    { task_id: 'HumanEval/2', solution: 'def truncate_number(x):\n    return x % 1.0\n' },
    { task_id: 'HumanEval/0', solutions: ['def a():\n    pass\n', 'def b():\n    pass\n'] },
    { task_id: 'HumanEval/2', solution: 'def truncate_number(x):\n    return 0.5\n' },
    { task_id: 'HumanEval/0', solution: 7 },
  ];
  const path = writeJsonl(dir, 'preds.jsonl', rows);
  const whole = await readPredictions(path, bench, tasks);
  const spool = new SpooledAnswers(join(dir, 'answers.jsonl'));
  try {
    const p = await readPredictions(path, bench, tasks, spool);
    assert.equal(p.answers.size, 0, 'a sink takes the answers: none held');
    assert.equal(p.count, 4);
    assert.deepEqual(p.bad.toJSON().by_reason, { wrong_type: 1 });
    for (const t of tasks) {
      const held = whole.answers.get(t.id) ?? [];
      assert.equal(spool.count(t.id), held.length, t.id);
      assert.deepEqual(Array.from({ length: spool.count(t.id) }, (_, i) => spool.answer(t.id, i)), held, t.id);
    }
    assert.equal(spool.has('HumanEval/1', 0), false);
  } finally {
    spool.close();
  }
  // Another run spools afresh (the file may have changed), never adding to the old spool.
  writeJsonl(dir, 'preds.jsonl', rows.slice(0, 1));
  const again = new SpooledAnswers(join(dir, 'answers.jsonl'));
  try {
    await readPredictions(path, bench, tasks, again);
    assert.equal(again.count('HumanEval/2'), 1);
    assert.equal(again.count('HumanEval/0'), 0);
  } finally {
    again.close();
  }
});
