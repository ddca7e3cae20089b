// A sandbox result turned into a verdict: a test assertion is a wrong answer (`failed`), any other
// exception an `error`, and limits keep their own status, each with a one-line reason.
import type { CallResult } from '../exec/types.js';
import type { Verdict } from './types.js';

const MAX_REASON = 500;

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_REASON ? flat.slice(0, MAX_REASON) + '...' : flat;
}

/** `Type: message` of a result's exception, or a description of its limit. */
export function reasonOf(r: CallResult): string {
  switch (r.status) {
    case 'ok': return '';
    case 'error': {
      const e = r.exception;
      if (!e) return oneLine(r.stderr || 'error');
      return oneLine(e.message ? `${e.type}: ${e.message}` : e.type);
    }
    case 'timeout': return 'time limit exceeded';
    case 'memory': return 'memory limit exceeded';
    case 'output_limit': return 'output limit exceeded';
    case 'crash': return oneLine(`process crashed${r.stderr ? ': ' + r.stderr.slice(-300) : ''}`);
  }
}

/** Pass when the code ran to the end; an AssertionError is a wrong answer, anything else an error. */
export function verdictOf(r: CallResult): Verdict {
  const timing = { wallMs: Math.round(r.wallMs), cpuMs: Math.round(r.cpuMs) };
  if (r.status === 'ok') return { status: 'passed', passed: true, ...timing };
  const error = reasonOf(r);
  if (r.status === 'error') {
    const wrong = r.exception?.type === 'AssertionError';
    return { status: wrong ? 'failed' : 'error', passed: false, error, ...timing };
  }
  if (r.status === 'timeout') return { status: 'timeout', passed: false, error, ...timing };
  if (r.status === 'crash') return { status: 'error', passed: false, error, ...timing };
  return { status: 'resource', passed: false, error, ...timing };
}

/** Values a verdict keeps of its first failing case: enough for a long value's diff, never huge. */
export const MISMATCH_CHARS = 16_384;

const capped = (s: string) => (s.length > MISMATCH_CHARS ? `${s.slice(0, MISMATCH_CHARS)}...` : s);

/** The first failing case of a wrong answer, for the verdict (its `error` keeps the short line). */
export function mismatch(which: string, expected: string, got: string): Pick<Verdict, 'case' | 'expected' | 'got'> {
  return { case: which, expected: capped(expected), got: capped(got) };
}

export function rejected(error: string): Verdict {
  return { status: 'rejected', passed: false, error };
}
