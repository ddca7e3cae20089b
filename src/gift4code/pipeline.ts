// The GIFT4Code run: discover contexts, process them (a few at once) with progress. Each context
// keeps its LLM replies, records and episodes in a work log of its own while it runs
// (DIR/.work/contexts/); when it ends, its outcome goes to the run's unit log (DIR/.work/units.jsonl):
// `done` with its records, episodes and counts, `transient` when LLM items failed (what it made so
// far is exported; the next run redoes it, with the replies it already has), `failed` when its
// processing raised (the run goes on). The dataset is exported from the unit log in context order,
// so a resumed run writes exactly what an uninterrupted one would; the splits are decided on the
// export's first pass, once every record is known (splits.ts), and episodes.json follows them.
import { CaseforgeError } from '../errors.js';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import pLimit from 'p-limit';
import { createExecutor, type Executor } from '../exec/executor.js';
import type { SandboxChoice } from '../exec/types.js';
import type { LlmClient } from '../llm/client.js';
import type { UsageSnapshot } from '../llm/usage.js';
import { writeFileAtomic } from '../store/atomic.js';
import { costSummary } from '../store/cost.js';
import { writeDataset } from '../store/dataset.js';
import { Progress } from '../store/progress.js';
import { openRunFolder } from '../store/run.js';
import { UnitLog, type UnitLine } from '../store/unitlog.js';
import { datasetCard } from './card.js';
import { runContext } from './context_run.js';
import { discoverContexts } from './discover.js';
import type { Generator } from './generator.js';
import { LlmGenerator } from './llm_gen.js';
import { OfflineGenerator } from './offline/enumerate.js';
import { resolveOptions, type Gift4CodeOptions, type ResolvedOptions } from './options.js';
import { PYTHON_DIR, PYTHON_MODULES } from './probe.js';
import { ReportBuilder, type ContextEntry, type Gift4CodeReport } from './report.js';
import { Gift4CodeRecordSchema, type Gift4CodeEpisode, type Gift4CodeRecord, type RecordContext } from './record.js';
import { SplitPlan, assignEpisodeSplits } from './splits.js';
import type { ContextSpec } from './types.js';
import { WorkLog } from './worklog.js';

export interface Gift4CodeDeps {
  /** An executor to use (tests share one); otherwise one is created with the data mounted read-only. */
  executor?: Executor;
  /** LLM generator endpoints: the generalist (intents, summaries) and the code model (solutions). */
  generalist?: LlmClient;
  coder?: LlmClient;
  onWarning?: (message: string) => void;
  /** Interpreter and isolation for the executor this run starts. */
  sandbox?: SandboxChoice;
}

export interface Gift4CodeResult {
  report: Gift4CodeReport;
  samples: number;
  out: string;
}

/** What the unit log keeps of a finished context. */
interface ContextUnit {
  entry: ContextEntry;
  samples: Gift4CodeRecord[];
  episodes: Gift4CodeEpisode[];
}

function generatorFor(opts: ResolvedOptions, deps: Gift4CodeDeps): Generator {
  if (opts.generator === 'offline') return new OfflineGenerator(opts.candidatesPerContext);
  if (!deps.generalist || !deps.coder) throw new CaseforgeError('usage', 'the llm generator needs a generalist and a code endpoint');
  return new LlmGenerator(deps.generalist, deps.coder, {
    intentsPerContext: opts.intentsPerContext, solutionsPerIntent: opts.solutionsPerIntent,
    temperature: opts.temperature, maxTokens: opts.maxTokens, summaryChars: opts.renderChars,
  });
}

/** The arguments that decide the output: the options but where and how fast, and the models asked. */
function identityArgs(opts: ResolvedOptions, deps: Gift4CodeDeps): Record<string, unknown> {
  const { out: _o, concurrency: _c, runConcurrency: _r, progress: _p, force: _f, limit, ...rest } = opts;
  return {
    ...rest, limit: limit === Infinity ? null : limit,
    models: opts.generator === 'llm' ? { generalist: deps.generalist?.endpoint.model ?? null, code: deps.coder?.endpoint.model ?? null } : null,
  };
}

/** One context to its unit line; a fault while processing it is that context's outcome. */
async function contextUnit(ctx: ContextSpec, order: number, deps: Parameters<typeof runContext>[1]): Promise<UnitLine<ContextUnit>> {
  const t0 = Date.now();
  try {
    await runContext(ctx, deps);
    const log = WorkLog.open(deps.workDir, ctx.id);
    const end = log.lastEnd();
    const samples = log.samples().map((r) => r.sample);
    const episodes = log.episodes();
    log.close();
    const entry: ContextEntry = {
      id: ctx.id, name: ctx.name, datasets: ctx.datasets.map((d) => d.name),
      counts: end?.counts ?? {}, examples: end?.examples ?? {}, complete: end?.complete ?? false,
    };
    // An incomplete context (LLM items failed past their retries) keeps what it made until a resume
    // redoes it with the replies it already has.
    const status = entry.complete ? 'done' : 'transient';
    return { key: ctx.id, order, status, reason: entry.complete ? undefined : 'LLM items failed; redone on resume', cost_ms: Date.now() - t0, data: { entry, samples, episodes } };
  } catch (err) {
    return { key: ctx.id, order, status: 'failed', reason: `${ctx.name}: ${(err as Error).message}`.slice(0, 500), cost_ms: Date.now() - t0 };
  }
}

export async function runGift4Code(options: Gift4CodeOptions, deps: Gift4CodeDeps = {}): Promise<Gift4CodeResult> {
  const opts = resolveOptions(options);
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
  try {
    if (todo.length) {
      ex = deps.executor ?? await createExecutor({
        ...deps.sandbox,
        pythonPath: [PYTHON_DIR], preload: PYTHON_MODULES, readOnlyPaths: roots, seed: opts.seed, fixedClock: 1_700_000_000, onWarning: deps.onWarning,
      });
      const runDeps = { ex, opts, generator, workDir, stats, onExecution: () => progress.tick(0, show()) };
      const limit = pLimit(opts.concurrency);
      await Promise.all(todo.map(({ ctx, order }) => limit(async () => {
        const line = await contextUnit(ctx, order, runDeps);
        units.append(line);
        if (line.status === 'done') {
          // The context's samples are in the unit log now; its work log was only needed while it ran.
          rmSync(join(workDir, `${ctx.id}.jsonl`), { force: true });
        }
        samplesSoFar += line.data?.samples.length ?? 0;
        newSamples += line.data?.samples.length ?? 0;
        if (line.status === 'failed' && opts.progress) {
          process.stderr.write(`gift4code: ${line.reason}\n`);
        }
        progress.tick(1, show());
      })));
    }
  } finally {
    progress.stop();
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
