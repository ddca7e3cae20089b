// Earlier analysis cells of a dataset context (python/cf_g4c_history.py): chosen from the loaded
// data and the context's seed, run in the context's session like any notebook cell, recorded with
// the context, and named so programs that build on them are marked.
import { z } from 'zod';
import type { Limits, Session } from '../exec/types.js';
import { probe } from './probe.js';

const HistorySchema = z.array(z.object({ code: z.string().min(1), names: z.array(z.string()) }));

export interface HistoryCell {
  code: string;
  /** Frames and columns the cell defines. */
  names: string[];
}

export async function proposeHistory(session: Session, seed: number, maxCells: number, limits: Partial<Limits>): Promise<HistoryCell[] | string> {
  if (maxCells <= 0) return [];
  const r = await probe<HistoryCell[]>(session, 'cf_g4c_history', 'propose_json', { seed, max_cells: maxCells }, limits, HistorySchema);
  return r.ok ? r.data : `history_failed:${r.reason}`;
}
