// The dataset layout every pipeline writes (a Hugging Face Hub dataset as it is):
//
//   DIR/data/<split>-NNNNN-of-NNNNN.parquet   the records, real nested types, row groups bounded
//   DIR/jsonl/<split>-NNNNN-of-NNNNN.jsonl    the same records, as JSON lines (config `jsonl`)
//   DIR/README.md                             the card, whose YAML header (cardHeader) names both
//   DIR/report.json                           the run's counters
//   DIR/.work/                                the run's identity and logs (hidden from loaders)
//
// Export is two streaming passes over the records in source order. The plan pass validates each
// record with its zod schema and lets the pipeline see every record before any split is decided (a
// `SplitPlanner`); the write pass writes the shards. Only per-record sizes and split numbers are
// kept between the passes, so memory does not grow with the records' size. Files are written under
// DIR/.work/export and moved into place at the end, replacing an earlier export whole.
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { ParquetFileWriter, ROW_GROUP_DEFAULTS, type RowGroupLimits } from './parquet.js';
import { hubFeatures, recordShape, type FeatureField, type Shape } from './schema.js';

/** Decides each record's split once it has seen them all (in source order, by index). */
export interface SplitPlanner<R> {
  observe(record: R, index: number): void;
  /** The split of record `index` (of those observed). */
  finish(): (index: number) => string;
}

export interface DatasetOptions<R> {
  dir: string;
  schema: z.ZodType;
  /** Records in source order; called once per pass. */
  records: () => AsyncIterable<R> | Iterable<R>;
  /** Default: each record's own `split` field. */
  planner?: SplitPlanner<R>;
  /** Records per shard at most (files stay manageable; the Hub takes any count). */
  shardRows?: number;
  /** JSON bytes per shard at most. */
  shardBytes?: number;
  rowGroup?: RowGroupLimits;
  /** Also write the JSONL config (default true). */
  jsonl?: boolean;
  /** Key-value metadata in every Parquet file. */
  kv?: Record<string, string>;
  /** The order splits are listed in (the rest follow, sorted). */
  splitOrder?: string[];
}

export interface SplitFiles {
  name: string;
  rows: number;
  bytes: number;
  parquet: string[];
  jsonl: string[];
}

export interface DatasetFiles {
  splits: SplitFiles[];
  features: FeatureField[];
  /** Records that failed their schema (skipped), with the first few reasons. */
  invalid: number;
  invalid_examples: string[];
  jsonl: boolean;
}

export const DATASET_DEFAULTS = { shardRows: 100_000, shardBytes: 512 << 20, jsonl: true };

class Grow {
  data = new Float64Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.data.length) { const d = new Float64Array(this.data.length * 2); d.set(this.data); this.data = d; }
    this.data[this.length++] = x;
  }
}

/** Default planner: the split each record carries. */
function ownSplit<R>(): SplitPlanner<R> {
  const names: string[] = [];
  const ids = new Map<string, number>();
  const of = new Grow();
  return {
    observe(r, i) {
      const s = String((r as { split?: unknown }).split ?? 'train');
      let id = ids.get(s);
      if (id === undefined) { id = names.push(s) - 1; ids.set(s, id); }
      while (of.length < i) of.push(-1); // skipped (invalid) records have no split
      of.push(id);
    },
    finish: () => (i) => names[of.data[i]] ?? 'train',
  };
}

const shardName = (split: string, i: number, n: number, ext: string) =>
  `${split}-${String(i).padStart(5, '0')}-of-${String(n).padStart(5, '0')}.${ext}`;

/** A record's fields in schema order (JSONL lines and Parquet rows agree field for field). */
function ordered(fields: Array<[string, Shape]>, r: Record<string, unknown>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k] of fields) o[k] = r[k] ?? null;
  return o;
}

/** A JSONL shard written through one reused 1 MB buffer: lines are encoded into it, not gathered
 *  as strings and joined (the write pass's allocations are what set its memory's high-water mark). */
class LineFile {
  private fd: number;
  private buf = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  constructor(readonly path: string) { this.fd = openSync(path, 'w'); }
  write(line: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    if (this.used + 3 * line.length > this.buf.length) this.flush();
    if (3 * line.length > this.buf.length) { writeSync(this.fd, line); return; }
    this.used += this.buf.write(line, this.used, 'utf8');
  }
  private flush(): void {
    let off = 0;
    while (off < this.used) off += writeSync(this.fd, this.buf, off, this.used - off);
    this.used = 0;
  }
  close(): void { this.flush(); closeSync(this.fd); }
}

