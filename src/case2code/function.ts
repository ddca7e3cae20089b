// One function, start to finish: shape, runs, filters, the determinism re-run, mutant scoring, the
// trivial explanations of each case, case selection and the record (finish.ts). Whatever happens,
// the answer is a WorkRecord (kept, or dropped with a reason); only faults of the tool itself escape
// as exceptions. Every request goes through a metered executor: the record carries its cost.
import { collectRuns, rescueRound } from './inputs/collect.js';
import { checkGold } from './judging/gold.js';
import { filterRuns } from './judging/filters.js';
import { shownInputs } from './export/input_figures.js';
import { killRound } from './inputs/kill_round.js';
import { scoreMutants } from './running/mutation.js';
import { candidateLimits, runCandidates, outputKey, withoutAddresses, type CaseRun } from './running/runs.js';
import { oddRuns } from './selection/plausible.js';
import { coverageOf, mutationScoreOf, selectCases, type Choosable } from './selection/selection.js';
import { deriveSeed } from '../store/hash.js';
import { Budget, metered, newCost, type Cost } from './running/budget.js';
import { expectedText } from './records/expected.js';
import { finishRecord } from './records/finish.js';
import { auditShown } from './judging/informative.js';
import { analyze, caseFacts, checkInputs, type ParamShape } from './tooling.js';
import type { Context } from './context.js';
import type { FunctionJob } from './inputs/job.js';
import type { DropReason, FunctionStats, WorkRecord } from './types.js';

const RESCUABLE = new Set(['constant_output', 'all_errors', 'too_few_cases']);

type Facts = { hyps: string[]; echo: boolean; walked?: boolean };

function choosable(run: CaseRun, kills: number[] = [], facts?: Facts): Choosable {
  return { key: outputKey(run), isError: run.status !== 'ok', lines: run.lines, kills, args: run.cand.args.map(([name, text], i) => `${name ?? i}=${text}`), ...(run.odd || facts?.walked ? { odd: true } : {}), ...(facts ? { hyps: facts.hyps, echo: facts.echo } : {}) };
}

/** Indices of up to `size` runs: the greedy choice over outputs, lines (and kills and trivial
 *  explanations ruled out, when given) first, then the rest in order; in their original order. */
export function choosePoolIndices(
  runs: CaseRun[], size: number, ctx: Context, totalLines: number, kills?: number[][], totalMutants = 0, facts?: Facts[],
): number[] {
  const o = ctx.opts;
  const first = selectCases(runs.map((r, i) => choosable(r, kills?.[i], facts?.[i])), {
    shownMin: o.shownMin, shownMax: size, heldoutMax: 0, maxErrorShare: o.maxErrorShare, totalLines, totalMutants: kills ? totalMutants : 0,
    informative: facts !== undefined, repair: false,
  }).shown;
  const picked = new Set(first);
  for (let i = 0; i < runs.length && picked.size < size; i++) picked.add(i);
  return [...picked].sort((a, b) => a - b);
}

/** Up to `size` usable runs: the greedy choice over outputs and lines first, then the rest in order. */
export function choosePool(usable: CaseRun[], size: number, ctx: Context, totalLines: number): CaseRun[] {
  return choosePoolIndices(usable, size, ctx, totalLines).map((i) => usable[i]);
}

/** Sets each run's `odd` (plausible.ts), judged against the expectations some successful run meets. */
function markOdd(params: ParamShape[], runs: CaseRun[]): void {
  const odd = oddRuns(params, runs.map((r) => ({ args: r.cand.args, ok: r.status === 'ok' })));
  runs.forEach((r, i) => { r.odd = odd[i]; });
}

