// Rows of a benchmark file, whatever its container: a JSON array, JSON Lines (optionally gzipped)
// or Parquet (read one row group at a time). Each row comes with its place in the file, and a line
// that is not JSON comes as its reason, so the caller can count it and go on.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';

export type Entry = { where: string; value: unknown; bad?: undefined } | { where: string; bad: string; value?: undefined };

async function* jsonLines(path: string): AsyncGenerator<Entry> {
  const raw = createReadStream(path);
  const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  let n = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    n++;
    if (!line.trim()) continue;
    try {
      yield { where: `line ${n}`, value: JSON.parse(line) as unknown };
    } catch (err) {
      yield { where: `line ${n}`, bad: `not JSON: ${(err as Error).message}` };
    }
  }
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
    const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (!Array.isArray(data)) throw new Error('expected a JSON array of rows');
    for (const [i, value] of data.entries()) yield { where: `row ${i + 1}`, value };
    return;
  }
  yield* jsonLines(path);
}
