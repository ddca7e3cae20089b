// The one renderer of a case's expected text, used by the writer (what a record shows and holds) and
// by `caseforge eval case2code` (what a model's program must reproduce): the repr of a return, or
// the exception as Python's traceback prints its last line (`email.errors.HeaderParseError: msg`,
// a bare `AssertionError` when the message is empty).
import type { CallStatus } from '../../exec/types.js';

export interface Outcome {
  status: CallStatus;
  /** The return's repr (ok). */
  repr?: string;
  exception?: { type: string; message: string };
}

export function expectedText(o: Outcome): string {
  if (o.status === 'ok') return o.repr ?? 'None';
  if (o.status === 'error' && o.exception) return o.exception.message ? `${o.exception.type}: ${o.exception.message}` : o.exception.type;
  return `<${o.status}>`;
}

/** `Type` of an expected error text, as the record's `exception` field holds it. */
export function exceptionType(o: Outcome): string | null {
  return o.status === 'ok' ? null : o.exception?.type ?? o.status;
}
