// Filters: which runs may become cases, and whether the function as a whole is kept. Every removal
// and every drop has a named reason, counted in the report.
import { mayShow, originText } from './raised.js';
import { outputKey, isMissingName, type CaseRun } from '../running/runs.js';
import type { FunctionDrop } from '../types.js';

export interface FilterLimits {
  outputCap: number;
  maxTimeoutShare: number;
  shownMin: number;
}

/** The sandbox's own directories (`/tmp/cf/private` under bubblewrap, `.../w<uuid>/private` without):
 *  an output that names one shows where the case ran, not what the function does. */
const SANDBOX_PATH = /\/tmp\/cf\/(private|session)\b|\/w[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/(private|session)\b/;

/** Why a run cannot be a case, or null when it can. */
export function unusableReason(run: CaseRun, cap: number): string | null {
  if (run.status === 'ok') {
    if (run.address) return 'memory_address';
    if (SANDBOX_PATH.test(run.repr ?? '')) return 'sandbox_path';
    if (run.truncated || (run.repr ?? '').length > cap) return 'output_too_large';
    return null;
  }
  if (run.status === 'error') {
    if (isMissingName(run)) return 'missing_name';
    // Where the recursion limit strikes (and so the message) depends on the call stack around it.
    if (/RecursionError$/.test(run.exception?.type ?? '')) return 'recursion_error';
    if (/\bat 0x[0-9a-fA-F]{4,}/.test(run.exception?.message ?? '')) return 'memory_address';
    if (SANDBOX_PATH.test(run.exception?.message ?? '')) return 'sandbox_path';
    if ((run.exception?.message ?? '').length > cap) return 'output_too_large';
    // Python rejecting an operand of the wrong type says nothing about the function (raised.ts).
    if (!mayShow(run.exception?.type ?? '', originText(run.exception?.origin))) return 'python_error';
    return null;
  }
  return run.status === 'output_limit' ? 'output_too_large' : run.status;
}

export interface Filtered {
  usable: CaseRun[];
  removed: Record<string, number>;
  drop?: FunctionDrop;
}

/** Keeps usable runs (first of each input) and decides the function-level drops, in a fixed order. */
export function filterRuns(runs: CaseRun[], lim: FilterLimits): Filtered {
  const removed: Record<string, number> = {};
  const usable: CaseRun[] = [];
  const seenInput = new Set<string>();
  for (const run of runs) {
    const why = unusableReason(run, lim.outputCap);
    if (why) { removed[why] = (removed[why] ?? 0) + 1; continue; }
    if (seenInput.has(run.call)) { removed.duplicate_input = (removed.duplicate_input ?? 0) + 1; continue; }
    seenInput.add(run.call);
    usable.push(run);
  }
  const out: Filtered = { usable, removed };
  const n = runs.length;
  if (n === 0) return { ...out, drop: { reason: 'no_inputs', detail: 'no candidate inputs' } };
  // Most calls name something the program never defines (in the function or in its inputs).
  const missing = runs.filter(isMissingName);
  if (missing.length * 2 >= n) {
    return { ...out, drop: { reason: 'missing_name', detail: `${missing[0].exception?.type}: ${missing[0].exception?.message}` } };
  }
  const okRuns = runs.filter((r) => r.status === 'ok');
  // Identity-dependent reprs: the function's nature when most returns carry one (else only those
  // cases go, e.g. an input object handed back unchanged).
  const addressed = okRuns.filter((r) => r.address);
  const addr = addressed[0];
  if (addr && addressed.length * 2 >= okRuns.length) return { ...out, drop: { reason: 'memory_address', detail: `${addr.call} -> ${addr.repr?.slice(0, 120)}` } };
  const timeouts = runs.filter((r) => r.status === 'timeout').length;
  if (timeouts / n > lim.maxTimeoutShare) return { ...out, drop: { reason: 'timeouts', detail: `${timeouts} of ${n} calls timed out` } };
  if (okRuns.length === 0) {
    const first = runs.find((r) => r.status === 'error') ?? runs[0];
    return { ...out, drop: { reason: 'all_errors', detail: `${first.exception?.type ?? first.status}: ${first.exception?.message ?? ''}`.slice(0, 200) } };
  }
  const okUsable = usable.filter((r) => r.status === 'ok');
  if (okUsable.length === 0 && okRuns.every((r) => r.truncated || (r.repr ?? '').length > lim.outputCap)) {
    return { ...out, drop: { reason: 'output_too_large', detail: `every return is over the ${lim.outputCap}-character cap` } };
  }
  // The function's own exceptions (a validator's ValueError) are behaviour; wrong-type errors, not
  // usable, are not.
  const informative = new Set(usable.map(outputKey));
  if (informative.size < 2) return { ...out, drop: { reason: 'constant_output', detail: `every return is ${okUsable[0]?.repr?.slice(0, 80) ?? '(none usable)'}` } };
  if (usable.length < lim.shownMin) return { ...out, drop: { reason: 'too_few_cases', detail: `${usable.length} usable cases with distinct inputs` } };
  return out;
}
