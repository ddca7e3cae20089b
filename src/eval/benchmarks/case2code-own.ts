// Scoring against cases written by `caseforge case2code`: the predicted program is defined once in
// one forked child and every case's call runs in it, each with its own limits; a case passes when
// its repr (or `Type: message` for an expected exception) equals the recorded one.
import type { CallResult, Limits } from '../../exec/types.js';
import { mismatch, reasonOf } from '../verdict.js';
import type { ScoreContext, Verdict } from '../types.js';

export interface OwnCase {
  call: string;
  input?: string;
  status: 'ok' | 'error';
  output: string;
}

function outcome(r: CallResult): string {
  if (r.status === 'ok') return r.value?.repr ?? 'None';
  if (r.status === 'error' && r.exception) return `${r.exception.type}: ${r.exception.message}`;
  return `<${reasonOf(r)}>`;
}

export async function scoreOwnCases(cases: OwnCase[], answer: string, ctx: ScoreContext, limits: Partial<Limits>): Promise<Verdict> {
  const res = await ctx.executor.runProgram({ code: answer, calls: cases.map((c) => c.call), profile: 'plain', limits });
  const wallMs = Math.round(res.setup.wallMs + res.calls.reduce((s, c) => s + c.wallMs, 0));
  const cpuMs = Math.round(res.setup.cpuMs + res.calls.reduce((s, c) => s + c.cpuMs, 0));
  if (res.setup.status !== 'ok') return { status: 'error', passed: false, error: `program failed: ${reasonOf(res.setup)}`, wallMs, cpuMs };
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i];
    const r = res.calls[i];
    const okStatus = c.status === 'ok' ? r.status === 'ok' : r.status === 'error';
    const got = outcome(r);
    if (!okStatus || got !== c.output) {
      return { status: 'failed', passed: false, error: `case ${i} ${c.call}: expected ${c.output.slice(0, 160)}, got ${got.slice(0, 160)}`, ...mismatch(`case ${i}: ${c.call}`, c.output, got), wallMs, cpuMs };
    }
  }
  return { status: 'passed', passed: true, wallMs, cpuMs };
}
