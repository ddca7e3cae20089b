// Whole-file outputs (samples.jsonl, report.json, the dataset card) are written to a temporary
// name and renamed, so a kill never leaves a half-written final file behind.
import { writeFileSync, renameSync, openSync, fsyncSync, closeSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  const fd = openSync(tmp, 'r');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, path);
}

/** Writes text lines through a stream (bounded memory for large outputs), then renames. */
export async function writeLinesAtomic(path: string, lines: Iterable<string> | AsyncIterable<string>): Promise<number> {
  const tmp = `${path}.tmp-${process.pid}`;
  const out = createWriteStream(tmp);
  let n = 0;
  for await (const line of lines) {
    if (!out.write(line + '\n')) await once(out, 'drain');
    n++;
  }
  out.end();
  await once(out, 'finish');
  const fd = openSync(tmp, 'r');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, path);
  return n;
}

/** Writes rows as JSONL through a stream (bounded memory for large outputs), then renames. */
export async function writeJsonlAtomic(path: string, rows: Iterable<unknown>): Promise<number> {
  return writeLinesAtomic(path, (function* () { for (const row of rows) yield JSON.stringify(row); })());
}
