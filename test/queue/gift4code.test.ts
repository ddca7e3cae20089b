// `caseforge gift4code --queue`: contexts processed by two `caseforge worker` processes make the
// local run's dataset, byte for byte. The data files travel with the jobs: one worker runs where
// the input folder is hidden from it (an empty tmpfs over it, in a mount namespace of its own), so
// it can only have read them from Redis.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { REPO_ROOT } from '../support/paths.js';
import { datasetBytes } from '../support/dataset.js';
import { TestRedis, hasRedis } from '../support/redis.js';
import { caseforge, hidden, stopAll, worker, type Proc } from '../support/queue.js';

const FIX = join(REPO_ROOT, 'test', 'fixtures', 'gift4code');
const root = mkdtempSync(join(tmpdir(), 'cf-queue-g4c-'));
after(() => rmSync(root, { recursive: true, force: true }));

async function finished(p: Proc): Promise<void> {
  const { code, signal } = await p.exited;
  assert.equal(code, 0, `caseforge exited ${code ?? signal}: ${p.stderr().slice(-2000)}`);
}

test('gift4code --queue == gift4code --generator offline, byte for byte: a dataset context and notebook contexts, their files read from Redis', { skip: hasRedis() ? false : 'no redis-server' }, async (t) => {
  // Four contexts: one of a data file, three of one notebook folder (two cut points of a notebook
  // that reads a file beside it, one of a notebook whose cells fail), so a folder's files travel once.
  const inputs = join(root, 'inputs');
  mkdirSync(join(inputs, 'data'), { recursive: true });
  mkdirSync(join(inputs, 'notebooks'));
  copyFileSync(join(FIX, 'data', 'shops.csv'), join(inputs, 'data', 'shops.csv'));
  for (const f of ['sales.ipynb', 'orders.csv', 'failing.ipynb']) copyFileSync(join(FIX, 'notebooks', f), join(inputs, 'notebooks', f));
  const args = (out: string) => ['gift4code', '--data', join(inputs, 'data'), '--notebooks', join(inputs, 'notebooks'), '--generator', 'offline',
    '--candidates', '12', '--seed', '5', '--out', out, '--no-progress'];
  const redis = await TestRedis.start();
  const blind = hidden(inputs);
  if ('why' in blind) t.diagnostic(`both workers see the input folder: ${blind.why}`);
  const workers = [worker(redis.url, 'prefix' in blind ? blind.prefix : []), worker(redis.url)];
  try {
    const localOut = join(root, 'local');
    const queuedOut = join(root, 'queued');
    await Promise.all([finished(caseforge(args(localOut))), finished(caseforge([...args(queuedOut), '--queue', redis.url]))]);
    const report = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    assert.deepEqual(report(localOut).contexts, { total: 4, ok: 3, skipped: 1, incomplete: 0, failed: 0, resumed: 0 });
    assert.ok(datasetBytes(queuedOut).equals(datasetBytes(localOut)), 'the queued dataset (data/, jsonl/, card) is the local one');
    assert.equal(readFileSync(join(queuedOut, 'episodes.json'), 'utf8'), readFileSync(join(localOut, 'episodes.json'), 'utf8'));
    const [l, q] = [report(localOut), report(queuedOut)];
    assert.deepEqual(q.counts, l.counts);
    assert.deepEqual(q.units, l.units);
    assert.equal(q.run.executions, l.run.executions, 'the workers\' executions are counted');
    if ('prefix' in blind) assert.match(workers[0].stderr(), /job gift4code-/, 'the worker that cannot see the inputs processed contexts');
    // The run's files left Redis with it, and a worker's copies leave with the worker.
    const r = new Redis(redis.url);
    try { assert.deepEqual(await r.keys('caseforge:files:*'), []); } finally { r.disconnect(); }
    const pids = workers.map((w) => w.child.pid);
    for (const w of workers) w.child.kill('SIGTERM');
    for (const w of workers) assert.equal((await w.exited).code, 0, w.stderr());
    const left = readdirSync(tmpdir()).filter((n) => pids.some((pid) => n.startsWith(`caseforge-gift4code-${pid}-`)));
    assert.deepEqual(left, [], 'the workers removed their data folders');
  } finally {
    await stopAll(workers);
    await redis.stop();
  }
});

test('gift4code --queue refuses the llm generator in one line', () => {
  return finished(caseforge(['gift4code', '--generator', 'llm', '--generalist-base-url', 'http://127.0.0.1:1/v1', '--generalist-model', 'm', '--code-base-url', 'http://127.0.0.1:1/v1', '--code-model', 'm', '--out', join(root, 'x'), '--queue', 'redis://127.0.0.1:1'])).then(
    () => assert.fail('the llm generator must be refused with --queue'),
    (err: Error) => assert.match(err.message, /exited 2: .*--queue runs --generator offline/),
  );
});
