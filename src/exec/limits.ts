// Per-call limits: one DEFAULTS object and one function that resolves partial limits against it.
import type { Limits } from './types.js';
import { ExecutorError } from './errors.js';

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  timeoutMs: 10_000,
  cpuMs: 10_000,
  memoryMb: 1024,
  outputBytes: 1_000_000,
  valueBytes: 1_000_000,
  maxProcesses: 16,
  fileBytes: 64 * 1024 * 1024,
});

/** Merges layers of partial limits (later wins). cpuMs follows timeoutMs unless set. */
export function resolveLimits(...layers: Array<Partial<Limits> | undefined>): Limits {
  const merged: Partial<Limits> = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer)) if (v !== undefined) (merged as Record<string, number>)[k] = v;
  }
  const out = { ...DEFAULT_LIMITS, ...merged };
  if (merged.cpuMs === undefined && merged.timeoutMs !== undefined) out.cpuMs = merged.timeoutMs;
  for (const [k, v] of Object.entries(out)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new ExecutorError(`limit ${k} must be a positive number, got ${String(v)}`, { code: 'usage' });
    }
  }
  out.maxProcesses = Math.max(1, Math.floor(out.maxProcesses));
  return out;
}
