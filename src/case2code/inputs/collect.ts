// Gathering a function's runs: the input source's first candidates, then fuzz rounds that learn
// from what earlier candidates did (hybrid: the LLM's inputs are the seeds). All of a round's calls
// go to the sandbox in one request; a probe batch first stops functions that only time out.
import { deriveSeed } from '../../store/hash.js';
import type { CallResult } from '../../exec/types.js';
import { DEFAULT_LIMITS } from '../../exec/limits.js';
import { BUDGET_STAGES } from '../running/budget.js';
import { llmInputs } from './llm_inputs.js';
import { candidateLimits, runCandidates, outputKey, withoutAddresses, type CaseRun } from '../running/runs.js';
import { parseInputs, proposeInputs, type FuzzHistoryItem, type Shape } from '../tooling.js';
import type { Context } from '../context.js';
import type { FunctionJob } from './job.js';
import type { Candidate } from '../types.js';

export interface Collected {
  runs: CaseRun[];
  setup?: CallResult;
  calls: number;
  llmRequests: number;
  /** Set when no inputs could be had (LLM failure, unparsable given inputs). */
  problem?: string;
}

function history(runs: CaseRun[]): FuzzHistoryItem[] {
  return runs.map((r) => ({
    args: r.cand.args, doms: r.cand.doms, status: r.status, exc_type: r.exception?.type,
    exc_msg: r.exception ? withoutAddresses(r.exception.message).slice(0, 200) : undefined, lines: r.lines,
  }));
}

function enough(runs: CaseRun[], ctx: Context, lines: number): boolean {
  const ok = runs.filter((r) => r.status === 'ok' || r.status === 'error');
  const keys = new Set(ok.map(outputKey));
  const hit = new Set<number>();
  for (const r of ok) r.lines.forEach((l) => hit.add(l));
  return keys.size >= Math.min(ctx.opts.poolSize, 24) && hit.size >= lines;
}

/** Whether the probe's rule (its `timeouts`-th timeout among its first `calls`) ended a request. */
const probeStopped = (runs: CaseRun[], probe?: { calls: number; timeouts: number }) =>
  !!probe && runs.slice(0, probe.calls).filter((r) => r.status === 'timeout').length >= probe.timeouts;

export async function collectRuns(
  ctx: Context, job: FunctionJob, shape: Shape, firstRound?: Array<{ args: Candidate['args']; doms: Array<string | null> }>,
): Promise<Collected> {
  const { ex, opts } = ctx;
  const lineSet = new Set(shape.lines);
  const out: Collected = { runs: [], calls: 0, llmRequests: 0 };
  const limits = candidateLimits(opts);
  const run = async (cands: Candidate[], probe?: { calls: number; timeouts: number }) => {
    if (cands.length === 0) return;
    // No request of candidates runs past the candidates' share of the function's budget (steps).
    const work = ctx.budget?.requestWork(BUDGET_STAGES.candidates, limits.cpuMs ?? DEFAULT_LIMITS.cpuMs);
    const stop = probe || work ? { ...(probe ?? { calls: 0, timeouts: 0 }), ...(work ? { work } : {}) } : undefined;
    let batch = await runCandidates(ex, job.program, job.name, cands, limits, lineSet, opts.callLimits, stop);
    if (out.setup === undefined && batch.setup.status === 'timeout' && /wall deadline/.test(batch.setup.exception?.message ?? '')) {
      // The definition (its imports) waited past the wall deadline: a cold disk or a busy machine, not
      // the program. Once more before it counts, so that the verdict does not follow the machine.
      out.calls += batch.calls;
      batch = await runCandidates(ex, job.program, job.name, cands, limits, lineSet, opts.callLimits, stop);
    }
    out.setup ??= batch.setup;
    out.calls += batch.calls;
    out.runs.push(...batch.runs);
    if (work && batch.setup.status === 'ok' && batch.runs.length < cands.length && !probeStopped(batch.runs, probe)) ctx.budget?.cut('candidates');
  };
  const timedOut = () => {
    const n = out.runs.filter((r) => r.status === 'timeout').length;
    return n >= opts.maxTimeouts || n > opts.maxTimeoutShare * Math.max(out.runs.length, opts.probe);
  };
  const setupFailed = () => out.setup !== undefined && out.setup.status !== 'ok';

  let seeds: Candidate[] = [];
  if (opts.inputs === 'given') {
    const parsed = await parseInputs(ex, job.givenText ?? '');
    if (!parsed.ok) return { ...out, problem: parsed.error };
    seeds = parsed.data.inputs.map((args, i) => ({ args: args ?? [], origin: args ? 'given' : `given-unreadable-${i}` }));
    await run(seeds);
    return out;
  }
  if ((opts.inputs === 'llm' || opts.inputs === 'hybrid') && ctx.llm) {
    const got = await llmInputs(ex, ctx.llm, job.program, job.name, shape.params, {
      n: opts.llmInputs, attempts: opts.llmAttempts, temperature: opts.llmTemperature,
      seed: deriveSeed(opts.seed, `llm:${job.id}`), need: opts.shownMin,
    });
    out.llmRequests = got.requests;
    if (got.cands.length === 0) return { ...out, problem: `no usable LLM inputs (${got.problems.join(', ') || 'none'})` };
    seeds = got.cands;
    await run(seeds);
    if (opts.inputs === 'llm' || setupFailed()) return out;
  }
  for (let round = 0; round < opts.fuzzRounds.length; round++) {
    if (setupFailed() || timedOut() || (out.runs.length > 0 && enough(out.runs, ctx, shape.lines.length))) break;
    if (round > 0 && ctx.budget && !ctx.budget.allows('fuzzRound')) break;
    const proposed = round === 0 && firstRound ? { ok: true as const, data: { candidates: firstRound } } : await proposeInputs(ex, {
      program: job.program, name: job.name, seed: deriveSeed(opts.seed, `fuzz:${job.id}:${round}`),
      n: opts.fuzzRounds[round], doctests: job.doctests, history: history(out.runs),
      mutate_share: opts.inputs === 'hybrid' ? 0.8 : 0.6,
    });
    if (!proposed.ok) return { ...out, problem: proposed.error };
    const cands: Candidate[] = proposed.data.candidates.map((c) => ({ args: c.args, doms: c.doms, origin: `fuzz-${round}` }));
    if (round === 0 && out.runs.length === 0 && opts.probe > 0 && cands.length > opts.probe) {
      // The probe's calls first, in the same request (one fork and definition fewer than a request
      // of their own): the timeout among them that makes timedOut() true for the probe ends the
      // request there.
      await run(cands, { calls: opts.probe, timeouts: Math.min(opts.maxTimeouts, Math.floor(opts.maxTimeoutShare * opts.probe) + 1) });
      if (setupFailed() || timedOut()) break;
    } else {
      // The timeout that brings the function to `maxTimeouts` ends collecting: it ends the request
      // too, so the round's later calls (each possibly another timeout) are not paid for.
      const timeouts = out.runs.filter((r) => r.status === 'timeout').length;
      await run(cands, { calls: cands.length, timeouts: opts.maxTimeouts - timeouts });
    }
  }
  if (timedOut() && !setupFailed()) await smallRetry(ctx, job, out, run);
  return out;
}

