// The GIFT4Code run: discover contexts, process them (a few at once) with progress, each streaming
// its samples into its own resumable work log, then assemble the outputs deterministically from the
// logs in context order, so a resumed run writes exactly what an uninterrupted one would.
import { CaseforgeError } from '../errors.js';
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { createExecutor, type Executor } from '../exec/executor.js';
import type { SandboxChoice } from '../exec/types.js';
import type { LlmClient } from '../llm/client.js';
import type { UsageSnapshot } from '../llm/usage.js';
import { writeFileAtomic, writeJsonlAtomic } from '../store/atomic.js';
import { writeParquet } from '../store/parquet.js';
import { Progress } from '../store/progress.js';
import { datasetCard } from './card.js';
import { runContext } from './context_run.js';
import { discoverContexts } from './discover.js';
import type { Generator } from './generator.js';
import { LlmGenerator } from './llm_gen.js';
import { OfflineGenerator } from './offline/enumerate.js';
import { resolveOptions, type Gift4CodeOptions, type ResolvedOptions } from './options.js';
import { PYTHON_DIR, PYTHON_MODULES } from './probe.js';
import { buildReport, type ContextEntry, type Gift4CodeReport } from './report.js';
import type { ContextSpec, Gift4CodeSample } from './types.js';
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

function generatorFor(opts: ResolvedOptions, deps: Gift4CodeDeps): Generator {
  if (opts.generator === 'offline') return new OfflineGenerator(opts.candidatesPerContext);
  if (!deps.generalist || !deps.coder) throw new CaseforgeError('usage', 'the llm generator needs a generalist and a code endpoint');
  return new LlmGenerator(deps.generalist, deps.coder, {
    intentsPerContext: opts.intentsPerContext, solutionsPerIntent: opts.solutionsPerIntent,
    temperature: opts.temperature, maxTokens: opts.maxTokens, summaryChars: opts.renderChars,
  });
}

function assemble(workDir: string, contexts: ContextSpec[]): { entries: ContextEntry[]; samples: Gift4CodeSample[] } {
  const entries: ContextEntry[] = [];
  const samples: Gift4CodeSample[] = [];
  for (const ctx of contexts) {
    const log = WorkLog.open(workDir, ctx.id);
    const end = log.lastEnd();
    entries.push({ id: ctx.id, name: ctx.name, datasets: ctx.datasets.map((d) => d.name), counts: end?.counts ?? { contexts_unfinished: 1 },
      examples: end?.examples ?? {}, complete: end?.complete ?? false });
    for (const row of log.samples()) samples.push(row.sample);
    log.close();
  }
  return { entries, samples };
}

export async function runGift4Code(options: Gift4CodeOptions, deps: Gift4CodeDeps = {}): Promise<Gift4CodeResult> {
  const opts = resolveOptions(options);
  const started = Date.now();
  const workDir = join(opts.out, 'work');
  mkdirSync(workDir, { recursive: true });
  const { contexts, counts: discovery, bad: badInput } = discoverContexts(opts.data, opts.notebooks, opts.notebookPoints, opts.limit);
  const generator = generatorFor(opts, deps);
  const roots = [...new Set(contexts.map((c) => c.root.path))];
  const ex = deps.executor ?? await createExecutor({
    ...deps.sandbox,
    pythonPath: [PYTHON_DIR], preload: PYTHON_MODULES, readOnlyPaths: roots, seed: opts.seed, fixedClock: 1_700_000_000, onWarning: deps.onWarning,
  });
  const stats = { executions: 0 };
  let peakRss = process.memoryUsage().rss;
  const progress = new Progress({ label: `gift4code ${opts.generator}`, total: contexts.length, unit: 'contexts', enabled: opts.progress });
  let samplesSoFar = 0;
  let resumed = 0;
  const show = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const s = (Date.now() - started) / 1000;
    return { executions: stats.executions, 'exec/s': Math.round(stats.executions / Math.max(s, 0.001)), samples: samplesSoFar, resumed };
  };
  try {
    const limit = pLimit(opts.concurrency);
    await Promise.all(contexts.map((ctx) => limit(async () => {
      const run = await runContext(ctx, { ex, opts, generator, workDir, stats, onExecution: () => progress.tick(0, show()) });
      if (run.resumed) resumed++;
      const log = WorkLog.open(workDir, ctx.id);
      samplesSoFar += log.samples().length;
      log.close();
      progress.tick(1, show());
    })));
  } finally {
    progress.stop();
    if (!deps.executor) await ex.close();
  }
  const { entries, samples } = assemble(workDir, contexts);
  await writeJsonlAtomic(join(opts.out, 'samples.jsonl'), samples);
  const parquetTmp = join(opts.out, `samples.parquet.tmp-${process.pid}`);
  writeParquet(parquetTmp, samples as unknown as Array<Record<string, unknown>>);
  renameSync(parquetTmp, join(opts.out, 'samples.parquet'));
  const seconds = (Date.now() - started) / 1000;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const llm: Record<string, UsageSnapshot> | null = opts.generator === 'llm' && deps.generalist && deps.coder
    ? (deps.generalist.usage === deps.coder.usage
      ? { shared: deps.generalist.usage.snapshot() }
      : { generalist: deps.generalist.usage.snapshot(), code: deps.coder.usage.snapshot() })
    : null;
  const report = buildReport({
    generator: opts.generator, seed: opts.seed, contexts: entries, discovery: discovery.toJSON(), discoveryExamples: discovery.examplesJSON(), badInput: badInput.toJSON(),
    samples, llm, resumed, seconds, executions: stats.executions, newSamples: samples.length, peakRssMb: Math.round(peakRss / 2 ** 20),
  });
  writeFileAtomic(join(opts.out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileAtomic(join(opts.out, 'README.md'), datasetCard(report, samples));
  return { report, samples: samples.length, out: opts.out };
}
