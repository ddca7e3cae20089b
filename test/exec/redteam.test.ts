// Hostile code, each case contained with the right status; after each, the pool still serves, and
// at the end no process is left behind and nothing was written outside the private directory.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecutor, type Executor } from '../../src/exec/executor.js';
import type { CallResult, CallStatus } from '../../src/exec/types.js';
import { descendants, sandboxIdentityProcesses } from '../support/processes.js';
import { REPO_ROOT } from '../support/paths.js';
import { HOSTILE } from '../support/hostile.js';

let ex: Executor;
let server: Server;
let port = 0;
let connections = 0;
let secretDir = '';
const SECRET = `caseforge-secret-${process.pid}-${Date.now()}`;
const MARK = `cf-redteam-${process.pid}`;
const LIMITS = { timeoutMs: 1500, cpuMs: 1500, memoryMb: 256, outputBytes: 64 * 1024, valueBytes: 64 * 1024, maxProcesses: 8 };

before(async () => {
  ex = await createExecutor({ workers: 2, limits: LIMITS, onWarning: () => undefined });
  server = createServer((s) => { connections++; s.destroy(); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
  secretDir = mkdtempSync(join(tmpdir(), 'cf-secret-'));
  writeFileSync(join(secretDir, 'secret.txt'), SECRET);
});

after(async () => {
  await ex.close();
  server.close();
  rmSync(secretDir, { recursive: true, force: true });
});

const sandboxed = () => ex.isolation === 'bwrap';

async function expectContained(code: string, status: CallStatus | CallStatus[], check?: (r: CallResult) => void): Promise<void> {
  const r = await ex.run({ code });
  const allowed = Array.isArray(status) ? status : [status];
  assert.ok(allowed.includes(r.status), `expected ${allowed.join('|')} for ${JSON.stringify(code)}, got ${r.status}: ${r.exception?.type} ${r.exception?.message}`);
  check?.(r);
  const probe = await ex.run({ code: '6 * 7' });
  assert.equal(probe.status, 'ok', `pool stopped serving after ${JSON.stringify(code)}: ${probe.exception?.message}`);
  assert.equal(probe.value?.repr, '42');
}

test('infinite loop times out', () => expectContained(HOSTILE.infiniteLoop, 'timeout'));
test('sleep times out at the wall deadline', () => expectContained(HOSTILE.sleep, 'timeout'));
test('busy loop inside C code is stopped', () => expectContained(HOSTILE.loopInC, 'timeout'));
test('memory bomb hits the memory limit', () => expectContained(HOSTILE.memoryBomb, 'memory'));
test('growing memory hits the memory limit', () => expectContained(HOSTILE.growingMemory, 'memory'));

test('fork bomb is bounded by the process limit', () =>
  expectContained(HOSTILE.forkBomb, ['error', 'timeout'], (r) => {
    if (r.status === 'error') assert.match(r.exception!.type, /BlockingIOError|OSError/);
  }));

test('thread bomb is bounded by the process limit', () =>
  expectContained(HOSTILE.threadBomb, 'error', (r) => {
    assert.match(r.exception!.message, /can't start new thread/);
  }));

test('huge stdout stops at the output cap', () =>
  expectContained(HOSTILE.hugeStdout, 'output_limit', (r) => {
    assert.ok(r.stdout.length <= LIMITS.outputBytes);
    assert.equal(r.outputTruncated, true);
  }));

test('os._exit is a crash of that call only', () => expectContained(HOSTILE.exitWithoutResult, 'crash'));
test('sys.exit is an error with SystemExit', () =>
  expectContained('import sys\nsys.exit(3)', 'error', (r) => assert.equal(r.exception!.type, 'SystemExit')));

test('killing the parent worker is refused', () =>
  expectContained(HOSTILE.killParent, 'error', (r) => assert.equal(r.exception!.type, 'PermissionError')));

test('overriding signal handlers does not escape the deadline', () =>
  expectContained(HOSTILE.ignoreSignals, 'timeout'));

test('no network: a port the test opened on 127.0.0.1 is unreachable', { skip: false }, async (t) => {
  if (!sandboxed()) return t.skip('isolation degraded here: no network namespace (install bubblewrap)');
  await expectContained(`import socket\nsocket.create_connection(('127.0.0.1', ${port}), timeout=1)`, 'error');
  assert.equal(connections, 0, 'the sandboxed code reached the test server');
});

test('no name resolution', async (t) => {
  if (!sandboxed()) return t.skip('isolation degraded here: no network namespace (install bubblewrap)');
  await expectContained(HOSTILE.nameResolution, 'error', (r) => assert.match(r.exception!.type, /gaierror|OSError/));
});

test('writing to /tmp outside the private directory fails', async (t) => {
  if (!sandboxed()) return t.skip('isolation degraded here: /tmp is shared (install bubblewrap)');
  await expectContained(`open('/tmp/${MARK}', 'w').write('x')`, 'error');
  assert.equal(existsSync(join(tmpdir(), MARK)), false);
});

test('writing into the project fails', async (t) => {
  if (!sandboxed()) return t.skip('isolation degraded here: filesystem is writable (install bubblewrap)');
  await expectContained(`open(${JSON.stringify(join(REPO_ROOT, MARK))}, 'w').write('x')`, 'error');
  assert.equal(existsSync(join(REPO_ROOT, MARK)), false);
});

test('a secret outside the allowed paths cannot be read', async (t) => {
  if (!sandboxed()) return t.skip('isolation degraded here: filesystem is readable (install bubblewrap)');
  await expectContained(`open(${JSON.stringify(join(secretDir, 'secret.txt'))}).read()`, 'error', (r) => {
    assert.ok(!JSON.stringify(r).includes(SECRET));
  });
});

test('writing inside the private directory works, and it is empty for the next call', async () => {
  const w = await ex.run({ code: "open('scratch.txt', 'w').write('hello')\nimport os\nsorted(os.listdir('.'))" });
  assert.equal(w.status, 'ok');
  assert.equal(w.value?.repr, "['scratch.txt']");
  for (let i = 0; i < 4; i++) {
    const r = await ex.run({ code: "import os\nos.listdir('.')" });
    assert.equal(r.value?.repr, '[]');
  }
});

test('deep recursion is an error', () =>
  expectContained(HOSTILE.deepRecursion, 'error', (r) => assert.equal(r.exception!.type, 'RecursionError')));

test('unbounded recursion past the C stack is a crash of that call only', () =>
  expectContained(HOSTILE.cStackRecursion, ['crash', 'memory', 'error', 'timeout']));

test('a segfault through ctypes is a crash', () => expectContained(HOSTILE.segfault, 'crash'));

test('changing builtins does not reach the next call', async () => {
  await expectContained('import builtins\nbuiltins.len = lambda x: 42\nlen([1, 2])', 'ok', (r) => assert.equal(r.value?.repr, '42'));
  for (let i = 0; i < 4; i++) {
    const r = await ex.run({ code: 'len([1, 2])' });
    assert.equal(r.value?.repr, '2');
  }
});

test('sabotaged builtins do not break how the call itself is reported', async () => {
  const sabotage = 'import builtins\nfor _n in ("len", "repr", "isinstance", "type", "str", "sorted", "print", "getattr"):\n    setattr(builtins, _n, None)\n';
  await expectContained(`${sabotage}({"a": [1, 2.5]}, {3})`, 'ok', (r) => assert.equal(r.value?.repr, "({'a': [1, 2.5]}, {3})"));
  await expectContained(`${sabotage}raise ValueError("boom")`, 'error', (r) => assert.equal(r.exception?.type, 'ValueError'));
  const p = await ex.runProgram({ code: sabotage, calls: ['[1, 2]', 'len([1, 2])'] });
  assert.equal(p.calls[0].value?.repr, '[1, 2]');
  assert.equal(p.calls[1].status, 'ok', 'the next call of a program sees the real builtins again');
  assert.equal(p.calls[1].value?.repr, '2');
});

test('frames forged into the result pipe cost only the forging program its results', async () => {
  // The child's result pipe is reachable from user code; what it writes there must not reach Node
  // as anything but a `crash` of that program's own calls (no NaN, no non-object, no broken JSON).
  const forge = [
    'import os, stat, struct',
    'def forge(payload):',
    '    for fd in range(3, 64):',
    '        try:',
    '            if stat.S_ISFIFO(os.fstat(fd).st_mode):',
    '                os.write(fd, struct.pack(">I", len(payload)) + payload)',
    '        except OSError:',
    '            pass',
    '    return 0',
  ].join('\n');
  for (const payload of ['b\'{"status": "ok", "cpu_ms": NaN}\'', 'b\'[1, 2]\'', 'b\'{"status": "ok"\'', 'b\'\\xff\\xfe\'']) {
    const r = await ex.run({ code: `${forge}\nforge(${payload})` });
    assert.equal(r.status, 'crash', `forged ${payload}`);
    const p = await ex.runProgram({ code: forge, calls: ['1', `forge(${payload})`, '3'] });
    assert.equal(p.calls.length, 3);
    assert.equal(p.calls[0].value?.repr, '1');
    assert.equal(p.calls[1].status, 'crash', `forged ${payload} in a program`);
    const probe = await ex.run({ code: '6 * 7' });
    assert.equal(probe.value?.repr, '42', 'the pool serves on');
  }
});

test('background threads and processes are left behind only until the call ends', async () => {
  const t0 = Date.now();
  await expectContained('import threading, time\nthreading.Thread(target=time.sleep, args=(100,)).start()\n1', 'ok');
  await expectContained("import subprocess\nsubprocess.Popen(['sleep', '100'])\n2", 'ok');
  await expectContained(HOSTILE.setsidDaemon, 'ok');
  assert.ok(Date.now() - t0 < 10_000, 'background work delayed the calls');
  assert.deepEqual(sandboxIdentityProcesses().map((p) => p.cmd), []);
});

test('closing fds 0-2 does not break the call', () =>
  expectContained(HOSTILE.closeStdio, 'ok', (r) => assert.equal(r.value?.repr, '5')));

test('raw writes to fd 1 and 2 are captured', () =>
  expectContained("import os\nos.write(1, b'to-out')\nos.write(2, b'to-err')\n0", 'ok', (r) => {
    assert.equal(r.stdout, 'to-out');
    assert.equal(r.stderr, 'to-err');
  }));

test('a return value whose repr raises is an error', () =>
  expectContained("class A:\n    def __repr__(self):\n        raise ValueError('no repr')\nA()", 'error', (r) => assert.equal(r.exception!.type, 'ReprError')));

test('an enormous return value is cut and flagged', () =>
  expectContained("'x' * 10**8", 'ok', (r) => {
    assert.equal(r.value!.flags.truncated, true);
    assert.ok(r.value!.repr.length <= LIMITS.valueBytes);
  }));

test('an unpicklable return value is described, with its memory address flagged', () =>
  expectContained('import threading\n(lambda: 1, threading.Lock())', 'ok', (r) => {
    assert.equal(r.value!.type, 'builtins.tuple');
    assert.equal(r.value!.flags.address, true);
  }));

test('a worker killed from outside gives crash results and is replaced', async () => {
  const pending = ex.run({ code: 'import time\ntime.sleep(1)\n1', limits: { timeoutMs: 5000 } });
  await new Promise((r) => setTimeout(r, 300));
  // Kill every worker process of this executor (bwrap wrappers and interpreters) from outside.
  for (const p of descendants()) if (p.cmd.includes('cf_worker.py')) try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ }
  const r = await pending;
  assert.equal(r.status, 'crash');
  // Requests sent while the dead workers' exits are still being noticed may crash too; within a few
  // seconds the pool must serve again from replacement workers.
  let next = await ex.run({ code: '1 + 1' });
  for (let i = 0; i < 20 && next.status !== 'ok'; i++) {
    await new Promise((res) => setTimeout(res, 250));
    next = await ex.run({ code: '1 + 1' });
  }
  assert.equal(next.status, 'ok');
});

test('nothing is left behind in the host /tmp', () => {
  assert.deepEqual(readdirSync(tmpdir()).filter((n) => n.includes(MARK)), []);
});