/** Inputs that timed out make the fuzzer keep sizes and counts small; a few short batches of such inputs
 *  may find the function's usable range (recursive `fib(n)` with n <= 12). A batch with timeouts ends it. */
const SMALL_BATCH = 4;
const SMALL_BATCHES = 3;

async function smallRetry(ctx: Context, job: FunctionJob, out: Collected, run: (cands: Candidate[]) => Promise<void>): Promise<void> {
  const { ex, opts } = ctx;
  if (opts.inputs !== 'fuzz' && opts.inputs !== 'hybrid') return;
  if (ctx.budget && !ctx.budget.allows('smallRetry')) return;
  const proposed = await proposeInputs(ex, {
    program: job.program, name: job.name, seed: deriveSeed(opts.seed, `small:${job.id}`), n: SMALL_BATCH * SMALL_BATCHES,
    doctests: job.doctests, history: history(out.runs), mutate_share: 0.5,
  });
  if (!proposed.ok) return;
  const cands: Candidate[] = proposed.data.candidates.map((c) => ({ args: c.args, doms: c.doms, origin: 'small' }));
  for (let i = 0; i < cands.length; i += SMALL_BATCH) {
    const before = out.runs.length;
    await run(cands.slice(i, i + SMALL_BATCH));
    if (out.runs.slice(before).filter((r) => r.status === 'timeout').length > 0) break;
  }
}

/** One more fuzz round (of `rescueRounds`) for a function about to be dropped for its outputs (constant, all errors,
 *  too few cases): fresh draws from the re-weighted domains, plus mutations of what worked. */
export async function rescueRound(ctx: Context, job: FunctionJob, shape: Shape, got: Collected, round: number): Promise<Collected> {
  const { ex, opts } = ctx;
  if (opts.inputs !== 'fuzz' && opts.inputs !== 'hybrid') return got;
  const proposed = await proposeInputs(ex, {
    program: job.program, name: job.name, seed: deriveSeed(opts.seed, `rescue:${job.id}:${round}`), n: opts.rescueRound,
    doctests: job.doctests, history: history(got.runs), mutate_share: 0.3,
  });
  if (!proposed.ok || proposed.data.candidates.length === 0) return got;
  const cands = proposed.data.candidates.map((c) => ({ args: c.args, doms: c.doms, origin: 'rescue' }));
  const limits = candidateLimits(opts);
  const work = ctx.budget?.requestWork(BUDGET_STAGES.candidates, limits.cpuMs ?? DEFAULT_LIMITS.cpuMs);
  const batch = await runCandidates(ex, job.program, job.name, cands, limits, new Set(shape.lines), opts.callLimits, work && { calls: 0, timeouts: 0, work });
  if (work && batch.setup.status === 'ok' && batch.runs.length < cands.length) ctx.budget?.cut('candidates');
  return { ...got, runs: [...got.runs, ...batch.runs], calls: got.calls + batch.calls };
}
