// Evaluation options: one DEFAULTS object and one normalising function. Nothing here reads the
// environment; the entry point passes what it needs.
import { defined } from '../options.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CaseforgeError, type ErrorCode } from '../errors.js';
import type { Executor } from '../exec/executor.js';
import type { SandboxChoice } from '../exec/types.js';
import type { LlmClient } from '../llm/client.js';
import type { QueueOptions } from '../queue/options.js';
import type { BenchName, SpecChoice } from './types.js';
import { BENCH_NAMES } from './types.js';

export type AnswerSource =
  | { kind: 'gold' }
  | { kind: 'predictions'; path: string }
  | { kind: 'model'; client: LlmClient; temperature?: number; maxTokens?: number };

export interface EvalOptions {
  bench: BenchName;
  /** Benchmark data; default: the benchmark's own file in `sharedData`. */
  data?: string;
  /** Folder holding the public benchmark files (`../shared/data` of the project). */
  sharedData?: string;
  source: AnswerSource;
  out: string;
  /** Samples per task asked of a model (predictions files bring their own count). */
  n?: number;
  ks?: number[];
  workers?: number;
  spec?: SpecChoice;
  /** gift4code: a copy of the records' data in another place than where it was made. */
  dataRoot?: string;
  /** Only the first `limit` tasks (after `ids`). */
  limit?: number;
  /** Only these task ids. */
  ids?: string[];
  /** An executor to use instead of creating one (it is not closed). */
  executor?: Executor;
  /** Interpreter and isolation for the executors this run starts. */
  sandbox?: SandboxChoice;
  progress?: boolean;
  /** Start over in an `out` that holds another run's results. */
  force?: boolean;
  /** Judge on `caseforge worker`s through this Redis queue instead of here. */
  queue?: Partial<QueueOptions> & { url: string };
}

export const EVAL_DEFAULTS = {
  n: 1,
  ks: [1, 5, 10],
  workers: 2,
  spec: 'none' as SpecChoice,
  progress: false,
};

export type ResolvedEvalOptions = Omit<EvalOptions, 'n' | 'ks' | 'workers' | 'spec' | 'progress'> & typeof EVAL_DEFAULTS;

/** An evaluation request that cannot be carried out (the project's error class, code `usage`). */
export class EvalError extends CaseforgeError {
  override name = 'EvalError';
  constructor(message: string, options?: { cause?: unknown; code?: ErrorCode }) {
    super(options?.code ?? 'usage', message, options);
  }
}

export function normaliseEvalOptions(o: EvalOptions): ResolvedEvalOptions {
  if (!BENCH_NAMES.includes(o.bench)) throw new EvalError(`unknown benchmark '${o.bench}' (one of ${BENCH_NAMES.join(', ')})`);
  const r = { ...EVAL_DEFAULTS, ...defined(o) } as ResolvedEvalOptions;
  if (!Number.isInteger(r.n) || r.n < 1) throw new EvalError(`--n must be a positive integer, got ${r.n}`);
  if (!r.ks.length || r.ks.some((k) => !Number.isInteger(k) || k < 1)) throw new EvalError(`--k must list positive integers, got ${r.ks.join(',')}`);
  if (!Number.isInteger(r.workers) || r.workers < 1) throw new EvalError(`--workers must be a positive integer, got ${r.workers}`);
  if (!['none', 'typedesc', 'examples', 'summary'].includes(r.spec)) throw new EvalError(`--spec must be none, typedesc, examples or summary, got ${r.spec}`);
  if (r.limit !== undefined && (!Number.isInteger(r.limit) || r.limit < 0)) throw new EvalError(`--limit must be a non-negative integer`);
  if (r.dataRoot !== undefined && !existsSync(r.dataRoot)) throw new EvalError(`--data-root ${r.dataRoot}: no such folder`, { code: 'input' });
  return { ...r, out: resolve(r.out), ...(r.dataRoot !== undefined ? { dataRoot: resolve(r.dataRoot) } : {}) };
}

/** A short description of where the answers come from, for reports and the resume check. */
export function sourceLabel(s: AnswerSource): string {
  if (s.kind === 'gold') return 'gold';
  if (s.kind === 'predictions') return `predictions ${resolve(s.path)}`;
  return `model ${s.client.endpoint.model}`;
}
