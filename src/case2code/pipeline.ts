// The Case2Code run: functions stream in source order, a few at a time; each finished function (kept
// or dropped) is appended to DIR/.work/functions.jsonl, so a killed run resumes where it stopped; the
// final files are assembled from that log in source order, identical to an uninterrupted run's.
import { mkdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { createExecutor, type Executor } from '../exec/executor.js';
import type { SandboxChoice } from '../exec/types.js';
import { minerExecutorOptions } from '../sources/index.js';
import type { LlmClient } from '../llm/client.js';
import { AppendLog, Progress, canonicalJson, writeFileAtomic } from '../store/index.js';
import { processFunction } from './function.js';
import { Case2CodeOptionsError, normaliseOptions, type Case2CodeOptions } from './options.js';
import { assemble, type Case2CodeReport } from './report.js';
import { functionJobs, type SourceStats } from './sources.js';
import { PRELOAD, PYTHON_DIR } from './tooling.js';
import type { Context } from './context.js';
import type { FunctionJob } from './job.js';
import type { WorkRecord } from './types.js';

/** Calls see a frozen clock, so no output depends on when the run happened; the determinism re-run sees
 *  another date and time of day, so a function whose output follows the clock is caught there. */
const CLOCK = 1_700_000_000; // 2023-11-14 22:13:20 UTC
const RECHECK_CLOCK = 1_733_023_456; // 2024-12-01 03:24:16 UTC

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

/** The arguments that decide the output; a work folder made with others is refused. */
function fingerprint(o: Case2CodeOptions): string {
  const { out: _o, workers: _w, inFlight: _f, progress: _p, ...rest } = o;
  return canonicalJson(rest);
}

function checkWorkDir(work: string, o: Case2CodeOptions): void {
  mkdirSync(work, { recursive: true });
  const path = join(work, 'run.json');
  const fp = fingerprint(o);
  if (existsSync(path)) {
    if (readFileSync(path, 'utf8') !== fp) throw new Case2CodeOptionsError(`${o.out} holds a run made with other arguments; use another --out or remove it`, { code: 'conflict' });
  } else {
    writeFileAtomic(path, fp);
  }
}

async function pythonVersion(ex: Executor): Promise<string> {
  const r = await ex.run({ code: 'import sys', call: "'%d.%d.%d' % sys.version_info[:3]" });
  return r.value?.value.t === 'str' ? r.value.value.v : 'unknown';
}

export async function runCase2Code(input: Partial<Case2CodeOptions> & { out: string }, deps: RunDeps = {}): Promise<Case2CodeReport> {
  const opts = normaliseOptions(input);
  if ((opts.inputs === 'llm' || opts.inputs === 'hybrid') && !deps.llm) throw new Case2CodeOptionsError(`--inputs ${opts.inputs} needs an LLM endpoint`);
  const work = join(opts.out, '.work');
  checkWorkDir(work, opts);
  const started = Date.now();
  const miner = minerExecutorOptions();
  const own = (fixedClock: number) => createExecutor({
    ...deps.sandbox, fixedClock,
    workers: opts.workers, pythonPath: [PYTHON_DIR, ...miner.pythonPath], preload: [...PRELOAD, ...miner.preload], seed: opts.seed,
  });
  const ex = deps.executor ?? (await own(CLOCK));
  const recheck = deps.recheckExecutor ?? deps.executor ?? (await own(RECHECK_CLOCK));
  try {
    const ctx: Context = { ex, recheck, opts, llm: deps.llm, versions: { caseforge: opts.caseforgeVersion, python: await pythonVersion(ex) } };
    const { log, rows } = AppendLog.open<WorkRecord>(join(work, 'functions.jsonl'), (r) => r.function_id);
    const done = new Map(rows.map((r) => [r.function_id, r]));
    const sourceStats: SourceStats = { skipped: {}, licenses: {} };
    const order: string[] = [];
    const duplicates: string[] = [];
    const seen = new Set<string>();
    const progress = new Progress({
      label: 'case2code', total: opts.limit, unit: 'functions', enabled: opts.progress,
      fraction: () => { const u = sourceStats.units; return u && u.total > 0 ? u.reached() / u.total : undefined; },
    });
    const tally: Record<string, number> = { kept: 0 };
    const note = (r: WorkRecord) => {
      const key = r.kept ? 'kept' : `dropped:${r.drop?.reason}`;
      tally[key] = (tally[key] ?? 0) + 1;
      progress.tick(1, tally);
    };
    const limit = pLimit(opts.inFlight);
    const pending = new Set<Promise<void>>();
    let internal = 0;
    const jobs = deps.jobs ?? functionJobs(opts, ex, sourceStats);
    for await (const job of jobs) {
      if (seen.has(job.id)) { duplicates.push(job.name); continue; }
      if (opts.limit !== undefined && order.length >= opts.limit) break;
      seen.add(job.id);
      const index = order.push(job.id) - 1;
      const prior = done.get(job.id);
      if (prior) { note(prior); continue; }
      const p: Promise<void> = limit(async () => {
        try {
          const rec = await processFunction(ctx, job, index);
          log.append(rec);
          done.set(rec.function_id, rec);
          note(rec);
        } catch (err) {
          internal++;
          progress.tick(1, { ...tally, internal_error: internal });
          process.stderr.write(`case2code: ${job.name}: ${(err as Error).message}\n`);
        }
      }).finally(() => pending.delete(p));
      pending.add(p);
      if (pending.size >= opts.inFlight * 2) await Promise.race(pending);
    }
    await Promise.all(pending);
    log.close();
    progress.stop();
    const records = order.flatMap((id, i) => { const r = done.get(id); return r ? [{ ...r, order: i }] : []; });
    return await assemble(opts, records, {
      duplicates, sourceStats, internalErrors: internal, missing: order.length - records.length,
      seconds: (Date.now() - started) / 1000, llmUsage: deps.llm?.usage.snapshot(), versions: ctx.versions,
    });
  } finally {
    if (!deps.executor) await ex.close();
    if (!deps.recheckExecutor && !deps.executor) await recheck.close();
  }
}
