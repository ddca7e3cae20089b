// What a call costs, in units that follow the code: its interpreter steps (`Limits.steps`: lines run
// in the program, and a fixed count for each Python frame entered) at a fixed rate, plus a fixed
// charge for the call itself (the fork, the definition, the reporting). Measured CPU time varies with
// the machine's load by 10-30%, so a decision taken on it (the function's budget, how many cases
// mutant scoring affords, where a sweep stops) can go the other way on a busy machine and change the
// output; a decision taken on steps cannot.
import type { CallResult } from '../../exec/types.js';

/** A call's fixed charge: bench:exec measures about 1.7 ms of CPU a call for fork and reporting. */
export const CALL_MS = 2;

/** Milliseconds a step stands for: traced CPU time over steps, fitted on the standard library's
 *  Case2Code calls (see README, "Work in steps"). */
export const STEP_MS = 0.0004;

/** Steps that stand for `ms` milliseconds of work. */
export const stepsFor = (ms: number): number => Math.max(1, Math.round(ms / STEP_MS));

/** The work a call's own code did, in milliseconds (0 when it was not counted). */
export const stepsMs = (r: Pick<CallResult, 'steps'>): number => (r.steps ?? 0) * STEP_MS;

/** What a call costs the function's budget: its fixed charge, and its steps, or the whole CPU limit
 *  when it timed out (a timeout is a verdict, while the steps it reached are not). */
export function callWorkMs(r: CallResult, cpuLimitMs: number): number {
  return CALL_MS + (r.status === 'timeout' ? cpuLimitMs : stepsMs(r));
}