export async function writeDataset<R extends object>(o: DatasetOptions<R>): Promise<DatasetFiles> {
  const fields = recordShape(o.schema);
  const shardRows = o.shardRows ?? DATASET_DEFAULTS.shardRows;
  const shardBytes = o.shardBytes ?? DATASET_DEFAULTS.shardBytes;
  const withJsonl = o.jsonl ?? DATASET_DEFAULTS.jsonl;
  const planner = o.planner ?? ownSplit<R>();
  const hasSplit = fields.some(([k]) => k === 'split');

  // Plan pass: validate, measure, let the planner see every record.
  const sizes = new Grow();
  let validity = new Uint8Array(1024);
  let invalid = 0;
  const invalidExamples: string[] = [];
  let n = 0;
  for await (const r of o.records()) {
    const check = o.schema.safeParse(r);
    if (validity.length <= n) { const v = new Uint8Array(Math.max(1024, validity.length * 2)); v.set(validity); validity = v; }
    if (!check.success) {
      invalid++;
      if (invalidExamples.length < 5) invalidExamples.push(`record ${n}: ${check.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      sizes.push(0);
    } else {
      validity[n] = 1;
      sizes.push(Buffer.byteLength(JSON.stringify(ordered(fields, r as Record<string, unknown>))) + 1);
      planner.observe(r, n);
    }
    n++;
  }
  const splitOf = planner.finish();
  const splits = new Map<string, { rows: number; bytes: number }>();
  for (let i = 0; i < n; i++) {
    if (!validity[i]) continue;
    const s = splitOf(i);
    const t = splits.get(s) ?? { rows: 0, bytes: 0 };
    t.rows++;
    t.bytes += sizes.data[i];
    splits.set(s, t);
  }
  if (splits.size === 0) splits.set(o.splitOrder?.[0] ?? 'train', { rows: 0, bytes: 0 });
  const order = [...(o.splitOrder ?? []).filter((s) => splits.has(s)), ...[...splits.keys()].filter((s) => !(o.splitOrder ?? []).includes(s)).sort()];
  const plan = new Map(order.map((name) => {
    const t = splits.get(name)!;
    const shards = Math.max(1, Math.ceil(t.rows / shardRows), Math.ceil(t.bytes / shardBytes));
    return [name, { ...t, shards, seen: 0, shard: -1, pq: undefined as ParquetFileWriter | undefined, jl: undefined as LineFile | undefined, files: { parquet: [] as string[], jsonl: [] as string[] } }];
  }));

  // Write pass: shards in source order, each split's records spread evenly over its shards.
  const stage = join(o.dir, '.work', 'export');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, 'data'), { recursive: true });
  if (withJsonl) mkdirSync(join(stage, 'jsonl'), { recursive: true });
  const open = (name: string, p: NonNullable<ReturnType<typeof plan.get>>, shard: number) => {
    p.pq?.close();
    p.jl?.close();
    const pq = shardName(name, shard, p.shards, 'parquet');
    p.pq = new ParquetFileWriter(join(stage, 'data', pq), fields, o.rowGroup ?? ROW_GROUP_DEFAULTS, o.kv);
    p.files.parquet.push(`data/${pq}`);
    if (withJsonl) {
      const jl = shardName(name, shard, p.shards, 'jsonl');
      p.jl = new LineFile(join(stage, 'jsonl', jl));
      p.files.jsonl.push(`jsonl/${jl}`);
    }
    p.shard = shard;
  };
  try {
    let i = 0;
    for await (const r of o.records()) {
      const index = i++;
      if (index >= n || !validity[index]) continue;
      const name = splitOf(index);
      const p = plan.get(name)!;
      const shard = Math.floor((p.seen * p.shards) / p.rows);
      if (shard !== p.shard) open(name, p, shard);
      p.seen++;
      const rec = ordered(fields, hasSplit ? { ...(r as Record<string, unknown>), split: name } : (r as Record<string, unknown>));
      const line = JSON.stringify(rec) + '\n';
      p.pq!.add(rec, line.length);
      p.jl?.write(line);
    }
    for (const [name, p] of plan) {
      // Shards a split never reached (no rows, or fewer records on the second pass) still exist.
      for (let s = p.shard + 1; s < p.shards; s++) open(name, p, s);
      p.pq?.close();
      p.jl?.close();
    }
  } catch (err) {
    for (const p of plan.values()) { p.pq?.abort(); p.jl?.close(); }
    throw err;
  }
  for (const sub of withJsonl ? ['data', 'jsonl'] : ['data']) {
    rmSync(join(o.dir, sub), { recursive: true, force: true });
    renameSync(join(stage, sub), join(o.dir, sub));
  }
  if (!withJsonl) rmSync(join(o.dir, 'jsonl'), { recursive: true, force: true });
  rmSync(stage, { recursive: true, force: true });
  return {
    splits: [...plan].map(([name, p]) => ({ name, rows: p.seen, bytes: p.bytes, parquet: p.files.parquet, jsonl: p.files.jsonl })),
    features: hubFeatures(fields), invalid, invalid_examples: invalidExamples, jsonl: withJsonl,
  };
}
