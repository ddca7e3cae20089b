// The prediction families from a Case2Code dataset: records keep their function's split, trivial
// echoes are not asked, answers are distinct and non-literal outputs never become answers, input
// records only use calls with literal arguments, exceptions stay a small share, and `eval --gold`
// passes 100% on each family while known-wrong predictions fail or are rejected with the reason.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExecutor, type Executor } from '../../../src/exec/executor.js';
import { difficulty, familySource, outputRecords, inputRecords, OutputRecordSchema, InputRecordSchema } from '../../../src/case2code/families/families.js';
import { writeFamilies } from '../../../src/case2code/families/family_dataset.js';
import { PYTHON_DIR } from '../../../src/case2code/tooling.js';
import { evaluate } from '../../../src/eval/run.js';
import { exportDataset } from '../../../src/export/index.js';
import { FAMILY_PRELOAD, FAMILY_PYTHON_DIR, familyAnswer, verifyInputPrediction, verifyOutputPrediction } from '../../../src/eval/families.js';

const FIXTURE = fileURLToPath(new URL('../../../../test/fixtures/export/samples.jsonl', import.meta.url));
type Row = Record<string, unknown>;
const sources = readFileSync(FIXTURE, 'utf8').split('\n').flatMap((l) => { try { return [JSON.parse(l) as Row]; } catch { return []; } })
  .map(familySource).filter((s) => s !== undefined);
let ex: Executor;
let dir: string;

before(async () => {
  ex = await createExecutor({ workers: 1, pythonPath: [PYTHON_DIR, FAMILY_PYTHON_DIR], preload: ['cf_families', ...FAMILY_PRELOAD] });
  dir = mkdtempSync(join(tmpdir(), 'cf-families-'));
  copyFileSync(FIXTURE, join(dir, 'samples.jsonl'));
  await writeFamilies(dir, { families: ['output', 'input'], executor: ex });
});
after(async () => { await ex.close(); });

const rowsOf = (family: string) => readdirSync(join(dir, family, 'jsonl')).flatMap((f) => readFileSync(join(dir, family, 'jsonl', f), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row));

test('selection: echoes are not asked, constants come last, answers are distinct', () => {
  assert.equal(difficulty("f(s='ab')", "'ab'"), undefined, 'an echo of an argument');
  assert.equal(difficulty('f(x=[3, 1])', 'None'), 0.1);
  assert.ok(difficulty('f(x=[3, 1])', '[1, 3]')! > 0.3);
  const src = sources.find((s) => s.name === 'run_lengths')!;
  const all = src.cases.map(() => true);
  const recs = outputRecords(src, all, { seed: 0, perFunction: 5, errorShare: 0 });
  assert.equal(new Set(recs.map((r) => r.answer)).size, recs.length);
  assert.ok(!recs.some((r) => r.answer === '[]'), 'the constant [] is not among the five hardest');
  // Nothing literal, nothing asked.
  assert.deepEqual(outputRecords(src, src.cases.map(() => false)), []);
  for (const r of recs) OutputRecordSchema.parse(r);
  for (const r of inputRecords(src, all)) InputRecordSchema.parse(r);
});

test('exceptions are a small share: at most one per function, only for errorShare of functions', () => {
  const src = { ...sources[0], cases: [...sources[0].cases, { call: "title_words(text=3)", status: 'error' as const, output: "AttributeError: 'int' object has no attribute 'split'", exception: 'AttributeError' }] };
  const lit = src.cases.map(() => true);
  const never = outputRecords(src, lit, { seed: 0, perFunction: 2, errorShare: 0 });
  assert.ok(never.every((r) => r.status === 'ok'));
  const always = outputRecords(src, lit, { seed: 0, perFunction: 2, errorShare: 1 });
  assert.deepEqual(always.map((r) => r.status), ['ok', 'error']);
  assert.equal(always[1].answer, 'raises AttributeError');
  let withError = 0;
  for (let seed = 0; seed < 200; seed++) if (outputRecords(src, lit, { seed, perFunction: 2, errorShare: 0.1 }).some((r) => r.status === 'error')) withError++;
  assert.ok(withError > 5 && withError < 45, `${withError} of 200 seeds`);
});

