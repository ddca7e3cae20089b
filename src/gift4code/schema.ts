// The schema description of a context's state, computed in the sandbox: ARCADE-style text for
// prompts (each dataframe's columns with dtypes and example values, bounded in length) and the
// structured facts behind it.
import type { Session } from '../exec/types.js';
import { probe, type Probe } from './probe.js';

export interface ColumnFacts {
  name: string;
  dtype: string;
  kind: string;
  nunique: number;
  nulls: number;
  examples: string[];
}

export interface FrameFacts {
  name: string;
  rows: number;
  columns: ColumnFacts[];
}

export interface SchemaInfo {
  text: string;
  frames: FrameFacts[];
}

export async function describeState(session: Session, maxChars: number): Promise<Probe<SchemaInfo>> {
  const r = await probe<SchemaInfo>(session, 'cf_g4c_schema', 'describe', { max_chars: Math.floor(maxChars) });
  if (!r.ok) return { ok: false, reason: `schema_failed:${r.reason}` };
  if (r.data.frames.length === 0) return { ok: false, reason: 'no_dataframes' };
  return { ok: true, data: r.data };
}
