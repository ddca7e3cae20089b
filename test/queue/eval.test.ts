// `caseforge eval --queue`: judged on workers, the same results as judged here (each sample's
// clocks, wall_ms and cpu_ms, are measurements and differ between any two runs).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordsOf } from '../support/dataset.js';
import { TestRedis, hasRedis } from '../support/redis.js';
import { caseforge, stopAll, worker, type Proc } from '../support/queue.js';

const root = mkdtempSync(join(tmpdir(), 'cf-queue-eval-'));
after(() => rmSync(root, { recursive: true, force: true }));

async function finished(p: Proc): Promise<void> {
  const { code, signal } = await p.exited;
  assert.equal(code, 0, `caseforge exited ${code ?? signal}: ${p.stderr().slice(-2000)}`);
}

const withoutClocks = (dir: string) => recordsOf(dir).map(({ wall_ms: _w, cpu_ms: _c, ...rest }) => JSON.stringify(rest));

test('eval humaneval --gold through the queue judges every sample as the local run does', { skip: hasRedis() ? false : 'no redis-server' }, async () => {
  const redis = await TestRedis.start();
  const workers = [worker(redis.url), worker(redis.url)];
  try {
    const localOut = join(root, 'local');
    const queuedOut = join(root, 'queued');
    const [l] = await Promise.all([
      finished(caseforge(['eval', 'humaneval', '--gold', '--out', localOut, '--workers', '2'])).then(() => 0),
      finished(caseforge(['eval', 'humaneval', '--gold', '--out', queuedOut, '--queue', redis.url])),
    ]);
    assert.equal(l, 0);
    const expected = withoutClocks(localOut);
    assert.equal(expected.length, 164);
    assert.deepEqual(withoutClocks(queuedOut), expected);
    const report = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    assert.deepEqual(report(queuedOut).pass_at_k, report(localOut).pass_at_k);
    assert.equal(report(queuedOut).units.done, 164);
    assert.match(workers.map((w) => w.stderr()).join(''), /job eval-/, 'the workers judged');
  } finally {
    await stopAll(workers);
    await redis.stop();
  }
});

test('eval --queue with an unreachable Redis ends in one line with the setup status', () => {
  return finished(caseforge(['eval', 'humaneval', '--gold', '--limit', '1', '--out', join(root, 'x'), '--queue', 'redis://127.0.0.1:1'])).then(
    () => assert.fail('an unreachable Redis must fail the run'),
    (err: Error) => assert.match(err.message, /exited 5: .*cannot reach Redis/),
  );
});
