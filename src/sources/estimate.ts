// How many units the inputs hold (.py files of a tree, rows of a JSONL or Parquet file), counted by a
// quick pass before mining so that a long run can show an ETA while it streams. An input that cannot
// be counted counts zero: the mining itself reports what it cannot read.
import { readdir } from 'node:fs/promises';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import { countLines } from '../store/inputfiles.js';

export async function countUnits(inputs: string[], exclude: string[] = []): Promise<number> {
  let total = 0;
  for (const input of inputs) {
    try {
      if ((await stat(input)).isDirectory()) total += await countPyFiles(input, exclude);
      else if (/\.jsonl(\.gz)?$/.test(input)) total += await countLines(input);
      else if (input.endsWith('.parquet')) total += Number((await parquetMetadataAsync(await asyncBufferFromFile(input))).num_rows);
      else if (input.endsWith('.py')) total += 1;
    } catch {
      // unreadable: counted as a bad source by the mining
    }
  }
  return total;
}

async function countPyFiles(dir: string, exclude: string[]): Promise<number> {
  let n = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (entry.isDirectory()) {
      if (!exclude.includes(entry.name)) n += await countPyFiles(join(dir, entry.name), exclude);
    } else if (entry.name.endsWith('.py')) {
      n++;
    }
  }
  return n;
}
