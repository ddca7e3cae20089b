// Call mode, program mode and sessions: values, isolation between calls, per-call limits inside a
// program, determinism, line tracing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { createExecutor, type Executor } from '../../src/exec/executor.js';
import { runBatch, type BatchLine } from '../../src/exec/batch.js';

let ex: Executor;
before(async () => { ex = await createExecutor({ workers: 2, limits: { timeoutMs: 3000 }, onWarning: () => undefined }); });
after(async () => { await ex.close(); });

test('call mode: last expression or call is the value, with typed tree', async () => {
  const a = await ex.run({ code: 'x = {3: "a", 1: (2.5, None)}\nx' });
  assert.equal(a.status, 'ok');
  assert.equal(a.value!.repr, "{3: 'a', 1: (2.5, None)}");
  assert.deepEqual(a.value!.value, { t: 'dict', items: [[{ t: 'int', v: 3 }, { t: 'str', v: 'a' }], [{ t: 'int', v: 1 }, { t: 'tuple', items: [{ t: 'float', v: 2.5 }, { t: 'none' }] }]] });
  const b = await ex.run({ code: 'def f(a, b=2):\n    return a ** b', call: 'f(10**20)' });
  assert.deepEqual(b.value!.value, { t: 'int', v: '10000000000000000000000000000000000000000' });
  const c = await ex.run({ code: 'x = 1' });
  assert.equal(c.status, 'ok');
  assert.equal(c.value, undefined);
});

test('call mode: exceptions are data with type, message and a traceback of user frames only', async () => {
  const r = await ex.run({ code: 'def f(x):\n    return 1 / x', call: 'f(0)' });
  assert.equal(r.status, 'error');
  assert.equal(r.exception!.type, 'ZeroDivisionError');
  assert.match(r.exception!.traceback, /line 2, in f/);
  assert.doesNotMatch(r.exception!.traceback, /cf_child|cf_worker/);
  const s = await ex.run({ code: 'def f(:\n  pass' });
  assert.equal(s.status, 'error');
  assert.equal(s.exception!.type, 'SyntaxError');
});

test('threads in a forked call: the child\'s own main thread and native id, threads start and join; a session that started threads forks children whose threading state is reset', async () => {
  const probe = 'import threading, os\nout = []\nt = threading.Thread(target=lambda: out.append(threading.get_native_id()))\nt.start(); t.join()\n'
    + '(threading.main_thread() is threading.current_thread(), len(threading.enumerate()), out[0] != os.getpid(), threading.main_thread().native_id == os.getpid())';
  for (const r of await Promise.all([ex.run({ code: probe }), ex.run({ code: probe })])) {
    assert.equal(r.status, 'ok', r.exception?.message);
    assert.equal(r.value!.repr, '(True, 1, True, True)');
  }
  const s = await ex.openSession({ profile: 'plain' });
  try {
    const started = await s.runCell('import threading\nev = threading.Event()\nbg = threading.Thread(target=ev.wait, daemon=True)\nbg.start()\nlen(threading.enumerate())');
    assert.equal(started.value!.repr, '2');
    // Forked from a process with two threads: threading's own at-fork hook runs (the native id it
    // leaves is the session's, as Python 3.11 does), and only the forking thread is left.
    const forked = await s.runIsolated(probe);
    assert.equal(forked.status, 'ok', forked.exception?.message);
    assert.match(forked.value!.repr, /^\(True, 1, True, (True|False)\)$/);
    await s.runCell('ev.set(); bg.join()');
  } finally {
    await s.close();
  }
});

test('determinism: set order, hashing and seeded random are the same in every call', async () => {
  const code = "import random\n(sorted({'a', 'b', 'c'}) == list({'a', 'b', 'c'}), hash('caseforge'), random.random())";
  const results = await Promise.all(Array.from({ length: 6 }, () => ex.run({ code })));
  const reprs = new Set(results.map((r) => r.value!.repr));
  assert.equal(reprs.size, 1);
  const other = await ex.run({ code, seed: 7 });
  assert.notEqual(other.value!.repr, results[0].value!.repr);
});

