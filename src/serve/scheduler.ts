// Admission and dispatch of executions. Every execution (one /run_code request, one item of a /run or
// /verify batch) goes to a lane, one per executor pool, that runs at most as many at once as the pool
// can take; the rest wait in order. What may wait is bounded, for all lanes together: a request that
// would pass the bound is refused whole (429, with the seconds a retry should wait). Work whose client
// went away, or that waited past its request's deadline, is answered without being run.
import { RequestFault } from './errors.js';

/** What one request's items share: whether the client is still there, and until when to start them. */
export interface Ticket {
  readonly deadline: number;
  cancelled: boolean;
}

export type Outcome<T> = { ran: true; value: T } | { ran: false; reason: 'cancelled' | 'deadline' };

interface Waiting {
  ticket: Ticket;
  start: () => void;
  skip: (reason: 'cancelled' | 'deadline') => void;
}

interface Lane {
  concurrency: number;
  running: number;
  queue: Waiting[];
  head: number;
}

/** Completions over the last few seconds, for the Retry-After estimate. */
const RATE_WINDOW_S = 5;

export class Scheduler {
  private readonly lanes = new Map<string, Lane>();
  private waitingCount = 0;
  private runningCount = 0;
  private closing = false;
  /** Completions per second of the last few seconds: [second, count] pairs. */
  private readonly done: Array<[number, number]> = [];

  constructor(private readonly maxQueue: number) {}

  /** Declares a lane and how many of its executions may run at once. */
  addLane(name: string, concurrency: number): void {
    if (!this.lanes.has(name)) this.lanes.set(name, { concurrency, running: 0, queue: [], head: 0 });
  }

  hasLane(name: string): boolean {
    return this.lanes.has(name);
  }

  get waiting(): number { return this.waitingCount; }
  get running(): number { return this.runningCount; }

  /** Refuses new work from now on (503); what was admitted still runs. */
  close(): void {
    this.closing = true;
  }

  /**
   * Admits `n` executions bound for `lanes`, or throws: 503 while closing, 429 when they would not
   * fit in the queue. Call `run` for each of them without awaiting in between.
   */
  admit(n: number, lanes: Iterable<string>): void {
    if (this.closing) throw new RequestFault(503, 'the server is shutting down', undefined, { connection: 'close' });
    let free = 0;
    for (const name of new Set(lanes)) {
      const lane = this.lane(name);
      free += Math.max(0, lane.concurrency - lane.running - (lane.queue.length - lane.head));
    }
    const wouldWait = this.waitingCount + Math.max(0, n - free);
    if (wouldWait > this.maxQueue) {
      const retry = this.retryAfterS(wouldWait);
      throw new RequestFault(429, `queue full: ${this.waitingCount} executions waiting, this request adds ${n} `
        + `(limit ${this.maxQueue}); retry in ${retry} s`, undefined, { 'retry-after': String(retry) });
    }
  }

  /** Runs `job` on `lane` when a slot is free, unless its ticket was cancelled or expired first. */
  run<T>(laneName: string, ticket: Ticket, job: () => Promise<T>): Promise<Outcome<T>> {
    const lane = this.lane(laneName);
    return new Promise<Outcome<T>>((resolve, reject) => {
      const start = () => {
        lane.running++;
        this.runningCount++;
        let p: Promise<T>;
        try {
          p = job();
        } catch (err) {
          p = Promise.reject(err);
        }
        p.then((value) => resolve({ ran: true, value }), reject).finally(() => {
          lane.running--;
          this.runningCount--;
          this.noteDone();
          this.pump(lane);
        });
      };
      const skip = (reason: 'cancelled' | 'deadline') => resolve({ ran: false, reason });
      lane.queue.push({ ticket, start, skip });
      this.waitingCount++;
      this.pump(lane);
    });
  }

  private lane(name: string): Lane {
    const lane = this.lanes.get(name);
    if (!lane) throw new Error(`no lane '${name}'`);
    return lane;
  }

  private pump(lane: Lane): void {
    while (lane.running < lane.concurrency && lane.head < lane.queue.length) {
      const next = lane.queue[lane.head++];
      this.waitingCount--;
      if (next.ticket.cancelled) next.skip('cancelled');
      else if (Date.now() > next.ticket.deadline) next.skip('deadline');
      else next.start();
    }
    if (lane.head > 1024 && lane.head * 2 > lane.queue.length) {
      lane.queue = lane.queue.slice(lane.head); // drop the consumed front now and then, not per item
      lane.head = 0;
    }
  }

  private noteDone(): void {
    const second = Math.floor(Date.now() / 1000);
    const last = this.done[this.done.length - 1];
    if (last && last[0] === second) last[1]++;
    else this.done.push([second, 1]);
    while (this.done.length && this.done[0][0] <= second - RATE_WINDOW_S) this.done.shift();
  }

  /** Seconds until `n` waiting executions would be done at the recent rate (1-60). */
  private retryAfterS(n: number): number {
    const second = Math.floor(Date.now() / 1000);
    const recent = this.done.filter(([s]) => s > second - RATE_WINDOW_S).reduce((sum, [, c]) => sum + c, 0);
    const perS = Math.max(1, recent / RATE_WINDOW_S);
    return Math.min(60, Math.max(1, Math.ceil(n / perS)));
  }
}
