// The GIFT4Code run: discover contexts, process them (a few at once) with progress. Each context
// keeps its LLM replies, records and episodes in a work log of its own while it runs
// (DIR/.work/contexts/); when it ends, its outcome goes to the run's unit log (DIR/.work/units.jsonl):
// `done` with its records, episodes and counts, `transient` when LLM items failed (what it made so
// far is exported; the next run redoes it, with the replies it already has), `failed` when its
// processing raised (the run goes on). The dataset is exported from the unit log in context order,
// so a resumed run writes exactly what an uninterrupted one would; the splits are decided on the
// export's first pass, once every record is known (splits.ts), and episodes.json follows them.
import { CaseforgeError } from '../errors.js';
import { join, resolve } from 'node:path';
import { rmSync } from 'node:fs';
import pLimit from 'p-limit';
import type { Executor } from '../exec/executor.js';
import type { SandboxChoice } from '../exec/types.js';
import type { LlmClient } from '../llm/client.js';
import type { UsageSnapshot } from '../llm/usage.js';
import { QueueCoordinator, printQueueCounts } from '../queue/coordinator.js';
import type { QueueOptions } from '../queue/options.js';
import { writeFileAtomic } from '../store/atomic.js';
import { costSummary } from '../store/cost.js';
import { writeDataset } from '../store/dataset.js';
import { Progress } from '../store/progress.js';
import { openRunFolder } from '../store/run.js';
import { UnitLog, type UnitLine } from '../store/unitlog.js';
import { datasetCard } from './card.js';
import { discoverContexts } from './discover.js';
import { resolveOptions, type Gift4CodeOptions, type ResolvedOptions } from './options.js';
import { ReportBuilder, type Gift4CodeReport } from './report.js';
import { Gift4CodeRecordSchema, type Gift4CodeEpisode, type Gift4CodeRecord, type RecordContext } from './record.js';
import { SplitPlan, assignEpisodeSplits } from './splits.js';
import { ContextPacker, relocate, type ContextJob, type QueuedContext } from './travel.js';
import type { ContextSpec } from './types.js';
import { contextExecutor, contextUnit, generatorFor, workLogPath, type ContextUnit } from './unit.js';

export interface Gift4CodeDeps {
  /** An executor to use (tests share one); otherwise one is created with the data mounted read-only. */
  executor?: Executor;
  /** LLM generator endpoints: the generalist (intents, summaries) and the code model (solutions). */
  generalist?: LlmClient;
  coder?: LlmClient;
  onWarning?: (message: string) => void;
  /** Interpreter and isolation for the executor this run starts. */
  sandbox?: SandboxChoice;
  /** Process the contexts on workers through this Redis queue (`--queue`) instead of here; the
   *  contexts are found here, and the log and export are the local run's. */
  queue?: Partial<QueueOptions> & { url: string };
}

export interface Gift4CodeResult {
  report: Gift4CodeReport;
  samples: number;
  out: string;
}

/** The arguments that decide the output: the options but where and how fast, and the models asked. */
function identityArgs(opts: ResolvedOptions, deps: Gift4CodeDeps): Record<string, unknown> {
  const { out: _o, concurrency: _c, runConcurrency: _r, progress: _p, force: _f, limit, ...rest } = opts;
  return {
    ...rest, limit: limit === Infinity ? null : limit,
    models: opts.generator === 'llm' ? { generalist: deps.generalist?.endpoint.model ?? null, code: deps.coder?.endpoint.model ?? null } : null,
  };
}

