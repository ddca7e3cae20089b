// The schema description of a context's state, computed in the sandbox: ARCADE-style text for
// prompts (each dataframe's columns with dtypes and example values, bounded in length) and the
// structured facts behind it.
import { z } from 'zod';
import type { Session } from '../exec/types.js';
import { probe, type Probe } from './probe.js';

/** The schema probe's answer (loose: fields the Python adds later pass through). */
const ColumnFactsSchema = z.looseObject({
  name: z.string(), dtype: z.string(), kind: z.string(), nunique: z.number(), nulls: z.number(), examples: z.array(z.string()),
});
const FrameFactsSchema = z.looseObject({ name: z.string(), rows: z.number(), columns: z.array(ColumnFactsSchema) });
export const SchemaInfoSchema = z.looseObject({ text: z.string(), frames: z.array(FrameFactsSchema) });

export type ColumnFacts = z.infer<typeof ColumnFactsSchema>;
export type FrameFacts = z.infer<typeof FrameFactsSchema>;
export type SchemaInfo = z.infer<typeof SchemaInfoSchema>;

export async function describeState(session: Session, maxChars: number): Promise<Probe<SchemaInfo>> {
  const r = await probe<SchemaInfo>(session, 'cf_g4c_schema', 'describe', { max_chars: Math.floor(maxChars) }, undefined, SchemaInfoSchema);
  if (!r.ok) return { ok: false, reason: `schema_failed:${r.reason}` };
  if (r.data.frames.length === 0) return { ok: false, reason: 'no_dataframes' };
  return { ok: true, data: r.data };
}
