// Scoring against records written by `caseforge case2code`: the context the prompt showed, then the
// predicted code, checked case by case with the writer's own check (`checkCases`) and renderer.
// Every case is run, so the verdict also says how many passed.
import type { Limits } from '../../exec/types.js';
import { checkCases, programOf, type CheckedCase } from '../../case2code/running/check.js';
import { mismatch } from '../verdict.js';
import type { ScoreContext, Verdict } from '../types.js';

export type OwnCase = CheckedCase;

export async function scoreOwnCases(cases: OwnCase[], answer: string, ctx: ScoreContext, limits: Partial<Limits>, context = ''): Promise<Verdict> {
  const r = await checkCases(ctx.executor, programOf(context, answer), cases, limits);
  const facts = { wallMs: r.wallMs, cpuMs: r.cpuMs, cases: { passed: r.casesPassed, total: cases.length } };
  if (r.setupError !== undefined) return { status: 'error', passed: false, error: `program failed: ${r.setupError}`, ...facts };
  if (r.mismatch) {
    const m = r.mismatch;
    return { status: 'failed', passed: false, error: `case ${m.index} ${m.call}: expected ${m.expected.slice(0, 160)}, got ${m.got.slice(0, 160)}`, ...mismatch(`case ${m.index}: ${m.call}`, m.expected, m.got), ...facts };
  }
  return { status: 'passed', passed: true, ...facts };
}
