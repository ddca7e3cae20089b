import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createExecutor, type Executor } from '../../src/exec/executor.js';
import { PRELOAD, PYTHON_DIR, analyze, parseInputs, proposeInputs } from '../../src/case2code/tooling.js';
import { scoreMutants } from '../../src/case2code/running/mutation.js';
import { candidateLimits, runCandidates } from '../../src/case2code/running/runs.js';

let ex: Executor;
before(async () => { ex = await createExecutor({ workers: 2, pythonPath: [PYTHON_DIR], preload: PRELOAD }); });
after(async () => { await ex.close(); });

const PROGRAM = 'import re\n\ndef parts(text: str, limit=3):\n    """Split on commas."""\n    out = re.split(",", text)\n    if len(out) > limit:\n        return out[:limit]\n    return out\n';

test('analyze gives parameters, statement lines and mutants of the function', async () => {
  const a = await analyze(ex, PROGRAM, 'parts', 20);
  assert.ok(a.ok, !a.ok ? a.error : '');
  assert.deepEqual(a.data.shape.params.map((p) => [p.name, p.kind, p.annotation ?? null, p.default ?? null]), [['text', 'positional_or_keyword', 'str', null], ['limit', 'positional_or_keyword', null, '3']]);
  assert.deepEqual(a.data.shape.lines, [5, 6, 7, 8]);
  assert.ok(a.data.mutants.length >= 3);
  assert.ok(a.data.mutants.every((m) => /^def _cf_mut_\d+\(/.test(m)));
  const missing = await analyze(ex, PROGRAM, 'nope', 5);
  assert.equal(missing.ok, false);
});

test('the fuzzer proposes typed inputs and learns from TypeErrors', async () => {
  const first = await proposeInputs(ex, { program: PROGRAM, name: 'parts', seed: 3, n: 20 });
  assert.ok(first.ok);
  const texts = first.data.candidates.map((c) => c.args.map(([k, v]) => `${k}=${v}`).join(', '));
  assert.equal(new Set(texts).size, texts.length);
  assert.ok(texts.some((t) => /text='/.test(t)), texts.join(' | '));
  const prog = 'def total(xs):\n    return sum(xs)\n';
  const history = Array.from({ length: 6 }, () => ({ args: [['xs', "'abc'"]] as Array<[string, string]>, doms: ["('str',)"], status: 'error', exc_type: 'TypeError', exc_msg: "unsupported operand type(s) for +: 'int' and 'str'" }));
  const again = await proposeInputs(ex, { program: prog, name: 'total', seed: 3, n: 30, history, mutate_share: 0 });
  assert.ok(again.ok);
  const strs = again.data.candidates.filter((c) => c.doms[0] === "('str',)").length;
  assert.ok(strs <= 2, `${strs} string candidates after the domain failed`);
});

test('given inputs are parsed from the reference format without running them', async () => {
  const p = await parseInputs(ex, "examples = [\n  dict(a=1, b='x'),\n  {'a': [1, 2]},\n  print('side effect'),\n]\nexamples += [dict(a=2)]\n");
  assert.ok(p.ok);
  assert.deepEqual(p.data.inputs, [[['a', '1'], ['b', "'x'"]], [['a', '[1, 2]']], null, [['a', '2']]]);
});

test('mutant scoring tells which cases kill which mutants', async () => {
  const program = 'def sign(n):\n    if n > 0:\n        return 1\n    return 0\n';
  const a = await analyze(ex, program, 'sign', 20);
  assert.ok(a.ok);
  const cands = ['5', '0', '-3'].map((v) => ({ args: [['n', v]] as Array<[string, string]>, origin: 't' }));
  const batch = await runCandidates(ex, program, 'sign', cands, { timeoutMs: 1000 }, new Set(a.data.shape.lines));
  assert.deepEqual(batch.runs.map((r) => r.repr), ['1', '0', '0']);
  assert.deepEqual(batch.runs[0].lines, [2, 3]);
  const s = await scoreMutants(ex, program, 'sign', a.data.mutants, batch.runs, { timeoutMs: 1000 });
  assert.equal(s.mutants, a.data.mutants.length);
  const killedBy0 = new Set(s.kills[1]);
  // `n > 0` -> `n >= 0` is told apart only by n=0.
  const geIndex = a.data.mutants.findIndex((m) => m.includes('n >= 0'));
  assert.ok(geIndex >= 0);
  assert.ok(killedBy0.has(geIndex));
  assert.ok(!s.kills[0].includes(geIndex) && !s.kills[2].includes(geIndex));
});

test('mutant scoring of a program whose definition outruns the tight step limit takes the full limit at once, with the same kills', async () => {
  // The definition loops (as heavy imports do) far past what five times the pool's own work allows.
  const program = 'T = 0\nfor _i in range(200000):\n    T += _i\n\ndef sign(n):\n    if n > 0:\n        return 1\n    return 0\n';
  const a = await analyze(ex, program, 'sign', 10);
  assert.ok(a.ok, !a.ok ? a.error : '');
  const cands = [{ args: [['n', '5']] as Array<[string, string]>, origin: 't' }, { args: [['n', '0']] as Array<[string, string]>, origin: 't' }, { args: [['n', '-3']] as Array<[string, string]>, origin: 't' }];
  const batch = await runCandidates(ex, program, 'sign', cands, { timeoutMs: 1000 }, new Set(a.data.shape.lines));
  assert.ok((batch.setup.steps ?? 0) > 300_000, `definition: ${batch.setup.steps} steps`);
  const twice = await scoreMutants(ex, program, 'sign', a.data.mutants, batch.runs, { timeoutMs: 1000 });
  const once = await scoreMutants(ex, program, 'sign', a.data.mutants, batch.runs, { timeoutMs: 1000 }, undefined, batch.setup.steps);
  const calls = a.data.mutants.length + 1;
  assert.equal(twice.calls, 2 * calls, 'without the definition\'s steps: the tight try fails on the definition, then the full one');
  assert.equal(once.calls, calls);
  assert.deepEqual(once.kills, twice.kills);
  assert.equal(once.mutants, a.data.mutants.length);
  assert.ok(once.kills[1].length > 0, 'n=0 kills the `>=` mutant');
});

test('a generated candidate runs under candidateLimits capped by callLimits; --inputs given cases under callLimits', () => {
  const callLimits = { timeoutMs: 2000, cpuMs: 1000, steps: 2_000_000, memoryMb: 512 };
  assert.deepEqual(candidateLimits({ inputs: 'fuzz', callLimits, candidateLimits: { timeoutMs: 1500, cpuMs: 300, steps: 600_000 } }), { timeoutMs: 1500, cpuMs: 300, steps: 600_000, memoryMb: 512 });
  assert.deepEqual(candidateLimits({ inputs: 'fuzz', callLimits: { ...callLimits, cpuMs: 200 }, candidateLimits: { cpuMs: 300 } }), { ...callLimits, cpuMs: 200 });
  assert.deepEqual(candidateLimits({ inputs: 'given', callLimits, candidateLimits: { cpuMs: 300 } }), callLimits);
});
