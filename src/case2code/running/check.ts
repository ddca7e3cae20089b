// Checking a program against a record's cases, as `caseforge eval case2code` scores an answer and
// as the writer verifies each record before it is written: the program is defined once in one
// forked child and every case's call runs in it, in order, each with its own limits; a case passes
// when the call's outcome, rendered by `expectedText`, equals the recorded text.
import type { Executor } from '../../exec/executor.js';
import type { CallResult, Limits } from '../../exec/types.js';
import { expectedText } from '../records/expected.js';

export interface CheckedCase {
  call: string;
  status: 'ok' | 'error';
  output: string;
}

export interface CaseCheck {
  passed: boolean;
  /** The definition itself failed: why. */
  setupError?: string;
  /** The first case that did not reproduce. */
  mismatch?: { index: number; call: string; expected: string; got: string };
  /** How many cases reproduced (every case is run, so a partial answer can be scored by fraction). */
  casesPassed: number;
  wallMs: number;
  cpuMs: number;
}

/** Limits of each case when a record is checked: the reference harness gives a program 10 s. */
export const CHECK_LIMITS: Partial<Limits> = { timeoutMs: 10_000, cpuMs: 10_000, valueBytes: 64 << 20 };

/** What a record's `program` is: the context the prompt shows, then the completion's code. */
export function programOf(context: string, code: string): string {
  return context.trim() ? `${context.replace(/\s+$/, '')}\n\n\n${code.replace(/^\s+/, '')}` : code;
}

/** The completion's code of a record: its program after the context (`programOf`'s inverse). */
export function completionCode(context: string, program: string): string {
  if (!context.trim()) return program;
  const head = context.replace(/\s+$/, '');
  return program.startsWith(head) && /^\s*\n/.test(program.slice(head.length)) ? program.slice(head.length).replace(/^\s+/, '') : program;
}

const outcomeOf = (r: CallResult) => expectedText({ status: r.status, repr: r.value?.repr, exception: r.exception });

export async function checkCases(ex: Executor, program: string, cases: CheckedCase[], limits: Partial<Limits>): Promise<CaseCheck> {
  const res = await ex.runProgram({ code: program, calls: cases.map((c) => c.call), profile: 'plain', limits });
  const wallMs = Math.round(res.setup.wallMs + res.calls.reduce((s, c) => s + c.wallMs, 0));
  const cpuMs = Math.round(res.setup.cpuMs + res.calls.reduce((s, c) => s + c.cpuMs, 0));
  if (res.setup.status !== 'ok') return { passed: false, setupError: outcomeOf(res.setup), casesPassed: 0, wallMs, cpuMs };
  let casesPassed = 0;
  let mismatch: CaseCheck['mismatch'];
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i];
    const r = res.calls[i];
    const got = outcomeOf(r);
    const sameKind = c.status === 'ok' ? r.status === 'ok' : r.status === 'error';
    if (sameKind && got === c.output) casesPassed++;
    else mismatch ??= { index: i, call: c.call, expected: c.output, got };
  }
  return { passed: mismatch === undefined, ...(mismatch ? { mismatch } : {}), casesPassed, wallMs, cpuMs };
}
