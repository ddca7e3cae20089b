// `caseforge worker` on SIGTERM: it finishes the jobs it holds, takes no more and exits 0; the run
// goes on with the other workers.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { REPO_ROOT } from '../support/paths.js';
import { TestRedis, hasRedis } from '../support/redis.js';
import { MAIN, activeJobs, alive, caseforge, sleep, stopAll, worker, type Proc } from '../support/queue.js';

const PROGRAMS = join(REPO_ROOT, 'test', 'fixtures', 'case2code', 'programs.py');
const root = mkdtempSync(join(tmpdir(), 'cf-queue-worker-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('a worker sent SIGTERM drains: its jobs are finished, not given back, and it exits 0', { skip: hasRedis() ? false : 'no redis-server' }, async () => {
  const redis = await TestRedis.start();
  const first = worker(redis.url);
  const workers: Proc[] = [first];
  try {
    const out = join(root, 'run');
    const run = caseforge(['case2code', '--source', PROGRAMS, '--out', out, '--no-progress', '--queue', redis.url, '--shard-size', '2']);
    let held: string[] = [];
    while (alive(run) && held.length === 0) {
      held = (await activeJobs(redis.url)).filter((j) => j.pid === first.child.pid).map((j) => j.id);
      await sleep(20);
    }
    assert.ok(held.length > 0, 'the worker held a job when told to stop');
    // `caseforge queue status` shows the run, its pipeline and folder, and the worker.
    const status = spawnSync(process.execPath, [MAIN, 'queue', 'status', redis.url, '--json'], { encoding: 'utf8' });
    assert.equal(status.status, 0, status.stderr);
    const runs = JSON.parse(status.stdout) as Array<{ info?: { pipeline: string; out: string }; workers: string[] }>;
    assert.equal(runs.length, 1);
    assert.deepEqual({ pipeline: runs[0].info?.pipeline, out: runs[0].info?.out }, { pipeline: 'case2code', out: out });
    assert.deepEqual(runs[0].workers, [`${hostname()}-${first.child.pid}`]);
    first.child.kill('SIGTERM');
    const { code } = await first.exited;
    assert.equal(code, 0, first.stderr());
    assert.match(first.stderr(), /draining/);
    for (const id of held) assert.ok(first.stderr().includes(`job ${id}:`), `the job ${id} it held was finished by it`);
    workers.push(worker(redis.url));
    const { code: runCode } = await run.exited;
    assert.equal(runCode, 0, run.stderr());
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    assert.deepEqual({ done: report.units.done, failed: report.units.failed }, { done: 12, failed: 0 });
  } finally {
    await stopAll(workers);
    await redis.stop();
  }
});
