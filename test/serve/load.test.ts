// Overload and access: a full queue answers 429 with Retry-After and serves again once it drains;
// a client that goes away has its waiting work dropped; a bearer token guards every route but
// /health; /metrics counts requests, executions, queue and restarts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Secret } from '../../src/llm/secret.js';
import { descendants } from '../support/processes.js';
import { get, post, testServer } from './support.js';

const SLOW = { code: 'import time\ntime.sleep(0.6)\nprint("done")', language: 'python' };

test('a full queue gives 429 with Retry-After; admitted work all completes; then it serves again', async () => {
  const server = await testServer({ maxQueue: 4 });
  try {
    // 2 workers x 2 slots run at once, 4 may wait: 8 fit, the rest of 14 are refused.
    const replies = await Promise.all(Array.from({ length: 14 }, () => post(server, '/run_code', SLOW)));
    const ok = replies.filter((r) => r.status === 200);
    const refused = replies.filter((r) => r.status === 429);
    assert.equal(ok.length + refused.length, 14, JSON.stringify(replies.map((r) => r.status)));
    assert.ok(ok.length >= 4 && ok.length <= 8, `admitted ${ok.length}`);
    assert.ok(refused.length >= 6, `refused ${refused.length}`);
    for (const r of ok) assert.equal(r.body.run_result.stdout, 'done\n');
    for (const r of refused) {
      assert.match(r.headers.get('retry-after') ?? '', /^\d+$/);
      assert.match(r.body.error, /queue full/);
    }
    const batch = await post(server, '/verify', { items: Array.from({ length: 9 }, () => ({ completion: '1', task: { family: 'cruxeval-o', code: 'def f(x): return x', input: '1', output: '1' } })) });
    assert.equal(batch.status, 429, 'a batch larger than the free slots and queue together is refused whole');
    const after = await post(server, '/run_code', { code: 'print(1)', language: 'python' });
    assert.equal(after.body.status, 'Success');
  } finally {
    await server.close();
  }
});

test('work of a client that went away is not run', async () => {
  const server = await testServer({ maxQueue: 64 });
  try {
    const hold = Array.from({ length: 4 }, () => post(server, '/run_code', SLOW)); // fills the 4 slots
    await new Promise((r) => setTimeout(r, 100));
    const abort = new AbortController();
    const gone = fetch(server.url + '/run', {
      method: 'POST', signal: abort.signal, headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ id: i, code: 'open("/proc/self/status").read()' }))),
    }).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(server.load().waiting, 20);
    abort.abort();
    assert.equal(await gone, 'aborted');
    await Promise.all(hold);
    const m = await get(server, '/metrics');
    assert.doesNotMatch(m.text, /caseforge_executions_total\{route="run"/, 'the dropped batch ran');
    assert.equal(server.load().waiting, 0);
  } finally {
    await server.close();
  }
});

test('bearer token: 401 without it or with a wrong one; /health stays open', async () => {
  const server = await testServer({ token: new Secret('s3cret-token') });
  try {
    const body = { code: 'print(1)', language: 'python' };
    assert.equal((await post(server, '/run_code', body)).status, 401);
    const wrong = await post(server, '/run_code', body, { authorization: 'Bearer nope' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers.get('www-authenticate'), 'Bearer');
    assert.equal((await post(server, '/run_code', body, { authorization: 'Bearer s3cret-token' })).body.status, 'Success');
    assert.equal((await get(server, '/metrics')).status, 401);
    assert.equal((await get(server, '/health')).status, 200);
  } finally {
    await server.close();
  }
});

test('/metrics in Prometheus text: requests, latency, executions by status, queue, restarts', async () => {
  const server = await testServer();
  try {
    await post(server, '/run_code', { code: 'print(1)', language: 'python' });
    await post(server, '/run_code', { code: 'while True: pass', language: 'python', run_timeout: 0.3 });
    await post(server, '/run_code', { code: 'import os\nos.kill(os.getppid(), 9)', language: 'python' });
    await post(server, '/run', { id: 1, code: '1/0' });
    const m = await get(server, '/metrics');
    assert.equal(m.status, 200);
    for (const line of [
      'caseforge_http_requests_total{route="/run_code",code="200"} 3',
      'caseforge_executions_total{route="run_code",status="ok"} 2',
      'caseforge_executions_total{route="run_code",status="timeout"} 1',
      'caseforge_executions_total{route="run",status="error"} 1',
      'caseforge_queue_depth 0',
      'caseforge_executions_in_flight 0',
    ]) assert.ok(m.text.includes(line), `missing ${line}`);
    assert.match(m.text, /caseforge_http_request_duration_seconds_bucket\{le="0.25",route="\/run_code"\} \d+/);
    assert.match(m.text, /^caseforge_worker_restarts \d+$/m);
  } finally {
    await server.close();
  }
});

test('a sandbox worker killed from outside: its call is a crash verdict, the worker is replaced and counted', async () => {
  const server = await testServer({ workers: 1 }); // one worker: the one killed is the one running the call
  try {
    const slow = post(server, '/run_code', { code: 'import time\ntime.sleep(3)', language: 'python' });
    await new Promise((r) => setTimeout(r, 300));
    const pythons = descendants().filter((p) => p.cmd.includes('cf_worker.py') && !p.cmd.includes('bwrap'));
    // The worker itself, not the child it forked for the call (which has the same command line).
    const workers = pythons.filter((p) => !pythons.some((q) => q.pid === p.ppid));
    assert.equal(workers.length, 1, 'one sandbox worker');
    const worker = workers[0];
    process.kill(worker.pid, 'SIGKILL');
    const r = await slow;
    assert.equal(r.status, 200);
    assert.equal(r.body.status, 'SandboxError');
    assert.match(r.body.message, /the sandbox lost this run/);
    for (let i = 0; i < 4; i++) assert.equal((await post(server, '/run_code', { code: 'print(1)', language: 'python' })).body.status, 'Success');
    assert.match((await get(server, '/metrics')).text, /^caseforge_worker_restarts 1$/m);
  } finally {
    await server.close();
  }
});
