// Corpus rows as mining units: JSONL (`.jsonl`, `.jsonl.gz`) and Parquet files whose rows carry a
// `content` field (Case2Code raw data, The Stack), with `import_code`, `id` and licence fields when
// present. A row is checked by one schema (RowSchema) in both formats; a bad one is skipped and
// counted with its file, line (or row) and reason. Parquet is read one row group at a time and
// JSONL one line at a time, so a large file never sits in memory.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { z } from 'zod';
import { checkRow } from '../store/badinput.js';
import { jsonlRows } from '../store/inputfiles.js';
import type { MiningStats } from './stats.js';
import type { SourceUnit } from './readers.js';

const OPTIONAL_COLUMNS = ['import_code', 'id', 'license', 'licenses', 'max_stars_repo_licenses'];

/** A list stored as JSON text (how the store's Parquet writer keeps nested fields) is parsed back. */
function jsonList(v: unknown): unknown {
  if (typeof v !== 'string' || !v.trimStart().startsWith('[')) return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

function licenseOf(row: Record<string, unknown>): string | undefined {
  for (const key of ['license', 'licenses', 'max_stars_repo_licenses']) {
    const v = jsonList(row[key]);
    if (typeof v === 'string' && v) return v;
    if (Array.isArray(v) && v.length) return v.map(String).join(', ');
  }
  return undefined;
}

function importCodeOf(raw: unknown): string[] | undefined {
  const v = jsonList(raw);
  if (typeof v === 'string') return v.trim() ? v.split(/\r?\n/) : undefined;
  if (Array.isArray(v)) {
    const lines = v.filter((x): x is string => typeof x === 'string');
    return lines.length ? lines : undefined;
  }
  return undefined;
}

/** What a corpus row must have: its text. The other fields are read when they are usable, and a
 *  row whose licence or import lines are odd still gives its function. */
export const RowSchema = z.object({ content: z.string() });

/** The unit of one row, or the reason it is bad. */
export function rowUnit(row: unknown, path: string, n: number, maxBytes: number): SourceUnit | { bad: string; detail: string } {
  const checked = checkRow(RowSchema, row);
  if (!checked.ok) return { bad: checked.reason, detail: checked.detail };
  const r = row as Record<string, unknown>;
  const content = checked.row.content;
  if (content.length > maxBytes) return { bad: 'too_large', detail: `content of ${content.length} characters (cap ${maxBytes})` };
  const rowId = typeof r.id === 'string' || typeof r.id === 'number' || typeof r.id === 'bigint' ? String(r.id) : undefined;
  const license = licenseOf(r);
  return {
    text: content,
    origin: { path, row: n, ...(rowId !== undefined ? { rowId } : {}), ...(license ? { license } : {}) },
    importCode: importCodeOf(r.import_code),
    fragment: true,
  };
}

function* emit(unit: SourceUnit | { bad: string; detail: string }, path: string, n: number, stats: MiningStats, at: 'line' | 'row'): Generator<SourceUnit> {
  stats.unitsReached++;
  if ('bad' in unit) {
    stats.badSource({ file: path, [at]: n, reason: unit.bad, detail: unit.detail });
    return;
  }
  stats.sources.add('rows');
  yield unit;
}

/** Rows of a JSONL(.gz) file; a unit's `row` is its line. */
export async function* jsonlUnits(path: string, maxBytes: number, stats: MiningStats): AsyncGenerator<SourceUnit> {
  let readable = true;
  for await (const { line, row } of jsonlRows(path, undefined, {
    onBad: (bad) => {
      if (bad.line === undefined) readable = false; // the file itself
      else stats.unitsReached++;
      stats.badSource(bad);
    },
  })) {
    yield* emit(rowUnit(row, path, line, maxBytes), path, line, stats, 'line');
  }
  if (readable) stats.sources.add('files');
}

export async function* parquetUnits(path: string, maxBytes: number, stats: MiningStats): AsyncGenerator<SourceUnit> {
  let n = 0;
  try {
    const file = await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(file);
    const names = new Set(metadata.schema.slice(1).map((s) => s.name));
    if (!names.has('content')) {
      stats.badSource({ file: path, reason: 'no_content_column' });
      return;
    }
    const columns = ['content', ...OPTIONAL_COLUMNS.filter((c) => names.has(c))];
    let start = 0;
    for (const group of metadata.row_groups) {
      const end = start + Number(group.num_rows);
      const rows = await parquetReadObjects({ file, metadata, columns, rowStart: start, rowEnd: end });
      for (const row of rows) {
        n++;
        yield* emit(rowUnit(row, path, n, maxBytes), path, n, stats, 'row');
      }
      start = end;
    }
    stats.sources.add('files');
  } catch (err) {
    stats.badSource({ file: path, ...(n ? { row: n + 1 } : {}), reason: 'unreadable', detail: (err as Error).message });
  }
}
