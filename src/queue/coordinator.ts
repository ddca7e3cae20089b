// The coordinator's side of a queued run: the pipeline hands it units in source order, as it would
// hand them to its local processing function, and gets each unit's result back as a promise. Units
// are grouped into shards by their position (shards.ts: shard = order / shardSize, the run's last
// few units one to a job), so a restarted coordinator forms the same shards, gives them the same
// content ids, and BullMQ treats the re-added ones as the jobs they already are (waiting, running or
// finished). Results are read from the run's results hash once the job completed (results.ts), and
// a job and its results are removed only after the pipeline has logged its units.
import { hostname } from 'node:os';
import { Job, Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { CaseforgeError } from '../errors.js';
import { FileUploads, filesKey, type LocalFile } from './files.js';
import { decodeOutcomes, resultsKey } from './results.js';
import { ShardPlanner, type Planned } from './shards.js';
import { normaliseQueueOptions, type QueueOptions } from './options.js';
import {
  PREFIX, RUNS_CHANNEL, RUNS_KEY, assertReachable, connect, queueName, redisOptions, runInfoKey, shardJobId,
  type PipelineName, type ShardData, type UnitOutcome,
  workerOf,
} from './protocol.js';

export interface QueuedRun {
  pipeline: PipelineName;
  /** The run folder's identity (what decides the output). */
  identity: unknown;
  /** The output folder, absolute. */
  out: string;
  /** What every worker needs besides the units: the run's normalised options. */
  config: unknown;
  /** Units per job when the options give none. */
  defaultShardSize: number;
}

interface Waiting<R> {
  order: number;
  key: string;
  resolve: (value: R) => void;
  reject: (err: Error) => void;
}

/** A unit submitted and not yet in a job. */
interface Held<U, R> extends Waiting<R> {
  unit: U;
  files: LocalFile[];
}

interface Outstanding<U, R> {
  waiting: Array<Waiting<R>>;
  data: ShardData<U>;
  added: boolean;
  files: LocalFile[];
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  /** Jobs whose results this coordinator has collected (and removed from Redis). */
  done: number;
  /** Jobs that failed on the queue (a poison shard, a processor that kept throwing). */
  failed: number;
  /** Workers connected to the run's queue now, and every one seen since the coordinator started. */
  workers: number;
  workersSeen: number;
}

/** A job that failed on the queue: every unit of it is recorded failed with this reason. */
export class ShardFailedError extends CaseforgeError {
  override name = 'ShardFailedError';
  constructor(message: string) {
    super('internal', message);
  }
}

/** Shards' worth of units at the end of a run that go one to a job (shards.ts), with the pipeline's
 *  own shard size. */
const TAIL_SHARDS = 4;

export class QueueCoordinator<U, R> {
  readonly options: QueueOptions;
  readonly queueName: string;
  readonly shardSize: number;
  private readonly planner: ShardPlanner<Held<U, R>>;
  private readonly outstanding = new Map<string, Outstanding<U, R>>();
  private readonly uploads: FileUploads;
  private readonly timer: NodeJS.Timeout;
  private done = 0;
  private failed = 0;
  private closed = false;
  private readonly seen = new Set<string>();

  private constructor(
    options: QueueOptions, name: string, private readonly run: QueuedRun,
    private readonly redis: Redis, private readonly queue: Queue, private readonly events: QueueEvents,
    private readonly onCounts?: (c: QueueCounts) => void,
  ) {
    this.options = options;
    this.queueName = name;
    this.shardSize = options.shardSize ?? run.defaultShardSize;
    // A shard size the user gave is every job's (no tail). The tail never holds back more than the
    // pipeline may keep outstanding (it would wait for ever).
    const tail = options.shardSize !== undefined ? 0 : Math.max(0, Math.min(TAIL_SHARDS * this.shardSize, this.inFlight - this.shardSize));
    this.planner = new ShardPlanner(this.shardSize, tail);
    this.uploads = new FileUploads(redis, filesKey(name));
    // (A read that fails here is the sweep's to do again.)
    events.on('completed', ({ jobId }) => void this.collect(jobId, true).catch(() => undefined));
    events.on('failed', ({ jobId }) => void this.collect(jobId).catch(() => undefined));
    // Events are a fast path only: a sweep over the jobs still awaited catches any the stream did
    // not deliver (trimmed, or sent while Redis restarted) and reports the queue's counts.
    this.timer = setInterval(() => void this.sweep(), options.pollMs);
    this.timer.unref();
  }

  /** Connects, names the run's queue and announces it to workers. Throws a `setup` error naming the
   *  address when Redis cannot be reached. */
  static async open<U, R>(input: Partial<QueueOptions> & { url: string }, run: QueuedRun, onCounts?: (c: QueueCounts) => void): Promise<QueueCoordinator<U, R>> {
    const options = normaliseQueueOptions(input);
    const name = queueName(run.pipeline, run.identity, run.out);
    await assertReachable(options.url, `--queue ${options.url}`);
    const redis = connect(options.url);
    const connection = redisOptions(options.url);
    // Events are small (a job's results are not in them: results.ts); the sweep finds whatever an
    // event trimmed away would have said.
    const queue = new Queue(name, { connection, prefix: PREFIX, streams: { events: { maxLen: 1000 } } });
    const events = new QueueEvents(name, { connection, prefix: PREFIX });
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    await redis.multi()
      .hset(runInfoKey(name), {
        pipeline: run.pipeline, out: run.out, host: hostname(), started: Date.now(),
        lockMs: options.lockMs, stalledMs: options.stalledMs, maxStalled: options.maxStalled,
        config: JSON.stringify(run.config),
      })
      .sadd(RUNS_KEY, name)
      .publish(RUNS_CHANNEL, name)
      .exec();
    return new QueueCoordinator<U, R>(options, name, run, redis, queue, events, onCounts);
  }

  /** Units the pipeline may keep outstanding: a window of jobs. */
  get inFlight(): number {
    return this.options.window * this.shardSize;
  }

  /** The unit's result, computed by whichever worker takes its shard. Call in source order. `files`:
   *  what the unit names in its data that must travel with it (see files.ts). */
  submit(order: number, key: string, unit: U, files: LocalFile[] = []): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      for (const shard of this.planner.push({ order, key, unit, files, resolve, reject })) this.flush(shard);
    });
  }

  /** No more units: those held back go on the queue, the last ones one to a job. */
  end(): void {
    for (const shard of this.planner.end()) this.flush(shard);
  }

  private flush(shard: Planned<Held<U, R>>): void {
    const units = shard.units.map(({ order, key, unit }) => ({ order, key, unit }));
    const id = shardJobId(this.queueName, shard.index, units.map((u) => u.key));
    const data: ShardData<U> = { pipeline: this.run.pipeline, config: this.run.config, units };
    const files = [...new Map(shard.units.flatMap((u) => u.files).map((f) => [f.sha, f])).values()];
    this.uploads.hold(files);
    const waiting = shard.units.map(({ order, key, resolve, reject }) => ({ order, key, resolve, reject }));
    this.outstanding.set(id, { waiting, data, added: false, files });
    this.add(id);
  }

  private add(id: string): void {
    const o = this.outstanding.get(id);
    if (!o) return;
    void this.uploads.upload(o.files)
      .then(() => this.queue.add('shard', o.data, { jobId: id, attempts: this.options.attempts, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: false, removeOnFail: false }))
      .then(() => { o.added = true; return this.collect(id); }) // it may have finished already (a restarted coordinator re-adding it)
      .catch((err: Error) => this.settle(id, err));
  }

  /** Reads a finished job's results and hands them to the units waiting for them. `completed`: the
   *  queue's event said the job completed (its state need not be read). */
  private async collect(id: string, completed = false): Promise<void> {
    // An event and a sweep may both find a job finished: settling is once, whoever reads first.
    if (!this.outstanding.has(id)) return;
    // The state first: a job read before it finished and found finished after would have no result.
    const state = completed ? 'completed' : await this.queue.getJobState(id);
    if (state === 'completed') {
      const data = await this.redis.hgetBuffer(resultsKey(this.queueName), id);
      if (!this.outstanding.has(id)) return;
      if (!data) {
        this.settle(id, new ShardFailedError(`queue job ${id} completed without its results in ${resultsKey(this.queueName)} (a worker of another caseforge version?)`));
        return;
      }
      let outcomes: Array<UnitOutcome<R>>;
      try {
        outcomes = await decodeOutcomes<R>(data);
      } catch (err) {
        this.settle(id, new ShardFailedError(`queue job ${id}: its results cannot be read (${(err as Error).message})`));
        return;
      }
      this.settle(id, undefined, outcomes);
    } else if (state === 'failed') {
      const job = await Job.fromId(this.queue, id);
      this.settle(id, new ShardFailedError(`queue job ${id} failed after ${job?.attemptsMade ?? '?'} attempt(s) and ${job?.stalledCounter ?? 0} lost worker(s): ${job?.failedReason ?? 'no reason kept'}`));
    }
  }

  private settle(id: string, err: Error | undefined, outcomes: Array<UnitOutcome<R>> = []): void {
    const o = this.outstanding.get(id);
    if (!o) return;
    const { waiting, files } = o;
    this.outstanding.delete(id);
    if (err) this.failed++;
    else this.done++;
    for (const [i, w] of waiting.entries()) {
      const o = outcomes[i];
      if (err) w.reject(err);
      else if (!o) w.reject(new ShardFailedError(`queue job ${id} returned no result for unit ${w.key}`));
      else if (o.ok) w.resolve(o.value);
      else w.reject(new Error(o.error));
    }
    // The pipeline logs each unit in the continuation of its promise, before any I/O runs; the
    // job and its results go only after that, so a coordinator killed in between finds them again.
    setImmediate(() => void Promise.all([this.queue.remove(id), this.redis.hdel(resultsKey(this.queueName), id)]).catch(() => undefined));
    if (files.length) void this.uploads.release(files).catch(() => undefined);
  }

  /** What the events may have missed, in two round trips whatever the number of jobs awaited: the
   *  ids of the queue's finished jobs (collected ones are removed, so these are few), and whether
   *  each job still awaited is on the queue at all. */
  private async sweep(): Promise<void> {
    if (this.closed) return;
    try {
      const added = [...this.outstanding.entries()].filter(([, o]) => o.added).map(([id]) => id);
      if (added.length) {
        const finished = new Set(await this.queue.getRanges(['completed', 'failed'], 0, -1));
        const rest = added.filter((id) => !finished.has(id));
        const exists = rest.length ? await this.redis.pipeline(rest.map((id) => ['exists', this.queue.toKey(id)])).exec() : [];
        for (const id of added) if (finished.has(id)) await this.collect(id);
        for (const [i, id] of rest.entries()) {
          const o = this.outstanding.get(id);
          const [err, n] = exists?.[i] ?? [null, 1];
          // Gone: a Redis that restarted without its last writes (AOF fsync'd once a second) lost
          // it. Its state is read once more first: it may have finished and been removed since.
          if (!o || err || n !== 0) continue;
          if ((await this.queue.getJobState(id)) !== 'unknown' || !this.outstanding.has(id)) continue;
          o.added = false;
          this.uploads.forget(o.files);
          this.add(id);
        }
      }
      if (this.onCounts) this.onCounts(await this.counts());
    } catch {
      // Redis away for a moment: the next sweep tries again.
    }
  }

  async counts(): Promise<QueueCounts> {
    const c = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    // A worker holds two connections (commands and blocking reads) under one name.
    const workers = [...new Set((await this.queue.getWorkers()).map(workerOf))];
    for (const w of workers) this.seen.add(w);
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0,
      done: this.done, failed: this.failed, workers: workers.length, workersSeen: this.seen.size,
    };
  }

  /** Ends the run on the queue: its jobs (any left by an earlier, killed coordinator too) and its
   *  announcement are removed, so workers stop looking at it. Call once the run is complete. */
  async finish(): Promise<void> {
    await this.redis.multi().srem(RUNS_KEY, this.queueName).del(runInfoKey(this.queueName)).unlink(filesKey(this.queueName)).unlink(resultsKey(this.queueName)).exec();
    await this.queue.obliterate({ force: true });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    this.redis.disconnect();
  }
}

/** A line of a run's queue counts on stderr every few seconds (the coordinator's progress). */
export function printQueueCounts(label: string, everyMs = 5000): (c: QueueCounts) => void {
  let last = 0;
  return (c) => {
    if (Date.now() - last < everyMs) return;
    last = Date.now();
    process.stderr.write(`${label} queue: jobs waiting ${c.waiting + c.delayed}, active ${c.active}, done ${c.done}, failed ${c.failed}; workers ${c.workers} (${c.workersSeen} seen)\n`);
  };
}
