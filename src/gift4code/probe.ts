// Probes of a context's state by the module's own Python (src/gift4code/python, preloaded in the
// executor's workers): `module.fn(globals(), request_json)` evaluated in a child forked from the
// session, through the one bridge to caseforge's Python helpers (src/exec/helper.ts).
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { callHelper } from '../exec/helper.js';
import type { CallResult, Limits, Session } from '../exec/types.js';

export { failureDetail, failureReason } from '../exec/helper.js';

/** The folder the executor adds to sys.path, and the modules it preloads before forking. */
export const PYTHON_DIR = fileURLToPath(new URL('./python/', import.meta.url));
export const PYTHON_MODULES = ['cf_g4c_schema', 'cf_g4c_profile', 'cf_g4c_enum', 'cf_g4c_render', 'cf_g4c_history', 'cf_g4c_shuffle'];

export type Probe<T> = { ok: true; data: T } | { ok: false; reason: string };

/** `module.fn(globals(), request)` in a fork of the session's state. */
export async function probe<T>(
  session: Pick<Session, 'inspect'>, module: string, fn: string, request: unknown, limits?: Partial<Limits>, schema?: z.ZodType,
): Promise<Probe<T> & { result: CallResult }> {
  const r = await callHelper<T>(session, { module, fn, request, pass: ['globals()'], limits, schema });
  return r.ok ? { ok: true, data: r.data, result: r.result } : { ok: false, reason: r.reason, result: r.result };
}
