// The re-execution check of kept solutions: a fresh session per context rebuilds the state from
// the context's cells, re-runs every kept solution (one fork each) and requires the exact output the
// specifications were derived from; a second fresh session reads every frame in a random row order
// (another order than the keep stage's check) and requires the same order-normalised answer.
import pLimit from 'p-limit';
import type { Executor } from '../exec/executor.js';
import type { Limits } from '../exec/types.js';
import { compareValues } from '../values/compare.js';
import type { CanonicalValue } from '../values/types.js';
import { openOrderSession, orderDiff, orderedValue } from './order_check.js';
import { failureReason } from './probe.js';

export type VerifyResult = { ok: true } | { ok: false; reason: string; detail?: string };

export interface VerifyInput {
  /** The context's cells as they run here. */
  cells: string[];
  solutions: Array<{ code: string; value: CanonicalValue; ordered: CanonicalValue }>;
  seed: number;
  limits: Partial<Limits>;
  contextLimits: Partial<Limits>;
  concurrency: number;
}

async function verifyExact(ex: Executor, input: VerifyInput, stats: { executions: number }): Promise<VerifyResult[]> {
  const session = await ex.openSession({ profile: 'datasci', seed: input.seed });
  try {
    for (const cell of input.cells) {
      const r = await session.runCell(cell, input.contextLimits);
      stats.executions++;
      if (r.status !== 'ok') return input.solutions.map(() => ({ ok: false, reason: `verify_context_failed:${failureReason(r)}` }));
    }
    const limit = pLimit(input.concurrency);
    return await Promise.all(input.solutions.map((s) => limit(async (): Promise<VerifyResult> => {
      const r = await session.runIsolated(s.code, undefined, input.limits);
      stats.executions++;
      if (r.status !== 'ok' || !r.value) return { ok: false, reason: `verify_failed:${failureReason(r)}` };
      const cmp = compareValues(s.value, r.value, 'exact');
      if (!cmp.equal) return { ok: false, reason: 'verify_mismatch', detail: cmp.reason };
      if (s.value.repr !== r.value.repr) return { ok: false, reason: 'verify_mismatch', detail: 'repr differs' };
      return { ok: true };
    })));
  } finally {
    await session.close();
  }
}

async function verifyShuffled(ex: Executor, input: VerifyInput, stats: { executions: number }): Promise<VerifyResult[]> {
  const session = await openOrderSession(ex, { cells: input.cells, order: 'random', seed: input.seed, contextLimits: input.contextLimits }, stats);
  if (typeof session === 'string') return input.solutions.map(() => ({ ok: false, reason: `verify_${session}` }));
  try {
    const limit = pLimit(input.concurrency);
    return await Promise.all(input.solutions.map((s) => limit(async (): Promise<VerifyResult> => {
      const r = await orderedValue(session, s.code, input.limits);
      stats.executions++;
      if (!r.ok) return { ok: false, reason: 'verify_order_mismatch', detail: r.reason };
      const diff = orderDiff(s.ordered, r.value);
      return diff === undefined ? { ok: true } : { ok: false, reason: 'verify_order_mismatch', detail: diff };
    })));
  } finally {
    await session.close();
  }
}

export async function verifyFresh(ex: Executor, input: VerifyInput, stats: { executions: number }): Promise<VerifyResult[]> {
  if (input.solutions.length === 0) return [];
  const [exact, shuffled] = await Promise.all([verifyExact(ex, input, stats), verifyShuffled(ex, input, stats)]);
  return exact.map((e, i) => (e.ok ? shuffled[i] : e));
}