test('determinism: numpy imported by the call itself is seeded, and every program step starts from the seed', async () => {
  // The plain profile does not preload numpy; imported inside a call it must not seed from the OS.
  // A cold first import of numpy (four at once) can outlast this file's 3 s limit: speed is not the point here.
  const code = 'import numpy as np, random\n(float(np.random.rand()), random.random())';
  const limits = { timeoutMs: 30_000, cpuMs: 30_000 };
  const runs = await Promise.all(Array.from({ length: 4 }, () => ex.run({ code, limits })));
  for (const r of runs) assert.equal(r.status, 'ok', `${r.status}: ${r.exception?.type} ${r.exception?.message}`);
  assert.equal(new Set(runs.map((r) => r.value!.repr)).size, 1, runs.map((r) => r.value?.repr ?? r.exception?.message).join(' / '));
  const seeded = await ex.run({ code, seed: 3, limits });
  assert.notEqual(seeded.value!.repr, runs[0].value!.repr);
  assert.equal((await ex.run({ code, seed: 3, limits })).value!.repr, seeded.value!.repr);
  // Program mode: the definition draws, then each call sees the seeded state again.
  const p = await ex.runProgram({ code: 'import random\nfirst = random.random()\ndef draw():\n    return random.random()', calls: ['draw()', 'draw()', 'first'] });
  assert.deepEqual(p.calls.map((c) => c.value!.repr), [p.calls[2].value!.repr, p.calls[2].value!.repr, p.calls[2].value!.repr]);
});

test('fixed clock freezes time.time, datetime.now and the time functions that default to now', async () => {
  const frozen = await createExecutor({ workers: 1, fixedClock: 1_700_000_000, onWarning: () => undefined });
  try {
    const r = await frozen.run({ code: 'import time, datetime\n(time.time(), datetime.datetime.now().year)' });
    assert.equal(r.value!.repr, '(1700000000.0, 2023)');
    const c = await frozen.run({ code: "import time\n(time.gmtime().tm_year, time.strftime('%Y-%m-%d', time.gmtime()), time.localtime().tm_yday, time.ctime()[-4:], time.gmtime(0).tm_year)" });
    assert.equal(c.value!.repr, "(2023, '2023-11-14', 318, '2023', 1970)");
    // Values made under the frozen clock read as the real classes' do, not as the stand-ins'.
    const d = await frozen.run({ code: 'import datetime\n(datetime.datetime(2038, 5, 12, 13, 20), datetime.date(2024, 2, 29), datetime.datetime.now().replace(microsecond=0))' });
    assert.equal(d.value!.repr, '(datetime.datetime(2038, 5, 12, 13, 20), datetime.date(2024, 2, 29), datetime.datetime(2023, 11, 14, 22, 13, 20))');
  } finally {
    await frozen.close();
  }
});

test('program mode: a loop in C code stops at its own call\'s CPU limit, even after an earlier call lifted the rlimit', async () => {
  // Call 1 lifts the soft RLIMIT_CPU to the child's hard ceiling; call 2 spins inside C code, where
  // only the rlimit (not the Python-level timer) can stop it: it must stop near its own 1 s.
  const code = 'import resource\ndef lift():\n    s, h = resource.getrlimit(resource.RLIMIT_CPU)\n    resource.setrlimit(resource.RLIMIT_CPU, (h, h))\n    return h';
  const r = await ex.runProgram({ code, calls: ['lift()', 'sum(range(10**12))', 'lift()', '1'], limits: { cpuMs: 1000, timeoutMs: 20_000 } });
  assert.deepEqual(r.calls.map((c) => c.status), ['ok', 'timeout', 'ok', 'ok']);
  assert.ok(r.calls[1].cpuMs < 3000, `the C loop ran ${r.calls[1].cpuMs} ms of CPU (wall ${r.calls[1].wallMs} ms)`);
});


