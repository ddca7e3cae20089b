// The Case2Code run: functions stream in source order, a few at a time; each finished function is
// appended to the run's unit log (DIR/.work/functions.jsonl: `done` with its record, kept or dropped;
// `failed` when its processing raised; `transient` when the LLM writer could not be reached), so a
// killed run resumes where it stopped and the run goes on past any one function. The dataset is
// exported from the log in source order (store/dataset.ts), identical to an uninterrupted run's.
import { join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { createExecutor, type Executor } from '../exec/executor.js';
import type { SandboxChoice } from '../exec/types.js';
import { minerExecutorOptions } from '../sources/index.js';
import type { LlmClient } from '../llm/client.js';
import { Progress, costSummary, openRunFolder, writeDataset, writeFileAtomic, UnitLog, type UnitLine } from '../store/index.js';
import { datasetCard } from './export/card.js';
import { Case2CodeRecordSchema, type Case2CodeRecord } from './records/record.js';
import { RecordSplitter } from './export/split.js';
import { deriveSeed } from '../store/hash.js';
import { compiledLocale } from '../exec/locales.js';
import { processFunction } from './function.js';
import { Case2CodeOptionsError, normaliseOptions, type Case2CodeOptions } from './options.js';
import { ReportBuilder, type Case2CodeReport } from './export/report.js';
import { functionJobs, type SourceStats } from './inputs/sources.js';
import { PRELOAD, PYTHON_DIR } from './tooling.js';
import type { Context } from './context.js';
import type { FunctionJob } from './inputs/job.js';
import type { WorkRecord } from './types.js';
import { QueueCoordinator, printQueueCounts } from '../queue/coordinator.js';
import type { QueueOptions } from '../queue/options.js';

/** Calls see a stated environment: a frozen clock (and counters), UTC, the C.UTF-8 locale and the run's
 *  seed, so no output depends on when or where the run happened. The determinism re-run sees another
 *  of each (date and time of day, a time zone with a half-hour offset and summer time, a German
 *  locale, another seed): a function whose output follows any of them is caught there. */
const CLOCK = 1_700_000_000; // 2023-11-14 22:13:20 UTC
const RECHECK_CLOCK = 1_733_023_456; // 2024-12-01 03:24:16 UTC
const TZ = 'UTC';
const LOCALE = 'C.UTF-8';
const RECHECK_TZ = 'America/St_Johns';
const RECHECK_LOCALE = 'de_DE.UTF-8';

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
  /** Run the functions on workers through this Redis queue (`--queue`) instead of here; sources
   *  are still read here, and the log and export are the local run's. */
  queue?: Partial<QueueOptions> & { url: string };
}

/** Functions in one queue job: about 1 s of one sandbox worker, so a job costs Redis far less than
 *  it costs to run, and the tail of the run (the last jobs) stays short. */
const SHARD_SIZE = 4;

/** The arguments that decide the output. */
function identityArgs(o: Case2CodeOptions): Record<string, unknown> {
  const { out: _o, workers: _w, inFlight: _f, progress: _p, force: _force, ...rest } = o;
  return rest;
}

/** The environment as the sandbox sees it (interpreter, platform, time zone, locale). */
async function environmentOf(ex: Executor, caseforge: string): Promise<Context['environment']> {
  const r = await ex.run({
    code: 'import json, os, platform, sys',
    call: "json.dumps(['%d.%d.%d' % sys.version_info[:3], '%s-%s-%s' % (platform.system(), platform.machine(), ''.join(platform.libc_ver())), os.environ.get('TZ', ''), os.environ.get('LC_ALL', '')])",
  });
  const [python, plat, tz, locale] = r.value?.value.t === 'str' ? (JSON.parse(r.value.value.v) as string[]) : ['unknown', 'unknown', 'unknown', 'unknown'];
  return { caseforge, python, platform: plat, tz, locale };
}

/** The two sandboxes a function runs in: the stated environment, and the determinism re-run's
 *  other one (the miner's tools loaded too: the first also reads sources). `readsOnly`: a queued
 *  run's coordinator, whose first sandbox only mines the sources and whose second only states its
 *  environment; neither loads Case2Code's tools (some 0.3 s of CPU a process, while the workers
 *  start theirs). */
