// Executor options: one DEFAULTS object and one normalising function (environment variables are
// read by the CLI, never here).
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { ExecutorOptions, IsolationMode, Limits } from './types.js';
import { DEFAULT_PYTHON } from './interpreter.js';
import { resolveLimits } from './limits.js';
import { ExecutorError } from './errors.js';

export interface ResolvedOptions {
  python: string;
  workers: number;
  isolation: IsolationMode;
  requireIsolation: boolean;
  limits: Limits;
  seed: number;
  fixedClock?: number;
  tz: string;
  locale: string;
  localeDir?: string;
  readOnlyPaths: string[];
  pythonPath: string[];
  preload: string[];
  maxRequestsPerWorker: number;
  onWarning: (message: string) => void;
}

export const DEFAULTS = {
  python: DEFAULT_PYTHON,
  isolation: 'auto' as IsolationMode,
  requireIsolation: false,
  seed: 0,
  tz: 'UTC',
  locale: 'C.UTF-8',
  maxRequestsPerWorker: 20_000,
};

export function normalizeOptions(opts: ExecutorOptions): ResolvedOptions {
  const workers = opts.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) throw new ExecutorError(`workers must be a positive integer, got ${opts.workers}`, { code: 'usage' });
  const isolation = opts.isolation ?? DEFAULTS.isolation;
  if (!['auto', 'bwrap', 'none'].includes(isolation)) throw new ExecutorError(`isolation must be auto, bwrap or none, got ${isolation}`, { code: 'usage' });
  return {
    python: opts.python ?? DEFAULTS.python,
    workers,
    isolation,
    requireIsolation: opts.requireIsolation ?? DEFAULTS.requireIsolation,
    limits: resolveLimits(opts.limits),
    seed: opts.seed ?? DEFAULTS.seed,
    fixedClock: opts.fixedClock,
    tz: opts.tz ?? DEFAULTS.tz,
    locale: opts.locale ?? DEFAULTS.locale,
    localeDir: opts.localeDir === undefined ? undefined : resolve(opts.localeDir),
    readOnlyPaths: [...(opts.readOnlyPaths ?? []), ...(opts.localeDir === undefined ? [] : [opts.localeDir])].map((p) => resolve(p)),
    pythonPath: (opts.pythonPath ?? []).map((p) => resolve(p)),
    preload: opts.preload ?? [],
    maxRequestsPerWorker: opts.maxRequestsPerWorker ?? DEFAULTS.maxRequestsPerWorker,
    onWarning: opts.onWarning ?? ((m) => process.stderr.write(`\n*** caseforge WARNING: ${m} ***\n\n`)),
  };
}
