// One context, start to finish: load it in a notebook session, add its earlier analysis cells,
// describe its schema, get candidate solutions, execute each in a fork of the state, screen out
// trivial and degenerate answers, drop those whose answer follows the rows' order (order_check.ts),
// keep one gold per intent, derive the specifications from the kept runs, re-check them in fresh
// sessions (same order, exact; another order, same answer), and append the records and multi-turn
// episodes to the context's work log. A broken context is counted with its reason; nothing here
// throws for bad input.
import type { Executor } from '../exec/executor.js';
import { Counts } from '../store/counts.js';
import { deriveSeed } from '../store/hash.js';
import { runnableCells } from './contexts.js';
import { buildEpisodes } from './episodes.js';
import { environmentOf } from './environment.js';
import { executeCandidates } from './execute.js';
import type { Generator } from './generator.js';
import { proposeHistory } from './history.js';
import { capContext, choose, screen } from './keep.js';
import type { ResolvedOptions } from './options.js';
import { checkOrder } from './order_check.js';
import { failureDetail, failureReason, probe } from './probe.js';
import { buildRecord, recordContext, solutionId } from './samples.js';
import { describeState } from './schema.js';
import { buildSpecs } from './specs/index.js';
import { RunFactsSchema, SPEC_KINDS, type ContextSpec, type Outcome, type RunContext, type RunFacts, type SpecKind } from './types.js';
import { verifyFresh } from './verify.js';
import { WorkLog } from './worklog.js';

export interface ContextDeps {
  ex: Executor;
  opts: ResolvedOptions;
  generator: Generator;
  workDir: string;
  stats: { executions: number };
  onExecution?: () => void;
}

export interface ContextRun {
  skipped: boolean;
  resumed: boolean;
}

export async function runContext(ctx: ContextSpec, deps: ContextDeps): Promise<ContextRun> {
  const log = WorkLog.open(deps.workDir, ctx.id);
  try {
    if (log.complete) return { skipped: false, resumed: true };
    const counts = new Counts(3);
    const complete = await work(ctx, deps, log, counts);
    log.end(complete, counts.toJSON(), counts.examplesJSON());
    return { skipped: counts.get('contexts_ok') === 0, resumed: false };
  } finally {
    log.close();
  }
}

/** The spec kinds written for a solution: all three, or one chosen by the seed. */
export function specKindsFor(opts: Pick<ResolvedOptions, 'specKinds' | 'seed'>, sol: string): SpecKind[] {
  return opts.specKinds === 'all' ? [...SPEC_KINDS] : [SPEC_KINDS[deriveSeed(opts.seed, `spec:${sol}`) % SPEC_KINDS.length]];
}

/** How many more solutions than the cap go through the order check (some will be dropped there). */
const ORDER_CHECK_SLACK = 1.25;

function lastLine(code: string): string {
  return code.split('\n').pop()!.slice(0, 100);
}

