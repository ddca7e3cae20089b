// One context as a unit of the run: its processing function and what it needs (the sandbox, the
// generator). A local run and a queue worker both process a context through `contextUnit`, with an
// executor made by `contextExecutor`, so the two make the same unit line from the same context.
import { join } from 'node:path';
import { CaseforgeError } from '../errors.js';
import { createExecutor, type Executor } from '../exec/executor.js';
import type { SandboxChoice } from '../exec/types.js';
import type { LlmClient } from '../llm/client.js';
import type { UnitLine } from '../store/unitlog.js';
import { runContext, type ContextDeps } from './context_run.js';
import type { Generator } from './generator.js';
import { LlmGenerator } from './llm_gen.js';
import { OfflineGenerator } from './offline/enumerate.js';
import type { ResolvedOptions } from './options.js';
import { PYTHON_DIR, PYTHON_MODULES } from './probe.js';
import type { ContextEntry } from './report.js';
import type { Gift4CodeEpisode, Gift4CodeRecord } from './record.js';
import type { ContextSpec } from './types.js';
import { WorkLog } from './worklog.js';

/** What the unit log keeps of a finished context. */
export interface ContextUnit {
  entry: ContextEntry;
  samples: Gift4CodeRecord[];
  episodes: Gift4CodeEpisode[];
}

export function generatorFor(opts: ResolvedOptions, llm: { generalist?: LlmClient; coder?: LlmClient }): Generator {
  if (opts.generator === 'offline') return new OfflineGenerator(opts.candidatesPerContext);
  if (!llm.generalist || !llm.coder) throw new CaseforgeError('usage', 'the llm generator needs a generalist and a code endpoint');
  return new LlmGenerator(llm.generalist, llm.coder, {
    intentsPerContext: opts.intentsPerContext, solutionsPerIntent: opts.solutionsPerIntent,
    temperature: opts.temperature, maxTokens: opts.maxTokens, summaryChars: opts.renderChars,
  });
}

/** The sandbox contexts run in: the run's seed and frozen clock, GIFT4Code's probes preloaded, the
 *  data folders readable. */
export function contextExecutor(opts: Pick<ResolvedOptions, 'seed'>, dataPaths: string[], sandbox?: SandboxChoice, extra: { workers?: number; onWarning?: (m: string) => void } = {}): Promise<Executor> {
  return createExecutor({
    ...sandbox, ...(extra.workers !== undefined ? { workers: extra.workers } : {}),
    pythonPath: [PYTHON_DIR], preload: PYTHON_MODULES, readOnlyPaths: dataPaths, seed: opts.seed, fixedClock: 1_700_000_000, onWarning: extra.onWarning,
  });
}

/** One context to its unit line; a fault while processing it is that context's outcome. Its work
 *  log stays until the caller has logged the line (`workLogPath`). */
export async function contextUnit(ctx: ContextSpec, order: number, deps: ContextDeps): Promise<UnitLine<ContextUnit>> {
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

export const workLogPath = (workDir: string, id: string): string => join(workDir, `${id}.jsonl`);
