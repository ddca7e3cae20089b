// The stated environment calls run in: time zone and locale (pinned, or another one for a re-run),
// counters frozen with the clock, where an exception was raised, and timeouts decided by CPU time
// rather than by the machine's load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createExecutor, type Executor } from '../../src/exec/executor.js';
import { compiledLocale } from '../../src/exec/locales.js';

let ex: Executor;
before(async () => { ex = await createExecutor({ workers: 1, fixedClock: 1_700_000_000, onWarning: () => undefined }); });
after(async () => { await ex.close(); });

const PROBE = "import time, locale, os\n(time.monotonic(), time.perf_counter_ns(), time.process_time(), time.clock_gettime(time.CLOCK_MONOTONIC), time.strftime('%H:%M %Z'), locale.setlocale(locale.LC_ALL, ''), os.environ['LANG'])";

test('a frozen clock freezes the monotonic, performance and CPU counters too, and another clock moves them', async () => {
  const a = await ex.run({ code: PROBE });
  const b = await ex.run({ code: PROBE });
  assert.equal(a.status, 'ok');
  assert.equal(a.value!.repr, b.value!.repr, 'the same in every call');
  const [mono, perfNs, cpu, clock, hhmm, loc, lang] = JSON.parse(JSON.stringify((a.value!.value as { items: Array<{ v: unknown }> }).items.map((x) => x.v)));
  assert.equal(Number(perfNs), Number(mono) * 1e9);
  assert.equal(clock, mono);
  assert.ok(Number(cpu) < 20);
  assert.deepEqual([hhmm, loc, lang], ['22:13 UTC', 'C.UTF-8', 'C.UTF-8']);
  const other = await createExecutor({ workers: 1, fixedClock: 1_733_023_456, onWarning: () => undefined });
  try {
    const c = await other.run({ code: PROBE });
    assert.notEqual(c.value!.repr, a.value!.repr);
  } finally {
    await other.close();
  }
  // Durations the executor reports still use the real counters.
  const slow = await ex.run({ code: 'import time\ntime.sleep(0.05)' });
  assert.ok(slow.wallMs >= 40, `wall ${slow.wallMs}`);
});

test('time zone and locale are the stated ones; a compiled locale reaches the sandbox through LOCPATH', async (t) => {
  const dir = compiledLocale('de_DE.UTF-8');
  if (!dir) { t.skip('localedef or the de_DE sources (Debian package locales) are missing'); return; }
  const other = await createExecutor({ workers: 1, fixedClock: 1_700_000_000, tz: 'America/St_Johns', locale: 'de_DE.UTF-8', localeDir: dir, onWarning: () => undefined });
  try {
    const r = await other.run({ code: "import time, locale\nlocale.setlocale(locale.LC_ALL, '')\n(time.strftime('%H:%M %Z'), time.strftime('%A'), locale.getlocale()[0])" });
    assert.equal(r.value!.repr, "('18:43 NST', 'Dienstag', 'de_DE')");
  } finally {
    await other.close();
  }
});

test('exceptions say where they were raised: a raise or assert statement, or the interpreter refusing an operand', async () => {
  const code = 'import json\ndef f(x):\n    if x == 0:\n        raise ValueError("zero")\n    assert x != 1\n    if x == 2:\n        return json.loads("[")\n    return x + "a"\n';
  const p = await ex.runProgram({ code, calls: ['f(0)', 'f(1)', 'f(2)', 'f(3)', 'f()', "int('x')"] });
  // Lines are the program's; in the call expression they count within the program's batch of calls.
  const origins = p.calls.map((c) => c.exception?.origin && [c.exception.type, c.exception.origin.kind, c.exception.origin.where, c.exception.origin.where === 'program' ? c.exception.origin.line : 0, c.exception.origin.value_error]);
  assert.deepEqual(origins, [
    ['ValueError', 'raise', 'program', 4, true],
    ['AssertionError', 'raise', 'program', 5, false],
    ['json.decoder.JSONDecodeError', 'raise', 'library', 0, true],
    ['TypeError', 'interpreter', 'program', 8, false],
    ['TypeError', 'interpreter', 'call', 0, false],
    ['ValueError', 'interpreter', 'call', 0, true],
  ]);
  // A bare `raise` in a handler keeps the frame where the exception began.
  const re = await ex.run({ code: 'def g(d):\n    try:\n        return d["k"]\n    except KeyError:\n        raise\n', call: 'g({})' });
  assert.deepEqual([re.exception?.origin?.kind, re.exception?.origin?.line], ['interpreter', 3]);
});

test('a call stopped by its wall deadline while it had CPU work left is run again with a longer deadline; a call that only waits is not', async () => {
  // Waiting, then CPU work: like a call on a machine that gives it part of a core. It needs about
  // 1.2 s of wall time against a 1 s deadline, and 0.5 s of its 0.9 s CPU limit.
  const code = 'import time\ndef work():\n    time.sleep(0.7)\n    t = time.process_time()\n    while time.process_time() - t < 0.5:\n        pass\n    return "done"\n';
  const limits = { timeoutMs: 1000, cpuMs: 900 };
  const busy = await createExecutor({ workers: 1, onWarning: () => undefined });
  try {
    const one = await busy.run({ code, call: 'work()', limits });
    assert.equal(one.status, 'ok', JSON.stringify(one.exception));
    const prog = await busy.runProgram({ code, calls: ['1', 'work()', '2'], limits });
    assert.deepEqual(prog.calls.map((c) => c.status), ['ok', 'ok', 'ok']);
    assert.equal(prog.calls[1].value!.repr, "'done'");
    const t0 = Date.now();
    const sleeper = await busy.runProgram({ code: 'import time', calls: ['time.sleep(5)', '3'], limits });
    assert.deepEqual(sleeper.calls.map((c) => c.status), ['timeout', 'ok']);
    assert.ok(sleeper.calls[0].cpuMs < 100 && Date.now() - t0 < 3000, `a waiting call keeps its deadline (${Date.now() - t0} ms)`);
  } finally {
    await busy.close();
  }
});