async function functionExecutors(opts: Case2CodeOptions, workers: number, sandbox: SandboxChoice | undefined, which: { main: boolean; recheck: boolean; readsOnly?: boolean }): Promise<{ ex?: Executor; recheck?: Executor }> {
  const miner = minerExecutorOptions();
  const all = [...PRELOAD, ...miner.preload];
  const own = (o: { fixedClock: number; tz: string; locale: string; localeDir?: string; seed: number }, preload: string[]) => createExecutor({
    ...sandbox, ...o,
    workers, pythonPath: [PYTHON_DIR, ...miner.pythonPath], preload,
  });
  // Without the compiled German locale (no `locales` package) the re-run keeps the first locale.
  const localeDir = which.recheck ? compiledLocale(RECHECK_LOCALE) : undefined;
  // Both start at once: a start is mostly waiting for Python processes to load their modules.
  const [ex, recheck] = await Promise.allSettled([
    which.main ? own({ fixedClock: CLOCK, tz: TZ, locale: LOCALE, seed: opts.seed }, which.readsOnly ? miner.preload : all) : undefined,
    which.recheck ? own({
      fixedClock: RECHECK_CLOCK, tz: RECHECK_TZ, seed: deriveSeed(opts.seed, 'recheck'), ...(localeDir ? { locale: RECHECK_LOCALE, localeDir } : { locale: LOCALE }),
    }, which.readsOnly ? [] : all) : undefined,
  ]);
  if (ex.status === 'rejected' || recheck.status === 'rejected') {
    await Promise.all([ex, recheck].map((r) => (r.status === 'fulfilled' ? r.value?.close() : undefined)));
    throw ex.status === 'rejected' ? ex.reason : (recheck as PromiseRejectedResult).reason;
  }
  return { ex: ex.value, recheck: recheck.value };
}

/** What a queue worker needs to process this run's functions as a local run does: the same two
 *  executors (clocks, time zones, locales, seeds) with the worker's own sandbox and size. */
export async function openFunctionContext(opts: Case2CodeOptions, workers: number, sandbox?: SandboxChoice): Promise<{ ctx: Context; close: () => Promise<void> }> {
  const { ex, recheck } = await functionExecutors(opts, workers, sandbox, { main: true, recheck: true });
  const environment = await environmentOf(ex!, opts.caseforgeVersion);
  const ctx: Context = { ex: ex!, recheck: recheck!, opts, versions: { caseforge: opts.caseforgeVersion, python: environment.python }, environment };
  return { ctx, close: async () => { await Promise.all([ex!.close(), recheck!.close()]); } };
}

/** First few names of duplicate functions (the report lists them; the count is exact). */
const DUPLICATE_NAMES = 50;

