// The per-function budget: what it counts, which stages it stops, how many cases it lets mutant
// scoring have; and, on a real function that only loops, that the run stops spending on it early.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Budget, BUDGET_STAGES, metered, newCost, type Cost } from '../../../src/case2code/running/budget.js';
import { CALL_MS, STEP_MS } from '../../../src/case2code/running/work.js';
import type { Executor } from '../../../src/exec/executor.js';
import type { CallResult } from '../../../src/exec/types.js';
import { runCase2Code, normaliseCase2CodeOptions } from '../../../src/case2code/index.js';
import { openFunctionContext } from '../../../src/case2code/pipeline.js';
import { processFunction } from '../../../src/case2code/function.js';
import type { WorkRecord } from '../../../src/case2code/types.js';

const result = (cpuMs: number, wallMs = cpuMs, steps?: number, status: CallResult['status'] = 'ok'): CallResult =>
  ({ status, stdout: '', stderr: '', cpuMs, wallMs, ...(steps === undefined ? {} : { steps }) });

test('the metered executor adds up work (steps and a charge per call; a timeout costs its CPU limit), CPU time, calls and the time requests held a worker', async () => {
  const inner = {
    isolation: 'bwrap', python: 'p', pythonVersion: '3',
    run: async () => result(5, 7, 1000),
    runProgram: async () => ({ setup: result(2), calls: [result(10, 10, 5000), result(20, 0, 3, 'timeout')], forks: 1, wallMs: 40 }),
    openSession: async () => { throw new Error('no'); },
    close: async () => undefined,
  } as unknown as Executor;
  const cost = newCost();
  const ex = metered(inner, cost);
  await ex.run({ code: '' });
  await ex.runProgram({ code: '', calls: ['a', 'b'], limits: { cpuMs: 300 } });
  const work = Math.round((4 * CALL_MS + (1000 + 5000) * STEP_MS + 300) * 1e6) / 1e6;
  assert.deepEqual({ ...cost, workMs: Math.round(cost.workMs * 1e6) / 1e6 }, { workMs: work, cpuMs: 37, calls: 4, sandboxMs: 47 });
  assert.equal(new Budget(cost, 1000).spentMs, cost.workMs, 'the budget decides on work, not on CPU time');
});

test('stages past their share of the budget are refused and counted; mutant scoring gets the cases it can afford', () => {
  const cost: Cost = newCost();
  const b = new Budget(cost, 10_000);
  assert.ok(b.allows('killRound'));
  cost.workMs = BUDGET_STAGES.fuzzRound * 10_000 + 1;
  assert.equal(b.allows('fuzzRound'), false);
  assert.ok(b.allows('killRound'));
  cost.workMs = 9_000;
  assert.equal(b.allows('killRound'), false);
  assert.equal(b.allows('sweep'), false);
  assert.deepEqual(b.skipped, { fuzzRound: 1, killRound: 1, sweep: 1 });
  // 1 s spent of 10: 20 mutants at 2 ms a case fit 100 cases; at 10 ms, 25 (coarse steps); at 50 ms, the floor.
  cost.workMs = 1_000;
  assert.equal(b.affordableCases(100, 15, 20, 2), 100);
  assert.equal(b.affordableCases(100, 15, 20, 10), 25);
  assert.equal(b.affordableCases(100, 15, 20, 50), 15);
  assert.ok(new Budget(cost, 0).allows('sweep'), 'no budget: everything runs');
});

