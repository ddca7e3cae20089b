// Raw worker results (Python's snake_case) to the public result shapes.
import type { CallResult, CallStatus, ExceptionInfo, ProgramResult } from './types.js';
import type { CanonicalValue } from '../values/types.js';

type Raw = Record<string, unknown>;

const STATUSES = new Set<CallStatus>(['ok', 'error', 'timeout', 'memory', 'output_limit', 'crash']);

export function toCallResult(raw: Raw): CallResult {
  const status = STATUSES.has(raw.status as CallStatus) ? (raw.status as CallStatus) : 'crash';
  const out: CallResult = {
    status,
    stdout: (raw.stdout as string) ?? '',
    stderr: (raw.stderr as string) ?? '',
    cpuMs: round(raw.cpu_ms),
    wallMs: round(raw.wall_ms),
  };
  if (raw.value !== undefined && status === 'ok') out.value = raw.value as CanonicalValue;
  if (raw.exception) out.exception = raw.exception as ExceptionInfo;
  if (raw.output_truncated) out.outputTruncated = true;
  if (Array.isArray(raw.lines)) out.lines = raw.lines as number[];
  if (typeof raw.steps === 'number') out.steps = raw.steps;
  return out;
}

export function toProgramResult(raw: Raw, ncalls: number): ProgramResult {
  if (!Array.isArray(raw.calls)) {
    // The worker itself died: every call shares the crash.
    const crash = toCallResult(raw);
    return { setup: crash, calls: Array.from({ length: ncalls }, () => ({ ...crash })), forks: 0, wallMs: crash.wallMs };
  }
  return {
    setup: toCallResult(raw.setup as Raw),
    calls: (raw.calls as Raw[]).map(toCallResult),
    forks: (raw.forks as number) ?? 0,
    wallMs: round(raw.wall_ms),
  };
}

function round(x: unknown): number {
  return typeof x === 'number' && Number.isFinite(x) ? Math.round(x * 1000) / 1000 : 0;
}
