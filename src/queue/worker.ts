// `caseforge worker`: takes shards from the queue of every run under way (the coordinators announce
// them in RUNS_KEY), runs each unit with the pipeline's own processing function in this machine's
// sandbox, and returns the units' outcomes as the job's result. A unit that throws is an outcome
// (the coordinator records it failed); a worker that dies loses its job's lock, and BullMQ's
// stalled-job check gives the job to another worker within the run's lock and stall settings.
import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import pLimit from 'p-limit';
import { contentId } from '../store/hash.js';
import type { SandboxChoice } from '../exec/types.js';
import { probeSandbox } from '../exec/executor.js';
import { fetchFile } from './files.js';
import { storeOutcomes, type StoredResult } from './results.js';
import type { Handlers, UnitProcessor } from './handlers.js';
import { normaliseWorkerOptions, type WorkerOptions } from './options.js';
import { PREFIX, RUNS_CHANNEL, RUNS_KEY, assertReachable, connect, readRunInfo, redisOptions, type ShardData, type UnitOutcome } from './protocol.js';

export interface WorkerSummary {
  jobs: number;
  units: number;
  /** Units whose processing threw (returned as failures). */
  unitErrors: number;
  runs: string[];
}

interface RunSlot {
  worker: Worker;
  /** Per run configuration: the processor set up for it (executors, options). */
  processors: Map<string, Promise<UnitProcessor>>;
}

/** A name BullMQ lists among the queue's workers: this machine and process. */
export const workerName = (): string => `${hostname()}-${process.pid}`;

/**
 * Runs until `stop` is called (the CLI calls it on SIGTERM/SIGINT) or, with `idleExitMs`, once no
 * run has been announced for that long. Stopping drains: jobs taken are finished and returned
 * before it resolves; a second stop gives them back unfinished (their locks lapse).
 */
export class QueueWorker {
  readonly options: WorkerOptions;
  private readonly redis;
  /** Told when a coordinator announces a run (a subscribed connection can do nothing else). */
  private readonly announcements;
  private readonly slots = new Map<string, RunSlot>();
  private readonly limit;
  private readonly summary: WorkerSummary = { jobs: 0, units: 0, unitErrors: 0, runs: [] };
  private stopping = false;
  private forced = false;
  private idleSince = Date.now();
  private wake?: () => void;
  /** A run was announced while the worker was not waiting: look again at once. */
  private announced = false;

  constructor(input: Partial<WorkerOptions> & { url: string }, private readonly handlers: Handlers, private readonly sandbox: SandboxChoice = {}) {
    this.options = normaliseWorkerOptions(input);
    this.redis = connect(this.options.url);
    this.announcements = connect(this.options.url);
    this.limit = pLimit(this.options.unitsInFlight ?? this.options.workers * 3);
  }

  private log(line: string): void {
    if (this.options.progress) process.stderr.write(`worker ${workerName()}: ${line}\n`);
  }

