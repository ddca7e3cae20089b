// What the records' outputs depend on besides the data: the interpreter and the pandas and numpy
// versions of the session that ran them (value_counts naming, merge order and float printing change
// between versions), and this caseforge's version.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Session } from '../exec/types.js';
import type { RecordEnvironment } from './record.js';
import { probe } from './probe.js';

let caseforgeVersion: string | undefined;

/** This package's version (package.json at the root, three levels above dist/src/gift4code). */
export function packageVersion(): string {
  if (caseforgeVersion === undefined) {
    try {
      caseforgeVersion = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown';
    } catch {
      caseforgeVersion = 'unknown';
    }
  }
  return caseforgeVersion;
}

const VersionsSchema = z.object({ python: z.string(), pandas: z.string(), numpy: z.string() });

export async function environmentOf(session: Session): Promise<RecordEnvironment> {
  const r = await probe<z.infer<typeof VersionsSchema>>(session, 'cf_g4c_schema', 'environment', {}, undefined, VersionsSchema);
  const v = r.ok ? r.data : { python: 'unknown', pandas: 'unknown', numpy: 'unknown' };
  return { caseforge: packageVersion(), python: v.python, pandas: v.pandas, numpy: v.numpy };
}
