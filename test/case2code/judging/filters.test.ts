import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterRuns, unusableReason } from '../../../src/case2code/judging/filters.js';
import { outputKey, type CaseRun } from '../../../src/case2code/running/runs.js';
import type { ExceptionOrigin } from '../../../src/exec/types.js';

const lim = { outputCap: 50, maxTimeoutShare: 0.25, shownMin: 3 };
let n = 0;
function ok(repr: string, extra: Partial<CaseRun> = {}): CaseRun {
  n++;
  return { cand: { args: [['x', String(n)]], origin: 't' }, call: `f(x=${n})`, status: 'ok', repr, lines: [], wallMs: 0, cpuMs: 0, workMs: 0, ...extra };
}
const OWN: ExceptionOrigin = { kind: 'raise', where: 'program', line: 2, value_error: false };
function err(type: string, message: string, origin: ExceptionOrigin = OWN): CaseRun {
  n++;
  return { cand: { args: [['x', String(n)]], origin: 't' }, call: `f(x=${n})`, status: 'error', exception: { type, message, origin }, lines: [], wallMs: 0, cpuMs: 0, workMs: 0 };
}

test('function-level drops carry the right reason', () => {
  assert.equal(filterRuns([ok('1'), ok('1'), ok('1')], lim).drop?.reason, 'constant_output');
  assert.equal(filterRuns([err('ValueError', 'bad'), err('TypeError', 'no')], lim).drop?.reason, 'all_errors');
  assert.equal(filterRuns([err('NameError', "name 'k' is not defined"), err('NameError', "name 'k' is not defined")], lim).drop?.reason, 'missing_name');
  const addr = (i: number) => ok(`<object object at 0x7f00aa11bb${i}>`, { address: true });
  assert.equal(filterRuns([ok('1'), addr(1), addr(2)], lim).drop?.reason, 'memory_address');
  // One identity-dependent return among many: only that case goes.
  const mostly = filterRuns([ok('1'), addr(3), ok('3'), ok('4')], lim);
  assert.equal(mostly.drop, undefined);
  assert.deepEqual(mostly.removed, { memory_address: 1 });
  const timeouts = [ok('1'), ok('2'), { ...ok('3'), status: 'timeout' as const }, { ...ok('4'), status: 'timeout' as const }];
  assert.equal(filterRuns(timeouts, lim).drop?.reason, 'timeouts');
  assert.equal(filterRuns([ok('1'), ok('2')], lim).drop?.reason, 'too_few_cases');
  assert.equal(filterRuns([ok('x'.repeat(60)), ok('y'.repeat(60))], lim).drop?.reason, 'output_too_large');
  assert.equal(filterRuns([], lim).drop?.reason, 'no_inputs');
});

test('unusable cases are removed and counted, and the rest kept', () => {
  const mistyped: ExceptionOrigin = { kind: 'interpreter', where: 'program', line: 3, value_error: false };
  const runs = [ok('1'), ok('2'), err('NameError', "name 'q' is not defined"), ok('z'.repeat(80)), err('RecursionError', 'maximum recursion depth exceeded'), ok('3'), err('ValueError', 'v'),
    err('TypeError', "can only concatenate str (not \"int\") to str", mistyped)];
  const f = filterRuns(runs, lim);
  assert.equal(f.drop, undefined);
  assert.deepEqual(f.removed, { missing_name: 1, output_too_large: 1, python_error: 1, recursion_error: 1 });
  assert.deepEqual(f.usable.map((r) => r.repr ?? r.exception?.type), ['1', '2', '3', 'ValueError']);
  assert.equal(unusableReason(err('NameError', "name 'q' is not defined"), 50), 'missing_name');
  assert.equal(unusableReason(err('NameError', 'other'), 50), null);
  // Where the sandbox ran the case is no part of the function's answer.
  assert.equal(unusableReason(ok("'/tmp/cf/private/a.txt'"), 50), 'sandbox_path');
  assert.equal(unusableReason(ok("'/tmp/x/w0f8fad5b-d9cb-469f-a165-70867728950e/private'"), 80), 'sandbox_path');
  assert.equal(unusableReason(err('FileNotFoundError', "No such file: '/tmp/cf/private/x'"), 50), 'sandbox_path');
  assert.equal(unusableReason(ok("'/tmp/cfg/private'"), 50), null);
});

test('outcome keys do not depend on where objects were allocated', () => {
  // Two objects made one after the other may or may not share an address; whether their outcomes count
  // as one must not depend on it (it decided whether a function got a second fuzz round).
  const a = err('ValueError', 'Invalid file object: <_io.StringIO object at 0x7f0d56854a60>');
  const b = err('ValueError', 'Invalid file object: <_io.StringIO object at 0x7f1cec8f7880>');
  assert.equal(outputKey(a), outputKey(b));
  assert.notEqual(outputKey(a), outputKey(err('ValueError', 'Invalid file object: 5.82')));
  assert.equal(outputKey(ok('<object object at 0x7f0d56854a60>')), outputKey(ok('<object object at 0x7f0d5685ffff>')));
  assert.notEqual(outputKey(ok("'0x1e240'")), outputKey(ok("'0x1e241'")), 'hex values are values, not addresses');
});
