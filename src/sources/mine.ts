// Mining: sources -> sandboxed Python miner -> dedup -> MinedFunction, streamed. Files are mined a
// few at a time (the executor's workers run them) but results are taken in source order, so the
// output and the first-occurrence-wins dedup are deterministic. Nothing accumulates but dedup state.
import { contentId } from '../store/hash.js';
import type { MinedFunction } from './types.js';
import { resolveMineOptions, type MineOptions } from './options.js';
import { readSources, type SourceUnit } from './readers.js';
import { runMiner, type MinerExecutor, type MinerOutcome, type RawFunction } from './miner.js';
import { Deduper } from './dedup.js';
import { MiningStats, SHAPE_REASONS } from './stats.js';

function where(unit: SourceUnit, line?: number): string {
  const row = unit.origin.row !== undefined ? `#${unit.origin.row}` : '';
  return `${unit.origin.path}${row}${line !== undefined ? `:${line}` : ''}`;
}

function toMined(unit: SourceUnit, fn: RawFunction): MinedFunction {
  const mined: MinedFunction = {
    // A program may define several mined functions (mutual recursion carries both), so the name is part of the id.
    id: contentId(`${fn.name}\0${fn.program}`),
    name: fn.name,
    params: fn.params,
    program: fn.program,
    completion: fn.completion,
    context: fn.context,
    completionLines: fn.completionLines,
    targetLines: fn.targetLines,
    source: fn.source,
    imports: fn.imports,
    origin: { ...unit.origin, line: fn.line },
  };
  if (fn.docstring !== undefined) mined.docstring = fn.docstring;
  if (fn.doctests?.length) mined.doctests = fn.doctests;
  if (fn.lifted?.length) mined.lifted = fn.lifted;
  if (fn.changedGlobals?.length) mined.changedGlobals = fn.changedGlobals;
  return mined;
}

function* collect(unit: SourceUnit, outcome: MinerOutcome, dedup: Deduper, stats: MiningStats): Generator<MinedFunction> {
  if (!outcome.ok) {
    stats.badSource({ file: unit.origin.path, ...(unit.origin.row !== undefined ? { [unit.origin.path.endsWith('.parquet') ? 'row' : 'line']: unit.origin.row } : {}), reason: outcome.reason, detail: outcome.detail });
    return;
  }
  stats.sources.add('units');
  for (const skip of outcome.skipped) {
    stats.functions.add('seen');
    if (!SHAPE_REASONS.has(skip.reason)) stats.functions.add('candidates');
    stats.skip(skip.reason, `${skip.name} ${where(unit, skip.line)}${skip.detail ? ` (${skip.detail})` : ''}`);
  }
  for (const fn of outcome.functions) {
    stats.functions.add('seen');
    stats.functions.add('candidates');
    const mined = toMined(unit, fn);
    const verdict = dedup.check(mined.id, fn.exactKey, fn.tokens);
    if (verdict.kind !== 'unique') {
      stats.skip(verdict.kind, `${fn.name} ${where(unit, fn.line)} = ${verdict.of}`);
      continue;
    }
    stats.functions.add('kept');
    if (mined.lifted) stats.functions.add('lifted');
    if (mined.context) stats.functions.add('helpers_as_context');
    if (mined.changedGlobals) stats.functions.add('globals_changed_at_import');
    yield mined;
  }
}

/**
 * Mines top-level functions from `inputs` (.py files, directory trees, .jsonl(.gz), .parquet),
 * yielding each kept function once, in source order. Counts go to `options.stats`.
 * The executor must have been created with minerExecutorOptions() merged in.
 */
export async function* mineFunctions(inputs: string[], executor: MinerExecutor, options: MineOptions = {}): AsyncGenerator<MinedFunction> {
  const opts = resolveMineOptions(options);
  const stats = options.stats ?? new MiningStats();
  const dedup = new Deduper(opts.dedup);
  const window: Array<{ unit: SourceUnit; outcome: Promise<MinerOutcome> }> = [];
  let kept = 0;
  const units = readSources(inputs, { exclude: opts.exclude, maxFileBytes: opts.maxFileBytes }, stats);
  let done = false;
  try {
    while (!done || window.length > 0) {
      while (!done && window.length < opts.concurrency) {
        const next = await units.next();
        if (next.done) {
          done = true;
          break;
        }
        const outcome = runMiner(executor, next.value, opts);
        outcome.catch(() => undefined); // awaited below; this only keeps an abandoned one quiet
        window.push({ unit: next.value, outcome });
      }
      const head = window.shift();
      if (!head) break;
      for (const fn of collect(head.unit, await head.outcome, dedup, stats)) {
        yield fn;
        if (++kept >= opts.limit) return;
      }
    }
  } finally {
    await units.return(undefined); // closes an open JSONL/Parquet reader when the consumer stops early
  }
}
