// JSON Lines reading and resumable appending. A run appends records as they finish; after a kill
// the log is reopened, a torn last line is cut off, and the keys already present are skipped.
import { createReadStream, existsSync, openSync, closeSync, writeSync, fsyncSync, ftruncateSync, fstatSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

export interface BadLine {
  path: string;
  line: number;
  reason: string;
}

/** Streams parsed rows of a `.jsonl` (or `.jsonl.gz`) file; a line that is not JSON goes to `onBad`. */
export async function* readJsonl<T = unknown>(path: string, onBad?: (bad: BadLine) => void): AsyncGenerator<T> {
  const raw = createReadStream(path);
  const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    try {
      yield JSON.parse(line) as T;
    } catch (err) {
      onBad?.({ path, line: n, reason: `not JSON: ${(err as Error).message}` });
    }
  }
}

/** Non-blank lines of a JSONL(.gz) file, counted without parsing them (for ETAs of long runs). */
export async function countJsonlRows(path: string): Promise<number> {
  const raw = createReadStream(path);
  const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) if (line.trim()) n++;
  return n;
}

export async function readJsonlAll<T = unknown>(path: string, onBad?: (bad: BadLine) => void): Promise<T[]> {
  const rows: T[] = [];
  for await (const row of readJsonl<T>(path, onBad)) rows.push(row);
  return rows;
}

/**
 * An append-only JSONL log keyed by a string. Writes are whole lines in one write(2) call, synced
 * every `syncEvery` records and on close, so a kill loses at most the unsynced tail, never a record
 * that was reported as kept, and never leaves a half line that the next open would misread. On
 * open, a torn last line (no newline) is cut off and a damaged line elsewhere is skipped. The
 * run layer's logs use UnitLog (unitlog.ts), which adds statuses and keeps only an index in memory.
 */
export class AppendLog<T> {
  private fd: number;
  private readonly keys = new Set<string>();
  private unsynced = 0;

  private constructor(readonly path: string, private readonly keyOf: (row: T) => string, private readonly syncEvery: number) {
    this.fd = openSync(path, existsSync(path) ? 'r+' : 'w+');
  }

  /** Opens (or creates) the log, repairs a torn tail, and returns it with the rows already there. */
  static open<T>(path: string, keyOf: (row: T) => string, syncEvery = 64): { log: AppendLog<T>; rows: T[] } {
    const log = new AppendLog<T>(path, keyOf, syncEvery);
    const rows = log.recover();
    return { log, rows };
  }

  private recover(): T[] {
    const size = fstatSync(this.fd).size;
    const buf = Buffer.alloc(size);
    if (size > 0) readSync(this.fd, buf, 0, size, 0);
    const rows: T[] = [];
    let good = 0;
    let start = 0;
    for (let i = 0; i < size; i++) {
      if (buf[i] !== 0x0a) continue;
      const text = buf.subarray(start, i).toString('utf8');
      start = i + 1;
      good = start;
      if (!text.trim()) continue;
      let row: T;
      // A damaged line is skipped (and counted); the lines after it are kept.
      try { row = JSON.parse(text) as T; } catch { this.damaged++; continue; }
      if (row === null || typeof row !== 'object') { this.damaged++; continue; }
      const key = this.keyOf(row);
      if (!this.keys.has(key)) { this.keys.add(key); rows.push(row); }
    }
    if (good < size) ftruncateSync(this.fd, good);
    this.position = good;
    return rows;
  }

  private position = 0;
  /** Lines skipped on open because they were not a JSON object. */
  damaged = 0;

  has(key: string): boolean {
    return this.keys.has(key);
  }

  get size(): number {
    return this.keys.size;
  }

  /** Appends a row unless its key is present; returns whether it was written. */
  append(row: T): boolean {
    const key = this.keyOf(row);
    if (this.keys.has(key)) return false;
    const bytes = Buffer.from(JSON.stringify(row) + '\n', 'utf8');
    let off = 0;
    while (off < bytes.length) off += writeSync(this.fd, bytes, off, bytes.length - off, this.position + off);
    this.position += bytes.length;
    this.keys.add(key);
    if (++this.unsynced >= this.syncEvery) this.sync();
    return true;
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