  async run(): Promise<WorkerSummary> {
    await assertReachable(this.options.url, `--queue ${this.options.url}`);
    this.announcements.on('message', () => { this.announced = true; this.wake?.(); });
    await this.announcements.subscribe(RUNS_CHANNEL);
    // What a run's first executor would check (and wait for) is checked now, before any run.
    try { probeSandbox(this.sandbox); } catch { /* the run's executors say why */ }
    this.log(`taking jobs from ${this.options.url} (concurrency ${this.options.concurrency}, ${this.options.workers} sandbox workers)`);
    while (!this.stopping) {
      this.announced = false;
      try {
        await this.discover();
      } catch (err) {
        this.log(`cannot read the runs (${(err as Error).message}); trying again`);
      }
      if (this.options.idleExitMs > 0 && this.slots.size === 0 && Date.now() - this.idleSince >= this.options.idleExitMs) break;
      if (this.announced) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.options.discoverMs);
        this.wake = () => { clearTimeout(t); resolve(); };
      });
    }
    await Promise.all([...this.slots.keys()].map((name) => this.leave(name)));
    this.redis.disconnect();
    this.announcements.disconnect();
    this.log(`stopped: ${this.summary.jobs} jobs, ${this.summary.units} units (${this.summary.unitErrors} raised)`);
    return this.summary;
  }

  /** First call: drain (finish the jobs taken). Second call: give them back now. */
  stop(): void {
    if (this.stopping) {
      this.forced = true;
      this.log('stopping now; unfinished jobs go back to the queue');
      for (const slot of this.slots.values()) void slot.worker.close(true);
    } else {
      this.log('draining: finishing the jobs taken, taking no more');
    }
    this.stopping = true;
    this.wake?.();
  }

  private async discover(): Promise<void> {
    const names = new Set(await this.redis.smembers(RUNS_KEY));
    for (const name of this.slots.keys()) if (!names.has(name)) await this.leave(name);
    for (const name of names) {
      if (this.slots.has(name) || this.stopping) continue;
      const info = await readRunInfo(this.redis, name);
      if (!info || !this.handlers[info.pipeline]) continue;
      const slot: RunSlot = { processors: new Map(), worker: undefined as unknown as Worker };
      slot.worker = new Worker(name, (job: Job<ShardData>) => this.processShard(name, slot, job), {
        connection: redisOptions(this.options.url), prefix: PREFIX, name: workerName(),
        concurrency: this.options.concurrency,
        lockDuration: info.lockMs, stalledInterval: info.stalledMs, maxStalledCount: info.maxStalled,
      });
      // Connection trouble is retried by ioredis; a line is enough.
      slot.worker.on('error', (err) => this.log(`${name}: ${err.message}`));
      this.slots.set(name, slot);
      if (!this.summary.runs.includes(name)) this.summary.runs.push(name);
      this.log(`joined ${info.pipeline} run ${name} (out ${info.out} on ${info.host})`);
      // Sandboxes start now, while the coordinator reads its sources, not with the first job.
      if (info.config !== undefined) void this.processorFor(name, slot, { pipeline: info.pipeline, config: info.config, units: [] }).catch(() => undefined);
    }
    if (this.slots.size > 0) this.idleSince = Date.now();
  }

  private async leave(name: string): Promise<void> {
    const slot = this.slots.get(name);
    if (!slot) return;
    this.slots.delete(name);
    await slot.worker.close(this.forced);
    for (const p of slot.processors.values()) await p.then((proc) => proc.close(), () => undefined);
    this.log(`left run ${name}`);
  }

  private processorFor(queue: string, slot: RunSlot, data: ShardData): Promise<UnitProcessor> {
    const key = contentId(data.config ?? null);
    let p = slot.processors.get(key);
    if (!p) {
      const handler = this.handlers[data.pipeline];
      if (!handler) return Promise.reject(new Error(`this worker cannot run ${data.pipeline} units`));
      p = handler.open(data.config, { workers: this.options.workers, sandbox: this.sandbox, fetchFile: (sha) => fetchFile(this.redis, queue, sha) });
      // A processor that could not be set up (no interpreter, ...) is tried again on the next job.
      p.catch(() => slot.processors.delete(key));
      slot.processors.set(key, p);
    }
    return p;
  }

  /** Runs a shard's units; their outcomes go to the run's results hash (results.ts), the job's
   *  return value says only what was stored. */
  private async processShard(queue: string, slot: RunSlot, job: Job<ShardData>): Promise<StoredResult> {
    const proc = await this.processorFor(queue, slot, job.data);
    const started = Date.now();
    const outcomes = await Promise.all(job.data.units.map((u) => this.limit(async (): Promise<UnitOutcome> => {
      try {
        return { ok: true, value: await proc.process(u.unit, u.order) };
      } catch (err) {
        this.summary.unitErrors++;
        return { ok: false, error: (err as Error).message ?? String(err) };
      }
    })));
    this.summary.jobs++;
    this.summary.units += outcomes.length;
    const stored = await storeOutcomes(this.redis, queue, job.id!, outcomes);
    this.log(`job ${job.id}: ${outcomes.length} units in ${((Date.now() - started) / 1000).toFixed(1)}s (${this.summary.jobs} jobs done)`);
    return stored;
  }
}