export async function runGift4Code(options: Gift4CodeOptions, deps: Gift4CodeDeps = {}): Promise<Gift4CodeResult> {
  const opts = resolveOptions(options);
  if (deps.queue && opts.generator === 'llm') throw new CaseforgeError('usage', '--queue runs --generator offline; the llm generator asks endpoints the workers do not have');
  const started = Date.now();
  const folder = openRunFolder(opts.out, { pipeline: 'gift4code', args: identityArgs(opts, deps) }, { force: opts.force });
  const workDir = join(folder.work, 'contexts');
  const { contexts, counts: discovery, bad: badInput } = discoverContexts(opts.data, opts.notebooks, opts.notebookPoints, opts.limit);
  const generator = generatorFor(opts, deps);
  const roots = [...new Set(contexts.map((c) => c.root.path))];
  const units = UnitLog.open<ContextUnit>(join(folder.work, 'units.jsonl'), 1);
  const stats = { executions: 0 };
  let peakRss = process.memoryUsage().rss;
  const progress = new Progress({ label: `gift4code ${opts.generator}`, total: contexts.length, unit: 'contexts', enabled: opts.progress });
  let samplesSoFar = 0;
  let newSamples = 0;
  let resumed = 0;
  const show = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const s = (Date.now() - started) / 1000;
    return { executions: stats.executions, 'exec/s': Math.round(stats.executions / Math.max(s, 0.001)), samples: samplesSoFar, resumed };
  };
  const todo = contexts.map((ctx, order) => ({ ctx, order })).filter(({ ctx }) => units.pending(ctx.id));
  resumed = contexts.length - todo.length;
  progress.tick(resumed, show());
  let ex: Executor | undefined;
  let queue: QueueCoordinator<ContextJob, QueuedContext> | undefined;
  try {
    // Opened even with nothing left to do: a killed coordinator's jobs and announcement are cleared.
    if (deps.queue) {
      queue = await QueueCoordinator.open<ContextJob, QueuedContext>(deps.queue, {
        pipeline: 'gift4code', identity: identityArgs(opts, deps), out: resolve(opts.out), config: workerOptions(opts),
        defaultShardSize: CONTEXTS_PER_JOB,
      }, opts.progress ? printQueueCounts('gift4code') : undefined);
    } else if (todo.length) {
      ex = deps.executor ?? await contextExecutor(opts, roots, deps.sandbox, { onWarning: deps.onWarning });
    }
    const runDeps = ex && { ex, opts, generator, workDir, stats, onExecution: () => progress.tick(0, show()) };
    const packer = new ContextPacker();
    // The one processing function, here or on a worker: either way its line is logged below.
    const processContext = async (ctx: ContextSpec, order: number): Promise<UnitLine<ContextUnit>> => {
      if (!queue) return contextUnit(ctx, order, runDeps!);
      try {
        const { job, files } = packer.pack(ctx);
        const q = await queue.submit(order, ctx.id, job, files);
        stats.executions += q.executions;
        return relocate(q, ctx.root.path);
      } catch (err) {
        // Data that cannot travel, or a job that failed on the queue (a poison shard).
        return { key: ctx.id, order, status: 'failed', reason: `${ctx.name}: ${(err as Error).message}`.slice(0, 500) };
      }
    };
    if (todo.length) {
      const limit = pLimit(queue ? queue.inFlight : opts.concurrency);
      const submitted = todo.map(({ ctx, order }) => limit(async () => {
        const line = await processContext(ctx, order);
        units.append(line);
        if (line.status === 'done') {
          // The context's samples are in the unit log now; its work log was only needed while it ran.
          rmSync(workLogPath(workDir, ctx.id), { force: true });
        }
        samplesSoFar += line.data?.samples.length ?? 0;
        newSamples += line.data?.samples.length ?? 0;
        if (line.status === 'failed' && opts.progress) {
          process.stderr.write(`gift4code: ${line.reason}\n`);
        }
        progress.tick(1, show());
      }));
      // Every context is on its way once the limit has let the last one start: the last, partly
      // filled shard can go.
      if (queue) void limit(async () => queue!.end());
      await Promise.all(submitted);
      units.sync();
    }
    await queue?.finish();
  } finally {
    progress.stop();
    await queue?.close();
    if (ex && !deps.executor) await ex.close();
  }
  const llm: Record<string, UsageSnapshot> | null = opts.generator === 'llm' && deps.generalist && deps.coder
    ? (deps.generalist.usage === deps.coder.usage
      ? { shared: deps.generalist.usage.snapshot() }
      : { generalist: deps.generalist.usage.snapshot(), code: deps.coder.usage.snapshot() })
    : null;
  try {
    return await exportRun(opts, units, contexts, {
      generator: opts.generator, seed: opts.seed, contexts: contexts.length, discovery: discovery.toJSON(), discoveryExamples: discovery.examplesJSON(), badInput: badInput.toJSON(),
      llm, resumed, seconds: (Date.now() - started) / 1000, executions: stats.executions, newSamples, peakRssMb: Math.round(Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20),
    });
  } finally {
    units.close();
  }
}

