// The order check: is a solution's answer a fact of the data, or of the order its rows happen to be
// in? Sessions rebuild the context with pandas' readers wrapped (cf_g4c_shuffle): one keeps the rows
// in order, others read every frame reversed or randomly permuted with the index reset; row labels
// are named so a result that only carries them is compared by position. A solution whose answers
// differ (by the numeric comparison: values, columns, index, within float tolerance) is ambiguous.
import pLimit from 'p-limit';
import type { Executor } from '../exec/executor.js';
import type { Limits, Session } from '../exec/types.js';
import { compareValues } from '../values/compare.js';
import { pyStr } from '../values/pyliteral.js';
import type { CanonicalValue } from '../values/types.js';
import { failureReason } from './probe.js';

export type RowOrder = 'keep' | 'reverse' | 'random';

export interface OrderSessionInput {
  /** The context's cells as they run here (DATA_ROOT pointing at this machine's copy). */
  cells: string[];
  order: RowOrder;
  /** Seed of the random permutation, and of the session. */
  seed: number;
  contextLimits: Partial<Limits>;
}

/** A session whose frames were read in the given row order; an error string when the context fails. */
export async function openOrderSession(ex: Executor, input: OrderSessionInput, stats: { executions: number }): Promise<Session | string> {
  const session = await ex.openSession({ profile: 'datasci', seed: input.seed });
  const setup = `__import__('cf_g4c_shuffle').install(${pyStr(input.order)}, ${input.seed})`;
  for (const cell of [setup, ...input.cells]) {
    const r = await session.runCell(cell, input.contextLimits);
    stats.executions++;
    if (r.status !== 'ok') {
      await session.close();
      return `order_context_failed:${failureReason(r)}`;
    }
  }
  return session;
}

export type OrderedRun = { ok: true; value: CanonicalValue } | { ok: false; reason: string };

/** The solution's value with row labels replaced by positions, run in a fork of the session. */
export async function orderedValue(session: Session, code: string, limits: Partial<Limits>): Promise<OrderedRun> {
  const r = await session.inspect(`__import__('cf_g4c_shuffle').normalised(globals(), ${pyStr(code)})`, limits);
  if (r.status !== 'ok' || !r.value) return { ok: false, reason: failureReason(r) };
  if (r.value.flags.truncated || r.value.flags.address) return { ok: false, reason: 'unbounded' };
  return { ok: true, value: r.value };
}

/** Why two order-normalised answers differ, or undefined when they agree. */
export function orderDiff(a: CanonicalValue, b: CanonicalValue): string | undefined {
  const cmp = compareValues(a, b, 'numeric');
  return cmp.equal ? undefined : cmp.reason ?? 'differs';
}

export interface OrderCheckInput {
  cells: string[];
  codes: string[];
  seed: number;
  limits: Partial<Limits>;
  contextLimits: Partial<Limits>;
  concurrency: number;
}

export type OrderVerdict = { ok: true; ordered: CanonicalValue } | { ok: false; reason: string; detail?: string };

/**
 * Each code in the same-order session and in the reversed one (reversal moves every tie of a stable
 * sort, and every "first rows" answer). ok: the same-order value, for later checks to compare with.
 */
export async function checkOrder(ex: Executor, input: OrderCheckInput, stats: { executions: number }): Promise<OrderVerdict[]> {
  if (input.codes.length === 0) return [];
  const [keep, reverse] = await Promise.all((['keep', 'reverse'] as const).map((order) => openOrderSession(ex, {
    cells: input.cells, order, seed: input.seed, contextLimits: input.contextLimits,
  }, stats)));
  try {
    if (typeof keep === 'string' || typeof reverse === 'string') {
      const reason = typeof keep === 'string' ? keep : reverse as string;
      return input.codes.map(() => ({ ok: false, reason }));
    }
    const limit = pLimit(input.concurrency);
    return await Promise.all(input.codes.map((code) => limit(async (): Promise<OrderVerdict> => {
      const a = await orderedValue(keep, code, input.limits);
      stats.executions++;
      if (!a.ok) return { ok: false, reason: `order_check_failed:${a.reason}` };
      const b = await orderedValue(reverse, code, input.limits);
      stats.executions++;
      if (!b.ok) return { ok: false, reason: 'ambiguous_order', detail: `reversed rows: ${b.reason}` };
      const diff = orderDiff(a.value, b.value);
      return diff === undefined ? { ok: true, ordered: a.value } : { ok: false, reason: 'ambiguous_order', detail: diff };
    })));
  } finally {
    for (const s of [keep, reverse]) if (typeof s !== 'string') await s.close();
  }
}
