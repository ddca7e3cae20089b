// The options pattern: in every module's normalising function a key given as `undefined` means the
// default, at the top level and inside nested option groups.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defined } from '../src/options.js';
import { DEFAULTS as C2C, normaliseOptions } from '../src/case2code/options.js';
import { DEFAULTS as G4C, resolveOptions } from '../src/gift4code/options.js';
import { MINE_DEFAULTS, resolveMineOptions } from '../src/sources/options.js';
import { EVAL_DEFAULTS, normaliseEvalOptions } from '../src/eval/options.js';
import { resolveLimits, DEFAULT_LIMITS } from '../src/exec/limits.js';
import { normaliseEndpoint, DEFAULTS as LLM } from '../src/llm/config.js';

test('defined drops undefined keys only', () => {
  assert.deepEqual(defined({ a: 1, b: undefined, c: null, d: 0, e: '' }), { a: 1, c: null, d: 0, e: '' });
  assert.deepEqual(defined(undefined), {});
});

test('every normaliser reads undefined as the default', () => {
  const c = normaliseOptions({ out: '/tmp/x', workers: undefined, seed: undefined, fuzzRounds: undefined, callLimits: { timeoutMs: undefined, cpuMs: 500 } });
  assert.equal(c.workers, C2C.workers);
  assert.equal(c.seed, C2C.seed);
  assert.deepEqual(c.fuzzRounds, C2C.fuzzRounds);
  assert.deepEqual(c.callLimits, { ...C2C.callLimits, cpuMs: 500 });

  const g = resolveOptions({ out: '/tmp/x', seed: undefined, limits: { valueBytes: undefined }, temperature: { intents: undefined, solutions: 0.1 } });
  assert.equal(g.seed, G4C.seed);
  assert.deepEqual(g.limits, G4C.limits);
  assert.deepEqual(g.temperature, { ...G4C.temperature, solutions: 0.1 });

  const m = resolveMineOptions({ limit: undefined, dedup: { threshold: undefined, near: false } });
  assert.equal(m.limit, MINE_DEFAULTS.limit);
  assert.deepEqual(m.dedup, { ...MINE_DEFAULTS.dedup, near: false });

  const e = normaliseEvalOptions({ bench: 'humaneval', source: { kind: 'gold' }, out: '/tmp/x', n: undefined, ks: undefined, workers: undefined });
  assert.equal(e.n, EVAL_DEFAULTS.n);
  assert.deepEqual(e.ks, EVAL_DEFAULTS.ks);

  assert.deepEqual(resolveLimits({ timeoutMs: undefined }), DEFAULT_LIMITS);
  assert.equal(normaliseEndpoint('default', [{ model: 'm', concurrency: undefined }]).concurrency, LLM.concurrency);
});
