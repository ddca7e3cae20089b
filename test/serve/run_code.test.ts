// POST /run_code as SandboxFusion's clients use it: success, runtime and syntax errors, time and
// memory limits, stdin, files in and out, exit statuses; bad requests get 400/413 naming the field;
// the executor's red-team snippets are all contained and the server serves on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CaseforgeServer } from '../../src/serve/server.js';
import { HOSTILE } from '../support/hostile.js';
import { sandboxIdentityProcesses } from '../support/processes.js';
import { post, testServer } from './support.js';

let server: CaseforgeServer;
before(async () => { server = await testServer({ maxBodyMb: 1 }); });
after(async () => { await server.close(); });

const run = (code: string, extra: Record<string, unknown> = {}) => post(server, '/run_code', { code, language: 'python', ...extra });

test('success: stdout, return code 0, the SandboxFusion response shape', async () => {
  const r = await run('print(123)');
  assert.equal(r.status, 200);
  assert.deepEqual(Object.keys(r.body).sort(), ['compile_result', 'executor_pod_name', 'files', 'message', 'run_result', 'status']);
  assert.equal(r.body.status, 'Success');
  assert.equal(r.body.run_result.status, 'Finished');
  assert.equal(r.body.run_result.return_code, 0);
  assert.equal(r.body.run_result.stdout, '123\n');
  assert.equal(typeof r.body.run_result.execution_time, 'number');
});

test('runtime error: Failed, Finished with status 1, the traceback on stderr', async () => {
  const r = await run('x = 1\nassert x == 2, "x is not 2"');
  assert.equal(r.body.status, 'Failed');
  assert.equal(r.body.run_result.status, 'Finished');
  assert.equal(r.body.run_result.return_code, 1);
  assert.match(r.body.run_result.stderr, /Traceback \(most recent call last\):\n {2}File "main.py", line 2, in <module>\n {4}assert x == 2/);
  assert.match(r.body.run_result.stderr, /AssertionError: x is not 2\n$/);
  assert.doesNotMatch(r.body.run_result.stderr, /cf_serve_run/);
});

test('syntax error: as the interpreter reports a script that does not compile', async () => {
  const r = await run('int a = 1');
  assert.equal(r.body.status, 'Failed');
  assert.equal(r.body.run_result.return_code, 1);
  assert.match(r.body.run_result.stderr, /SyntaxError: invalid syntax/);
});

test('timeout: TimeLimitExceeded with no return code, at run_timeout', async () => {
  const t0 = Date.now();
  const r = await run('import time\nprint("started", flush=True)\ntime.sleep(5)', { run_timeout: 0.5 });
  assert.equal(r.body.status, 'Failed');
  assert.equal(r.body.run_result.status, 'TimeLimitExceeded');
  assert.equal(r.body.run_result.return_code, null);
  assert.equal(r.body.run_result.stdout, 'started\n');
  assert.ok(Date.now() - t0 < 3000, 'the time limit was not kept');
});

test('memory limit: MemoryLimitExceeded, not a machine out of memory', async () => {
  const r = await run('x = bytearray(2 * 1024**3)', { memory_limit_MB: 256 });
  assert.equal(r.body.status, 'Failed');
  assert.equal(r.body.run_result.status, 'MemoryLimitExceeded');
  assert.match(r.body.run_result.stderr, /File "main.py", line 1[\s\S]*MemoryError/);
  const small = await run('x = bytearray(64 * 1024**2)\nprint(len(x))', { memory_limit_MB: 256 });
  assert.equal(small.body.status, 'Success', 'an allocation under the limit works');
});

test('stdin, files in (base64) and fetch_files out', async () => {
  const r = await run('import sys\nn = int(input())\nrest = sys.stdin.read()\nprint(n * 2, rest.split())\nprint(open("d/e/in.txt").read())\nopen("out.bin", "wb").write(bytes([0, 255]))', {
    stdin: '21\na b\n', files: { 'd/e/in.txt': Buffer.from('hello').toString('base64') }, fetch_files: ['out.bin', 'missing.txt'],
  });
  assert.equal(r.body.status, 'Success', JSON.stringify(r.body));
  assert.equal(r.body.run_result.stdout, "42 ['a', 'b']\nhello\n");
  assert.deepEqual(r.body.files, { 'out.bin': Buffer.from([0, 255]).toString('base64') });
  const next = await run('import os\nprint(sorted(os.listdir(".")))');
  assert.equal(next.body.run_result.stdout, '[]\n', 'the next request sees an empty directory');
});

