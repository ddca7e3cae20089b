// `caseforge export`: a dataset folder's records streamed into one trainer's format, one file per
// split (written under a temporary name, renamed when complete), the trainer's config beside them,
// and export.json with the counts. A record that cannot become an example (no chat turns, a turn
// without a role) is skipped and counted with its reason; the export goes on.
import { CaseforgeError, type ErrorCode } from '../errors.js';
import { createWriteStream, mkdirSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { Counts } from '../store/counts.js';
import { writeFileAtomic } from '../store/atomic.js';
import { ParquetFileWriter } from '../store/parquet.js';
import { recordShape, type Shape } from '../store/schema.js';
import { readRecords } from './dataset.js';
import { ExampleError, exampleOf } from './examples.js';
import { FORMAT_NAMES, FORMATS, type FormatName, type SplitPaths } from './formats.js';

export interface ExportOptions {
  dir: string;
  format: FormatName;
  out: string;
  /** The dataset's name in trainer configs (LLaMA-Factory's dataset_info keys); default `caseforge`. */
  name?: string;
}

export interface ExportResult {
  format: FormatName;
  source: string;
  out: string;
  files: SplitPaths;
  rows: Record<string, number>;
  tasks: Record<string, number>;
  skipped: Record<string, number>;
  skipped_examples: Record<string, string[]>;
  config_files: string[];
  snippet: string;
}

/** An export request that cannot be carried out (the project's error class, code `usage`). */
export class ExportError extends CaseforgeError {
  override name = 'ExportError';
  constructor(message: string, options?: { cause?: unknown; code?: ErrorCode }) {
    super(options?.code ?? 'usage', message, options);
  }
}

interface SplitSink {
  path: string;
  tmp: string;
  rows: number;
  write(row: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
  abort(): void;
}

function jsonlSink(path: string): SplitSink {
  const tmp = `${path}.tmp-${process.pid}`;
  const stream: WriteStream = createWriteStream(tmp);
  return {
    path, tmp, rows: 0,
    async write(row) {
      this.rows++;
      if (!stream.write(JSON.stringify(row) + '\n')) await once(stream, 'drain');
    },
    async close() {
      stream.end();
      await once(stream, 'finish');
      renameSync(tmp, path);
    },
    abort() { stream.destroy(); rmSync(tmp, { force: true }); },
  };
}

function parquetSink(path: string, fields: Array<[string, Shape]>): SplitSink {
  const w = new ParquetFileWriter(path, fields, undefined, { writer: 'caseforge export' });
  return {
    path, tmp: path, rows: 0,
    async write(row) {
      this.rows++;
      w.add(row, JSON.stringify(row).length);
    },
    async close() { w.close(); },
    abort() { w.abort(); },
  };
}

export async function exportDataset(o: ExportOptions): Promise<ExportResult> {
  const format = FORMATS[o.format];
  if (!format) throw new ExportError(`unknown format '${o.format}' (one of ${FORMAT_NAMES.join(', ')})`);
  const name = o.name ?? 'caseforge';
  if (!/^[\w.-]+$/.test(name)) throw new ExportError(`--name must be a plain word, got '${name}'`);
  const out = resolve(o.out);
  mkdirSync(out, { recursive: true });
  const fields = format.schema ? recordShape(format.schema) : undefined;
  const sinks = new Map<string, SplitSink>();
  const indexes = new Map<string, number>();
  const skipped = new Counts(5);
  const tasks: Record<string, number> = {};
  try {
    for await (const { split, record, where } of readRecords(o.dir, (w) => skipped.add('not_json', 1, w))) {
      let example;
      try {
        example = exampleOf(record, split);
      } catch (err) {
        if (!(err instanceof ExampleError)) throw err;
        skipped.add(err.message.replace(/\W+/g, '_').replace(/^_|_$/g, ''), 1, where);
        continue;
      }
      let sink = sinks.get(split);
      if (!sink) {
        const file = join(out, `${split}.${format.ext}`);
        sink = fields ? parquetSink(file, fields) : jsonlSink(file);
        sinks.set(split, sink);
      }
      const index = indexes.get(split) ?? 0;
      indexes.set(split, index + 1);
      tasks[example.task] = (tasks[example.task] ?? 0) + 1;
      await sink.write(format.row(example, index));
    }
    for (const s of sinks.values()) await s.close();
  } catch (err) {
    for (const s of sinks.values()) s.abort();
    throw err;
  }
  if (sinks.size === 0) throw new ExportError(`${o.dir}: no record could be exported (${JSON.stringify(skipped.toJSON())})`);
  const order = [...sinks.keys()].sort((a, b) => (a === 'train' ? -1 : b === 'train' ? 1 : a.localeCompare(b)));
  const files: SplitPaths = Object.fromEntries(order.map((s) => [s, `${s}.${format.ext}`]));
  const configs = format.configFiles?.(out, files, name) ?? {};
  for (const [file, text] of Object.entries(configs)) writeFileAtomic(join(out, file), text);
  const result: ExportResult = {
    format: o.format, source: resolve(o.dir), out, files,
    rows: Object.fromEntries(order.map((s) => [s, sinks.get(s)!.rows])), tasks,
    skipped: skipped.toJSON(), skipped_examples: skipped.examplesJSON(),
    config_files: Object.keys(configs), snippet: format.snippet(out, files, name),
  };
  writeFileAtomic(join(out, 'export.json'), JSON.stringify(result, null, 2) + '\n');
  return result;
}
