// Rows of a benchmark file, whatever its container: a JSON array, JSON Lines (optionally gzipped)
// or Parquet (read one row group at a time). Each row comes with its place in the file, and a line
// that is not JSON comes as its reason, so the caller can count it and go on.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { CaseforgeError } from '../errors.js';
import type { BadRow } from '../store/badinput.js';
import { readJsonFile, textLines } from '../store/inputfiles.js';

/** A row and its place, or a line that is not one: `reason` in the vocabulary of store/badinput.ts. */
export type Entry = { where: string; value: unknown; bad?: undefined; reason?: undefined } | { where: string; bad: string; reason: string; value?: undefined };

const fileFault = (b: BadRow): never => {
  throw new CaseforgeError('input', `${b.file}: ${b.reason}${b.detail ? ` (${b.detail})` : ''}`);
};

/** JSON Lines through the shared reader (strict UTF-8, a cap per line); a bad line is an entry. */
async function* jsonLines(path: string): AsyncGenerator<Entry> {
  const pending: Entry[] = [];
  const onBad = (b: BadRow) => (b.line === undefined ? fileFault(b) : pending.push({ where: `line ${b.line}`, reason: b.reason, bad: `${b.reason}: ${b.detail ?? ''}` }));
  for await (const { line, text } of textLines(path, { onBad })) {
    while (pending.length) yield pending.shift()!;
    try {
      yield { where: `line ${line}`, value: JSON.parse(text) as unknown };
    } catch (err) {
      yield { where: `line ${line}`, reason: 'not_json', bad: `not JSON: ${(err as Error).message}` };
    }
  }
  while (pending.length) yield pending.shift()!;
}

async function* parquetRows(path: string): AsyncGenerator<Entry> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  let start = 0;
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows);
    const rows = await parquetReadObjects({ file, metadata, rowStart: start, rowEnd: end });
    for (const [i, value] of rows.entries()) yield { where: `row ${start + i + 1}`, value };
    start = end;
  }
}

/** Every row of `path`; throws only when the file itself cannot be read. */
export async function* readEntries(path: string): AsyncGenerator<Entry> {
  if (path.endsWith('.parquet')) { yield* parquetRows(path); return; }
  if (path.endsWith('.json')) {
    const file = await readJsonFile(path);
    if (!file.ok) fileFault(file.bad);
    else if (!Array.isArray(file.value)) throw new CaseforgeError('input', `${path}: expected a JSON array of rows`);
    else for (const [i, value] of file.value.entries()) yield { where: `row ${i + 1}`, value };
    return;
  }
  yield* jsonLines(path);
}
