// The run's append-only log of finished units (a function, a context, an eval sample), keyed. Each
// line says how the unit ended: `done` (its data), `failed` (with the reason; not tried again) or
// `transient` (worth asking again, such as an LLM request that ran out of retries: the next run
// redoes it, and its new line supersedes this one). Only an index of keys (order, status, where the
// line is) stays in memory; the data is read back from the file when it is exported.
//
// Recovery after a kill: a torn last line (no newline: the write never finished) is cut off; a
// damaged line anywhere else is skipped and counted, and every line after it is kept.
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';

export type UnitStatus = 'done' | 'failed' | 'transient';

export interface UnitLine<T> {
  key: string;
  /** Position of the unit in source order: the export writes units in this order. */
  order: number;
  status: UnitStatus;
  /** Why it failed (failed and transient). */
  reason?: string;
  /** CPU or wall time the unit cost, in ms (the report's cost distribution). */
  cost_ms?: number;
  data?: T;
}

interface Entry {
  order: number;
  status: UnitStatus;
  pos: number;
  len: number;
  cost?: number;
}

const STATUS_CODES: UnitStatus[] = ['done', 'failed', 'transient'];

/** The index of the log: key -> slot, and per slot a few numbers in typed arrays (about 40 bytes a
 *  unit with its key, so a million units cost tens of MB, not hundreds). */
class Index {
  private readonly slots = new Map<string, number>();
  private readonly keys: string[] = [];
  private order = new Float64Array(1024);
  private pos = new Float64Array(1024);
  private len = new Float64Array(1024);
  private cost = new Float64Array(1024);
  private status = new Uint8Array(1024);

  get size(): number { return this.slots.size; }

  get(key: string): Entry | undefined {
    const i = this.slots.get(key);
    return i === undefined ? undefined : this.entry(i);
  }

  private entry(i: number): Entry {
    const cost = this.cost[i];
    return { order: this.order[i], status: STATUS_CODES[this.status[i]], pos: this.pos[i], len: this.len[i], cost: Number.isNaN(cost) ? undefined : cost };
  }

  set(key: string, e: Entry): void {
    let i = this.slots.get(key);
    if (i === undefined) {
      i = this.slots.size;
      if (i === this.order.length) this.grow();
      this.slots.set(key, i);
      this.keys.push(key);
    }
    this.order[i] = e.order;
    this.pos[i] = e.pos;
    this.len[i] = e.len;
    this.cost[i] = e.cost ?? NaN;
    this.status[i] = STATUS_CODES.indexOf(e.status);
  }

  private grow(): void {
    const twice = <T extends Float64Array | Uint8Array>(a: T): T => { const b = new (a.constructor as new (n: number) => T)(a.length * 2); b.set(a); return b; };
    this.order = twice(this.order);
    this.pos = twice(this.pos);
    this.len = twice(this.len);
    this.cost = twice(this.cost);
    this.status = twice(this.status);
  }

  /** Slots whose status passes `filter`, in source order (then key). */
  sorted(filter: (status: UnitStatus) => boolean): Generator<Entry> {
    const picked: number[] = [];
    for (let i = 0; i < this.keys.length; i++) if (filter(STATUS_CODES[this.status[i]])) picked.push(i);
    const slots = Uint32Array.from(picked).sort((a, b) => this.order[a] - this.order[b] || (this.keys[a] < this.keys[b] ? -1 : this.keys[a] > this.keys[b] ? 1 : 0));
    const self = this;
    return (function* () { for (const i of slots) yield self.entry(i); })();
  }

  *values(): Generator<Entry> {
    for (const i of this.slots.values()) yield this.entry(i);
  }
}

const STATUSES = new Set<UnitStatus>(['done', 'failed', 'transient']);
const CHUNK = 1 << 20;

export interface UnitLogRecovery {
  /** Lines that were not a unit line (not JSON, or without key/order/status): skipped. */
  damaged: number;
  /** Bytes of a torn last line cut off. */
  tornBytes: number;
  /** Where the damaged lines were (first few), for the report. */
  examples: string[];
}

export class UnitLog<T = unknown> {
  private readonly fd: number;
  private readonly index = new Index();
  private position = 0;
  private unsynced = 0;
  readonly recovery: UnitLogRecovery = { damaged: 0, tornBytes: 0, examples: [] };

  private constructor(readonly path: string, private readonly syncEvery: number) {
    this.fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
    this.recover();
  }

  /** Opens (or creates) the log and indexes what it holds. */
  static open<T>(path: string, syncEvery = 64): UnitLog<T> {
    return new UnitLog<T>(path, syncEvery);
  }

