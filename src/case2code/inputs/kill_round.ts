// The mutant-guided rounds: while some mutants survive every pool case, the fuzzer mutates the inputs
// that reach the surviving mutants' lines (or, failing that, any that worked) into new candidates;
// those that tell a surviving mutant apart join the pool. Each round is scored against the survivors
// only, and the cases kept are scored against every mutant at the end, so selection sees all they
// kill. It is what fuzzing can do that a fixed list of inputs cannot.
import { deriveSeed } from '../../store/hash.js';
import { filterRuns } from '../judging/filters.js';
import { scoreMutants, type MutantScores } from '../running/mutation.js';
import { candidateLimits, outputKey, runCandidates, type CaseRun } from '../running/runs.js';
import { stepsFor } from '../running/work.js';
import { proposeInputs, type FuzzHistoryItem } from '../tooling.js';
import type { Context } from '../context.js';
import type { FunctionJob } from './job.js';

export interface KillRound {
  pool: CaseRun[];
  scores: MutantScores;
  calls: number;
}

/** Rounds stop after this many timed-out candidates in one round (each costs a full timeout). */
const MAX_ROUND_TIMEOUTS = 2;
/** ... and after this many rounds in a row that killed nothing new. */
const MAX_FRUITLESS = 2;

function historyOf(runs: CaseRun[]): FuzzHistoryItem[] {
  return runs.map((r) => ({ args: r.cand.args, doms: r.cand.doms, status: r.status, exc_type: r.exception?.type, exc_msg: r.exception?.message?.slice(0, 200), lines: r.lines }));
}

/** Inputs worth mutating to kill `alive`: successful cases that execute a surviving mutant's line
 *  (`reaching`), else any successful ones. */
function basesFor(pool: CaseRun[], alive: number[], mutantLines: number[] | undefined): { bases: CaseRun[]; reaching: boolean } {
  const ok = pool.filter((r) => r.status === 'ok');
  const from = ok.length > 0 ? ok : pool;
  if (!mutantLines || mutantLines.length === 0) return { bases: from, reaching: true };
  const lines = new Set(alive.map((m) => mutantLines[m]).filter((l) => l !== undefined));
  const reaching = from.filter((r) => r.lines.some((l) => lines.has(l)));
  return reaching.length > 0 ? { bases: reaching, reaching: true } : { bases: from, reaching: false };
}

export async function killRound(
  ctx: Context, job: FunctionJob, lineSet: Set<number>, history: CaseRun[], pool: CaseRun[], mutants: string[], scores: MutantScores,
  mutantLines?: number[],
): Promise<KillRound> {
  const o = ctx.opts;
  const killed = new Set(scores.kills.flat());
  if (o.killRound === 0 || o.killRounds === 0 || scores.mutants === 0 || killed.size === scores.mutants || (o.inputs !== 'fuzz' && o.inputs !== 'hybrid')) {
    return { pool, scores, calls: 0 };
  }
  let calls = 0;
  const seen = new Set(pool.map((r) => r.call));
  const past = [...history];
  const kept: CaseRun[] = [];
  let fruitless = 0;
  for (let round = 0; round < o.killRounds && killed.size < scores.mutants && fruitless < MAX_FRUITLESS; round++) {
    if (ctx.budget && !ctx.budget.allows('killRound')) break;
    const before = killed.size;
    const alive = mutants.map((_, k) => k).filter((k) => !killed.has(k));
    const { bases, reaching } = basesFor([...pool, ...kept], alive, mutantLines);
    const proposed = await proposeInputs(ctx.ex, {
      program: job.program, name: job.name, seed: deriveSeed(o.seed, `kill:${job.id}:${round}`), n: o.killRound, doctests: job.doctests,
      history: historyOf(past), bases: bases.map((r) => ({ args: r.cand.args, doms: r.cand.doms, lines: r.lines })),
      // Lines no case reaches need fresh draws as much as mutations; so does the last round.
      mutate_share: !reaching ? 0.5 : round === o.killRounds - 1 && round > 0 ? 0.6 : 1,
    });
    if (!proposed.ok || proposed.data.candidates.length === 0) break;
    const cands = proposed.data.candidates.map((c) => ({ args: c.args, doms: c.doms, origin: 'kill' }));
    const batch = await runCandidates(ctx.ex, job.program, job.name, cands, candidateLimits(o), lineSet, o.callLimits);
    calls += batch.calls;
    past.push(...batch.runs);
    const fresh = filterRuns(batch.runs, { outputCap: o.outputCap, maxTimeoutShare: 1, shownMin: 0 }).usable.filter((r) => !seen.has(r.call));
    fresh.forEach((r) => seen.add(r.call));
    if (fresh.length > 0) {
      const more = await scoreMutants(ctx.ex, job.program, job.name, alive.map((k) => mutants[k]), fresh, o.callLimits, alive);
      calls += more.calls;
      if (more.mutants !== alive.length) break;
      // Keep the new cases that kill a mutant nothing kept so far kills (greedily, in order).
      fresh.forEach((r, i) => {
        const news = more.kills[i].map((j) => alive[j]).filter((m) => !killed.has(m));
        if (news.length === 0) return;
        news.forEach((m) => killed.add(m));
        kept.push(r);
      });
    }
    fruitless = killed.size > before ? 0 : fruitless + 1;
    if (batch.runs.filter((r) => r.status === 'timeout').length >= MAX_ROUND_TIMEOUTS) break;
  }
  if (killed.size < scores.mutants && o.sweep > 0 && (!ctx.budget || ctx.budget.allows('sweep'))) {
    const swept = await sweep(ctx, job, lineSet, [...pool, ...kept], mutants, killed, seen);
    calls += swept.calls;
    kept.push(...swept.kept);
  }
  if (kept.length === 0) return { pool, scores, calls };
  // Everything the kept cases kill, so that selection can count it.
  const full = await scoreMutants(ctx.ex, job.program, job.name, mutants, kept, o.callLimits);
  calls += full.calls;
  if (full.mutants !== scores.mutants) return { pool, scores, calls };
  return {
    pool: [...pool, ...kept],
    scores: { kills: [...scores.kills, ...full.kills], mutants: scores.mutants, calls: scores.calls + full.calls },
    calls,
  };
}

