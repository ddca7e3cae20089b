// Queued runs against a real redis-server (each test starts its own on a free loopback port): the
// coordinator and the workers are separate `caseforge` processes, as on separate machines. What a
// queued run writes must be, byte for byte, what the local run with the same arguments writes,
// whatever happens to its workers, its coordinator or Redis in between.
import { test, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, SHARED_DATA } from '../support/paths.js';
import { TestRedis, hasRedis } from '../support/redis.js';
import { NetNamespaces, activeJobs, alive, outcomeDifferences, outputBytes, outputDifference, caseforge, logLines, sleep, stopAll, waitFor, worker, type Proc } from '../support/queue.js';

const TESTSET = join(SHARED_DATA, 'case2code-test.jsonl');
const PROGRAMS = join(REPO_ROOT, 'test', 'fixtures', 'case2code', 'programs.py');
const root = mkdtempSync(join(tmpdir(), 'cf-queue-'));
after(() => rmSync(root, { recursive: true, force: true }));
const noRedis = hasRedis() ? false : 'no redis-server (scripts/setup.sh installs it)';

const GIVEN = ['--source', TESTSET, '--inputs', 'given'];
// The fault tests run on the test set's first 160 functions (40 jobs): enough for five kills spread
// over a run, or a restart of each kind in the middle of one, at a third of a whole run's cost.
const PART = 160;
const GIVEN_PART = [...GIVEN, '--limit', String(PART)];
const FUZZ = ['--source', TESTSET, '--inputs', 'fuzz', '--limit', '100'];

async function run(args: string[], out: string, queue?: string): Promise<Proc> {
  const p = caseforge(['case2code', ...args, '--out', out, '--no-progress', ...(queue ? ['--queue', queue] : [])]);
  return p;
}

async function finished(p: Proc): Promise<void> {
  const { code, signal } = await p.exited;
  assert.equal(code, 0, `caseforge exited ${code ?? signal}: ${p.stderr().slice(-2000)}`);
}

interface Output { dir: string; bytes: Buffer; keys: string[] }

