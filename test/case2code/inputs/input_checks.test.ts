import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createExecutor, type Executor } from '../../../src/exec/executor.js';
import { PRELOAD, PYTHON_DIR, analyze, checkInputs } from '../../../src/case2code/tooling.js';
import { inputFigures, shownInputs } from '../../../src/case2code/export/input_figures.js';
import type { Arg, WorkRecord } from '../../../src/case2code/types.js';

let ex: Executor;
before(async () => { ex = await createExecutor({ workers: 1, pythonPath: [PYTHON_DIR], preload: PRELOAD }); });
after(async () => { await ex.close(); });

const PROGRAM = [
  'def restore(x, path):',
  '    if not x:',
  '        return None',
  "    if hasattr(x, '__setstate__') or path.startswith('/usr/local'):",
  "        return 'state'",
  "    url = 'http://' + path",
  '    for part in path.split():',
  '        url += part',
  '    return url',
  '',
].join('\n');

const arg = (x: string, path: string): Arg[] => [['x', x], ['path', path]];

test('shown inputs that glue a body literal onto filler text are told from structural uses', async () => {
  const cases = [
    { args: arg("'hello__setstate__'", "'/usr/local/lib'"), lines: [2, 4, 5] }, // glued (filler 'hello')
    { args: arg('1', "'a b/usr/locala b'"), lines: [2, 4, 5] }, // glued (filler 'a' after the literal)
    { args: arg("'__setstate__'", "'/usr/local'"), lines: [2, 4, 5] }, // whole literals
    { args: arg('[1]', "'http://example.com'"), lines: [2, 4, 6, 7, 8, 9] }, // literal ends at '/'
    { args: arg("'Enter apple'", "'/usr/local/bin'"), lines: [2, 4, 6] }, // none of the body's literals glued
    { args: arg("['x', '/usr/localhost']", "'home'"), lines: [2, 4, 6] }, // a literal glued onto a word that is no filler
  ];
  const got = await checkInputs(ex, PROGRAM, 'restore', cases);
  assert.ok(got.ok, got.ok ? '' : got.error);
  assert.deepEqual(got.data.glued, [true, true, false, false, false, false]);
  assert.deepEqual(got.data.glued_any, [true, true, false, false, false, true]);
  assert.deepEqual(got.data.last_block, [9]);
  assert.equal(got.data.reached, true);
  const early = await checkInputs(ex, PROGRAM, 'restore', cases.filter((c) => !c.lines.includes(9)));
  assert.ok(early.ok);
  assert.equal(early.data.reached, false, 'no case runs the final return');
});

test('the last block is the last top-level statement before a final raise', async () => {
  const program = "def parse(x):\n    if not x:\n        return None\n    try:\n        return int(x)\n    except ValueError:\n        pass\n    raise ValueError('no number')\n";
  const a = await analyze(ex, program, 'parse', 0);
  assert.ok(a.ok, a.ok ? '' : a.error);
  assert.deepEqual(a.data.shape.last_block, [4, 5, 7]);
  const one = await analyze(ex, 'def f(x):\n    return x + 1\n', 'f', 0);
  assert.ok(one.ok);
  assert.deepEqual(one.data.shape.last_block, [2]);
});

test('the run figures count glued inputs and samples that miss the last block', () => {
  const rec = (glued: boolean[], reached: boolean, kept = true): WorkRecord => ({
    function_id: 'f', order: 0, name: 'f', source: { path: 'x.py', line: 1 } as WorkRecord['source'], kept, samples: [],
    stats: { candidates: 0, calls: 0, mutants: 0, coverage: 0, mutation_score: 0, seconds: 0, llm_requests: 0, removed: {},
      inputs: shownInputs({ glued, glued_any: glued, last_block: [3], reached }) },
  });
  const f = inputFigures([rec([true, false, false, false], true), rec([false, false], false), rec([false], false), rec([true], true, false)]);
  assert.deepEqual(f, {
    samples_checked: 3, shown_inputs: 7, glued_literal_inputs: 1, glued_literal_share: 0.1429, samples_with_glued_input: 1,
    glued_any_share: 0.1429, samples_missing_last_block: 2, missing_last_block_share: 0.6667,
  });
});