/** Contexts in one queue job: a context takes seconds to minutes, far more than a job costs. */
const CONTEXTS_PER_JOB = 1;

/** The options a worker processes contexts with: the run's, less what names this machine. */
function workerOptions(opts: ResolvedOptions): ResolvedOptions {
  return { ...opts, out: '', data: [], notebooks: [], limit: Infinity, progress: false };
}

type Facts = Omit<Parameters<ReportBuilder['finish']>[0], 'cost' | 'units' | 'bySplit' | 'invalid' | 'splits' | 'episodes'>;

async function exportRun(opts: ResolvedOptions, units: UnitLog<ContextUnit>, contexts: ContextSpec[], facts: Facts): Promise<Gift4CodeResult> {
  const builder = new ReportBuilder();
  const plan = new SplitPlan(opts.split, opts.testShare, opts.seed);
  const episodes: Gift4CodeEpisode[] = [];
  const contextOf = new Map<string, RecordContext>();
  let pass = 0;
  // Contexts in discovery order; the report is counted on the export's first (plan) pass.
  function* records(): IterableIterator<Gift4CodeRecord> {
    const counting = pass++ === 0;
    for (const ctx of contexts) {
      const unit = units.status(ctx.id) === 'failed' ? undefined : units.read(ctx.id)?.data;
      if (!unit) {
        if (counting) builder.addContext({ id: ctx.id, name: ctx.name, datasets: ctx.datasets.map((d) => d.name), counts: units.status(ctx.id) ? {} : { contexts_unfinished: 1 }, examples: {}, complete: false });
        continue;
      }
      if (counting) {
        builder.addContext(unit.entry);
        episodes.push(...unit.episodes);
        if (unit.samples[0]) contextOf.set(ctx.id, unit.samples[0].context);
      }
      for (const s of unit.samples) {
        if (counting) builder.addSample(s);
        yield s;
      }
    }
  }
  const files = await writeDataset({
    dir: opts.out, schema: Gift4CodeRecordSchema, records, planner: plan, splitOrder: ['train', 'test'], kv: { writer: 'caseforge gift4code' },
  });
  assignEpisodeSplits(episodes, plan, contextOf);
  writeFileAtomic(join(opts.out, 'episodes.json'), `${JSON.stringify(episodes, null, 1)}\n`);
  const counts = units.counts();
  const failedExamples: string[] = [];
  for (const line of units.inOrder((s) => s === 'failed')) { failedExamples.push(line.reason ?? ''); if (failedExamples.length >= 5) break; }
  const report = builder.finish({
    ...facts, cost: costSummary(units.costs()), units: { ...counts, damaged_lines: units.recovery.damaged, failed_examples: failedExamples },
    bySplit: Object.fromEntries(files.splits.map((s) => [s.name, s.rows])), invalid: { count: files.invalid, examples: files.invalid_examples },
    splits: plan.summary,
    episodes: {
      total: episodes.length, turns: episodes.reduce((n, e) => n + e.turns.length, 0),
      by_split: episodes.reduce<Record<string, number>>((m, e) => ({ ...m, [e.split]: (m[e.split] ?? 0) + 1 }), {}),
    },
  });
  writeFileAtomic(join(opts.out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileAtomic(join(opts.out, 'README.md'), datasetCard(report, builder.datasets, builder.example, files));
  return { report, samples: report.samples.total, out: opts.out };
}