async function work(ctx: ContextSpec, deps: ContextDeps, log: WorkLog, counts: Counts): Promise<boolean> {
  const { ex, opts, generator, stats } = deps;
  const seed = deriveSeed(opts.seed, ctx.id);
  const skip = (reason: string, detail: string) => { counts.add(`contexts_skipped:${reason}`, 1, `${ctx.name}: ${detail}`); return true; };
  const here = (cells: string[]) => runnableCells(cells, ctx.root.path);
  const session = await ex.openSession({ profile: 'datasci', seed });
  let kept: Outcome[];
  const runs = new Map<Outcome, RunFacts>();
  let run: RunContext;
  let incomplete: boolean;
  try {
    for (const [i, cell] of here(ctx.cells).entries()) {
      const r = await session.runCell(cell, opts.contextLimits);
      stats.executions++;
      if (r.status !== 'ok') {
        // A dataset context's first cell loads its files: name them, so an unreadable one is found.
        const loads = ctx.kind === 'datasets' && i === 0 ? ` (loads ${ctx.datasets.map((d) => d.file).join(', ')})` : '';
        return skip(`context_failed:${failureReason(r)}`, `cell ${i + 1}${loads}: ${failureDetail(r)}`);
      }
    }
    let cells = ctx.cells;
    const historyNames: string[] = [];
    if (ctx.kind === 'datasets') {
      const history = await proposeHistory(session, seed, opts.historyCells, opts.contextLimits);
      stats.executions++;
      if (typeof history === 'string') counts.add(history, 1, ctx.name);
      else {
        for (const h of history) {
          const r = await session.runCell(h.code, opts.contextLimits);
          stats.executions++;
          if (r.status !== 'ok') return skip(`history_failed:${failureReason(r)}`, `${h.code.split('\n').pop()}: ${failureDetail(r)}`);
          historyNames.push(...h.names);
        }
        cells = [...ctx.cells, ...history.map((h) => h.code)];
        counts.add('history_cells', history.length);
      }
    }
    const schema = await describeState(session, opts.schemaChars);
    if (!schema.ok) return skip(schema.reason, schema.reason);
    counts.add('contexts_ok');
    run = {
      spec: ctx, cells, historyCells: ctx.historyCells + cells.length - ctx.cells.length, historyNames, schema: schema.data.text,
      environment: await environmentOf(session),
    };
    const batch = await generator.candidates({ cells, historyNames, schema: schema.data, session, seed, log });
    incomplete = batch.incomplete;
    for (const f of batch.failures) counts.add(`dropped:${f}`, 1, ctx.name);
    counts.add('intents', new Set(batch.candidates.map((c) => c.intentIndex)).size);
    counts.add('candidates', batch.candidates.length);
    const outcomes = await executeCandidates(session, batch.candidates, opts.limits, opts.runConcurrency, stats, deps.onExecution);
    const screened = screen(outcomes);
    for (const o of outcomes) if (o.dropped) counts.add(`dropped:${o.dropped}`, 1, `${ctx.name}: ${lastLine(o.candidate.code)}`);
    // The order check first (an answer that follows the rows' order is no solution, and must not
    // sway an intent's majority), on the most novel candidates with room over the cap, so
    // candidates past it cost no order check; then one gold per intent and the cap.
    const candidates = capContext(screened, Math.ceil(opts.maxSolutionsPerContext * ORDER_CHECK_SLACK));
    const verdicts = await checkOrder(ex, {
      cells: here(cells), codes: candidates.map((o) => o.candidate.code), seed, limits: opts.limits, contextLimits: opts.contextLimits,
      concurrency: opts.runConcurrency,
    }, stats);
    candidates.forEach((o, i) => {
      const v = verdicts[i];
      if (v.ok) o.ordered = v.ordered;
      else {
        o.dropped = v.reason;
        counts.add(`dropped:${v.reason}`, 1, `${ctx.name}: ${lastLine(o.candidate.code)}${v.detail ? ` (${v.detail.slice(0, 120)})` : ''}`);
      }
    });
    kept = capContext(choose(candidates, opts), opts.maxSolutionsPerContext);
    for (const o of screened) if (o.dropped && !o.dropped.startsWith('ambiguous_order') && !o.dropped.startsWith('order_')) {
      counts.add(`dropped:${o.dropped}`, 1, `${ctx.name}: ${o.candidate.intent.slice(0, 100)}`);
    }
    for (const o of kept) {
      const r = await probe<RunFacts>(session, 'cf_g4c_render', 'describe_run', { code: o.candidate.code, rows: opts.headRows, input_rows: opts.inputRows, max_chars: opts.renderChars }, opts.limits, RunFactsSchema);
      stats.executions++;
      if (r.ok) runs.set(o, r.data);
      else counts.add(`dropped:render_failed:${r.reason}`, 1, ctx.name);
    }
  } finally {
    await session.close();
  }
  const rendered = kept.filter((o) => runs.has(o));
  const checks = await verifyFresh(ex, {
    cells: here(run.cells), solutions: rendered.map((o) => ({ code: o.candidate.code, value: o.value!, ordered: o.ordered! })),
    seed, limits: opts.limits, contextLimits: opts.contextLimits, concurrency: opts.runConcurrency,
  }, stats);
  const context = recordContext(run);
  const specLists = await Promise.all(rendered.map((o, i) => {
    if (!checks[i].ok) return undefined;
    const sol = solutionId(ctx.id, o.candidate.intent, o.candidate.code);
    return buildSpecs(generator, o.candidate, runs.get(o)!, log, `llm:summary:${sol}`, opts.renderChars, specKindsFor(opts, sol));
  }));
  const verified: Outcome[] = [];
  for (const [i, o] of rendered.entries()) {
    const check = checks[i];
    const specs = specLists[i];
    if (!check.ok || !specs) {
      counts.add(`dropped:${check.ok ? 'no_specs' : check.reason}`, 1, `${ctx.name}: ${lastLine(o.candidate.code)}${!check.ok && check.detail ? ` (${check.detail.slice(0, 120)})` : ''}`);
      continue;
    }
    counts.add('solutions_kept');
    if (o.candidate.steps.length >= 2) counts.add('solutions_multi_step');
    if (o.candidate.usesHistory) counts.add('solutions_using_history');
    verified.push(o);
    for (const [j, spec] of specs.entries()) {
      if ('reason' in spec) {
        counts.add(`dropped_spec:${spec.reason}`, 1, ctx.name);
        if (spec.transient) incomplete = true;
        continue;
      }
      const record = buildRecord({
        context, run, candidate: o.candidate, apis: o.apis, value: o.value!, head: runs.get(o)!.head, spec,
        generator: generator.kind, models: generator.models, seed: opts.seed,
      });
      log.putSample(o.candidate.intentIndex * 100_000 + o.candidate.solutionIndex * 10 + j, record);
      counts.add('samples');
      counts.add(`samples:${spec.kind}`);
    }
  }
  const episodes = await buildEpisodes(ex, {
    context, runnable: here(run.cells), solutions: verified.map((o) => ({ intent: o.candidate.intent, code: o.candidate.code, value: o.value!, head: runs.get(o)!.head })),
    turns: opts.episodeTurns, seed, limits: opts.limits, contextLimits: opts.contextLimits,
  }, stats, counts);
  episodes.forEach((e, i) => log.putEpisode(i, e));
  return !incomplete;
}
