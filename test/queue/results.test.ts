// A shard's outcomes travel once: the worker stores them (gzip'd when large) in the run's results
// hash, the job's return value and the queue's event stream carry only a note of their size, and
// the coordinator deletes them once it has handed them on. Against a real redis-server, with a
// processing function of the test's own in place of a pipeline's (the queue is what is tested).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { COMPRESS_OVER, decodeOutcomes, encodeOutcomes, resultsKey } from '../../src/queue/results.js';
import { QueueCoordinator } from '../../src/queue/coordinator.js';
import { QueueWorker } from '../../src/queue/worker.js';
import { PREFIX } from '../../src/queue/protocol.js';
import type { Handlers } from '../../src/queue/handlers.js';
import { TestRedis, hasRedis } from '../support/redis.js';

test('outcomes: small ones stay JSON, large ones are gzip\'d and smaller; both read back the same', async () => {
  const small = [{ ok: true as const, value: { a: 1 } }, { ok: false as const, error: 'boom' }];
  const s = await encodeOutcomes(small);
  assert.equal(s.data[0], '['.charCodeAt(0));
  assert.deepEqual(await decodeOutcomes(s.data), small);
  const large = Array.from({ length: 8 }, (_, i) => ({ ok: true as const, value: { order: i, program: `def f${i}(x):\n    return x + ${i}\n`.repeat(200) } }));
  const l = await encodeOutcomes(large);
  assert.ok(l.json > COMPRESS_OVER);
  assert.deepEqual([l.data[0], l.data[1]], [0x1f, 0x8b]);
  assert.ok(l.data.length * 5 < l.json, `compressed ${l.data.length} of ${l.json} bytes`);
  assert.deepEqual(await decodeOutcomes(l.data), large);
});

test('a queued run\'s results go through Redis once: not in the job, not in the event stream, deleted once handed on', { skip: hasRedis() ? false : 'no redis-server' }, async () => {
  const redis = await TestRedis.start();
  const big = (order: number) => ({ order, text: `unit ${order} `.repeat(4000) });
  const handlers: Handlers = {
    eval: { open: async () => ({ process: async (unit, order) => { if ((unit as { fail?: boolean }).fail) throw new Error(`unit ${order} raised`); return big(order); }, close: async () => undefined }) },
  };
  const worker = new QueueWorker({ url: redis.url, progress: false, concurrency: 2, workers: 1 }, handlers);
  const running = worker.run();
  const coordinator = await QueueCoordinator.open<unknown, unknown>({ url: redis.url }, { pipeline: 'eval', identity: { test: 'results' }, out: '/nowhere', config: {}, defaultShardSize: 4 });
  const client = new Redis(redis.url);
  try {
    const units = Array.from({ length: 30 }, (_, i) => coordinator.submit(i, `u${i}`, { fail: i === 7 }).then((v) => ({ ok: true, v }), (e: Error) => ({ ok: false, e: e.message })));
    coordinator.end();
    const got = await Promise.all(units);
    for (const [i, g] of got.entries()) assert.deepEqual(g, i === 7 ? { ok: false, e: 'unit 7 raised' } : { ok: true, v: big(i) });
    // What the stream carried: every entry small (the return value is a note of the stored size).
    const events = await client.xrange(`${PREFIX}:${coordinator.queueName}:events`, '-', '+');
    const completed = events.filter(([, f]) => f[f.indexOf('event') + 1] === 'completed');
    assert.ok(completed.length >= 1, 'the stream kept completed events');
    for (const [, fields] of events) assert.ok(fields.join('').length < 600, `an event of ${fields.join('').length} bytes`);
    // The largest note: the shard holding the failing unit returns three results, and may complete first.
    const notes = completed.map(([, f]) => JSON.parse(f[f.indexOf('returnvalue') + 1]) as { stored: string; json: number; bytes: number });
    const note = notes.reduce((a, b) => (b.json > a.json ? b : a));
    assert.equal(note.stored, 'results');
    assert.ok(note.json > 4 * 4000 * 6 && note.bytes * 5 < note.json, JSON.stringify(note));
    // Handed on, then deleted with their jobs.
    for (let i = 0; i < 100 && (await client.hlen(resultsKey(coordinator.queueName))) > 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(await client.hlen(resultsKey(coordinator.queueName)), 0);
    // 30 units in shards of 4, the last 16 one to a job: 4 jobs and 16.
    assert.deepEqual(await coordinator.counts().then((c) => ({ done: c.done, failed: c.failed })), { done: 20, failed: 0 });
    await coordinator.finish();
  } finally {
    await coordinator.close();
    worker.stop();
    await running;
    client.disconnect();
    await redis.stop();
  }
});

test('a shard size the user gives is every job\'s: no units one to a job at the end', { skip: hasRedis() ? false : 'no redis-server' }, async () => {
  const redis = await TestRedis.start();
  const handlers: Handlers = { eval: { open: async () => ({ process: async (_unit, order) => order, close: async () => undefined }) } };
  const worker = new QueueWorker({ url: redis.url, progress: false, workers: 1 }, handlers);
  const running = worker.run();
  const coordinator = await QueueCoordinator.open<unknown, unknown>({ url: redis.url, shardSize: 4 }, { pipeline: 'eval', identity: { test: 'explicit' }, out: '/nowhere', config: {}, defaultShardSize: 4 });
  try {
    const units = Array.from({ length: 12 }, (_, i) => coordinator.submit(i, `u${i}`, {}));
    coordinator.end();
    assert.deepEqual(await Promise.all(units), Array.from({ length: 12 }, (_, i) => i));
    assert.equal((await coordinator.counts()).done, 3);
    await coordinator.finish();
  } finally {
    await coordinator.close();
    worker.stop();
    await running;
    await redis.stop();
  }
});
