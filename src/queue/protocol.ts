// What travels between a coordinator and its workers through Redis: the names of a run's queue and
// of its jobs, a shard's data and a shard's answer. Everything in a job is plain JSON: the units
// themselves (a function's source, an eval task) and the run's options, never a path into the
// coordinator's disk, so a worker needs nothing but the Redis address.
import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { CaseforgeError } from '../errors.js';
import { contentId } from '../store/hash.js';
import { parseRedisUrl } from './options.js';

/** BullMQ's key prefix for every caseforge queue. */
export const PREFIX = 'caseforge';
/** The set of the queues of runs under way: workers read it to find work. */
export const RUNS_KEY = `${PREFIX}:runs`;
/** Where a coordinator says that it announced a run, so idle workers join at once rather than at
 *  their next look. */
export const RUNS_CHANNEL = `${PREFIX}:runs:new`;
/** A run's hash: pipeline, output folder, when it started and the lock and stall settings its
 *  workers use. */
export const runInfoKey = (queue: string) => `${PREFIX}:run:${queue}`;

/** The pipelines a worker can run units of. */
export type PipelineName = 'case2code' | 'gift4code' | 'eval';

/** A queue per run: named after the run's identity and its output folder, so a restarted
 *  coordinator finds its own jobs again and two runs never share one. */
export function queueName(pipeline: PipelineName, identity: unknown, out: string): string {
  return `${pipeline}-${contentId({ identity, out }, 20)}`;
}

/** A job's id from its content (the run and the shard's unit keys): the same shard added twice is
 *  one job. BullMQ refuses ':' in custom ids. */
export function shardJobId(queue: string, shard: number, keys: string[]): string {
  return `${queue}-s${shard}-${contentId(keys, 16)}`;
}

export interface ShardUnit<U> {
  /** The unit's position in source order (its seed and its place in the export depend on it). */
  order: number;
  key: string;
  unit: U;
}

export interface ShardData<U = unknown> {
  pipeline: PipelineName;
  /** The run's normalised options, as the local run has them. */
  config: unknown;
  units: Array<ShardUnit<U>>;
}

/** One unit's outcome: the processing function's value, or the message of what it threw (the
 *  coordinator records that as the unit's failure, as a local run does). */
export type UnitOutcome<R = unknown> = { ok: true; value: R } | { ok: false; error: string };

/** The lock and stall settings of a run, which its coordinator publishes and its workers apply. */
export interface RunSettings {
  lockMs: number;
  stalledMs: number;
  maxStalled: number;
}

export interface RunInfo extends RunSettings {
  pipeline: PipelineName;
  out: string;
  host: string;
  started: number;
  /** The run's options as its jobs carry them: a worker sets up its processing when it joins, before
   *  the first job comes. */
  config?: unknown;
}

/** ioredis options from a `redis://` address. `maxRetriesPerRequest: null` is what BullMQ needs:
 *  a command waits out a Redis restart instead of failing. */
export function redisOptions(url: string): RedisOptions {
  const a = parseRedisUrl(url);
  return {
    host: a.host, port: a.port, db: a.db,
    ...(a.username ? { username: a.username } : {}), ...(a.password ? { password: a.password } : {}),
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(100 * times, 2000),
  };
}

/** Checks once that Redis answers at `url` (the connections made after that wait out restarts);
 *  a `setup` error naming the address and the reason when it does not. */
export async function assertReachable(url: string, label = url): Promise<void> {
  const probe = new Redis({ ...redisOptions(url), lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5000 });
  probe.on('error', () => undefined); // the rejection below says it
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw new CaseforgeError('setup', `${label}: cannot reach Redis (${(err as Error).message || 'no answer'})`, { cause: err });
  } finally {
    probe.disconnect();
  }
}

export function connect(url: string): Redis {
  return new Redis(redisOptions(url));
}

export async function readRunInfo(redis: Redis, queue: string): Promise<RunInfo | undefined> {
  const h = await redis.hgetall(runInfoKey(queue));
  if (!h || !h.pipeline) return undefined;
  return {
    pipeline: h.pipeline as PipelineName, out: h.out ?? '', host: h.host ?? '', started: Number(h.started),
    lockMs: Number(h.lockMs), stalledMs: Number(h.stalledMs), maxStalled: Number(h.maxStalled),
    ...(h.config ? { config: JSON.parse(h.config) as unknown } : {}),
  };
}

/** A worker's own name from a client of BullMQ's `getWorkers()` (its connection is named
 *  `PREFIX:QUEUE:w:NAME`). */
export function workerOf(client: Record<string, string>): string {
  const raw = client.rawname ?? client.name ?? '';
  const at = raw.indexOf(':w:');
  return at >= 0 ? raw.slice(at + 3) : raw;
}