const INT = /^-?\d{1,7}$/;
/** A small first chunk finds slow functions cheaply; later chunks are larger. */
const SWEEP_CHUNKS = [25, 75, 150, 250];
/** Per-call limits of a sweep: a sweep is for functions that answer in microseconds. */
const SWEEP_LIMIT_MS = 100;

/** Small integers in the order a sweep tries them: 0, 1, -1, 2, -2, ... then only upward. */
function sweepValues(n: number): number[] {
  const out: number[] = [];
  for (let v = 0; out.length < n; v++) {
    out.push(v);
    if (v > 0 && v <= 5) out.push(-v);
  }
  return out.slice(0, n);
}

/**
 * Exhaustive small inputs for functions of one or two integers whose successful cases were all fast:
 * `armstrong(n)` only branches on 153, 370, ...; a sweep finds what random draws miss. Chunks stop at
 * the first timeout (or slow chunk); the cases that kill a surviving mutant are kept.
 */
async function sweep(
  ctx: Context, job: FunctionJob, lineSet: Set<number>, pool: CaseRun[], mutants: string[], killed: Set<number>, seen: Set<string>,
): Promise<{ kept: CaseRun[]; calls: number }> {
  const o = ctx.opts;
  const ints = pool.filter((r) => r.status === 'ok' && r.cand.args.length > 0 && r.cand.args.length <= 2 && r.cand.args.every(([, v]) => INT.test(v)));
  if (ints.length === 0) return { kept: [], calls: 0 };
  const shape = ints[0].cand.args.map(([k]) => k);
  const same = (r: CaseRun) => r.cand.args.length === shape.length && r.cand.args.every(([k], i) => k === shape[i]);
  // Most successful cases are these integers, and all of them were fast.
  const ok = pool.filter((r) => r.status === 'ok');
  const mine = ints.filter(same);
  if (mine.length * 2 < ok.length || mine.some((r) => r.workMs > 5)) return { kept: [], calls: 0 };
  const side = shape.length === 1 ? o.sweep : Math.floor(Math.sqrt(o.sweep));
  const vals = sweepValues(side);
  const grid: string[][] = shape.length === 1 ? vals.map((v) => [String(v)]) : vals.flatMap((a) => vals.map((b) => [String(a), String(b)]));
  const cands = grid.map((vs) => ({ args: vs.map((v, i) => [shape[i], v] as [string | null, string]), origin: 'sweep' }));
  // As for mutants: steps decide (alike under any load); twice the CPU time, and a wall deadline
  // twice that, stop loops in C code, which steps do not count.
  const limits = { ...o.callLimits, steps: stepsFor(SWEEP_LIMIT_MS), cpuMs: 2 * SWEEP_LIMIT_MS, timeoutMs: 4 * SWEEP_LIMIT_MS };
  const kept: CaseRun[] = [];
  let calls = 0;
  const found: CaseRun[] = [];
  for (let i = 0, c = 0; i < cands.length && killed.size < mutants.length; i += SWEEP_CHUNKS[Math.min(c, SWEEP_CHUNKS.length - 1)], c++) {
    // Without the function's lines (the cases kept are run again for them).
    const batch = await runCandidates(ctx.ex, job.program, job.name, cands.slice(i, i + SWEEP_CHUNKS[Math.min(c, SWEEP_CHUNKS.length - 1)]), limits);
    calls += batch.calls;
    const fresh = filterRuns(batch.runs, { outputCap: o.outputCap, maxTimeoutShare: 1, shownMin: 0 }).usable.filter((r) => !seen.has(r.call));
    fresh.forEach((r) => seen.add(r.call));
    const alive = mutants.map((_, k) => k).filter((k) => !killed.has(k));
    if (fresh.length > 0) {
      const more = await scoreMutants(ctx.ex, job.program, job.name, alive.map((k) => mutants[k]), fresh, limits, alive);
      calls += more.calls;
      if (more.mutants !== alive.length) break;
      fresh.forEach((r, j) => {
        const news = more.kills[j].map((m) => alive[m]).filter((m) => !killed.has(m));
        if (news.length === 0) return;
        news.forEach((m) => killed.add(m));
        found.push(r);
      });
    }
    if (batch.runs.some((r) => r.status !== 'ok' && r.status !== 'error') || batch.runs.reduce((t, r) => t + r.workMs, 0) > 1000) break;
  }
  if (found.length === 0) return { kept, calls };
  const traced = await runCandidates(ctx.ex, job.program, job.name, found.map((r) => r.cand), candidateLimits(o), lineSet, o.callLimits);
  calls += traced.calls;
  // Kept only where the traced run agrees with the sweep's.
  traced.runs.forEach((r, i) => { if (outputKey(r) === outputKey(found[i])) kept.push(r); });
  return { kept, calls };
}
