import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { normaliseQueueOptions, normaliseWorkerOptions, parseRedisUrl, QUEUE_DEFAULTS, QueueError } from '../../src/queue/options.js';
import { queueName, shardJobId, workerOf } from '../../src/queue/protocol.js';
import { freePort } from '../support/redis.js';
import { MAIN } from '../support/queue.js';

test('a redis:// address is read into its parts; anything else names the address and the reason', () => {
  assert.deepEqual(parseRedisUrl('redis://10.0.0.5:6380/2'), { host: '10.0.0.5', port: 6380, db: 2 });
  assert.deepEqual(parseRedisUrl('redis://u:p%40ss@host'), { host: 'host', port: 6379, db: 0, username: 'u', password: 'p@ss' });
  assert.deepEqual(parseRedisUrl('redis://[::1]:7000'), { host: '::1', port: 7000, db: 0 });
  for (const [bad, why] of [['localhost:6379', /redis:\/\/HOST/], ['http://h:1', /only redis:\/\//], ['redis://h:1/x', /database must be a number/]] as const) {
    assert.throws(() => parseRedisUrl(bad), (e: unknown) => e instanceof QueueError && e.code === 'usage' && why.test(e.message) && e.message.includes(bad));
  }
});

test('queue and worker options: undefined means the default; out-of-range values are usage errors', () => {
  const o = normaliseQueueOptions({ url: 'redis://h:1', lockMs: undefined, shardSize: 16 });
  assert.equal(o.lockMs, QUEUE_DEFAULTS.lockMs);
  assert.equal(o.shardSize, 16);
  assert.throws(() => normaliseQueueOptions({ url: 'redis://h:1', shardSize: 0 }), /shardSize must be an integer >= 1, got 0/);
  assert.throws(() => normaliseQueueOptions({ url: 'redis://h:1', lockMs: 10 }), /lockMs must be an integer >= 500/);
  assert.equal(normaliseWorkerOptions({ url: 'redis://h:1', concurrency: undefined }).concurrency, 2);
  assert.throws(() => normaliseWorkerOptions({ url: 'redis://h:1', workers: 0 }), /workers must be an integer >= 1/);
});

test('names come from content: the same run and shard give the same job id, another shard or run another', () => {
  const q = queueName('case2code', { seed: 1 }, '/out');
  assert.equal(q, queueName('case2code', { seed: 1 }, '/out'));
  assert.notEqual(q, queueName('case2code', { seed: 2 }, '/out'));
  assert.notEqual(q, queueName('case2code', { seed: 1 }, '/other'));
  assert.equal(shardJobId(q, 3, ['a', 'b']), shardJobId(q, 3, ['a', 'b']));
  assert.notEqual(shardJobId(q, 3, ['a', 'b']), shardJobId(q, 3, ['a']));
  assert.ok(!shardJobId(q, 3, ['a']).includes(':'), 'BullMQ refuses ":" in job ids');
  assert.equal(workerOf({ name: q, rawname: `caseforge:${q}:w:host-123` }), 'host-123');
});

test('the CLI: a bad --queue address is a usage error (exit 2), an unreachable Redis a setup error (exit 5), each one line', async () => {
  const bad = spawnSync(process.execPath, [MAIN, 'worker', '--queue', 'http://x:1', '--no-progress'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr.trim(), /^caseforge worker: --queue takes redis:\/\/HOST:PORT\[\/DB\], got 'http:\/\/x:1'/);
  const port = await freePort();
  const away = spawnSync(process.execPath, [MAIN, 'queue', 'status', `redis://127.0.0.1:${port}`], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(away.status, 5, away.stderr);
  assert.equal(away.stderr.trim().split('\n').length, 1, away.stderr);
  assert.match(away.stderr, new RegExp(`127\\.0\\.0\\.1:${port}: cannot reach Redis`));
});