test('a function whose calls all run out of CPU time costs a bounded share of the budget', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'c2c-budget-'));
  try {
    const program = 'def spin(n):\n    while n >= 0 or n < 0:\n        n += 1\n    return n\n';
    async function* jobs() {
      yield { id: 'spin', name: 'spin', program, completion: program, context: '', completionLines: 4, targetLines: 4, origin: { path: 'mem', line: 1 } };
    }
    const out = join(dir, 'run');
    const report = await runCase2Code({ out, progress: false, budgetMs: 4000, callLimits: { cpuMs: 300, timeoutMs: 600 } }, { jobs: jobs() });
    assert.equal(report.dropped.timeouts, 1, JSON.stringify(report.dropped));
    const [rec] = readFileSync(join(out, '.work', 'functions.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { data: WorkRecord }).data);
    assert.ok((rec.stats.cpu_ms ?? 0) < 4000, `spent ${rec.stats.cpu_ms} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the probe is the first calls of round one\'s request: a function that times out on them ends at the timeout that decides it, one that does not runs the rest in the same child', async () => {
  const opts = normaliseCase2CodeOptions({ out: '/tmp/unused', progress: false, workers: 1, callLimits: { cpuMs: 300, timeoutMs: 600 } });
  const { ctx, close } = await openFunctionContext(opts, 1);
  try {
    const seen: Array<{ asked: number; ran: number; forks: number; stop?: unknown }> = [];
    const inner = ctx.ex;
    const ex: Executor = {
      get isolation() { return inner.isolation; }, get python() { return inner.python; }, get pythonVersion() { return inner.pythonVersion; },
      run: (req) => inner.run(req),
      async runProgram(req) {
        const r = await inner.runProgram(req);
        // The budget's work limit rides along (tested below): here the probe's rule.
        seen.push({ asked: req.calls.length, ran: r.calls.length, forks: r.forks, ...(req.stopAfter ? { stop: { calls: req.stopAfter.calls, timeouts: req.stopAfter.timeouts } } : {}) });
        return r;
      },
      openSession: (o) => inner.openSession(o), workerRestarts: () => inner.workerRestarts(), close: async () => undefined,
    };
    const job = (name: string, program: string) => ({ id: name, name, program, completion: program, context: '', completionLines: 4, targetLines: 4, origin: { path: 'mem', line: 1 } });
    const spin = await processFunction({ ...ctx, ex }, job('spin', 'def spin(n):\n    while n >= 0 or n < 0:\n        n += 1\n    return n\n'), 0);
    assert.equal(spin.drop?.reason, 'timeouts');
    const stop = { calls: opts.probe, timeouts: Math.min(opts.maxTimeouts, Math.floor(opts.maxTimeoutShare * opts.probe) + 1) };
    assert.deepEqual(seen[0], { asked: opts.fuzzRounds[0], ran: stop.timeouts, forks: 1, stop });
    seen.length = 0;
    const twice = await processFunction({ ...ctx, ex }, job('twice', 'def twice(n: int):\n    if n < 0:\n        return -2 * n\n    return 2 * n\n'), 1);
    assert.equal(twice.kept, true, JSON.stringify(twice.drop));
    assert.deepEqual(seen[0], { asked: opts.fuzzRounds[0], ran: opts.fuzzRounds[0], forks: 1, stop });
  } finally {
    await close();
  }
});

test('a later fuzz round ends at the timeout that brings the function to maxTimeouts: the calls after it are not run', async () => {
  // A first round too short to decide anything (two calls, no probe, no share of timeouts that ends
  // collecting), so that the second round meets the timeouts.
  const opts = normaliseCase2CodeOptions({
    out: '/tmp/unused', progress: false, workers: 1, callLimits: { cpuMs: 300, timeoutMs: 600 }, fuzzRounds: [2, 24], probe: 0, maxTimeoutShare: 1,
    budgetMs: 0, // the timeouts' rule alone (the budget's work limit would end the round sooner: tested below)
  });
  const { ctx, close } = await openFunctionContext(opts, 1);
  try {
    const seen: Array<{ asked: number; ran: number; timeouts: number; stop?: { calls: number; timeouts: number } }> = [];
    const inner = ctx.ex;
    const ex: Executor = {
      get isolation() { return inner.isolation; }, get python() { return inner.python; }, get pythonVersion() { return inner.pythonVersion; },
      run: (req) => inner.run(req),
      async runProgram(req) {
        const r = await inner.runProgram(req);
        if (req.calls.every((c) => c.startsWith('big('))) {
          seen.push({ asked: req.calls.length, ran: r.calls.length, timeouts: r.calls.filter((c) => c.status === 'timeout').length, ...(req.stopAfter ? { stop: { calls: req.stopAfter.calls, timeouts: req.stopAfter.timeouts } } : {}) });
        }
        return r;
      },
      openSession: (o) => inner.openSession(o), workerRestarts: () => inner.workerRestarts(), close: async () => undefined,
    };
    const program = 'def big(n: int):\n    while n > 40:\n        n += 1\n    return n - 1\n';
    await processFunction({ ...ctx, ex }, { id: 'big', name: 'big', program, completion: program, context: '', completionLines: 4, targetLines: 4, origin: { path: 'mem', line: 1 } }, 0);
    const [first, second] = seen;
    assert.ok(first && second && first.asked === 2 && first.timeouts < opts.maxTimeouts, JSON.stringify(seen));
    assert.deepEqual(second.stop, { calls: second.asked, timeouts: opts.maxTimeouts - first.timeouts });
    assert.equal(second.timeouts, second.stop.timeouts, JSON.stringify(seen));
    assert.ok(second.ran < second.asked, `the round ran all its ${second.asked} calls`);
  } finally {
    await close();
  }
});

test('a request of candidates ends at the call that brings the function past the candidates\' share of its budget, the same in every run', async () => {
  // Every call of `walk` runs about 150 k steps (60 ms of work): under a 400 ms budget the first
  // round's 12 calls would spend 720 ms; the request stops once the function's work passes 240 ms.
  const budgetMs = 400;
  const opts = normaliseCase2CodeOptions({ out: '/tmp/unused', progress: false, workers: 1, budgetMs, fuzzRounds: [12, 12], probe: 0 });
  const { ctx, close } = await openFunctionContext(opts, 1);
  try {
    const program = 'def walk(n: int):\n    t = 0\n    for i in range(50000):\n        t += i % (abs(n) + 1)\n    return t\n';
    const job = { id: 'walk', name: 'walk', program, completion: program, context: '', completionLines: 5, targetLines: 5, origin: { path: 'mem', line: 1 } };
    const once = async () => {
      const seen: Array<{ asked: number; ran: number; work?: number }> = [];
      const inner = ctx.ex;
      const ex: Executor = {
        get isolation() { return inner.isolation; }, get python() { return inner.python; }, get pythonVersion() { return inner.pythonVersion; },
        run: (req) => inner.run(req),
        async runProgram(req) {
          const r = await inner.runProgram(req);
          if (req.calls.every((c) => c.startsWith('walk('))) seen.push({ asked: req.calls.length, ran: r.calls.length, work: req.stopAfter?.work?.limit });
          return r;
        },
        openSession: (o) => inner.openSession(o), workerRestarts: () => inner.workerRestarts(), close: async () => undefined,
      };
      const rec = await processFunction({ ...ctx, ex }, job, 0);
      return { rec, seen };
    };
    const a = await once();
    const first = a.seen[0];
    assert.ok(first.work !== undefined && first.work < (BUDGET_STAGES.candidates * budgetMs) / STEP_MS, JSON.stringify(a.seen));
    assert.ok(first.ran < first.asked && first.ran >= 2, `the first round ran ${first.ran} of ${first.asked} calls`);
    assert.ok((a.rec.stats.budget_skipped?.candidates ?? 0) >= 1, JSON.stringify(a.rec.stats));
    // Steps decide where it stops, so a second run stops at the same call with the same output.
    const b = await once();
    assert.deepEqual(b.seen.map((s) => s.ran), a.seen.map((s) => s.ran));
    assert.deepEqual(b.rec.samples, a.rec.samples);
    assert.equal(b.rec.drop?.reason, a.rec.drop?.reason);
  } finally {
    await close();
  }
});