export async function runCase2Code(input: Partial<Case2CodeOptions> & { out: string }, deps: RunDeps = {}): Promise<Case2CodeReport> {
  const opts = normaliseOptions(input);
  if ((opts.inputs === 'llm' || opts.inputs === 'hybrid') && !deps.llm) throw new Case2CodeOptionsError(`--inputs ${opts.inputs} needs an LLM endpoint`);
  const folder = openRunFolder(opts.out, { pipeline: 'case2code', args: identityArgs(opts) }, { force: opts.force });
  const started = Date.now();
  if (deps.queue && deps.llm) throw new Case2CodeOptionsError(`--queue runs --inputs fuzz or given; --inputs ${opts.inputs} asks an LLM endpoint the workers do not have`);
  // The run is announced first: workers join and start their sandboxes while this machine starts
  // its own.
  const queue = deps.queue && await QueueCoordinator.open<FunctionJob, WorkRecord>(deps.queue, {
    pipeline: 'case2code', identity: identityArgs(opts), out: resolve(opts.out), config: opts, defaultShardSize: SHARD_SIZE,
  }, opts.progress ? printQueueCounts('case2code') : undefined);
  // Queued, this machine only reads the sources (the miner runs in the first executor); the
  // re-run's executor is still started, for the report's statement of its environment.
  const own = await functionExecutors(opts, queue ? 1 : opts.workers, deps.sandbox, { main: !deps.executor, recheck: !deps.recheckExecutor && !deps.executor, readsOnly: !!queue })
    .catch(async (err: unknown) => { await queue?.close(); throw err; });
  const ex = deps.executor ?? own.ex!;
  const recheck = deps.recheckExecutor ?? deps.executor ?? own.recheck!;
  const log = UnitLog.open<WorkRecord>(join(folder.work, 'functions.jsonl'));
  try {
    const environment = await environmentOf(ex, opts.caseforgeVersion);
    const recheckEnvironment = await environmentOf(recheck, opts.caseforgeVersion);
    const ctx: Context = { ex, recheck, opts, llm: deps.llm, versions: { caseforge: opts.caseforgeVersion, python: environment.python }, environment };
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
    // The one processing function, here or on a worker: either way its result is logged below.
    const processUnit = (job: FunctionJob, index: number): Promise<WorkRecord> =>
      queue ? queue.submit(index, job.id, job) : limit(() => processFunction(ctx, job, index));
    // Functions scheduled and not yet logged, at most: a window of jobs queued, or twice what runs here.
    const outstanding = queue ? queue.inFlight : opts.inFlight * 2;
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
      const p: Promise<void> = (async () => {
        const t0 = Date.now();
        let line: UnitLine<WorkRecord>;
        try {
          const rec = await processUnit(job, index);
          const transient = !rec.kept && rec.drop && TRANSIENT.has(rec.drop.reason);
          line = transient
            ? { key: job.id, order: index, status: 'transient', reason: `${rec.drop!.reason}: ${rec.drop!.detail}`.slice(0, 500) }
            : { key: job.id, order: index, status: 'done', cost_ms: rec.stats.sandbox_ms ?? Math.round(rec.stats.seconds * 1000), data: rec };
          if (transient) note('transient'); else noteRecord(rec);
        } catch (err) {
          // A fault while processing one function is that function's outcome, not the run's end.
          line = { key: job.id, order: index, status: 'failed', reason: `${job.name}: ${(err as Error).message}`.slice(0, 500), cost_ms: Date.now() - t0 };
          note('failed');
          if (opts.progress) process.stderr.write(`case2code: ${line.reason}\n`);
        }
        log.append(line);
        inFlight.delete(job.id);
      })().finally(() => pending.delete(p));
      pending.add(p);
      if (pending.size >= outstanding) await Promise.race(pending);
    }
    queue?.end();
    await Promise.all(pending);
    progress.stop();
    log.sync();
    await queue?.finish();
    return await exportRun(opts, log, {
      sourceStats, duplicates, duplicateNames, seconds: (Date.now() - started) / 1000, llm: deps.llm, versions: ctx.versions,
      environment, recheckEnvironment,
    });
  } finally {
    log.close();
    await queue?.close();
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
  environment: Context['environment'];
  recheckEnvironment: Context['environment'];
}

/** The dataset, report.json and the card, from the log in source order. */
async function exportRun(opts: Case2CodeOptions, log: UnitLog<WorkRecord>, f: ExportFacts): Promise<Case2CodeReport> {
  const builder = new ReportBuilder(opts.maxCompletionLines);
  let pass = 0;
  // The report is counted on the export's first (plan) pass, so the log is read twice in all.
  function* records(): Generator<Case2CodeRecord> {
    const counting = pass++ === 0;
    for (const line of log.inOrder((s) => s === 'done')) {
      const rec = line.data!;
      if (counting) builder.add(rec);
      if (rec.kept) yield* rec.samples;
    }
  }
  // The split needs every record: planned over them all in the plan pass (split.ts).
  const splitter = new RecordSplitter({ testShare: opts.testShare, seed: opts.seed, minHeldout: opts.minTestHeldout });
  const files = await writeDataset({ dir: opts.out, schema: Case2CodeRecordSchema, records, planner: splitter, splitOrder: ['train', 'test'], kv: { writer: `caseforge ${opts.caseforgeVersion}` } });
  const counts = log.counts();
  const failedExamples: string[] = [];
  for (const line of log.inOrder((s) => s === 'failed')) { failedExamples.push(line.reason ?? ''); if (failedExamples.length >= 5) break; }
  const report = builder.finish(opts, {
    duplicates: f.duplicates, duplicateNames: f.duplicateNames, sourceStats: f.sourceStats,
    internalErrors: counts.failed, missing: counts.transient, seconds: f.seconds, llmUsage: f.llm?.usage.snapshot(), versions: f.versions,
    cost: costSummary(log.costs()),
    units: { ...counts, damaged_lines: log.recovery.damaged, failed_examples: failedExamples },
    export: { invalid: files.invalid, invalid_examples: files.invalid_examples, shards: Object.fromEntries(files.splits.map((s) => [s.name, s.parquet.length])) },
    splits: Object.fromEntries(files.splits.map((s) => [s.name, s.rows])),
    split: splitter.plan?.counts ?? null,
    environment: f.environment, recheckEnvironment: f.recheckEnvironment,
  });
  writeFileAtomic(join(opts.out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileAtomic(join(opts.out, 'README.md'), datasetCard(opts, report, files));
  return report;
}