test('a loop in C code stops near its CPU limit, not at RLIMIT_CPU\'s next whole second', async () => {
  // 200 ms of CPU: the user-CPU timer ends the process at 1.25 x 200 + 50 = 300 ms; RLIMIT_CPU alone
  // would have let it run to its soft limit, a whole second. A loop in Python code still gets its
  // CpuTimeout at the limit and keeps the program's child (one fork), the loop in C costs one more.
  const one = await ex.run({ code: 'sum(range(10**12))', limits: { cpuMs: 200, timeoutMs: 20_000 } });
  assert.equal(one.status, 'timeout');
  assert.equal(one.exception!.message, 'CPU limit exceeded');
  assert.ok(one.cpuMs >= 150 && one.cpuMs < 600, `the C loop ran ${one.cpuMs} ms of CPU`);
  const code = 'def spin():\n    while True:\n        pass';
  const r = await ex.runProgram({ code, calls: ['spin()', '1', 'sum(range(10**12))', '2'], limits: { cpuMs: 200, timeoutMs: 20_000 } });
  assert.deepEqual(r.calls.map((c) => c.status), ['timeout', 'ok', 'timeout', 'ok']);
  assert.ok(r.calls[2].cpuMs < 600, `the C loop ran ${r.calls[2].cpuMs} ms of CPU`);
  assert.equal(r.forks, 2);
});
test('program mode: one fork for many calls; each call has its own limits, output and value', async () => {
  const code = 'state = []\ndef f(x):\n    print("call", x)\n    if x == 3:\n        while True:\n            pass\n    if x == 5:\n        import os\n        os._exit(1)\n    return x * 2';
  const calls = Array.from({ length: 8 }, (_, i) => `f(${i})`);
  const r = await ex.runProgram({ code, calls, limits: { timeoutMs: 500 } });
  assert.equal(r.setup.status, 'ok');
  assert.deepEqual(r.calls.map((c) => c.status), ['ok', 'ok', 'ok', 'timeout', 'ok', 'crash', 'ok', 'ok']);
  assert.deepEqual(r.calls.map((c) => c.value?.repr ?? null), ['0', '2', '4', null, '8', null, '12', '14']);
  assert.equal(r.calls[6].stdout, 'call 6\n');
  assert.equal(r.forks, 3, 'a killed call costs one more fork, not one per call');
});

test('program mode: each call sees only its own output, whether or not the call before printed', async () => {
  const code = 'import sys\ndef f(x):\n    if x % 3 == 0:\n        print("out", x)\n    if x % 4 == 0:\n        sys.stderr.write(f"err {x}")\n    return x';
  const r = await ex.runProgram({ code, calls: Array.from({ length: 9 }, (_, i) => `f(${i})`) });
  assert.deepEqual(r.calls.map((c) => c.stdout), ['out 0\n', '', '', 'out 3\n', '', '', 'out 6\n', '', '']);
  assert.deepEqual(r.calls.map((c) => c.stderr), ['err 0', '', '', '', 'err 4', '', '', '', 'err 8']);
});

test('program mode: a failing definition fails every call the same way', async () => {
  const r = await ex.runProgram({ code: 'import not_a_module_xyz\ndef f(x):\n    return x', calls: ['f(1)', 'f(2)'] });
  assert.equal(r.setup.status, 'error');
  assert.deepEqual(r.calls.map((c) => c.exception?.type), ['ModuleNotFoundError', 'ModuleNotFoundError']);
});

test('program mode: line tracing reports executed lines of the program', async () => {
  const code = 'def f(x):\n    if x > 0:\n        return 1\n    return -1';
  const r = await ex.runProgram({ code, calls: ['f(1)', 'f(-1)'], traceLines: true });
  assert.deepEqual(r.calls[0].lines, [2, 3]);
  assert.deepEqual(r.calls[1].lines, [2, 4]);
});

