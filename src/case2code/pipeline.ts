// The Case2Code run: functions stream in source order, a few at a time; each finished function is
// appended to the run's unit log (DIR/.work/functions.jsonl: `done` with its record, kept or dropped;
// `failed` when its processing raised; `transient` when the LLM writer could not be reached), so a
// killed run resumes where it stopped and the run goes on past any one function. The dataset is
// exported from the log in source order (store/dataset.ts), identical to an uninterrupted run's.
import { join } from 'node:path';
import pLimit from 'p-limit';
import { createExecutor, type Executor } from '../exec/executor.js';
import type { SandboxChoice } from '../exec/types.js';
import { minerExecutorOptions } from '../sources/index.js';
import type { LlmClient } from '../llm/client.js';
import { Progress, costSummary, openRunFolder, writeDataset, writeFileAtomic, UnitLog, type UnitLine } from '../store/index.js';
import { datasetCard } from './card.js';
import { Case2CodeExportSchema, exportRow, splitPlanner, type Case2CodeExportRow } from './dataset.js';
import { processFunction } from './function.js';
import { Case2CodeOptionsError, normaliseOptions, type Case2CodeOptions } from './options.js';
import { ReportBuilder, type Case2CodeReport } from './report.js';
import { functionJobs, type SourceStats } from './sources.js';
import { PRELOAD, PYTHON_DIR } from './tooling.js';
import type { Context } from './context.js';
import type { FunctionJob } from './job.js';
import type { WorkRecord } from './types.js';

/** Calls see a frozen clock, so no output depends on when the run happened; the determinism re-run sees
 *  another date and time of day, so a function whose output follows the clock is caught there. */
const CLOCK = 1_700_000_000; // 2023-11-14 22:13:20 UTC
const RECHECK_CLOCK = 1_733_023_456; // 2024-12-01 03:24:16 UTC

/** Drop reasons that say the function was not really tried (worth doing again on resume). */
const TRANSIENT = new Set(['llm_failed']);

export interface RunDeps {
  executor?: Executor;
  /** The determinism re-run's executor (default: `executor` when one is given). */
  recheckExecutor?: Executor;
  llm?: LlmClient;
  /** Replaces the configured sources (tests). */
  jobs?: AsyncIterable<FunctionJob>;
  /** Interpreter and isolation for the executor this run starts. */
  sandbox?: SandboxChoice;
}

/** The arguments that decide the output. */
function identityArgs(o: Case2CodeOptions): Record<string, unknown> {
  const { out: _o, workers: _w, inFlight: _f, progress: _p, force: _force, ...rest } = o;
  return rest;
}

async function pythonVersion(ex: Executor): Promise<string> {
  const r = await ex.run({ code: 'import sys', call: "'%d.%d.%d' % sys.version_info[:3]" });
  return r.value?.value.t === 'str' ? r.value.value.v : 'unknown';
}

/** First few names of duplicate functions (the report lists them; the count is exact). */
const DUPLICATE_NAMES = 50;