  private recover(): void {
    const size = fstatSync(this.fd).size;
    const buf = Buffer.alloc(Math.min(CHUNK, Math.max(size, 1)));
    let carry = Buffer.alloc(0);
    let carryPos = 0;
    let lineNo = 0;
    for (let off = 0; off < size;) {
      const n = readSync(this.fd, buf, 0, Math.min(buf.length, size - off), off);
      let chunk = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      let start = 0;
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, start)) {
        lineNo++;
        this.take(chunk.subarray(start, i), carryPos + start, lineNo);
        start = i + 1;
      }
      carryPos += start;
      carry = Buffer.from(chunk.subarray(start));
      chunk = Buffer.alloc(0);
      off += n;
    }
    if (carry.length) {
      ftruncateSync(this.fd, carryPos);
      this.recovery.tornBytes = carry.length;
    }
    this.position = carryPos;
  }

  private take(bytes: Buffer, pos: number, lineNo: number): void {
    if (bytes.length === 0) return;
    let line: Partial<UnitLine<T>> | undefined;
    try { line = JSON.parse(bytes.toString('utf8')) as Partial<UnitLine<T>>; } catch { /* damaged */ }
    if (!line || typeof line !== 'object' || typeof line.key !== 'string' || typeof line.order !== 'number' || !STATUSES.has(line.status as UnitStatus)) {
      this.recovery.damaged++;
      if (this.recovery.examples.length < 5) this.recovery.examples.push(`${this.path}:${lineNo}`);
      return;
    }
    this.note(line as UnitLine<T>, pos, bytes.length);
  }

  private note(line: UnitLine<T>, pos: number, len: number): void {
    const prior = this.index.get(line.key);
    // A finished unit is final; only a transient one is superseded by a later attempt.
    if (prior && prior.status !== 'transient') return;
    this.index.set(line.key, { order: line.order, status: line.status, pos, len, cost: typeof line.cost_ms === 'number' ? line.cost_ms : undefined });
  }

  status(key: string): UnitStatus | undefined {
    return this.index.get(key)?.status;
  }

  /** The source-order position a unit was logged under. */
  orderOf(key: string): number | undefined {
    return this.index.get(key)?.order;
  }

  /** Whether a run should (re)do the unit: never seen, or last seen `transient`. */
  pending(key: string): boolean {
    const s = this.index.get(key)?.status;
    return s === undefined || s === 'transient';
  }

  get size(): number {
    return this.index.size;
  }

  /** Counts of units by status. */
  counts(): Record<UnitStatus, number> {
    const c: Record<UnitStatus, number> = { done: 0, failed: 0, transient: 0 };
    for (const e of this.index.values()) c[e.status]++;
    return c;
  }

  /** Appends a unit's line in one write(2); false when the unit is already finished. */
  append(line: UnitLine<T>): boolean {
    if (!this.pending(line.key)) return false;
    const { key, order, status, reason, cost_ms, data } = line;
    const bytes = Buffer.from(JSON.stringify({ key, order, status, reason, cost_ms, data }) + '\n', 'utf8');
    let off = 0;
    while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off, this.position + off);
    this.note(line, this.position, bytes.length - 1);
    this.position += bytes.length;
    if (++this.unsynced >= this.syncEvery) this.sync();
    return true;
  }

  /** Reads one unit's line back. */
  read(key: string): UnitLine<T> | undefined {
    const e = this.index.get(key);
    return e ? this.readAt(e) : undefined;
  }

  /** One buffer for every line read back (an export reads each line once or twice): a fresh one a
   *  line would be a native allocation per unit, which the allocator does not give back at once. */
  private scratch = Buffer.allocUnsafe(1 << 16);

  private readAt(e: Entry): UnitLine<T> {
    if (this.scratch.length < e.len) this.scratch = Buffer.allocUnsafe(Math.max(e.len, 2 * this.scratch.length));
    readSync(this.fd, this.scratch, 0, e.len, e.pos);
    return JSON.parse(this.scratch.toString('utf8', 0, e.len)) as UnitLine<T>;
  }

  /** Unit lines in source order (by `order`, then key), read one at a time from the file. The
   *  filter sees only the index, so skipped units cost no read. */
  *inOrder(filter: (status: UnitStatus) => boolean = () => true): Generator<UnitLine<T>> {
    this.sync();
    for (const e of this.index.sorted(filter)) yield this.readAt(e);
  }

  /** The recorded costs (ms) of finished units, in no particular order. */
  costs(): number[] {
    const out: number[] = [];
    for (const e of this.index.values()) if (e.status !== 'transient' && e.cost !== undefined) out.push(e.cost);
    return out;
  }

  sync(): void {
    if (this.unsynced === 0) return;
    fsyncSync(this.fd);
    this.unsynced = 0;
  }

  close(): void {
    this.sync();
    closeSync(this.fd);
  }
}
