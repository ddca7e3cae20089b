// The run layer under Case2Code: a function whose processing raises is recorded `failed` with its
// error and the run goes on; a rerun keeps it failed (not retried) and redoes nothing else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecutor, type Executor } from '../../src/exec/executor.js';
import { minerExecutorOptions } from '../../src/sources/index.js';
import { runCase2Code, type FunctionJob } from '../../src/case2code/index.js';
import { wholeProgram } from '../../src/case2code/inputs/job.js';
import { PRELOAD, PYTHON_DIR } from '../../src/case2code/tooling.js';
import { recordsOf } from '../support/dataset.js';

let ex: Executor;
const root = mkdtempSync(join(tmpdir(), 'c2c-units-'));
before(async () => {
  const m = minerExecutorOptions();
  ex = await createExecutor({ workers: 2, pythonPath: [PYTHON_DIR, ...m.pythonPath], preload: [...PRELOAD, ...m.preload] });
});
after(async () => { await ex.close(); rmSync(root, { recursive: true, force: true }); });

/** The executor, but any program holding `BOOM` makes runProgram throw (a fault of the tool). */
function faulty(base: Executor, calls: { n: number }): Executor {
  return new Proxy(base, {
    get(target, prop, receiver) {
      if (prop === 'runProgram') {
        return (req: Parameters<Executor['runProgram']>[0]) => {
          calls.n++;
          return req.code.includes('BOOM') ? Promise.reject(new Error('worker protocol broke')) : target.runProgram(req);
        };
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

async function* jobs(): AsyncGenerator<FunctionJob> {
  yield { id: 'boom-1', name: 'boom', ...wholeProgram('BOOM = 1\n\ndef boom(n):\n    return n + BOOM\n', 'boom'), origin: { path: 'mem', line: 3 } };
  yield { id: 'step-1', name: 'step', ...wholeProgram('def step(n):\n    if n < 0:\n        return -n\n    return n * 2\n', 'step'), origin: { path: 'mem', line: 1 } };
}

test('a function that raises is failed with its reason; the others are written; a rerun retries nothing', async () => {
  const out = join(root, 'out');
  const calls = { n: 0 };
  const report = await runCase2Code({ out, progress: false }, { executor: faulty(ex, calls), jobs: jobs() });
  assert.equal(report.units.failed, 1);
  assert.equal(report.stages.internal_errors, 1);
  assert.match(report.units.failed_examples[0], /^boom: worker protocol broke/);
  assert.equal(report.stages.kept, 1);
  assert.equal(report.cost.units, 2);
  assert.deepEqual(recordsOf<{ original_name: string }>(out).map((r) => r.original_name), ['step']);
  const before = calls.n;
  const again = await runCase2Code({ out, progress: false }, { executor: faulty(ex, calls), jobs: jobs() });
  assert.equal(calls.n, before, 'nothing was run again');
  assert.deepEqual([again.units.failed, again.stages.kept], [1, 1]);
});