const logKeys = (out: string): string[] => readFileSync(join(out, '.work', 'functions.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).key as string);

/** The local run's dataset bytes and logged units, made once per argument list. */
const locals = new Map<string, Promise<Output>>();
function local(args: string[]): Promise<Output> {
  const key = args.join(' ');
  if (!locals.has(key)) {
    locals.set(key, (async () => {
      const out = join(root, `local-${locals.size}`);
      await finished(await run([...args, '--workers', '2'], out));
      return { dir: out, bytes: outputBytes(out), keys: logKeys(out) };
    })());
  }
  return locals.get(key)!;
}

/**
 * The queued run's dataset is the local one's, and its log holds each of the local run's units
 * exactly once: nothing lost, nothing counted twice. Where the bytes differ, a second local run
 * tells the queue's differences from the machine's: a function whose verdict the machine's load
 * decides now (a call its wall deadline stopped while starved of CPU; two local runs differ there
 * too) is named in a diagnostic; a function that differs from a local run that reproduces it is
 * the queue's, and fails the test, as does a difference outside the functions (the card).
 */
async function assertSameAsLocal(t: TestContext, args: string[], out: string): Promise<void> {
  const expected = await local(args);
  const keys = logKeys(out);
  assert.equal(new Set(keys).size, keys.length, 'a function was logged twice');
  assert.deepEqual([...keys].sort(), [...expected.keys].sort(), 'the queued log holds other functions than the local one');
  if (expected.bytes.equals(outputBytes(out))) return;
  const why = outputDifference(expected.dir, out, ['local', 'queued']);
  const queued = outcomeDifferences(expected.dir, out);
  assert.ok(queued.size > 0, `the queued dataset differs from the local one, though every function has the same outcome: ${why}`);
  const again = join(root, `local-again-${locals.size}-${Date.now()}`);
  await finished(await run([...args, '--workers', '2'], again));
  const machine = outcomeDifferences(expected.dir, again);
  const queueOnly = [...queued].filter((k) => !machine.has(k));
  t.diagnostic(`the machine's load decided ${machine.size} function(s) in two local runs (${outputDifference(expected.dir, again, ['local', 'local again'])}); the queued run differs in ${queued.size}, all among them: ${queueOnly.length === 0}`);
  assert.deepEqual(queueOnly, [], `the queued run differs from a local run that reproduces itself in these functions: ${why}`);
}

test('queued == local, byte for byte: the Case2Code test set with --inputs given, workers in network namespaces of their own', { skip: noRedis }, async (t) => {

  const why = NetNamespaces.available();
  const ns = why ? undefined : NetNamespaces.make(2);
  if (why) t.diagnostic(`workers on the host's network: ${why}`);
  const redis = await TestRedis.start({ bind: ['127.0.0.1', ...(ns?.hostAddresses ?? [])] });
  const workers: Proc[] = [];
  try {
    // A namespaced worker sees only its veth and its own loopback: the host's 127.0.0.1 (and so
    // anything of the coordinator's) is out of its reach; the Redis address is all it has.
    for (let i = 0; i < 2; i++) workers.push(ns ? worker(`redis://${ns.hostAddresses[i]}:${redis.port}`, ns.exec(i)) : worker(redis.url));
    const out = join(root, 'given-queued');
    const coordinator = await run(GIVEN, out, redis.url);
    await finished(coordinator);
    await assertSameAsLocal(t, GIVEN, out);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    assert.equal(report.units.failed, 0);
    if (ns) for (const w of workers) assert.match(w.stderr(), /job case2code-/, 'each namespaced worker ran jobs');
  } finally {
    await stopAll(workers);
    await redis.stop();
    ns?.remove();
  }
});

test('queued == local, byte for byte: the Case2Code test set\'s first 100 functions with --inputs fuzz', { skip: noRedis }, async (t) => {
  const redis = await TestRedis.start();
  const workers = [worker(redis.url), worker(redis.url)];
  try {
    const out = join(root, 'fuzz-queued');
    await finished(await run(FUZZ, out, redis.url));
    await assertSameAsLocal(t, FUZZ, out);
  } finally {
    await stopAll(workers);
    await redis.stop();
  }
});

test(`queued == local on the test set's first ${PART} functions (--inputs given) while workers are killed (SIGKILL) in the middle of jobs at 5 random moments`, { skip: noRedis }, async (t) => {
  local(GIVEN_PART).catch(() => undefined); // made meanwhile; awaited below
  const redis = await TestRedis.start();
  const workers: Proc[] = [worker(redis.url), worker(redis.url)];
  try {
    const out = join(root, 'given-killed-workers');
    const coordinator = await run(GIVEN_PART, out, redis.url);
    const log = join(out, '.work', 'functions.jsonl');
    // Five moments spread at random over the run (by how far its log is), each a worker holding a job.
    const moments = Array.from({ length: 5 }, () => 8 + Math.floor(Math.random() * (PART - 32))).sort((a, b) => a - b);
    const kills: string[] = [];
    for (const at of moments) {
      await waitFor(`${at} functions logged`, () => logLines(log) >= at || !alive(coordinator));
      while (alive(coordinator)) {
        // A worker holds two jobs, and a job given back is the next one taken: so that no job is
        // lost twice over (twice more and it counts as poison), only a worker none of whose jobs
        // lost a worker before is killed.
        const active = await activeJobs(redis.url);
        const once = new Set(active.filter((j) => j.stalled > 0).map((j) => j.pid));
        const fresh = active.filter((j) => !once.has(j.pid));
        const target = fresh[Math.floor(Math.random() * fresh.length)];
        const w = target && workers.find((x) => x.child.pid === target.pid && alive(x));
        if (!w) { await sleep(20); continue; }
        w.child.kill('SIGKILL');
        await w.exited;
        kills.push(`${target.id} at ${logLines(log)} functions logged`);
        workers.push(worker(redis.url)); // the machine's supervisor starts it again
        break;
      }
    }
    t.diagnostic(`killed: ${kills.join('; ')}`);
    await finished(coordinator);
    assert.equal(kills.length, 5, 'five workers were killed while holding a job');
    await assertSameAsLocal(t, GIVEN_PART, out);
    assert.equal(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).units.failed, 0);
  } finally {
    await stopAll(workers);
    await redis.stop();
  }
});

test(`queued == local on the test set's first ${PART} functions when the coordinator is killed (SIGKILL) and started again, and when Redis restarts mid-run (AOF)`, { skip: noRedis }, async (t) => {
  local(GIVEN_PART).catch(() => undefined); // made meanwhile (or by the previous test); awaited below
  const redis = await TestRedis.start();
  const workers: Proc[] = [worker(redis.url), worker(redis.url)];
  try {
    const out = join(root, 'given-coordinator-restart');
    const log = join(out, '.work', 'functions.jsonl');
    const first = await run(GIVEN_PART, out, redis.url);
    await waitFor('20 functions logged', () => logLines(log) >= 20 || !alive(first));
    first.child.kill('SIGKILL');
    assert.equal((await first.exited).signal, 'SIGKILL', 'the coordinator was killed before it finished');
    const second = await run(GIVEN_PART, out, redis.url);
    await waitFor('60 functions logged', () => logLines(log) >= 60 || !alive(second));
    assert.ok(alive(second), 'the run was still going when Redis restarted');
    await redis.restart();
    await finished(second);
    await assertSameAsLocal(t, GIVEN_PART, out);
  } finally {
    await stopAll(workers);
    await redis.stop();
  }
});

test('a poison shard (every worker that takes it dies) fails after a bounded number of tries; its functions are recorded failed and the run finishes', { skip: noRedis }, async () => {
  const redis = await TestRedis.start();
  // One job at a time, so a death takes only the poison shard down with it.
  const one = () => worker(redis.url, [], ['--concurrency', '1']);
  const workers: Proc[] = [one(), one()];
  try {
    const out = join(root, 'poison');
    const coordinator = await run(['--source', PROGRAMS, '--shard-size', '4'], out, redis.url);
    let deaths = 0;
    while (alive(coordinator) && deaths < 10) {
      // Taken a fourth time, the job is failed by the worker that takes it (BullMQ marks it when its
      // third worker is found lost): that worker is not killed.
      const poison = (await activeJobs(redis.url)).find((j) => /-s1-/.test(j.id) && j.stalled <= 2);
      const w = poison && workers.find((x) => x.child.pid === poison.pid && alive(x));
      if (w) {
        w.child.kill('SIGKILL');
        await w.exited;
        deaths++;
        workers.push(one());
      }
      await sleep(50);
    }
    await finished(coordinator);
    // maxStalled 2: taken three times, then failed.
    assert.equal(deaths, 3, `${deaths} workers died on the poison shard`);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    assert.equal(report.units.failed, 4, 'the poison shard\'s four functions are failed');
    assert.equal(report.units.done, 8, 'the other shards\' functions are done');
    const failed = readFileSync(join(out, '.work', 'functions.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((l) => l.status === 'failed');
    assert.deepEqual(failed.map((l) => l.order).sort(), [4, 5, 6, 7]);
    for (const l of failed) assert.match(l.reason, /queue job .*-s1-.* failed after .*stalled more than allowable limit/);
  } finally {
    await stopAll(workers);
    await redis.stop();
  }
});
