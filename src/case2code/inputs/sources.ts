// Where the functions come from: the Case2Code test format for `--inputs given`, else the mining of
// src/sources (the standard library when no source is given). Both give FunctionJobs in a fixed order.
import { CaseforgeError } from '../../errors.js';
import type { Executor } from '../../exec/executor.js';
import { BadInput } from '../../store/badinput.js';
import { jsonlRows } from '../../store/inputfiles.js';
import { countUnits, mineFunctions, MiningStats, resolveMineOptions, stdlibSource } from '../../sources/index.js';
import { readGivenJobs } from './given_inputs.js';
import { jobOfMined, type FunctionJob } from './job.js';
import type { Case2CodeOptions } from '../options.js';

export interface SourceStats {
  /** Skipped while reading or mining, by reason (from the miner, or bad rows). */
  skipped: Record<string, number>;
  /** Licence fields seen in the sources, with counts (for the dataset card). */
  licenses: Record<string, number>;
  /** The miner's own counts (files, functions seen, skips by reason). */
  mining?: Record<string, unknown>;
  /** Input units (files, rows) counted before the run, and reached so far: the run's ETA. */
  units?: { total: number; reached: () => number };
  /** `--inputs given`: every bad line of the test files, with its file, line and reason. */
  bad_rows?: BadInput;
}

function bump(map: Record<string, number>, key: string, n = 1): void {
  map[key] = (map[key] ?? 0) + n;
}

/** A JSONL file whose first object row has the Case2Code test format's fields (bad lines before it do not count). */
export async function isTestFormat(path: string): Promise<boolean> {
  if (!/\.jsonl(\.gz)?$/.test(path)) return false;
  for await (const { row } of jsonlRows(path, undefined, { onBad: () => undefined })) {
    return 'func_name' in row && 'code' in row && 'example_str' in row;
  }
  return false;
}

export async function* functionJobs(opts: Case2CodeOptions, ex: Executor, stats: SourceStats): AsyncGenerator<FunctionJob> {
  const testFormat = await Promise.all(opts.sources.map(isTestFormat));
  if (opts.inputs === 'given' || (opts.sources.length > 0 && testFormat.every(Boolean))) {
    if (opts.sources.length === 0) throw new CaseforgeError('usage', '--inputs given needs --source FILE in the Case2Code test format');
    if (!testFormat.every(Boolean)) throw new CaseforgeError('input', '--inputs given reads only the Case2Code test format (code, func_name, example_str)');
    let reached = 0;
    stats.units = { total: await countUnits(opts.sources), reached: () => reached };
    const bad = (stats.bad_rows ??= new BadInput());
    for (const path of opts.sources) {
      for await (const job of readGivenJobs(path, (b) => { reached++; bad.add(b); bump(stats.skipped, `bad_row:${b.reason}`); })) {
        reached++;
        // A row's code is the completion as it is: one over the cap cannot be split, so it is dropped.
        if (job.completionLines > opts.maxCompletionLines) {
          bump(stats.skipped, 'too_large');
          continue;
        }
        bump(stats.licenses, job.license ?? 'unknown');
        yield job;
      }
    }
    return;
  }
  const mining = new MiningStats();
  const std = opts.sources.length === 0 ? await stdlibSource(ex) : undefined;
  const inputs = std ? std.inputs : opts.sources;
  const exclude = resolveMineOptions(std ? { exclude: std.exclude } : {}).exclude;
  stats.units = { total: await countUnits(inputs, exclude), reached: () => mining.unitsReached };
  try {
    const scoping = { maxCompletionLines: opts.maxCompletionLines, overCap: opts.overCap, maxContextLines: opts.maxContextLines };
    for await (const fn of mineFunctions(inputs, ex, { stats: mining, exclude, ...scoping })) {
      bump(stats.licenses, fn.origin.license ?? (std ? 'PSF-2.0 (Python standard library)' : 'unknown'));
      yield jobOfMined(fn);
    }
  } finally {
    stats.mining = mining.toJSON();
  }
}
