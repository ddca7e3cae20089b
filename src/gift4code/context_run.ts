// One context, start to finish: load it in a notebook session, describe its schema, get candidate
// solutions, execute each in a fork of the state, keep the good ones, derive the three
// specifications from their runs, re-check them in a fresh session, and append the samples to the
// context's work log. A broken context is counted with its reason; nothing here throws for bad input.
import type { Executor } from '../exec/executor.js';
import { Counts } from '../store/counts.js';
import { deriveSeed } from '../store/hash.js';
import { executeCandidates } from './execute.js';
import type { Generator } from './generator.js';
import { selectKept } from './keep.js';
import type { ResolvedOptions } from './options.js';
import { failureDetail, failureReason, probe } from './probe.js';
import { buildSample, solutionId } from './samples.js';
import { describeState } from './schema.js';
import { buildSpecs } from './specs/index.js';
import { RunFactsSchema, type ContextSpec, type Outcome, type RunFacts, type SampleContext } from './types.js';
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

async function work(ctx: ContextSpec, deps: ContextDeps, log: WorkLog, counts: Counts): Promise<boolean> {
  const { ex, opts, generator, stats } = deps;
  const seed = deriveSeed(opts.seed, ctx.id);
  const skip = (reason: string, detail: string) => { counts.add(`contexts_skipped:${reason}`, 1, `${ctx.name}: ${detail}`); return true; };
  const session = await ex.openSession({ profile: 'datasci', seed });
  let kept: Outcome[];
  const runs = new Map<Outcome, RunFacts>();
  let context: SampleContext;
  let incomplete: boolean;
  try {
    for (const [i, cell] of ctx.cells.entries()) {
      const r = await session.runCell(cell, opts.contextLimits);
      stats.executions++;
      if (r.status !== 'ok') {
        // A dataset context's only cell loads its files: name them, so an unreadable one is found.
        const loads = ctx.kind === 'datasets' ? ` (loads ${ctx.datasets.map((d) => d.file).join(', ')})` : '';
        return skip(`context_failed:${failureReason(r)}`, `cell ${i + 1}${loads}: ${failureDetail(r)}`);
      }
    }
    const schema = await describeState(session, opts.schemaChars);
    if (!schema.ok) return skip(schema.reason, schema.reason);
    counts.add('contexts_ok');
    context = { id: ctx.id, code: ctx.cells.join('\n\n'), cells: ctx.cells, schema: schema.data.text, datasets: ctx.datasets, dataRoot: ctx.root };
    const batch = await generator.candidates({ contextCode: context.code, schema: schema.data, session, seed, log });
    incomplete = batch.incomplete;
    for (const f of batch.failures) counts.add(`dropped:${f}`, 1, ctx.name);
    counts.add('intents', new Set(batch.candidates.map((c) => c.intentIndex)).size);
    counts.add('candidates', batch.candidates.length);
    const outcomes = await executeCandidates(session, batch.candidates, opts.limits, opts.runConcurrency, stats, deps.onExecution);
    kept = selectKept(outcomes, opts);
    for (const o of outcomes) if (o.dropped) counts.add(`dropped:${o.dropped}`, 1, `${ctx.name}: ${o.candidate.code.split('\n').pop()!.slice(0, 100)}`);
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
    cells: ctx.cells, solutions: rendered.map((o) => ({ code: o.candidate.code, value: o.value! })),
    seed, limits: opts.limits, contextLimits: opts.contextLimits, concurrency: opts.runConcurrency,
  }, stats);
  const specLists = await Promise.all(rendered.map((o, i) => (checks[i].ok
    ? buildSpecs(generator, o.candidate, runs.get(o)!, log, `llm:summary:${solutionId(ctx.id, o.candidate.intent, o.candidate.code)}`, opts.renderChars)
    : undefined)));
  for (const [i, o] of rendered.entries()) {
    const check = checks[i];
    const specs = specLists[i];
    if (!check.ok || !specs) { counts.add(`dropped:${check.ok ? 'no_specs' : check.reason}`, 1, `${ctx.name}: ${check.ok ? '' : check.detail ?? ''}`); continue; }
    counts.add('solutions_kept');
    for (const [j, spec] of specs.entries()) {
      if ('reason' in spec) {
        counts.add(`dropped_spec:${spec.reason}`, 1, ctx.name);
        if (spec.transient) incomplete = true;
        continue;
      }
      const sample = buildSample({
        context, intent: o.candidate.intent, code: o.candidate.code, family: o.candidate.family, apis: o.apis,
        output: { value: o.value!, head: runs.get(o)!.head }, spec, generator: generator.kind, models: generator.models,
        seed: opts.seed, contextName: ctx.name, testShare: opts.testShare,
      });
      log.putSample(o.candidate.intentIndex * 100_000 + o.candidate.solutionIndex * 10 + j, sample);
      counts.add('samples');
      counts.add(`samples:${spec.kind}`);
    }
  }
  return !incomplete;
}