/** Arguments written as literals (no lambda, no `__import__(...)` object, no bare name of a class or function). */
export function literalArgs(run: CaseRun): boolean {
  return run.cand.args.every(([, v]) => !/^\s*lambda\b|__import__\(/.test(v) && (!/^[A-Za-z_][\w.]*$/.test(v.trim()) || /^(True|False|None)$/.test(v.trim())));
}

const FLAKY = new Set(['timeout', 'crash', 'memory']);

/** Runs `pool` again in a fresh child of the re-run executor (another frozen clock), in reverse order:
 *  the indices whose outcome differs. */
async function rerunDiffers(ctx: Context, job: FunctionJob, pool: CaseRun[]): Promise<{ differs: number; bad: number[]; detail: string; calls: number }> {
  const again = await runCandidates(ctx.recheck, job.program, job.name, [...pool].reverse().map((r) => r.cand), candidateLimits(ctx.opts), undefined, ctx.opts.callLimits);
  const rerun = [...again.runs].reverse();
  const bad = pool.map((_, i) => i).filter((i) => !FLAKY.has(rerun[i].status) && outputKey(pool[i]) !== outputKey(rerun[i]));
  const d = bad[0] ?? -1;
  const detail = d >= 0 ? `${pool[d].call}: ${outputKey(pool[d]).slice(0, 100)} then ${outputKey(rerun[d]).slice(0, 100)}` : '';
  return { differs: d, bad, detail, calls: again.calls };
}

export async function processFunction(outer: Context, job: FunctionJob, order: number): Promise<WorkRecord> {
  const started = Date.now();
  const cost: Cost = newCost();
  const budget = new Budget(cost, outer.opts.budgetMs);
  const ctx: Context = { ...outer, ex: metered(outer.ex, cost), recheck: metered(outer.recheck, cost), budget };
  const stats: FunctionStats = { candidates: 0, calls: 0, mutants: 0, coverage: 0, mutation_score: 0, seconds: 0, llm_requests: 0, removed: {} };
  const record = (drop?: { reason: DropReason; detail: string }, samples: WorkRecord['samples'] = []): WorkRecord => {
    stats.seconds = Math.round((Date.now() - started) / 10) / 100;
    stats.cpu_ms = Math.round(cost.cpuMs);
    stats.sandbox_ms = Math.round(cost.sandboxMs);
    stats.work_ms = Math.round(budget.spentMs);
    if (Object.keys(budget.skipped).length) stats.budget_skipped = budget.skipped;
    // Where the allocator put an object is no part of why a function was dropped (and differs by run).
    const why = drop && { ...drop, detail: withoutAddresses(drop.detail).replace(/@ 0x[0-9a-fA-F]{4,}/g, '@ 0x_') };
    return { function_id: job.id, order, name: job.name, source: job.origin, kept: !drop, drop: why, samples, stats };
  };
  const o = ctx.opts;
  const propose = o.inputs === 'fuzz'
    ? { program: job.program, name: job.name, seed: deriveSeed(o.seed, `fuzz:${job.id}:0`), n: o.fuzzRounds[0], doctests: job.doctests }
    : undefined;
  const analysis = await analyze(ctx.ex, job.program, job.name, o.maxMutants, propose);
  if (!analysis.ok) return record({ reason: /not found/.test(analysis.error) ? 'not_found' : 'setup_error', detail: analysis.error.slice(0, 300) });
  const shape = { ok: true as const, data: analysis.data.shape };
  if (shape.data.generator || shape.data.is_async) return record({ reason: 'generator_function', detail: 'returns a generator or coroutine object' });

  let got = await collectRuns(ctx, job, shape.data, analysis.data.candidates);
  stats.candidates = got.runs.length;
  stats.calls = got.calls;
  stats.llm_requests = got.llmRequests;
  if (job.gold && ctx.opts.inputs === 'given') stats.gold = checkGold(got.runs, job.gold);
  if (got.problem && got.runs.length === 0) return record({ reason: ctx.opts.inputs === 'given' ? 'no_inputs' : 'llm_failed', detail: got.problem.slice(0, 300) });
  if (got.setup && got.setup.status !== 'ok') {
    const e = got.setup.exception;
    return record({ reason: 'setup_error', detail: e ? `${e.type}: ${e.message}`.slice(0, 300) : got.setup.status });
  }
  const limits = { outputCap: o.outputCap, maxTimeoutShare: o.maxTimeoutShare, shownMin: o.shownMin };
  const totalLines = shape.data.lines.length;
  const lineSet = new Set(shape.data.lines);
  const params = shape.data.params.map((p) => p.name);
  // Rescue rounds (more fuzzed candidates, learning from every run so far) are shared by the two
  // places a function can fall short for want of inputs: its runs (constant, all errors, too few),
  // and the selection (too few shown cases, or none that rule out every trivial explanation).
  let rescues = 0;
  const rescue = async (stage: 'rescue' | 'selectRescue'): Promise<boolean> => {
    if (rescues >= o.rescueRounds || !budget.allows(stage)) return false;
    const before = got;
    got = await rescueRound(ctx, job, shape.data, got, rescues++);
    stats.candidates = got.runs.length;
    stats.calls += got.calls - before.calls;
    return got.runs.length > before.runs.length;
  };
  // Mutants each run was scored against, kept for a second pass after a rescue that the budget no
  // longer lets score again (a run scored nothing has no kills: its score can only be lower).
  const killsOf = new Map<CaseRun, number[]>();
  let mutantsScored = 0;
  for (;;) {
    markOdd(shape.data.params, got.runs);
    let filtered = filterRuns(got.runs, limits);
    while (filtered.drop && RESCUABLE.has(filtered.drop.reason) && await rescue('rescue')) filtered = filterRuns(got.runs, limits);
    stats.removed = filtered.removed;
    if (filtered.drop) return record(filtered.drop);

    // Score the mutants over many usable cases (cheap: one child runs them all per mutant; as many as
    // the budget affords), then keep the pool that covers outputs, lines and kills best.
    const mutants = analysis.data.mutants;
    const perCase = filtered.usable.reduce((t, r) => t + r.workMs, 0) / Math.max(1, filtered.usable.length);
    const affordable = budget.affordableCases(Math.max(o.scorePool, o.poolSize), o.shownMax + o.heldoutMax, mutants.length, perCase);
    const scoredRuns = choosePool(filtered.usable, affordable, ctx, totalLines);
    const scored = mutants.length > 0 && budget.allows('mutants')
      ? await scoreMutants(ctx.ex, job.program, job.name, mutants, scoredRuns, o.callLimits, undefined, got.setup?.steps)
      : { kills: scoredRuns.map((r) => killsOf.get(r) ?? []), mutants: mutantsScored, calls: 0 };
    const guided = await killRound(ctx, job, lineSet, got.runs, scoredRuns, mutants, scored, analysis.data.mutant_lines);
    guided.pool.forEach((r, i) => killsOf.set(r, guided.scores.kills[i]));
    mutantsScored = guided.scores.mutants;
    stats.calls += scored.calls + guided.calls;
    stats.mutants = guided.scores.mutants;
    // What trivial programs each case agrees with, so that the pool keeps the cases that rule them out.
    markOdd(shape.data.params, guided.pool);
    const told = await caseFacts(ctx.ex, params, guided.pool.map((r) => ({ call: r.call, output: expectedText(r), ok: r.status === 'ok' })));
    const allFacts: Facts[] = told.ok ? told.data.facts : guided.pool.map(() => ({ hyps: [], echo: false }));
    const keep = choosePoolIndices(guided.pool, o.poolSize, ctx, totalLines, guided.scores.kills, guided.scores.mutants, allFacts);
    let pool = keep.map((i) => guided.pool[i]);
    let facts = keep.map((i) => allFacts[i]);
    let scores = { ...guided.scores, kills: keep.map((i) => guided.scores.kills[i]) };
    // Determinism: the pool again, in a fresh child, in reverse order.
    let check = await rerunDiffers(ctx, job, pool);
    stats.calls += check.calls;
    if (check.differs >= 0 && pool.filter((r, i) => check.bad.includes(i)).every((r) => !literalArgs(r))) {
      // Only inputs that are objects (a lambda, a class) gave other outputs: their identity (an address in a
      // repr) leaked into the behaviour. Without every such input, the rest must agree once more.
      const lit = pool.map((r, i) => i).filter((i) => literalArgs(pool[i]));
      pool = lit.map((i) => pool[i]);
      facts = lit.map((i) => facts[i]);
      scores = { ...scores, kills: lit.map((i) => scores.kills[i]) };
      const first = check;
      check = await rerunDiffers(ctx, job, pool);
      stats.calls += check.calls;
      if (check.differs < 0) check = { ...check, detail: '' };
      else check = { ...check, detail: check.detail || first.detail };
    }
    if (check.differs >= 0) return record({ reason: 'nondeterministic', detail: check.detail });
    const cases = pool.map((r, i) => choosable(r, scores.kills[i], facts[i]));
    const sel = selectCases(cases, {
      shownMin: o.shownMin, shownMax: o.shownMax, heldoutMax: o.heldoutMax, maxErrorShare: o.maxErrorShare, totalLines, totalMutants: scores.mutants,
      informative: true,
    });
    const short = sel.shown.length < o.shownMin
      ? { reason: 'too_few_cases' as const, detail: `${sel.shown.length} shown cases after selection` }
      : sel.uninformative ? { reason: 'trivial_cases' as const, detail: sel.uninformative } : null;
    if (short) {
      if (await rescue('selectRescue')) continue;
      return record(short);
    }
    stats.coverage = coverageOf(cases, sel.shown, totalLines);
    stats.mutation_score = mutationScoreOf(cases, sel.shown, scores.mutants);
    const checked = await checkInputs(ctx.ex, job.program, job.name, sel.shown.map((i) => ({ args: pool[i].cand.args, lines: pool[i].lines })));
    if (checked.ok) stats.inputs = shownInputs(checked.data);
    const informativeness = auditShown(sel.shown.map((i) => ({ key: cases[i].key, isError: cases[i].isError, hyps: cases[i].hyps ?? [], echo: !!cases[i].echo }))).informativeness;
    const done = await finishRecord(ctx, job, params, sel.shown.map((i) => pool[i]), sel.heldout.map((i) => pool[i]), {
      coverage: stats.coverage, mutationScore: stats.mutation_score, informativeness,
    });
    if ('drop' in done) return record(done.drop);
    stats.checks = done.checks;
    if (done.note) stats.note = done.note;
    return record(undefined, [done.record]);
  }
}
