// The one bridge to caseforge's own Python helpers (the miner, Case2Code's tools, GIFT4Code's
// probes), run in the sandbox like any code. A helper is `module.fn(*pass, request_json)`: the
// request travels as base64 of its JSON (no quoting to get wrong, whatever the text holds), the
// answer comes back as one JSON string. Every failure is data with a short reason, counted the same
// way everywhere; only a helper module missing from the workers (an executor created without its
// folder on `pythonPath`) throws, since no input could ever succeed then.
import type { z } from 'zod';
import { CaseforgeError } from '../errors.js';
import type { Executor } from './executor.js';
import type { CallResult, Limits, Session } from './types.js';

export interface HelperCall {
  /** The helper's module (importable in the workers) and function. */
  module: string;
  fn: string;
  /** Sent as JSON text, the function's last argument. */
  request: unknown;
  /** Python expressions passed before the request, e.g. `globals()` for a probe of a session's state. */
  pass?: string[];
  limits?: Partial<Limits>;
  /** The answer's expected shape: one that does not match is `bad_answer`, never a later TypeError.
   *  The answer itself is returned as parsed from JSON (the schema checks, it does not reshape). */
  schema?: z.ZodType;
}

/**
 * `reason` is short and stable (it becomes a report's count key): the call's status (`timeout`,
 * `memory`, `crash`, ...) or `error:<ExceptionType>`, or, for an answer that cannot be used,
 * `too_large` (cut at valueBytes), `not_text` (not a str), `bad_json`, or `bad_answer` (not the
 * shape the caller's schema asks for).
 */
export type HelperOutcome<T> =
  | { ok: true; data: T; result: CallResult }
  | { ok: false; reason: string; detail: string; result: CallResult };

/** Where a helper runs: a fresh child of a worker, or a fork of a session's state. */
export type HelperTarget = Pick<Executor, 'run'> | Pick<Session, 'inspect'>;

/** The expression that calls the helper (exported for tests and for callers that batch calls). */
export function helperExpression(call: Pick<HelperCall, 'module' | 'fn' | 'request' | 'pass'>): string {
  const wire = Buffer.from(JSON.stringify(call.request ?? null), 'utf8').toString('base64');
  const args = [...(call.pass ?? []), `__import__('base64').b64decode('${wire}').decode('utf-8')`];
  return `__import__(${JSON.stringify(call.module)}).${call.fn}(${args.join(', ')})`;
}

/** A short reason for a call that did not end `ok`: `error:KeyError`, `timeout`, `memory`, ... */
export function failureReason(r: CallResult): string {
  if (r.status === 'error') return `error:${(r.exception?.type ?? 'Exception').split('.').pop()}`;
  return r.status;
}

/** One line describing a failed call, for reports' examples. */
export function failureDetail(r: CallResult, max = 300): string {
  const msg = r.exception ? `${r.exception.type}: ${r.exception.message}` : r.stderr.trim().split('\n').pop() ?? '';
  return `${r.status}${msg ? ` ${msg}` : ''}`.replace(/\s+/g, ' ').slice(0, max);
}

function missingModule(r: CallResult, module: string): boolean {
  const ex = r.exception;
  return !!ex && /ModuleNotFoundError|ImportError/.test(ex.type) && ex.message.includes(`'${module}'`);
}

/** The helper's answer read from a finished call. */
export function helperAnswer<T>(call: Pick<HelperCall, 'module' | 'fn' | 'schema'>, result: CallResult): HelperOutcome<T> {
  const name = `${call.module}.${call.fn}`;
  if (result.status !== 'ok') {
    if (missingModule(result, call.module)) {
      throw new CaseforgeError('setup', `the Python helper ${call.module} is not importable in this executor (its folder is not on pythonPath): ${result.exception!.message}`);
    }
    return { ok: false, reason: failureReason(result), detail: `${name}: ${failureDetail(result)}`, result };
  }
  const v = result.value;
  if (v?.flags.truncated) return { ok: false, reason: 'too_large', detail: `${name}: answer over the value cap (${v.repr.length} characters kept)`, result };
  if (!v || v.value.t !== 'str') return { ok: false, reason: 'not_text', detail: `${name} returned ${v?.type ?? 'nothing'}`, result };
  let data: unknown;
  try {
    data = JSON.parse(v.value.v);
  } catch (err) {
    return { ok: false, reason: 'bad_json', detail: `${name}: ${(err as Error).message}`, result };
  }
  if (call.schema) {
    const checked = call.schema.safeParse(data);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return { ok: false, reason: 'bad_answer', detail: `${name}: ${issue.path.map(String).join('.') || 'answer'}: ${issue.message}`, result };
    }
  }
  return { ok: true, data: data as T, result };
}

export async function callHelper<T>(target: HelperTarget, call: HelperCall): Promise<HelperOutcome<T>> {
  const expr = helperExpression(call);
  const result = 'inspect' in target
    ? await target.inspect(expr, call.limits)
    : await target.run({ code: '', call: expr, limits: call.limits });
  return helperAnswer<T>(call, result);
}