export async function runCase2Code(input: Partial<Case2CodeOptions> & { out: string }, deps: RunDeps = {}): Promise<Case2CodeReport> {
  const opts = normaliseOptions(input);
  if ((opts.inputs === 'llm' || opts.inputs === 'hybrid') && !deps.llm) throw new Case2CodeOptionsError(`--inputs ${opts.inputs} needs an LLM endpoint`);
  const folder = openRunFolder(opts.out, { pipeline: 'case2code', args: identityArgs(opts) }, { force: opts.force });
  const started = Date.now();
  const miner = minerExecutorOptions();
  const own = (fixedClock: number) => createExecutor({
    ...deps.sandbox, fixedClock,
    workers: opts.workers, pythonPath: [PYTHON_DIR, ...miner.pythonPath], preload: [...PRELOAD, ...miner.preload], seed: opts.seed,
  });
  const ex = deps.executor ?? (await own(CLOCK));
  const recheck = deps.recheckExecutor ?? deps.executor ?? (await own(RECHECK_CLOCK));
  const log = UnitLog.open<WorkRecord>(join(folder.work, 'functions.jsonl'));
  try {
    const ctx: Context = { ex, recheck, opts, llm: deps.llm, versions: { caseforge: opts.caseforgeVersion, python: await pythonVersion(ex) } };
    const sourceStats: SourceStats = { skipped: {}, licenses: {} };
    let functions = 0;
    let duplicates = 0;
    const duplicateNames: string[] = [];
    // Functions scheduled but not yet logged; with the log's index, this finds duplicates without a
    // set of every id seen (a duplicate is an id logged, or in flight, under an earlier position).
    const inFlight = new Set<string>();
    const progress = new Progress({
      label: 'case2code', total: opts.limit, unit: 'functions', enabled: opts.progress,
      fraction: () => { const u = sourceStats.units; return u && u.total > 0 ? u.reached() / u.total : undefined; },
    });
    const tally: Record<string, number> = { kept: 0 };
    const note = (key: string) => { tally[key] = (tally[key] ?? 0) + 1; progress.tick(1, tally); };
    const noteRecord = (r: WorkRecord) => note(r.kept ? 'kept' : `dropped:${r.drop?.reason}`);
    const limit = pLimit(opts.inFlight);
    const pending = new Set<Promise<void>>();
    const jobs = deps.jobs ?? functionJobs(opts, ex, sourceStats);
    for await (const job of jobs) {
      const prior = log.orderOf(job.id);
      if (inFlight.has(job.id) || (prior !== undefined && prior !== functions)) {
        duplicates++;
        if (duplicateNames.length < DUPLICATE_NAMES) duplicateNames.push(job.name);
        continue;
      }
      if (opts.limit !== undefined && functions >= opts.limit) break;
      const index = functions++;
      if (!log.pending(job.id)) { note(log.status(job.id) === 'failed' ? 'failed' : 'resumed'); continue; }
      inFlight.add(job.id);
      const p: Promise<void> = limit(async () => {
        const t0 = Date.now();
        let line: UnitLine<WorkRecord>;
        try {
          const rec = await processFunction(ctx, job, index);
          const transient = !rec.kept && rec.drop && TRANSIENT.has(rec.drop.reason);
          line = transient
            ? { key: job.id, order: index, status: 'transient', reason: `${rec.drop!.reason}: ${rec.drop!.detail}`.slice(0, 500) }
            : { key: job.id, order: index, status: 'done', cost_ms: Math.round(rec.stats.seconds * 1000), data: rec };
          if (transient) note('transient'); else noteRecord(rec);
        } catch (err) {
          // A fault while processing one function is that function's outcome, not the run's end.
          line = { key: job.id, order: index, status: 'failed', reason: `${job.name}: ${(err as Error).message}`.slice(0, 500), cost_ms: Date.now() - t0 };
          note('failed');
          if (opts.progress) process.stderr.write(`case2code: ${line.reason}\n`);
        }
        log.append(line);
        inFlight.delete(job.id);
      }).finally(() => pending.delete(p));
      pending.add(p);
      if (pending.size >= opts.inFlight * 2) await Promise.race(pending);
    }
    await Promise.all(pending);
    progress.stop();
    return await exportRun(opts, log, {
      sourceStats, duplicates, duplicateNames, seconds: (Date.now() - started) / 1000, llm: deps.llm, versions: ctx.versions,
    });
  } finally {
    log.close();
    if (!deps.executor) await ex.close();
    if (!deps.recheckExecutor && !deps.executor) await recheck.close();
  }
}

interface ExportFacts {
  sourceStats: SourceStats;
  duplicates: number;
  duplicateNames: string[];
  seconds: number;
  llm?: LlmClient;
  versions: { caseforge: string; python: string };
}

/** The dataset, report.json and the card, from the log in source order. */
async function exportRun(opts: Case2CodeOptions, log: UnitLog<WorkRecord>, f: ExportFacts): Promise<Case2CodeReport> {
  const builder = new ReportBuilder();
  let pass = 0;
  // The report is counted on the export's first (plan) pass, so the log is read twice in all.
  function* records(): Generator<Case2CodeExportRow> {
    const counting = pass++ === 0;
    for (const line of log.inOrder((s) => s === 'done')) {
      const rec = line.data!;
      if (counting) builder.add(rec);
      if (rec.kept) for (const s of rec.samples) yield exportRow(s);
    }
  }
  const files = await writeDataset({ dir: opts.out, schema: Case2CodeExportSchema, records, planner: splitPlanner(), splitOrder: ['train', 'test'], kv: { writer: `caseforge ${opts.caseforgeVersion}` } });
  const counts = log.counts();
  const failedExamples: string[] = [];
  for (const line of log.inOrder((s) => s === 'failed')) { failedExamples.push(line.reason ?? ''); if (failedExamples.length >= 5) break; }
  const report = builder.finish(opts, {
    duplicates: f.duplicates, duplicateNames: f.duplicateNames, sourceStats: f.sourceStats,
    internalErrors: counts.failed, missing: counts.transient, seconds: f.seconds, llmUsage: f.llm?.usage.snapshot(), versions: f.versions,
    cost: costSummary(log.costs()),
    units: { ...counts, damaged_lines: log.recovery.damaged, failed_examples: failedExamples },
    export: { invalid: files.invalid, invalid_examples: files.invalid_examples, shards: Object.fromEntries(files.splits.map((s) => [s.name, s.parquet.length])) },
  });
  writeFileAtomic(join(opts.out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileAtomic(join(opts.out, 'README.md'), datasetCard(opts, report, files));
  return report;
}
