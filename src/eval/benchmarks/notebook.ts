// Notebook-state scoring shared by ARCADE and GIFT4Code: the context cells run once per group in a
// session, and each answer runs in a child forked from that state; its output (the last expression,
// the assigned variable of a last assignment, or named output variables) is compared with the
// reference output by the fuzzy data-science rules.
import type { Executor } from '../../exec/executor.js';
import type { CallResult, Limits, Session } from '../../exec/types.js';
import type { CanonicalValue } from '../../values/types.js';
import { compareValues } from '../../values/compare.js';
import { mismatch, reasonOf } from '../verdict.js';
import type { Verdict } from '../types.js';

interface Open {
  session: Session;
  context: string;
}

/** Sessions kept per group while its tasks run in order, each closed after the group's last task. */
export class SessionCache {
  private readonly open = new Map<string, Open>();

  constructor(private readonly remaining: Map<string, number>, private readonly limits: Partial<Limits>) {}

  /** A session whose state is `setup` then `context`; reuses the group's session when `context` extends it. */
  async ensure(ex: Executor, group: string, setup: string, context: string): Promise<{ session: Session } | { error: string }> {
    const cur = this.open.get(group);
    if (cur && cur.session.alive && context.startsWith(cur.context)) {
      const more = context.slice(cur.context.length);
      if (more.trim()) {
        const r = await cur.session.runCell(more, this.limits);
        if (r.status !== 'ok') return this.fail(group, r);
      }
      cur.context = context;
      return { session: cur.session };
    }
    if (cur) await this.drop(group);
    const session = await ex.openSession({ profile: 'datasci', limits: this.limits });
    this.open.set(group, { session, context });
    for (const cell of [setup, context]) {
      if (!cell.trim()) continue;
      const r = await session.runCell(cell, this.limits);
      if (r.status !== 'ok') return this.fail(group, r);
    }
    return { session };
  }

  private async fail(group: string, r: CallResult): Promise<{ error: string }> {
    await this.drop(group);
    return { error: `notebook context failed: ${reasonOf(r)}` };
  }

  private async drop(group: string): Promise<void> {
    const cur = this.open.get(group);
    this.open.delete(group);
    await cur?.session.close();
  }

  /** Marks one task of the group done; the session closes after the last one. */
  async done(group: string): Promise<void> {
    const left = (this.remaining.get(group) ?? 1) - 1;
    this.remaining.set(group, left);
    if (left <= 0) await this.drop(group);
  }

  async closeAll(): Promise<void> {
    for (const group of [...this.open.keys()]) await this.drop(group);
  }
}

/** The expression whose value is a cell's output: named variables, or a last `name = ...` line. */
export function outputCall(code: string, outputVars?: string[]): string | undefined {
  if (outputVars?.length) return outputVars.length === 1 ? outputVars[0] : `(${outputVars.join(', ')},)`;
  const lines = code.split('\n').filter((l) => l.trim() && !l.trimStart().startsWith('#'));
  const last = lines[lines.length - 1] ?? '';
  const m = /^([A-Za-z_]\w*)\s*=(?!=)/.exec(last);
  return m ? m[1] : undefined;
}

export async function runForOutput(session: Session, code: string, outputVars: string[] | undefined, limits: Partial<Limits>): Promise<CallResult> {
  return session.runIsolated(code, outputCall(code, outputVars), limits);
}

/** Fuzzy comparison of one answer's run with the reference output. */
export function judgeOutput(reference: CanonicalValue, r: CallResult): Verdict {
  const timing = { wallMs: Math.round(r.wallMs), cpuMs: Math.round(r.cpuMs) };
  if (r.status !== 'ok') {
    const status = r.status === 'timeout' ? 'timeout' : r.status === 'error' || r.status === 'crash' ? 'error' : 'resource';
    return { status, passed: false, error: reasonOf(r), ...timing };
  }
  if (!r.value) return { status: 'failed', passed: false, error: 'the answer produced no output value', ...timing };
  const cmp = compareValues(reference, r.value, 'fuzzy');
  return cmp.equal ? { status: 'passed', passed: true, ...timing } : { status: 'failed', passed: false, error: cmp.reason ?? 'output differs', ...mismatch('the output', reference.repr, r.value.repr), ...timing };
}
