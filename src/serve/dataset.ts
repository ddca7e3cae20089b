// The records /verify finds by id (`--data PATH`): a caseforge Case2Code output folder, or a JSONL
// file that `caseforge eval` reads (caseforge records, the Case2Code test set, HumanEval, CRUXEval,
// DS-1000). The one module that knows the output layouts: the run layer's dataset folder (Parquet
// shards under `data/`, read with its readers; or its `jsonl/` config) and the older
// `samples.jsonl`. A bad row is skipped and counted with its file, line and reason; it never stops
// the server from starting.
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { fromTestSet, type TestSetRow } from '../eval/benchmarks/case2code.js';
import { datasetSplits, isDatasetDir, readSplit } from '../store/read.js';
import { PREDICTION_FAMILIES } from '../case2code/families/families.js';
import { loadBenchmark } from '../eval/benchmarks/index.js';
import type { BenchName } from '../eval/types.js';
import { ServeError } from './errors.js';
import { taskFromCases } from './verify/case2code.js';
import { familyNamed, type ResolvedTask } from './verify/index.js';

export interface BadRow {
  file: string;
  line: number;
  reason: string;
}

export interface Dataset {
  readonly tasks: ReadonlyMap<string, ResolvedTask>;
  /** Tasks per family. */
  readonly counts: Record<string, number>;
  readonly bad: BadRow[];
  readonly files: string[];
}

const Case = z.object({ call: z.string(), output: z.string(), status: z.enum(['ok', 'error']), input: z.string().optional() });

/** A Case2Code record written by `caseforge case2code` (schema v1 and v2 alike). */
const RecordRow = z.object({
  id: z.string().min(1),
  name: z.string(),
  program: z.string(),
  context: z.string().optional(),
  shown: z.array(Case),
  heldout: z.array(Case),
});

const TestSetRowSchema = z.object({
  id: z.string().min(1),
  code: z.string(),
  func_name: z.string().min(1),
  example_str: z.string(),
  example_outputs: z.array(z.object({ return: z.string().optional(), error: z.string().optional() })),
  prompt: z.string(),
});

/** Benchmark files whose adapter reads them whole, told apart by a field of their first row. */
const BENCH_FILES: Array<{ field: string; benches: BenchName[] }> = [
  { field: 'canonical_solution', benches: ['humaneval'] },
  { field: 'code_context', benches: ['ds1000'] },
  { field: 'input', benches: ['cruxeval-o', 'cruxeval-i'] },
];

function hasJsonl(path: string): boolean {
  return existsSync(join(path, 'samples.jsonl')) || existsSync(join(path, 'jsonl'));
}

/** JSONL files of a folder in the older layouts (`samples.jsonl`, or the dataset's `jsonl/` config). */
function jsonlFiles(path: string): string[] {
  const files: string[] = [];
  const samples = join(path, 'samples.jsonl');
  if (existsSync(samples)) files.push(samples);
  const jsonl = join(path, 'jsonl');
  if (existsSync(jsonl)) {
    for (const name of readdirSync(jsonl).sort()) if (/\.jsonl(\.gz)?$/.test(name)) files.push(join(jsonl, name));
  }
  if (!files.length) throw new ServeError('input', `--data ${path}: no data/*.parquet shards, jsonl/*.jsonl or samples.jsonl in it`);
  return files;
}

async function* lines(file: string): AsyncGenerator<[number, string]> {
  const raw = createReadStream(file);
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    n++;
    if (line.trim()) yield [n, line];
  }
}

function reasonOf(err: z.ZodError): string {
  const i = err.issues[0];
  return `${i.path.join('.') || 'row'}: ${i.message}`;
}

class Builder {
  readonly tasks = new Map<string, ResolvedTask>();
  readonly bad: BadRow[] = [];
  readonly testSet: Array<{ row: TestSetRow; file: string; line: number }> = [];

  add(id: string, family: string, task: ResolvedTask['task'], file: string, line: number): void {
    if (this.tasks.has(id)) {
      this.bad.push({ file, line, reason: `duplicate id '${id}' (the first one is kept)` });
      return;
    }
    this.tasks.set(id, { family: familyNamed(family)!, task });
  }

