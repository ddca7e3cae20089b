// Mining options: one DEFAULTS object and one normalising function.
import { defined } from '../options.js';
import { CaseforgeError } from '../errors.js';
import type { MiningStats } from './stats.js';

export interface DedupOptions {
  /** Drop programs equal after normalising formatting, comments and the function's docstring. */
  exact: boolean;
  /** Drop functions whose MinHash-estimated Jaccard similarity to a kept one is >= threshold. */
  near: boolean;
  threshold: number;
  /** MinHash permutations (signature length). */
  numPerm: number;
  /** Tokens per shingle. */
  shingle: number;
}

/** A function whose completion, with everything it needs, is over the cap: its helpers become
 *  context shown in the prompt (the completion is the function alone), or it is dropped (`too_large`). */
export type OverCap = 'context' | 'drop';
export const OVER_CAP: readonly OverCap[] = ['context', 'drop'];

export interface MineOptions {
  /** Top-level packages allowed besides the standard library (e.g. `numpy`, `pandas`). */
  allowImports?: string[];
  dedup?: Partial<DedupOptions>;
  /** Stop after this many kept functions. */
  limit?: number;
  /** Corpus rows only: at most this many missing globals become parameters (0: never). */
  liftMaxNames?: number;
  /** Directory names skipped when walking a tree. */
  exclude?: string[];
  /** Wall limit of mining one file or row in the sandbox; past it the unit counts `parse_timeout`. */
  timeoutMs?: number;
  /** Larger files or rows are skipped as `too_large`. */
  maxFileBytes?: number;
  /** Files mined at once (the executor's workers run them). */
  concurrency?: number;
  /** Most lines of a completion (the function with what it needs, or the function alone). */
  maxCompletionLines?: number;
  /** What to do with a function whose completion would be longer. */
  overCap?: OverCap;
  /** Most lines of the context (helpers shown in the prompt); a longer one drops the function (`too_large`). */
  maxContextLines?: number;
  /** Where counts go; pass one to read it after the run. */
  stats?: MiningStats;
}

export interface ResolvedMineOptions {
  allowImports: string[];
  dedup: DedupOptions;
  limit: number;
  liftMaxNames: number;
  exclude: string[];
  timeoutMs: number;
  maxFileBytes: number;
  concurrency: number;
  maxCompletionLines: number;
  overCap: OverCap;
  maxContextLines: number;
}

export const MINE_DEFAULTS: ResolvedMineOptions = {
  allowImports: [],
  dedup: { exact: true, near: true, threshold: 0.85, numPerm: 128, shingle: 3 },
  limit: Infinity,
  liftMaxNames: 2,
  exclude: ['__pycache__', 'site-packages', 'dist-packages', '.git', 'node_modules'],
  timeoutMs: 30_000,
  maxFileBytes: 2_000_000,
  concurrency: 4,
  maxCompletionLines: 150,
  overCap: 'context',
  maxContextLines: 400,
};

export function resolveMineOptions(opts: MineOptions = {}): ResolvedMineOptions {
  const dedup = { ...MINE_DEFAULTS.dedup, ...defined(opts.dedup) };
  if (!(dedup.threshold > 0 && dedup.threshold <= 1)) throw new CaseforgeError('usage', `dedup.threshold must be in (0, 1], got ${dedup.threshold}`);
  if (!Number.isInteger(dedup.numPerm) || dedup.numPerm < 8) throw new CaseforgeError('usage', `dedup.numPerm must be an integer >= 8`);
  if (!Number.isInteger(dedup.shingle) || dedup.shingle < 1) throw new CaseforgeError('usage', `dedup.shingle must be a positive integer`);
  const positive = (name: string, v: number) => {
    if (!(v > 0)) throw new CaseforgeError('usage', `${name} must be positive, got ${v}`);
    return v;
  };
  const positiveInt = (name: string, v: number) => {
    if (!(Number.isInteger(v) && v > 0)) throw new CaseforgeError('usage', `${name} must be a positive integer, got ${v}`);
    return v;
  };
  const overCap = opts.overCap ?? MINE_DEFAULTS.overCap;
  if (!OVER_CAP.includes(overCap)) throw new CaseforgeError('usage', `overCap must be one of ${OVER_CAP.join(', ')}, got ${String(overCap)}`);
  return {
    allowImports: [...(opts.allowImports ?? MINE_DEFAULTS.allowImports)],
    dedup,
    limit: positive('limit', opts.limit ?? MINE_DEFAULTS.limit),
    liftMaxNames: Math.max(0, Math.floor(opts.liftMaxNames ?? MINE_DEFAULTS.liftMaxNames)),
    exclude: [...(opts.exclude ?? MINE_DEFAULTS.exclude)],
    timeoutMs: positive('timeoutMs', opts.timeoutMs ?? MINE_DEFAULTS.timeoutMs),
    maxFileBytes: positive('maxFileBytes', opts.maxFileBytes ?? MINE_DEFAULTS.maxFileBytes),
    concurrency: Math.max(1, Math.floor(opts.concurrency ?? MINE_DEFAULTS.concurrency)),
    maxCompletionLines: positiveInt('maxCompletionLines', opts.maxCompletionLines ?? MINE_DEFAULTS.maxCompletionLines),
    overCap,
    maxContextLines: positiveInt('maxContextLines', opts.maxContextLines ?? MINE_DEFAULTS.maxContextLines),
  };
}
