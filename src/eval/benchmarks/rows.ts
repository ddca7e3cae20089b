// How every benchmark adapter reads its data: rows checked by the adapter's zod schema, each bad
// row (or a second row with an id already seen) skipped and given to `onBad` with its file, line
// and reason, so `caseforge eval` scores every good task and reports the rest. A data file that
// cannot be read at all is an input error: there is nothing to evaluate.
import type { z } from 'zod';
import { CaseforgeError } from '../../errors.js';
import { checkRow, type BadRow } from '../../store/badinput.js';
import { jsonlRows, readJsonFile } from '../../store/inputfiles.js';
import { datasetSplits, isDatasetDir, readSplit } from '../../store/read.js';

export type OnBad = (bad: BadRow) => void;

/** Where a good row was: its line in a JSONL file, or its item in a JSON list. */
export interface PlacedRow<T> {
  line?: number;
  item?: number;
  row: T;
}

/** A row-level bad entry; a whole-file one (no line) means the file cannot be used. */
function fileFault(bad: BadRow): never {
  throw new CaseforgeError('input', `${bad.file}: cannot be read as benchmark data (${bad.reason}${bad.detail ? `: ${bad.detail}` : ''})`);
}

/** Drops rows whose id was seen on an earlier row (results are keyed by task id). */
export function uniqueIds<T>(rows: Array<PlacedRow<T>>, idOf: (row: T) => string, file: string, onBad: OnBad): Array<PlacedRow<T>> {
  const seen = new Map<string, PlacedRow<T>>();
  return rows.filter((r) => {
    const id = idOf(r.row);
    const first = seen.get(id);
    if (!first) { seen.set(id, r); return true; }
    onBad({ file, ...(r.line !== undefined ? { line: r.line } : { row: r.item }), reason: 'duplicate_id', detail: `task ${id} again (first at ${first.line !== undefined ? `line ${first.line}` : `item ${first.item}`})` });
    return false;
  });
}

/** The rows of a JSONL(.gz) file that pass `schema`. */
export async function jsonlTaskRows<S extends z.ZodType>(path: string, schema: S, onBad: OnBad): Promise<Array<PlacedRow<z.output<S>>>> {
  const rows: Array<PlacedRow<z.output<S>>> = [];
  for await (const r of jsonlRows(path, schema, { onBad: (b) => (b.line === undefined ? fileFault(b) : onBad(b)) })) rows.push(r);
  return rows;
}

/** The rows of a dataset folder written by a pipeline (every split, in split order; a row's place is
 *  its 1-based row in its split), or of a JSONL(.gz) file, that pass `schema`. */
export async function taskRowsAt<S extends z.ZodType>(path: string, schema: S, onBad: OnBad): Promise<Array<PlacedRow<z.output<S>>>> {
  if (!isDatasetDir(path)) return jsonlTaskRows(path, schema, onBad);
  const rows: Array<PlacedRow<z.output<S>>> = [];
  let item = 0;
  for (const split of await datasetSplits(path)) {
    let n = 0;
    for await (const value of readSplit(path, split.name)) {
      n++;
      item++;
      const checked = checkRow(schema, value);
      if (checked.ok) rows.push({ item, row: checked.row });
      else onBad({ file: `${path} (${split.name})`, row: n, reason: checked.reason, detail: checked.detail });
    }
  }
  return rows;
}

/** The items of a JSON file holding a list that pass `schema` (an item's place is its 1-based index). */
export async function jsonListRows<S extends z.ZodType>(path: string, schema: S, onBad: OnBad, what = 'a list'): Promise<Array<PlacedRow<z.output<S>>>> {
  const file = await readJsonFile(path);
  if (!file.ok) fileFault(file.bad);
  if (!Array.isArray(file.value)) throw new CaseforgeError('input', `${path}: benchmark data must be ${what}, got ${file.value === null ? 'null' : typeof file.value}`);
  const rows: Array<PlacedRow<z.output<S>>> = [];
  file.value.forEach((value, i) => {
    const checked = checkRow(schema, value);
    if (checked.ok) rows.push({ item: i + 1, row: checked.row });
    else onBad({ file: path, row: i + 1, reason: checked.reason, detail: checked.detail });
  });
  return rows;
}

/** Rows of either a JSON list or a JSONL(.gz) file, told apart by the first non-blank character. */
export async function listOrJsonlRows<S extends z.ZodType>(path: string, schema: S, onBad: OnBad): Promise<Array<PlacedRow<z.output<S>>>> {
  if (!/\.jsonl(\.gz)?$/.test(path)) {
    const head = await readJsonFile(path);
    if (head.ok && Array.isArray(head.value)) return jsonListRows(path, schema, onBad);
  }
  return jsonlTaskRows(path, schema, onBad);
}
