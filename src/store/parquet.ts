// Parquet output. `ParquetFileWriter` streams records of one schema into a file in row groups (a
// bounded buffer, never the whole file in memory), with real nested types from the record's zod
// schema (see schema.ts). `writeParquet` is the older one-shot writer of flat rows, nested fields as
// JSON strings, kept for callers that have a small list of rows and no schema.
import { renameSync, rmSync } from 'node:fs';
import { ParquetWriter, parquetWriteFile } from 'hyparquet-writer';
import { fileWriter } from 'hyparquet-writer';
import { parquetSchema, toParquetValue, type Shape } from './schema.js';

export interface RowGroupLimits {
  /** Rows of one row group at most. */
  rows: number;
  /** Bytes of one row group at most, measured as the records' JSON text (what the Hub viewer reads
   *  in memory is close to it); the viewer refuses row groups over ~286 MiB. */
  bytes: number;
}

export const ROW_GROUP_DEFAULTS: RowGroupLimits = { rows: 1000, bytes: 32 << 20 };

/** Writes one Parquet file row group by row group; the file appears under its name on `close`. */
export class ParquetFileWriter {
  private readonly tmp: string;
  private readonly writer: ParquetWriter;
  private rows: Array<Record<string, unknown>> = [];
  private bytes = 0;
  private closed = false;
  rowsWritten = 0;
  rowGroups = 0;

  constructor(readonly path: string, private readonly fields: Array<[string, Shape]>, private readonly limits: RowGroupLimits = ROW_GROUP_DEFAULTS, kv: Record<string, string> = {}) {
    this.tmp = `${path}.tmp-${process.pid}`;
    this.writer = new ParquetWriter({
      writer: fileWriter(this.tmp), schema: parquetSchema(fields) as never,
      kvMetadata: Object.entries(kv).map(([key, value]) => ({ key, value })), createdBy: 'caseforge',
    });
  }

  /** Adds a record; `size` is its JSON length (for the row group's byte bound). */
  add(record: Record<string, unknown>, size: number): void {
    if (this.rows.length > 0 && (this.rows.length >= this.limits.rows || this.bytes + size > this.limits.bytes)) this.flush();
    const row: Record<string, unknown> = {};
    for (const [k, s] of this.fields) row[k] = toParquetValue(s, record[k], k);
    this.rows.push(row);
    this.bytes += size;
  }

  private flush(): void {
    if (this.rows.length === 0) return;
    const columnData = this.fields.map(([name]) => ({ name, data: this.rows.map((r) => r[name]) }));
    void this.writer.write({ columnData: columnData as never, rowGroupSize: this.rows.length });
    this.rowsWritten += this.rows.length;
    this.rowGroups++;
    this.rows = [];
    this.bytes = 0;
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    void this.writer.finish();
    this.closed = true;
    renameSync(this.tmp, this.path);
  }

  /** Drops the unfinished file. */
  abort(): void {
    this.closed = true;
    rmSync(this.tmp, { force: true });
  }
}

type ColumnType = 'STRING' | 'JSON' | 'DOUBLE' | 'INT64' | 'BOOLEAN';

function columnTypeOf(values: unknown[]): ColumnType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length === 0) return 'STRING';
  if (present.every((v) => typeof v === 'string')) return 'STRING';
  if (present.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  if (present.every((v) => typeof v === 'number' && Number.isSafeInteger(v))) return 'INT64';
  if (present.every((v) => typeof v === 'number')) return 'DOUBLE';
  return 'JSON';
}

/** Writes records (objects with the same top-level fields) as one Parquet file. */
export function writeParquet(path: string, records: Array<Record<string, unknown>>): void {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) if (!seen.has(k)) { seen.add(k); names.push(k); }
  const columnData = names.map((name) => {
    const raw = records.map((r) => r[name]);
    const type = columnTypeOf(raw);
    const data = raw.map((v) => {
      if (v === undefined || v === null) return null;
      if (type === 'JSON') return JSON.stringify(v);
      if (type === 'INT64') return BigInt(v as number);
      return v;
    });
    return { name, data, type: type === 'JSON' ? ('STRING' as const) : type, nullable: true };
  });
  parquetWriteFile({ filename: path, columnData, kvMetadata: [{ key: 'writer', value: 'caseforge' }] });
}
