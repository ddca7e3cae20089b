// Readers of the dataset layout (dataset.ts) for the viewer, the trainer exports, the server and
// `caseforge eval`: the splits and their row counts (from the Parquet footers alone), a split's
// records streamed one row group at a time, and a page (offset, limit) that reads only the row
// groups it touches. Integers come back as numbers, as the records hold them.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonlAll } from './jsonl.js';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, type FileMetaData } from 'hyparquet';

export interface SplitInfo {
  name: string;
  rows: number;
  /** Shard paths relative to the dataset folder, in order. */
  shards: string[];
}

const SHARD = /^(.+)-(\d{5})-of-(\d{5})\.parquet$/;

/** Whether `dir` holds a dataset in caseforge's layout. */
export function isDatasetDir(dir: string): boolean {
  return existsSync(join(dir, 'data')) && statSync(dir).isDirectory() && readdirSync(join(dir, 'data')).some((f) => SHARD.test(f));
}

interface Shard { path: string; meta: FileMetaData }

async function shardsOf(dir: string, split: string): Promise<Shard[]> {
  const names = readdirSync(join(dir, 'data')).filter((f) => SHARD.exec(f)?.[1] === split).sort();
  const out: Shard[] = [];
  for (const f of names) {
    const path = join(dir, 'data', f);
    out.push({ path, meta: await parquetMetadataAsync(await asyncBufferFromFile(path)) });
  }
  return out;
}

export async function datasetSplits(dir: string): Promise<SplitInfo[]> {
  const names = [...new Set(readdirSync(join(dir, 'data')).map((f) => SHARD.exec(f)?.[1]).filter((s): s is string => !!s))].sort();
  const out: SplitInfo[] = [];
  for (const name of names) {
    const shards = await shardsOf(dir, name);
    out.push({ name, rows: shards.reduce((a, s) => a + Number(s.meta.num_rows), 0), shards: shards.map((s) => `data/${s.path.split('/').pop()}`) });
  }
  return out;
}

/** Bigints (INT64 columns) as numbers, recursively. */
export function plainValues(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plainValues);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = plainValues(x);
    return o;
  }
  return v;
}

async function readRows<T>(shard: Shard, rowStart: number, rowEnd: number, columns?: string[]): Promise<T[]> {
  const file = await asyncBufferFromFile(shard.path);
  const rows = await parquetReadObjects({ file, metadata: shard.meta, rowStart, rowEnd, columns });
  return rows.map((r) => plainValues(r) as T);
}

/** A split's records in order, one row group in memory at a time. */
export async function* readSplit<T = Record<string, unknown>>(dir: string, split: string): AsyncGenerator<T> {
  for (const shard of await shardsOf(dir, split)) {
    let start = 0;
    for (const g of shard.meta.row_groups) {
      const end = start + Number(g.num_rows);
      for (const r of await readRows<T>(shard, start, end)) yield r;
      start = end;
    }
  }
}

/** The names of a file's top-level columns (the schema is a flattened tree: skip each one's children). */
function topLevelFields(meta: FileMetaData): Set<string> {
  const out = new Set<string>();
  const schema = meta.schema;
  let i = 1;
  const skip = (): void => { const n = schema[i].num_children ?? 0; i++; for (let c = 0; c < n; c++) skip(); };
  while (i < schema.length) { out.add(schema[i].name); skip(); }
  return out;
}

/** Some top-level fields of a split's records, in order, one row group (an array of rows) at a
 *  time: only those columns are read and decoded (the viewer's index, a search over text). Fields
 *  the shards lack are left out of the rows. */
export async function* readSplitColumns<T = Record<string, unknown>>(dir: string, split: string, fields: string[]): AsyncGenerator<T[]> {
  for (const shard of await shardsOf(dir, split)) {
    const have = topLevelFields(shard.meta);
    const columns = fields.filter((f) => have.has(f));
    let start = 0;
    for (const g of shard.meta.row_groups) {
      const end = start + Number(g.num_rows);
      yield columns.length ? await readRows<T>(shard, start, end, columns) : Array.from({ length: end - start }, () => ({}) as T);
      start = end;
    }
  }
}

/** Records `offset .. offset + limit` of a split, reading only the row groups they lie in (and,
 *  given `fields`, only those top-level columns: a list page need not decode whole records). */
export async function readPage<T = Record<string, unknown>>(dir: string, split: string, offset: number, limit: number, fields?: string[]): Promise<T[]> {
  const out: T[] = [];
  let base = 0;
  for (const shard of await shardsOf(dir, split)) {
    const rows = Number(shard.meta.num_rows);
    const from = Math.max(offset - base, 0);
    const to = Math.min(offset + limit - base, rows);
    if (from < to) {
      const columns = fields ? fields.filter((f) => topLevelFields(shard.meta).has(f)) : undefined;
      out.push(...(columns && columns.length === 0 ? Array.from({ length: to - from }, () => ({}) as T) : await readRows<T>(shard, from, to, columns)));
    }
    base += rows;
    if (base >= offset + limit) break;
  }
  return out;
}

/** Rows of a JSONL(.gz) file, or every record of a dataset folder (all splits, in split order). */
export async function readRowsAt<T = Record<string, unknown>>(path: string): Promise<T[]> {
  if (!isDatasetDir(path)) {
    return readJsonlAll<T>(path);
  }
  const out: T[] = [];
  for (const s of await datasetSplits(path)) for await (const r of readSplit<T>(path, s.name)) out.push(r);
  return out;
}