test('program mode: traced calls count their steps, the same in every run; past a step limit a call is a timeout', async () => {
  // Lines of the program count 1, a Python frame entered anywhere 8 (here: f's own frame only).
  const code = 'def f(n):\n    s = 0\n    for i in range(n):\n        s += i\n    return s';
  const runs = await Promise.all([0, 1, 2].map(() => ex.runProgram({ code, calls: ['f(0)', 'f(10)', 'f(1000)'], traceLines: true })));
  const steps = runs.map((r) => r.calls.map((c) => c.steps));
  assert.deepEqual(steps[1], steps[0]);
  assert.deepEqual(steps[2], steps[0]);
  const [s0, s10, s1000] = steps[0] as number[];
  // f(n) runs 2 + 2n + 1 + (loop exit) lines: each iteration adds exactly two steps.
  assert.equal(s1000 - s10, 2 * 990);
  assert.ok(s0 >= 8 + 3, `f(0): ${s0} steps`);
  // The limit binds on steps alone: a loop far below any CPU limit stops, an equal one just under it runs.
  const limited = await ex.runProgram({ code, calls: ['f(10)', 'f(1000)', 'f(10)'], limits: { steps: s10 + 5 } });
  assert.deepEqual(limited.calls.map((c) => c.status), ['ok', 'timeout', 'ok']);
  assert.match(limited.calls[1].exception?.message ?? '', /step limit/);
  assert.equal(limited.calls[2].value?.repr, '45');
  // Untraced and unlimited calls are not counted.
  const plain = await ex.runProgram({ code, calls: ['f(10)'] });
  assert.equal(plain.calls[0].steps, undefined);
});

test('program mode: the definition runs under setupLimits when given, the calls under limits', async () => {
  // A definition that loops (imports that run much Python) past the calls' step limit.
  const code = 'T = 0\nfor i in range(3000):\n    T += i\ndef f(n):\n    s = 0\n    for i in range(n):\n        s += i\n    return s';
  const tight = { steps: 2000 };
  const held = await ex.runProgram({ code, calls: ['f(10)', 'f(5000)'], limits: tight });
  assert.equal(held.setup.status, 'timeout');
  assert.deepEqual(held.calls.map((c) => c.status), ['timeout', 'timeout']);
  const own = await ex.runProgram({ code, calls: ['f(10)', 'f(5000)', 'T'], limits: tight, setupLimits: { steps: 100_000 }, traceLines: true });
  assert.equal(own.setup.status, 'ok');
  assert.ok((own.setup.steps ?? 0) > 2000, `definition took ${own.setup.steps} steps`);
  assert.deepEqual(own.calls.map((c) => c.status), ['ok', 'timeout', 'ok']);
  assert.match(own.calls[1].exception?.message ?? '', /step limit/);
  assert.equal(own.calls[2].value?.repr, String((2999 * 3000) / 2));
  // A definition killed past its own wall deadline is reported as such, not under the calls' limits.
  const slow = await ex.runProgram({ code: 'import time\nwhile True:\n    time.sleep(0.01)', calls: ['1'], limits: { timeoutMs: 3000 }, setupLimits: { timeoutMs: 300, cpuMs: 300 } });
  assert.equal(slow.setup.status, 'timeout');
  assert.ok(slow.wallMs < 2500, `the definition's deadline bound: ${slow.wallMs} ms`);
});

test('program mode: stopAfter ends the request at the t-th timeout among its first n calls', async () => {
  const code = 'import time\ndef spin():\n    while True:\n        pass\ndef nap():\n    time.sleep(10)\ndef f(x):\n    return x + 1';
  const limits = { steps: 5000, cpuMs: 500, timeoutMs: 400 };
  const stopAfter = { calls: 2, timeouts: 2 };
  // Two timeouts in the child: the rest are not run.
  const both = await ex.runProgram({ code, calls: ['spin()', 'spin()', 'f(1)', 'f(2)'], limits, stopAfter });
  assert.deepEqual(both.calls.map((c) => c.status), ['timeout', 'timeout']);
  // The second timeout comes before the n-th call: it ends the request at once.
  const early = await ex.runProgram({ code, calls: ['spin()', 'spin()', 'f(1)', 'f(2)'], limits, stopAfter: { calls: 3, timeouts: 2 } });
  assert.deepEqual(early.calls.map((c) => c.status), ['timeout', 'timeout']);
  // One: every call runs, in the same child.
  const one = await ex.runProgram({ code, calls: ['spin()', 'f(0)', 'f(1)', 'f(2)'], limits, stopAfter });
  assert.deepEqual(one.calls.map((c) => c.value?.repr ?? c.status), ['timeout', '1', '2', '3']);
  assert.equal(one.forks, 1);
  // The second timeout kills its child (a wait past the deadline): the worker stops there too.
  const killed = await ex.runProgram({ code, calls: ['spin()', 'nap()', 'f(1)'], limits, stopAfter });
  assert.deepEqual(killed.calls.map((c) => c.status), ['timeout', 'timeout']);
  assert.match(killed.calls[1].exception?.message ?? '', /wall deadline/);
  // Timeouts later than the probe's calls do not stop it.
  const late = await ex.runProgram({ code, calls: ['f(0)', 'f(1)', 'spin()', 'spin()', 'f(4)'], limits, stopAfter });
  assert.deepEqual(late.calls.map((c) => c.value?.repr ?? c.status), ['1', '2', 'timeout', 'timeout', '5']);
});

