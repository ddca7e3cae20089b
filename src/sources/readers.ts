// Sources of Python text: a .py file, a directory tree (sorted, deterministic), JSONL rows and
// Parquet rows with a `content` column. Each yields units to mine; what cannot be read is counted
// with its name and skipped, never thrown.
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Origin } from './types.js';
import type { MiningStats } from './stats.js';
import { readTextFile } from '../store/inputfiles.js';
import { jsonlUnits, parquetUnits } from './rows.js';

export interface SourceUnit {
  text: string;
  /** Where the text came from; the function's line is added per function. */
  origin: Omit<Origin, 'line'>;
  /** Import lines given beside the text (Case2Code raw `import_code`). */
  importCode?: string[];
  /** Dotted package of a file in a tree, so relative imports can be made absolute. */
  package?: string;
  /** A corpus row (a function without its module) rather than a whole file. */
  fragment: boolean;
}

export interface ReaderOptions {
  exclude: string[];
  maxFileBytes: number;
}

/** Units from every input path, in order: files, trees, .jsonl(.gz) and .parquet files. */
export async function* readSources(inputs: string[], opts: ReaderOptions, stats: MiningStats): AsyncGenerator<SourceUnit> {
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch (err) {
      stats.badSource({ file: input, reason: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
      continue;
    }
    if (info.isDirectory()) yield* treeUnits(input, input, opts, stats);
    else if (/\.jsonl(\.gz)?$/.test(input)) yield* jsonlUnits(input, opts.maxFileBytes, stats);
    else if (input.endsWith('.parquet')) yield* parquetUnits(input, opts.maxFileBytes, stats);
    else if (input.endsWith('.py')) yield* fileUnit(input, undefined, opts, stats);
    else stats.badSource({ file: input, reason: 'unsupported', detail: 'not a .py, .jsonl(.gz) or .parquet file, nor a folder' });
  }
}

async function* treeUnits(root: string, dir: string, opts: ReaderOptions, stats: MiningStats): AsyncGenerator<SourceUnit> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    stats.badSource({ file: dir, reason: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!opts.exclude.includes(entry.name)) yield* treeUnits(root, path, opts, stats);
    } else if (entry.name.endsWith('.py') && !entry.isDirectory()) {
      const rel = relative(root, dir);
      yield* fileUnit(path, rel ? rel.split(sep).join('.') : undefined, opts, stats);
    }
  }
}

async function* fileUnit(path: string, pkg: string | undefined, opts: ReaderOptions, stats: MiningStats): AsyncGenerator<SourceUnit> {
  stats.unitsReached++;
  try {
    // A FIFO or a device would block the read, so only regular files are opened.
    if (!(await stat(path)).isFile()) { stats.badSource({ file: path, reason: 'unreadable', detail: 'not a regular file' }); return; }
  } catch (err) {
    stats.badSource({ file: path, reason: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
    return;
  }
  const file = await readTextFile(path, opts.maxFileBytes);
  if (!file.ok) { stats.badSource(file.bad); return; }
  stats.sources.add('files');
  yield { text: file.text, origin: { path }, package: pkg, fragment: false };
}
