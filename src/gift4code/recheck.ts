// The order re-check of a finished run: every kept solution of the records is run again in a
// session whose frames are read in a random row order (index reset) - a permutation no stage of the
// run used - and in one that keeps the order, and the two order-normalised answers are compared. A
// gold that changes is one whose answer follows the file's row order; a sound run has none.
import pLimit from 'p-limit';
import type { Executor } from '../exec/executor.js';
import type { Limits } from '../exec/types.js';
import { deriveSeed } from '../store/hash.js';
import { runnableCells } from './contexts.js';
import { openOrderSession, orderDiff, orderedValue } from './order_check.js';
import type { Gift4CodeRecord } from './record.js';

export interface RecheckResult {
  solutions: number;
  /** Solutions whose two answers were compared. */
  checked: number;
  /** Of those, answers that changed with the row order. */
  changed: number;
  /** Solutions that could not be run (context or solution failed), with reasons. */
  failed: number;
  examples: string[];
}

export interface RecheckOptions {
  /** The folder of a data root, by its label. */
  rootOf: (label: string) => string;
  seed: number;
  limits?: Partial<Limits>;
  contextLimits?: Partial<Limits>;
  concurrency?: number;
}

export async function recheckOrder(ex: Executor, records: Gift4CodeRecord[], o: RecheckOptions): Promise<RecheckResult> {
  const byContext = new Map<string, Gift4CodeRecord[]>();
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.solution_id)) continue;
    seen.add(r.solution_id);
    byContext.set(r.context.id, [...(byContext.get(r.context.id) ?? []), r]);
  }
  const result: RecheckResult = { solutions: seen.size, checked: 0, changed: 0, failed: 0, examples: [] };
  const note = (s: string) => { if (result.examples.length < 10) result.examples.push(s); };
  const stats = { executions: 0 };
  const limits = o.limits ?? { timeoutMs: 10_000, cpuMs: 8_000, valueBytes: 16_384 };
  const contextLimits = o.contextLimits ?? { timeoutMs: 60_000, cpuMs: 50_000 };
  for (const [id, list] of byContext) {
    const cells = runnableCells(list[0].context.cells, o.rootOf(list[0].context.data_root.label));
    const seed = deriveSeed(o.seed, `recheck:${id}`);
    const [keep, shuffled] = await Promise.all((['keep', 'random'] as const).map((order) => openOrderSession(ex, { cells, order, seed, contextLimits }, stats)));
    try {
      if (typeof keep === 'string' || typeof shuffled === 'string') {
        result.failed += list.length;
        note(`${list[0].context.name}: ${typeof keep === 'string' ? keep : shuffled}`);
        continue;
      }
      const limit = pLimit(o.concurrency ?? 2);
      await Promise.all(list.map((r) => limit(async () => {
        const [a, b] = [await orderedValue(keep, r.code, limits), await orderedValue(shuffled, r.code, limits)];
        if (!a.ok) { result.failed++; note(`${r.solution_id}: ${a.reason}`); return; }
        result.checked++;
        const diff = b.ok ? orderDiff(a.value, b.value) : b.reason;
        if (diff !== undefined) { result.changed++; note(`${r.solution_id} (${r.context.name}): ${diff.slice(0, 120)}`); }
      })));
    } finally {
      for (const s of [keep, shuffled]) if (typeof s !== 'string') await s.close();
    }
  }
  return result;
}
