// A pool of warm workers for one profile: started lazily, requests dispatched to the least busy
// worker (up to `depth` in flight each, so IPC overlaps execution), dead workers replaced, and
// workers recycled after `maxRequests` (a guard against slow growth of the parent).
import { WorkerProcess, crashRaw, type ReadyInfo, type WorkerSpec } from './worker-process.js';

type RawResult = Record<string, unknown>;

interface Job {
  message: Record<string, unknown>;
  watchdogMs: number;
  resolve: (r: RawResult) => void;
}

export interface PoolOptions {
  size: number;
  depth: number;
  maxRequests: number;
  /** Builds the spec for the n-th worker started (each gets its own child identity). */
  spec: (n: number) => WorkerSpec;
}

export class Pool {
  private readonly workers: WorkerProcess[] = [];
  private readonly queue: Job[] = [];
  private started = 0;
  private starting?: Promise<void>;
  private closed = false;
  readyInfo?: ReadyInfo;
  /** Workers replaced so far: died (crash, kill) or retired after maxRequests. */
  replaced = 0;

  constructor(private readonly opts: PoolOptions) {}

  /** Starts all workers (first use does this implicitly). Rejects if a worker cannot start. */
  async start(): Promise<void> {
    this.starting ??= (async () => {
      const ws = Array.from({ length: this.opts.size }, () => this.spawn());
      await Promise.all(ws);
    })();
    return this.starting;
  }

  private readonly spawning = new Set<Promise<unknown>>();

  private async spawn(): Promise<WorkerProcess> {
    const w = new WorkerProcess(this.opts.spec(this.started++));
    const started = w.start();
    this.spawning.add(started);
    try {
      this.readyInfo = await started;
    } finally {
      this.spawning.delete(started);
    }
    if (this.closed) {
      // The pool closed while this replacement was starting: it must not outlive the pool.
      await w.stop();
      return w;
    }
    this.workers.push(w);
    this.pump();
    return w;
  }

  submit(message: Record<string, unknown>, watchdogMs: number): Promise<RawResult> {
    return new Promise<RawResult>((resolve) => {
      this.queue.push({ message, watchdogMs, resolve });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      this.reapDead();
      let best: WorkerProcess | undefined;
      for (const w of this.workers) {
        if (w.dead || w.inFlight >= this.opts.depth || w.served >= this.opts.maxRequests) continue;
        if (!best || w.inFlight < best.inFlight) best = w;
      }
      if (!best) {
        this.recycle();
        return;
      }
      const job = this.queue.shift()!;
      const w = best;
      void w.request(job.message, job.watchdogMs).then((r) => {
        job.resolve(r);
        this.pump();
      });
    }
  }

  /** Replaces dead workers (their in-flight jobs already got crash results). */
  private reapDead(): void {
    for (let i = this.workers.length - 1; i >= 0; i--) {
      if (!this.workers[i].dead) continue;
      this.workers.splice(i, 1);
      this.replaced++;
      if (!this.closed) this.respawnLater();
    }
  }

  /** Retires workers that reached maxRequests once they are idle. */
  private recycle(): void {
    for (let i = this.workers.length - 1; i >= 0; i--) {
      const w = this.workers[i];
      if (w.served >= this.opts.maxRequests && w.inFlight === 0 && !w.dead) {
        this.workers.splice(i, 1);
        this.replaced++;
        void w.stop();
        this.respawnLater();
      }
    }
  }

  private respawnLater(): void {
    this.spawn().catch(() => {
      // A worker that cannot start again fails the queued jobs rather than hanging them.
      if (this.workers.length === 0) {
        for (const job of this.queue.splice(0)) {
          job.resolve(crashRaw(undefined, 'no worker could be started'));
        }
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.starting?.catch(() => undefined);
    await Promise.all([...this.spawning].map((p) => p.catch(() => undefined)));
    await Promise.all(this.workers.map((w) => w.stop()));
    this.workers.length = 0;
  }
}