test('program mode: stopAfter.work ends the request at the call that brings its calls\' steps past the limit, alike in every run', async () => {
  // f(n) runs about n lines; each call is charged its steps plus perCall, a timeout perTimeout.
  const code = 'def f(n):\n    t = 0\n    for i in range(n):\n        t += i\n    return t\ndef spin():\n    while True:\n        pass';
  const limits = { steps: 50_000, cpuMs: 500, timeoutMs: 2000 };
  const calls = ['f(1000)', 'f(1000)', 'f(1000)', 'f(1000)', 'f(1000)'];
  const all = await ex.runProgram({ code, calls, limits, traceLines: true });
  const each = all.calls[0].steps!;
  assert.ok(each > 2000 && all.calls.every((c) => c.steps === each), `each call ${each} steps`);
  const work = (limit: number) => ({ calls: 0, timeouts: 0, work: { limit, perCall: 100, perTimeout: 10 * each } });
  // Past the limit within the third call: three calls run, then the request ends; the same again.
  const cut = await ex.runProgram({ code, calls, limits, traceLines: true, stopAfter: work(2 * (each + 100) + 1) });
  assert.deepEqual(cut.calls.map((c) => c.status), ['ok', 'ok', 'ok']);
  const again = await ex.runProgram({ code, calls, limits, traceLines: true, stopAfter: work(2 * (each + 100) + 1) });
  assert.equal(again.calls.length, 3);
  // Exactly at the limit is not past it.
  assert.equal((await ex.runProgram({ code, calls, limits, traceLines: true, stopAfter: work(3 * (each + 100)) })).calls.length, 4);
  // A timeout is charged perTimeout, whatever it reached: a step-limit timeout ends it at once, and so
  // does one that kills its child (here the CPU limit), with the probe's timeout rule alongside.
  const timed = await ex.runProgram({ code, calls: ['f(10)', 'f(10**6)', 'f(10)', 'f(10)'], limits, traceLines: true, stopAfter: work(5 * each) });
  assert.deepEqual(timed.calls.map((c) => c.status), ['ok', 'timeout']);
  const killed = await ex.runProgram({ code, calls: ['f(10)', 'spin()', 'f(10)'], limits: { ...limits, steps: undefined, cpuMs: 200 }, traceLines: true, stopAfter: { ...work(5 * each), calls: 3, timeouts: 3 } });
  assert.deepEqual(killed.calls.map((c) => c.status), ['ok', 'timeout']);
});

test('program mode: a definition never sees output an earlier request\'s calls left behind in the worker', async () => {
  // One worker: a call-mode death leaves the worker believing the capture is empty; a program whose
  // last call floods stdout must not then leak into the next program's definition.
  const one = await createExecutor({ workers: 1, limits: { timeoutMs: 3000 }, onWarning: () => undefined });
  try {
    const dead = await one.run({ code: 'import os\nos._exit(3)' });
    assert.equal(dead.status, 'crash');
    const flood = await one.runProgram({ code: 'def f():\n    print("x" * 5000)', calls: ['f()'], limits: { outputBytes: 1000 } });
    assert.equal(flood.calls[0].status, 'output_limit');
    const quiet = await one.runProgram({ code: 'def g():\n    return 1', calls: ['g()'], limits: { outputBytes: 1000 } });
    assert.equal(quiet.setup.status, 'ok', JSON.stringify(quiet.setup));
    assert.equal(quiet.setup.stdout, '');
    assert.equal(quiet.calls[0].value?.repr, '1');
  } finally {
    await one.close();
  }
});

