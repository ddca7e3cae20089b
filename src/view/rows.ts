// Where a dataset's records are read from, without ever holding the dataset whole: the run layer's
// Parquet shards (store/read: pages by row group, only the columns asked for), or a JSON-lines file
// of the older layouts (samples.jsonl, an eval run's results.jsonl), read line by line through an
// index of byte offsets built in one streaming pass.
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { datasetSplits, readPage, readSplitColumns } from '../store/read.js';
import type { Rec } from './kinds.js';

export interface SplitRows { name: string; rows: number }

export interface RowStore {
  splits(): Promise<SplitRows[]>;
  /** Records `offset .. offset + limit` of a split, whole, or with only `fields` where the store
   *  can read less than the whole record. */
  page(split: string, offset: number, limit: number, fields?: string[]): Promise<Rec[]>;
  /** Every record of a split in order, a batch at a time, with only `fields` where the store can
   *  read less than the whole record (undefined: whole records). */
  scan(split: string, fields?: string[]): AsyncGenerator<Rec[]>;
  /** Lines that were not a JSON object (JSONL stores), skipped and counted. */
  readonly bad: number;
}

export class ParquetStore implements RowStore {
  readonly bad = 0;
  private cached?: SplitRows[];
  constructor(readonly dir: string) {}

  async splits(): Promise<SplitRows[]> {
    this.cached ??= (await datasetSplits(this.dir)).map((s) => ({ name: s.name, rows: s.rows }));
    return this.cached;
  }

  page(split: string, offset: number, limit: number, fields?: string[]): Promise<Rec[]> {
    return readPage<Rec>(this.dir, split, offset, limit, fields);
  }

  async *scan(split: string, fields?: string[]): AsyncGenerator<Rec[]> {
    if (fields) { yield* readSplitColumns<Rec>(this.dir, split, fields); return; }
    const { rows } = (await this.splits()).find((s) => s.name === split) ?? { rows: 0 };
    for (let at = 0; at < rows; at += 1000) yield await this.page(split, at, 1000);
  }
}

const CHUNK = 1 << 20;

/** A JSON-lines file: each good line's byte span, grouped by the record's split (`splitOf`). */
export class JsonlStore implements RowStore {
  bad = 0;
  private index?: Map<string, { starts: number[]; ends: number[] }>;

  private readonly splitOf: (r: Rec) => string;
  /** Every line's split when the file has one split only (an eval run's results, a unit log). */
  constructor(readonly path: string, readonly fixedSplit?: string) {
    this.splitOf = fixedSplit !== undefined ? () => fixedSplit : (r) => (typeof r.split === 'string' ? r.split : 'all');
  }

  private async build(): Promise<Map<string, { starts: number[]; ends: number[] }>> {
    if (this.index) return this.index;
    const index = new Map<string, { starts: number[]; ends: number[] }>();
    const fh = await open(this.path, 'r');
    try {
      const buf = Buffer.alloc(CHUNK);
      let pos = 0;
      let carry: Buffer[] = [];
      let lineStart = 0;
      const take = (line: Buffer, start: number) => {
        const end = start + line.length;
        if (line.length === 0 || /^\s*$/.test(line.toString('utf8', 0, Math.min(line.length, 64)))) return;
        let r: unknown;
        try { r = JSON.parse(line.toString('utf8')); } catch { this.bad++; return; }
        if (!r || typeof r !== 'object' || Array.isArray(r)) { this.bad++; return; }
        const split = this.splitOf(r as Rec);
        let e = index.get(split);
        if (!e) index.set(split, (e = { starts: [], ends: [] }));
        e.starts.push(start);
        e.ends.push(end);
      };
      for (;;) {
        const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
        if (bytesRead === 0) break;
        let from = 0;
        for (let nl = buf.indexOf(10, 0); nl !== -1 && nl < bytesRead; nl = buf.indexOf(10, from)) {
          const piece = Buffer.from(buf.subarray(from, nl));
          take(carry.length ? Buffer.concat([...carry, piece]) : piece, lineStart);
          carry = [];
          lineStart = pos + nl + 1;
          from = nl + 1;
        }
        if (from < bytesRead) carry.push(Buffer.from(buf.subarray(from, bytesRead)));
        pos += bytesRead;
      }
      if (carry.length) take(Buffer.concat(carry), lineStart);
    } finally {
      await fh.close();
    }
    this.index = index;
    return index;
  }

  async splits(): Promise<SplitRows[]> {
    const index = await this.build();
    const order = (s: string) => ['train', 'validation', 'test'].indexOf(s) + 1 || 9;
    return [...index.entries()].map(([name, e]) => ({ name, rows: e.starts.length })).sort((a, b) => order(a.name) - order(b.name) || (a.name < b.name ? -1 : 1));
  }

  async page(split: string, offset: number, limit: number): Promise<Rec[]> {
    const e = (await this.build()).get(split);
    if (!e) return [];
    const out: Rec[] = [];
    const fd = openSync(this.path, 'r');
    try {
      for (let i = offset; i < Math.min(offset + limit, e.starts.length); i++) {
        const buf = Buffer.alloc(e.ends[i] - e.starts[i]);
        readSync(fd, buf, 0, buf.length, e.starts[i]);
        out.push(JSON.parse(buf.toString('utf8')) as Rec);
      }
    } finally {
      closeSync(fd);
    }
    return out;
  }

  async *scan(split: string): AsyncGenerator<Rec[]> {
    const e = (await this.build()).get(split);
    if (!e) return;
    for (let at = 0; at < e.starts.length; at += 200) yield await this.page(split, at, 200);
  }
}

/** How to open a store again (in a worker thread). */
export type StoreSpec = { layout: 'dataset'; dir: string } | { layout: 'jsonl'; path: string; splitAs?: string };

export function storeFor(s: StoreSpec): RowStore {
  if (s.layout === 'dataset') return new ParquetStore(s.dir);
  return new JsonlStore(s.path, s.splitAs);
}

export function specOf(store: RowStore): StoreSpec | undefined {
  if (store instanceof ParquetStore) return { layout: 'dataset', dir: store.dir };
  if (store instanceof JsonlStore) return { layout: 'jsonl', path: store.path, ...(store.fixedSplit !== undefined ? { splitAs: store.fixedSplit } : {}) };
  return undefined;
}