test('exit statuses: sys.exit(n), sys.exit("msg"), os._exit, a signal', async () => {
  assert.equal((await run('import sys\nsys.exit(3)')).body.run_result.return_code, 3);
  assert.equal((await run('import sys\nsys.exit(0)')).body.status, 'Success');
  const msg = await run('import sys\nsys.exit("bye")');
  assert.equal(msg.body.run_result.return_code, 1);
  assert.equal(msg.body.run_result.stderr, 'bye\n');
  const raw = await run('import os\nprint("x", flush=True)\nos._exit(4)');
  assert.deepEqual([raw.body.status, raw.body.run_result.return_code, raw.body.run_result.stdout], ['Failed', 4, 'x\n']);
  const sig = await run(HOSTILE.segfault);
  assert.deepEqual([sig.body.status, sig.body.run_result.status, sig.body.run_result.return_code], ['Failed', 'Finished', -11]);
});

test('the script runs as __main__ and its non-daemon threads finish', async () => {
  const r = await run('import threading, time\ndef w():\n    time.sleep(0.2)\n    print("thread done")\nthreading.Thread(target=w).start()\nif __name__ == "__main__":\n    print("main")');
  assert.equal(r.body.run_result.stdout, 'main\nthread done\n');
});

test('languages other than Python get a clear 400', async () => {
  const r = await post(server, '/run_code', { code: 'int main() {}', language: 'cpp' });
  assert.equal(r.status, 400);
  assert.equal(r.body.status, 'SandboxError');
  assert.equal(r.body.field, 'language');
  assert.match(r.body.message, /'cpp' is not supported: caseforge serve runs Python only/);
});

test('malformed requests: 400 naming the field', async () => {
  const cases: Array<[unknown, string]> = [
    [{ language: 'python' }, 'code'],
    [{ code: 1, language: 'python' }, 'code'],
    [{ code: 'print(1)', language: 'python', run_timeout: -1 }, 'run_timeout'],
    [{ code: 'print(1)', language: 'python', run_timeout: 10_000 }, 'run_timeout'],
    [{ code: 'print(1)', language: 'python', files: { '../x': 'aGk=' } }, 'files.../x'],
    [{ code: 'print(1)', language: 'python', files: { 'a.txt': 'not base64!' } }, 'files.a.txt'],
    [{ code: 'print(1)', language: 'python', profile: 'datasci' }, 'profile'],
  ];
  for (const [body, field] of cases) {
    const r = await post(server, '/run_code', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.body.field, field, JSON.stringify(r.body));
  }
  const bad = await post(server, '/run_code', '{"code": "print(1)", ');
  assert.equal(bad.status, 400);
  assert.match(bad.body.error, /not valid JSON/);
});

test('a body over --max-body-mb is 413', async () => {
  const r = await post(server, '/run_code', { code: `x = "${'a'.repeat(1.5 * 2 ** 20)}"`, language: 'python' });
  assert.equal(r.status, 413);
});

test('the red-team snippets are contained, each with its verdict, and the server serves on', async () => {
  const limits = { run_timeout: 1.5, memory_limit_MB: 256 };
  const expect: Record<keyof typeof HOSTILE, (b: any) => boolean> = { // eslint-disable-line @typescript-eslint/no-explicit-any
    infiniteLoop: (b) => b.run_result.status === 'TimeLimitExceeded',
    sleep: (b) => b.run_result.status === 'TimeLimitExceeded',
    loopInC: (b) => b.run_result.status === 'TimeLimitExceeded',
    ignoreSignals: (b) => b.run_result.status === 'TimeLimitExceeded',
    memoryBomb: (b) => b.run_result.status === 'MemoryLimitExceeded',
    growingMemory: (b) => b.run_result.status === 'MemoryLimitExceeded',
    forkBomb: (b) => b.status === 'Failed',
    threadBomb: (b) => b.status === 'Failed' && /can't start new thread/.test(b.run_result.stderr),
    hugeStdout: (b) => b.run_result.status === 'OutputLimitExceeded',
    exitWithoutResult: (b) => b.status === 'Success' && b.run_result.return_code === 0,
    killParent: (b) => b.run_result.return_code === 1 && /PermissionError/.test(b.run_result.stderr),
    nameResolution: (b) => b.run_result.return_code === 1 && /gaierror|OSError/.test(b.run_result.stderr),
    deepRecursion: (b) => b.run_result.return_code === 1 && /RecursionError/.test(b.run_result.stderr),
    cStackRecursion: (b) => b.status === 'Failed',
    segfault: (b) => b.run_result.return_code === -11,
    closeStdio: (b) => b.status === 'Success',
    setsidDaemon: (b) => b.status === 'Success',
  };
  const answers = await Promise.all(Object.entries(HOSTILE).map(async ([name, code]) => [name, await run(code, limits)] as const));
  for (const [name, r] of answers) {
    assert.equal(r.status, 200, name);
    assert.ok(expect[name as keyof typeof HOSTILE](r.body), `${name}: ${JSON.stringify(r.body).slice(0, 400)}`);
  }
  const probe = await run('print(6 * 7)');
  assert.equal(probe.body.run_result.stdout, '42\n');
  assert.deepEqual(sandboxIdentityProcesses().map((p) => p.cmd), [], 'processes left behind');
});