test('sessions keep state across cells, are isolated from each other, and fork isolated runs', async () => {
  const a = await ex.openSession({ profile: 'plain' });
  const b = await ex.openSession({ profile: 'plain' });
  try {
    assert.equal((await a.runCell('x = 10')).status, 'ok');
    assert.equal((await a.runCell('x += 5\nx')).value!.repr, '15');
    assert.equal((await b.runCell('x')).exception!.type, 'NameError');
    const iso = await a.runIsolated('x = -1\ny = x * 2', 'y');
    assert.equal(iso.value!.repr, '-2');
    assert.equal((await a.inspect('x')).value!.repr, '15', 'an isolated run must not change the session');
    const err = await a.runCell('1/0');
    assert.equal(err.status, 'error');
    assert.equal((await a.runCell('x')).value!.repr, '15', 'an error keeps the state');
    const hang = await a.runCell('import time\ntime.sleep(30)', { timeoutMs: 300 });
    assert.equal(hang.status, 'timeout');
    assert.equal(a.alive, false);
    assert.equal((await a.runCell('x')).status, 'crash');
    assert.equal((await b.runCell('1 + 1')).value!.repr, '2', 'another session is unaffected');
  } finally {
    await a.close();
    await b.close();
  }
});

test('datasci profile: pandas and numpy values in the canonical model', async () => {
  const r = await ex.run({ profile: 'datasci', code: "import pandas as pd\ndf = pd.DataFrame({'k': ['a', 'b', 'a'], 'v': [1.0, float('nan'), 3.0]})\ndf.groupby('k').v.sum()" });
  assert.equal(r.status, 'ok');
  assert.equal(r.value!.value.t, 'series');
  const n = await ex.run({ profile: 'datasci', code: 'import numpy as np\nnp.arange(6).reshape(2, 3)' });
  assert.deepEqual((n.value!.value as { shape: number[] }).shape, [2, 3]);
  const threads = await ex.run({ profile: 'datasci', code: "import os\nos.environ.get('OPENBLAS_NUM_THREADS')" });
  assert.equal(threads.value!.repr, "'1'");
});

test('batch: answers in input order, bad lines answered as invalid without ending the stream', async () => {
  const input = [
    JSON.stringify({ id: 'slow', code: 'import time\ntime.sleep(0.3)\n1' }),
    'not json',
    JSON.stringify({ id: 'fast', code: '2' }),
    JSON.stringify({ code: 'missing id' }),
    JSON.stringify({ id: 4, code: 'def f(x):\n    return x', call: 'f(4)', timeout_ms: 1000 }),
  ];
  const out: BatchLine[] = [];
  const stats = await runBatch(Readable.from(input), ex, (l) => { out.push(l); }, 8);
  assert.deepEqual(out.map((l) => [l.id, l.status]), [['slow', 'ok'], [null, 'invalid'], ['fast', 'ok'], [null, 'invalid'], [4, 'ok']]);
  assert.equal(stats.invalid, 2);
  assert.equal(out[4].repr, '4');
});

test('program mode: a call that does not compile fails alone; unbalanced brackets cannot reshape other calls', async () => {
  const r = await ex.runProgram({ code: 'def f(x):\n    return x', calls: ['f(1)', 'f(2', 'f(3)'] });
  assert.deepEqual(r.calls.map((c) => c.status), ['ok', 'error', 'ok']);
  assert.equal(r.calls[1].exception!.type, 'SyntaxError');
  const s = await ex.runProgram({ code: 'def f(x):\n    return x', calls: ['f(1)), (lambda: f(9)', 'f(2)'] });
  assert.deepEqual(s.calls.map((c) => c.value?.repr ?? c.status), ['error', '2']);
});
