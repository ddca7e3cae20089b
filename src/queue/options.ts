// Queue options: one DEFAULTS object and one normalising function. The lock and stall settings are
// short on purpose: a worker killed in the middle of a job gives it back within seconds (BullMQ's
// defaults take a minute), at the price of a lock renewal every `lockMs / 2`.
import { CaseforgeError } from '../errors.js';
import { defined } from '../options.js';

export interface QueueOptions {
  /** `redis://[user:password@]HOST:PORT[/DB]`. */
  url: string;
  /** How long a job's lock lasts without renewal (the worker renews it every half of this). */
  lockMs: number;
  /** How often workers look for jobs whose lock expired (their worker died) and put them back. */
  stalledMs: number;
  /** Times a job may be given back after its worker died before it counts as poison and fails. */
  maxStalled: number;
  /** Units in one job; undefined: the pipeline's own default. */
  shardSize?: number;
  /** Jobs on the queue at once (the coordinator waits for results before it adds more). */
  window: number;
  /** How often the coordinator checks the jobs it waits for, besides the queue's events (a missed
   *  event, a Redis restart) and prints the queue's counts. */
  pollMs: number;
  /** Times a job whose processor threw (the worker's sandbox could not start, ...) is tried. */
  attempts: number;
}

export const QUEUE_DEFAULTS: Omit<QueueOptions, 'url'> = {
  lockMs: 4000,
  stalledMs: 2000,
  maxStalled: 2,
  window: 256,
  pollMs: 2000,
  attempts: 3,
};

/** `caseforge worker`: where to take jobs from and how much to run at once. */
export interface WorkerOptions {
  url: string;
  /** Jobs taken at once from each run's queue. */
  concurrency: number;
  /** Sandbox workers (Python processes) of each run's executor. */
  workers: number;
  /** Units run at once over all jobs (default: three per sandbox worker, as a local run). */
  unitsInFlight?: number;
  /** How often the worker looks for new runs' queues. */
  discoverMs: number;
  /** Exit once no run has been on the queue for this long (0: never; tests and batch machines). */
  idleExitMs: number;
  progress: boolean;
}

export const WORKER_DEFAULTS: Omit<WorkerOptions, 'url'> = {
  concurrency: 2,
  workers: 2,
  discoverMs: 1000,
  idleExitMs: 0,
  progress: true,
};

/** A queue option or address that cannot be used (the project's error class, code `usage`). */
export class QueueError extends CaseforgeError {
  override name = 'QueueError';
}

export interface RedisAddress {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
}

/** `redis://HOST:PORT[/DB]` to its parts; anything else is a usage error naming the address. */
export function parseRedisUrl(url: string): RedisAddress {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new QueueError('usage', `--queue takes redis://HOST:PORT[/DB], got '${url}'`);
  }
  if (u.protocol !== 'redis:') throw new QueueError('usage', `--queue takes redis://HOST:PORT[/DB], got '${url}' (only redis:// is supported)`);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new QueueError('usage', `--queue: the database must be a number, got '${u.pathname.slice(1)}' in '${url}'`);
  const port = u.port ? Number(u.port) : 6379;
  return {
    host: u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1', port, db,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}), ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
  };
}

function positive(name: string, v: number, lo = 1): number {
  if (!Number.isInteger(v) || v < lo) throw new QueueError('usage', `queue ${name} must be an integer >= ${lo}, got ${v}`);
  return v;
}

export function normaliseQueueOptions(input: Partial<QueueOptions> & { url: string }): QueueOptions {
  const o: QueueOptions = { ...QUEUE_DEFAULTS, ...defined(input), url: input.url };
  parseRedisUrl(o.url);
  positive('lockMs', o.lockMs, 500);
  positive('stalledMs', o.stalledMs, 100);
  positive('maxStalled', o.maxStalled, 0);
  positive('window', o.window);
  positive('pollMs', o.pollMs, 10);
  positive('attempts', o.attempts);
  if (o.shardSize !== undefined) positive('shardSize', o.shardSize);
  return o;
}

export function normaliseWorkerOptions(input: Partial<WorkerOptions> & { url: string }): WorkerOptions {
  const o: WorkerOptions = { ...WORKER_DEFAULTS, ...defined(input), url: input.url };
  parseRedisUrl(o.url);
  positive('concurrency', o.concurrency);
  positive('workers', o.workers);
  if (o.unitsInFlight !== undefined) positive('unitsInFlight', o.unitsInFlight);
  positive('discoverMs', o.discoverMs, 50);
  positive('idleExitMs', o.idleExitMs, 0);
  return o;
}