test('every family keeps its function\'s split; input records only use literal calls', () => {
  const splitOf = new Map(sources.map((s) => [s.functionId, s.split]));
  for (const family of ['output', 'input']) {
    const rows = rowsOf(family);
    assert.ok(rows.length >= 4, `${family}: ${rows.length} records`);
    for (const r of rows) assert.equal(r.split, splitOf.get(r.function_id as string), `${family} ${r.id}`);
    assert.ok(rows.some((r) => r.split === 'test'));
  }
  for (const r of rowsOf('input')) assert.match(r.reference_call as string, /^\w+\((\w+=)?[[\]'"\d(-]/);
  const card = readFileSync(join(dir, 'output', 'README.md'), 'utf8');
  assert.match(card, /^---\n[\s\S]*config_name: default[\s\S]*\n---\n/);
});

test('eval --gold passes 100% on each family', async () => {
  for (const bench of ['output-prediction', 'input-prediction'] as const) {
    const s = await evaluate({ bench, data: dir, source: { kind: 'gold' }, out: mkdtempSync(join(tmpdir(), `cf-${bench}-`)), ks: [1] });
    assert.deepEqual(s.failures, []);
    assert.ok(s.tasks.scored >= 1);
    assert.equal(s.pass_at_k['pass@1'], 1);
  }
});

test('output prediction: wrong literals fail, expressions and calls are rejected, exceptions by type', async () => {
  const truth = { entry_point: 'clamp_all', program: 'def clamp_all(xs, low, high):\n    return [min(max(x, low), high) for x in xs]\n', call: 'clamp_all(xs=[6], low=-16.72, high=5.89)', answer: '[5.89]', status: 'ok' as const, exception: null };
  assert.equal((await verifyOutputPrediction(ex, truth, '[5.89]')).status, 'passed');
  assert.equal((await verifyOutputPrediction(ex, truth, '[5.890]')).status, 'passed', 'the same value, spelled otherwise');
  assert.equal((await verifyOutputPrediction(ex, truth, '[6]')).status, 'failed');
  assert.equal((await verifyOutputPrediction(ex, truth, '(5.89,)')).status, 'failed', 'a tuple is not a list');
  const expr = await verifyOutputPrediction(ex, truth, '[min(6, 5.89)]');
  assert.equal(expr.status, 'rejected');
  assert.match(expr.error!, /not a Python literal/);
  assert.equal((await verifyOutputPrediction(ex, truth, 'clamp_all(xs=[6], low=-16.72, high=5.89)')).status, 'rejected');
  assert.equal((await verifyOutputPrediction(ex, truth, 'raises ValueError')).status, 'failed');
  const err = { ...truth, call: 'clamp_all(xs=3, low=0, high=1)', answer: 'raises TypeError', status: 'error' as const, exception: 'TypeError' };
  assert.equal((await verifyOutputPrediction(ex, err, 'raises TypeError')).status, 'passed');
  assert.equal((await verifyOutputPrediction(ex, err, 'raises builtins.TypeError')).status, 'passed');
  assert.equal((await verifyOutputPrediction(ex, err, 'raises ValueError')).status, 'failed');
  assert.equal((await verifyOutputPrediction(ex, err, '[]')).status, 'failed');
});

test('input prediction: the call runs and its value is compared; only plain literal calls of the function are accepted', async () => {
  const truth = { entry_point: 'clamp_all', program: 'def clamp_all(xs, low, high):\n    return [min(max(x, low), high) for x in xs]\n\ndef other(x):\n    return [5.89]\n', output: '[5.89]' };
  assert.equal((await verifyInputPrediction(ex, truth, 'clamp_all(xs=[6], low=-16.72, high=5.89)')).status, 'passed');
  assert.equal((await verifyInputPrediction(ex, truth, 'clamp_all([100], 0, 5.89)')).status, 'passed', 'another input that works');
  assert.equal((await verifyInputPrediction(ex, truth, 'clamp_all([1], 0, 5.89)')).status, 'failed');
  assert.equal((await verifyInputPrediction(ex, truth, "clamp_all('x', 0, 1)")).status, 'failed', 'an exception is a wrong input');
  for (const [bad, why] of [['other(1)', /calls other, not clamp_all/], ['clamp_all(xs, 0, 1)', /not a literal/], ['clamp_all(*[[6], 0, 5.89])', /not a literal/],
    ['[5.89]', /not a call/], ['clamp_all(xs=[6], low=-16.72, high=5.89) == [5.89]', /not a call/], ['clamp_all([__import__("os")], 0, 1)', /not a literal/]] as const) {
    const v = await verifyInputPrediction(ex, truth, bad);
    assert.equal(v.status, 'rejected', bad);
    assert.match(v.error!, why, bad);
  }
});

test('answers are pulled out of chatty replies', () => {
  const chatty = 'Let me trace it. x starts at 6, clamped to 5.89.\n[ANSWER]\nassert clamp_all(xs=[6], low=-16.72, high=5.89) == [5.89]\n[/ANSWER]\nHope that helps!';
  assert.equal(familyAnswer('output', chatty), '[5.89]');
  assert.equal(familyAnswer('input', chatty), 'clamp_all(xs=[6], low=-16.72, high=5.89)');
  const fenced = 'The function returns a list.\n\n```python\nassert f(2) == [1, 2]\n```\nSo the answer is [1, 2].';
  assert.equal(familyAnswer('output', fenced), '[1, 2]');
  assert.equal(familyAnswer('input', 'Sure! Here it is:\nassert f("ab", 3) == "ababab"\nThat works because...'), 'f("ab", 3)');
  assert.equal(familyAnswer('output', 'Dividing by zero here, so it raises ZeroDivisionError.\n[ANSWER]\nraises ZeroDivisionError\n[/ANSWER]'), 'raises ZeroDivisionError');
  assert.equal(familyAnswer('output', 'It fails:\nraises KeyError: missing'), 'raises KeyError');
  assert.equal(familyAnswer('output', '[THOUGHT]\nfirst...\n[/THOUGHT]\n[ANSWER]\nassert f(1) == {"a": (1, 2)}\n[/ANSWER]'), '{"a": (1, 2)}');
});

test('family datasets export to trainer formats with their task and ground truth', async () => {
  for (const family of ['output', 'input'] as const) {
    const r = await exportDataset({ dir: join(dir, family), format: 'trl-grpo', out: mkdtempSync(join(tmpdir(), `cf-families-export-${family}-`)) });
    assert.deepEqual(r.tasks, { [family]: rowsOf(family).length });
    const row = JSON.parse(readFileSync(join(r.out, r.files.train), 'utf8').split('\n')[0]) as Row;
    assert.equal(row.task, family);
    assert.ok(!(row.prompt as Array<{ role: string }>).some((m) => m.role === 'assistant'));
    const truth = JSON.parse(row.ground_truth as string) as Row;
    assert.equal(truth.entry_point, row.entry_point);
    assert.ok(family === 'output' ? typeof truth.answer === 'string' : typeof truth.output === 'string');
  }
});
