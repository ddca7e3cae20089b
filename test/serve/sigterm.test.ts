// `caseforge serve` as a process: SIGTERM while work is in flight lets that work finish and be
// answered, refuses new work, stops the sandbox and exits 0, leaving no process behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths.js';
import { descendants } from '../support/processes.js';

const CLI = join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js');

test('SIGTERM drains in-flight work, then exits 0', async () => {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--workers', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m) resolve(m[1]);
    });
    setTimeout(() => reject(new Error(`no listening line: ${stderr}`)), 60_000).unref();
  });
  const run = (code: string) => fetch(`${url}/run_code`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, language: 'python' }),
  });
  const inFlight = run('import time\ntime.sleep(1.5)\nprint("finished")');
  await new Promise((r) => setTimeout(r, 400));
  const workers = descendants(child.pid).filter((p) => p.cmd.includes('cf_worker.py'));
  assert.ok(workers.length > 0, 'the server has sandbox workers');
  child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 100));
  const late = await run('print(1)').then((r) => r.status, () => 'refused');
  assert.ok(late === 'refused' || late === 503, `a request after SIGTERM got ${late}`);
  const res = await inFlight;
  assert.equal(res.status, 200);
  const body = await res.json() as { status: string; run_result: { stdout: string } };
  assert.deepEqual([body.status, body.run_result.stdout], ['Success', 'finished\n']);
  assert.equal(await exited, 0, stderr);
  assert.match(stderr, /SIGTERM: draining 1 running/);
  assert.match(stderr, /stopped/);
  const alive = () => workers.filter((w) => {
    try {
      return !/^State:\s+Z/m.test(readFileSync(`/proc/${w.pid}/status`, 'utf8'));
    } catch {
      return false;
    }
  });
  for (let i = 0; i < 50 && alive().length; i++) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(alive().map((w) => w.cmd), [], 'sandbox workers outlived the server');
});