  /** One row of a caseforge output or of the Case2Code test set. */
  row(raw: unknown, file: string, line: number): void {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      this.bad.push({ file, line, reason: 'not a JSON object' });
      return;
    }
    if ('example_str' in raw) {
      const r = TestSetRowSchema.safeParse(raw);
      if (r.success) this.testSet.push({ row: r.data, file, line });
      else this.bad.push({ file, line, reason: reasonOf(r.error) });
      return;
    }
    const family = (raw as { task?: unknown }).task;
    if ((family === 'output' || family === 'input') && 'ground_truth' in raw) {
      this.familyRow(family, raw as { id?: unknown; ground_truth?: unknown }, file, line);
      return;
    }
    if ('intent' in raw && 'context' in raw) {
      this.bad.push({ file, line, reason: 'a GIFT4Code record: /verify does not score GIFT4Code yet' });
      return;
    }
    const r = RecordRow.safeParse(raw);
    if (!r.success) {
      this.bad.push({ file, line, reason: `not a Case2Code record: ${reasonOf(r.error)}` });
      return;
    }
    const g = r.data;
    this.add(g.id, 'case2code', taskFromCases(g.id, { entry_point: g.name, context: g.context, shown: g.shown, heldout: g.heldout }), file, line);
  }

  /** A record of a prediction family: its ground truth is JSON text in the family's inline form. */
  private familyRow(family: 'output' | 'input', raw: { id?: unknown; ground_truth?: unknown }, file: string, line: number): void {
    if (typeof raw.id !== 'string' || !raw.id || typeof raw.ground_truth !== 'string') {
      this.bad.push({ file, line, reason: `${family} record without a string id and ground_truth` });
      return;
    }
    try {
      const task = familyNamed(family)!.fromInline(JSON.parse(raw.ground_truth), 'ground_truth');
      this.add(raw.id, family, { ...task, id: raw.id }, file, line);
    } catch (err) {
      this.bad.push({ file, line, reason: `${family} record: ${(err as Error).message}` });
    }
  }

  finish(): void {
    const tasks = fromTestSet(this.testSet.map((t) => t.row));
    tasks.forEach((task, i) => {
      task.messages = []; // the prompt is the trainer's; scoring needs only the cases
      this.add(task.id, 'case2code', task, this.testSet[i].file, this.testSet[i].line);
    });
  }
}

async function firstRow(file: string): Promise<Record<string, unknown> | undefined> {
  for await (const [, text] of lines(file)) {
    try {
      const row = JSON.parse(text) as unknown;
      if (row && typeof row === 'object' && !Array.isArray(row)) return row as Record<string, unknown>;
    } catch {
      // a bad first line: the next one tells the kind
    }
  }
  return undefined;
}

/** A benchmark's own file, read by its adapter; CRUXEval ids get the family in front (`cruxeval-o/<id>`). */
async function benchFile(b: Builder, file: string, benches: BenchName[]): Promise<void> {
  for (const name of benches) {
    const bench = await loadBenchmark(name);
    const tasks = await bench.load(file);
    for (const task of tasks) {
      const id = benches.length > 1 ? `${name}/${task.id}` : task.id;
      b.add(id, name, task, file, 0);
    }
  }
}

async function readJsonlFile(b: Builder, file: string): Promise<void> {
  const first = await firstRow(file);
  const kind = first && !('program' in first) && !('example_str' in first) ? BENCH_FILES.find((k) => k.field in first) : undefined;
  if (kind) return benchFile(b, file, kind.benches);
  for await (const [line, text] of lines(file)) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      b.bad.push({ file, line, reason: `not JSON: ${(err as Error).message}` });
      continue;
    }
    b.row(raw, file, line);
  }
}

export async function openDataset(path: string): Promise<Dataset> {
  if (!existsSync(path)) throw new ServeError('input', `--data ${path}: no such file or folder`);
  const b = new Builder();
  const files: string[] = [];
  const isDir = statSync(path).isDirectory();
  // A Case2Code run's folder holds its prediction families' datasets beside its own records.
  const families = isDir ? PREDICTION_FAMILIES.map((f) => join(path, f)).filter((d) => existsSync(d) && isDatasetDir(d)) : [];
  for (const dir of [path, ...families]) {
    if (isDir && isDatasetDir(dir)) {
      for (const split of await datasetSplits(dir)) {
        files.push(...split.shards.map((s) => join(dir, s)));
        let row = 0;
        for await (const record of readSplit(dir, split.name)) b.row(record, join(dir, 'data', `${split.name}-*.parquet`), ++row);
      }
    } else if (dir === path) {
      const own = isDir ? (families.length && !hasJsonl(path) ? [] : jsonlFiles(path)) : [path];
      files.push(...own);
      for (const file of own) await readJsonlFile(b, file);
    }
  }
  b.finish();
  if (b.tasks.size === 0) {
    const why = b.bad.slice(0, 3).map((r) => `${relative(path, r.file) || r.file}:${r.line}: ${r.reason}`).join('; ');
    throw new ServeError('input', `--data ${path}: no task could be read${why ? ` (${why})` : ''}`);
  }
  const counts: Record<string, number> = {};
  for (const t of b.tasks.values()) counts[t.family.name] = (counts[t.family.name] ?? 0) + 1;
  return { tasks: b.tasks, counts, bad: b.bad, files };
}
