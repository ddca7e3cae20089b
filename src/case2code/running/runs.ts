// Running candidate inputs: all of a function's candidates go to one `runProgram` request (one fork),
// and each call's outcome becomes a CaseRun with the function's own executed lines.
import type { Executor } from '../../exec/executor.js';
import type { CallResult, CallStatus, ExceptionOrigin, Limits, ProgramRequest } from '../../exec/types.js';
import type { Value } from '../../values/types.js';
import { argsText } from '../tooling.js';
import { stepsMs } from './work.js';
import type { Case2CodeOptions } from '../options.js';
import type { Candidate } from '../types.js';

export interface CaseRun {
  cand: Candidate;
  /** `name(args)`: the call expression. */
  call: string;
  status: CallStatus;
  repr?: string;
  value?: Value;
  address?: boolean;
  truncated?: boolean;
  exception?: { type: string; message: string; origin?: ExceptionOrigin };
  /** Executed statement lines of the function (a subset of its statement lines). */
  lines: number[];
  wallMs: number;
  /** CPU time of the call (reported only: it follows the machine's load). */
  cpuMs: number;
  /** The work its code did, in steps turned to milliseconds (work.ts): what decisions about speed use. */
  workMs: number;
  /** An argument is of another kind than its parameter's default or annotation says (plausible.ts). */
  odd?: boolean;
}

export interface RunBatch {
  setup: CallResult;
  runs: CaseRun[];
  calls: number;
}

const ADDRESS = /\bat 0x[0-9a-fA-F]{4,}|0x[0-9a-fA-F]{8,}/;

export function callOf(name: string, cand: Candidate): string {
  return `${name}(${argsText(cand.args)})`;
}

export function toRun(cand: Candidate, call: string, r: CallResult, lineSet?: Set<number>): CaseRun {
  const run: CaseRun = { cand, call, status: r.status, lines: [], wallMs: r.wallMs, cpuMs: r.cpuMs, workMs: stepsMs(r) };
  if (r.status === 'ok' && r.value) {
    run.repr = r.value.repr;
    run.value = r.value.value;
    run.address = r.value.flags.address || ADDRESS.test(r.value.repr);
    run.truncated = r.value.flags.truncated;
  } else if (r.status === 'ok') {
    run.repr = 'None';
    run.value = { t: 'none' };
  }
  if (r.exception) run.exception = { type: r.exception.type, message: r.exception.message, ...(r.exception.origin ? { origin: r.exception.origin } : {}) };
  if (r.lines && lineSet) run.lines = r.lines.filter((l) => lineSet.has(l));
  return run;
}

/** The limits a candidate's call runs under: `candidateLimits`, each field capped at `callLimits`'.
 *  `--inputs given` cases are the test's own inputs and run under `callLimits` as they are. */
export function candidateLimits(o: Pick<Case2CodeOptions, 'inputs' | 'callLimits' | 'candidateLimits'>): Partial<Limits> {
  if (o.inputs === 'given') return o.callLimits;
  const out: Partial<Limits> = { ...o.callLimits };
  for (const [k, v] of Object.entries(o.candidateLimits) as Array<[keyof Limits, number | undefined]>) {
    if (v !== undefined) out[k] = Math.min(out[k] ?? v, v);
  }
  return out;
}

/** Runs candidates in the given order in one forked child (program mode), traced: every run has its
 *  steps (what decisions about its cost use) and, with `lineSet`, its executed lines. The program's
 *  definition runs under `setupLimits` when given (its imports are no candidate's cost). */
export async function runCandidates(
  ex: Executor, program: string, name: string, cands: Candidate[], limits: Partial<Limits>, lineSet?: Set<number>,
  setupLimits?: Partial<Limits>, stopAfter?: ProgramRequest['stopAfter'],
): Promise<RunBatch> {
  const calls = cands.map((c) => callOf(name, c));
  const res = await ex.runProgram({ code: program, calls, limits, ...(setupLimits ? { setupLimits } : {}), ...(stopAfter ? { stopAfter } : {}), traceLines: true });
  // A probe that stopped ran only its first calls: the rest were never tried.
  const ran = cands.slice(0, res.calls.length);
  return { setup: res.setup, runs: ran.map((c, i) => toRun(c, calls[i], res.calls[i], lineSet)), calls: ran.length };
}

/** `text` with every object address (`<... at 0x7f...>`) written the same way: where the allocator put
 *  an object must not decide whether two outcomes count as one (two objects freed and made again may
 *  share one). Hex values (`hex(n)`) are left alone. */
export function withoutAddresses(text: string): string {
  return text.replace(/\bat 0x[0-9a-fA-F]{4,}/g, 'at 0x_');
}

/** What makes two outcomes the same one (addresses aside: runs that show them are filtered out later). */
export function outputKey(run: CaseRun): string {
  if (run.status === 'ok') return withoutAddresses(`ok:${run.repr}`);
  if (run.status === 'error') return withoutAddresses(`error:${run.exception?.type}: ${run.exception?.message}`);
  return run.status;
}

/** A NameError from a name the program does not define (the reference's dropped imports/globals). */
export function isMissingName(run: CaseRun): boolean {
  return run.status === 'error' && /(^|\.)NameError$/.test(run.exception?.type ?? '') && /is not defined/.test(run.exception?.message ?? '');
}
