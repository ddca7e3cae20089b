// Options of a GIFT4Code run: one DEFAULTS object and one normalising function. The entry point
// passes everything in (no environment is read here).
import { defined } from '../options.js';
import { CaseforgeError } from '../errors.js';
import type { Limits } from '../exec/types.js';
import type { SplitBy } from './splits.js';
import type { GeneratorKind } from './types.js';

export interface Gift4CodeOptions {
  /** Output directory: a Hub dataset (data/, jsonl/, README.md, report.json) and episodes.json; work in .work/. */
  out: string;
  /** Data directories or files; none: the default set of real datasets shipped with the project. */
  data?: string[];
  /** Directories (or files) of `.ipynb` notebooks. */
  notebooks?: string[];
  generator?: GeneratorKind;
  seed?: number;
  /** Process at most this many contexts (after sorting, so the subset is stable). */
  limit?: number;
  /** LLM: intents the generalist writes per context. */
  intentsPerContext?: number;
  /** LLM: solutions the code model samples per intent. */
  solutionsPerIntent?: number;
  /** Kept solutions per intent at most (distinct results, most diverse API use first). */
  maxKeptPerIntent?: number;
  /** Offline: candidate programs enumerated per context. */
  candidatesPerContext?: number;
  /** Kept solutions per context at most. */
  maxSolutionsPerContext?: number;
  /** Notebook contexts per notebook: cut points spread over its code cells (the end always included). */
  notebookPoints?: number;
  /** Share of the datasets (split by context) or of the records (by template) that go to test. */
  testShare?: number;
  /** What the test split holds out: whole datasets (`context`) or whole template families (`template`). */
  split?: SplitBy;
  /** `all`: one record per spec kind for every solution; `one`: one kind per solution, chosen by the seed. */
  specKinds?: 'all' | 'one';
  /** Dataset contexts: earlier analysis cells added after the loading cell, at most (0: none). */
  historyCells?: number;
  /** Turns per multi-turn episode (0: no episodes). */
  episodeTurns?: number;
  /** Contexts processed at once. */
  concurrency?: number;
  /** Candidates of one context executed at once. */
  runConcurrency?: number;
  /** Limits of each candidate run (value size caps what a record may hold). */
  limits?: Partial<Limits>;
  /** Limits of the context's loading cells. */
  contextLimits?: Partial<Limits>;
  schemaChars?: number;
  headRows?: number;
  inputRows?: number;
  renderChars?: number;
  temperature?: { intents?: number; solutions?: number; summaries?: number };
  maxTokens?: { intents?: number; solutions?: number; summaries?: number };
  /** Show progress lines on stderr. */
  progress?: boolean;
  /** Start over in an `out` that holds a run made with other arguments. */
  force?: boolean;
}

export const DEFAULTS = {
  data: [] as string[],
  notebooks: [] as string[],
  generator: 'offline' as GeneratorKind,
  seed: 0,
  limit: Infinity,
  intentsPerContext: 8,
  solutionsPerIntent: 4,
  maxKeptPerIntent: 2,
  candidatesPerContext: 200,
  maxSolutionsPerContext: 90,
  notebookPoints: 2,
  testShare: 0.15,
  split: 'context' as SplitBy,
  specKinds: 'all' as 'all' | 'one',
  historyCells: 3,
  episodeTurns: 4,
  concurrency: 2,
  runConcurrency: 2,
  limits: { timeoutMs: 10_000, cpuMs: 8_000, valueBytes: 16_384 } as Partial<Limits>,
  contextLimits: { timeoutMs: 60_000, cpuMs: 50_000 } as Partial<Limits>,
  schemaChars: 1800,
  headRows: 5,
  inputRows: 3,
  renderChars: 900,
  temperature: { intents: 0.9, solutions: 0.8, summaries: 0.2 },
  maxTokens: { intents: 1200, solutions: 600, summaries: 300 },
  progress: true,
  force: false,
};

export type ResolvedOptions = Omit<Required<Gift4CodeOptions>, 'temperature' | 'maxTokens'> & {
  temperature: Required<NonNullable<Gift4CodeOptions['temperature']>>;
  maxTokens: Required<NonNullable<Gift4CodeOptions['maxTokens']>>;
};

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new CaseforgeError('usage', `${name} must be a positive integer, got ${v}`);
  return v;
}

export function resolveOptions(opts: Gift4CodeOptions): ResolvedOptions {
  if (!opts.out) throw new CaseforgeError('usage', 'out is required');
  const r: ResolvedOptions = {
    ...DEFAULTS,
    ...defined(opts),
    limits: { ...DEFAULTS.limits, ...defined(opts.limits) },
    contextLimits: { ...DEFAULTS.contextLimits, ...defined(opts.contextLimits) },
    temperature: { ...DEFAULTS.temperature, ...defined(opts.temperature) },
    maxTokens: { ...DEFAULTS.maxTokens, ...defined(opts.maxTokens) },
  } as ResolvedOptions;
  if (r.generator !== 'llm' && r.generator !== 'offline') throw new CaseforgeError('usage', `generator must be llm or offline, got ${String(r.generator)}`);
  if (!Number.isInteger(r.seed)) throw new CaseforgeError('usage', `seed must be an integer, got ${r.seed}`);
  if (r.limit !== Infinity) positiveInt('limit', r.limit);
  for (const k of ['intentsPerContext', 'solutionsPerIntent', 'maxKeptPerIntent', 'candidatesPerContext',
    'maxSolutionsPerContext', 'notebookPoints', 'concurrency', 'runConcurrency', 'headRows', 'inputRows'] as const) positiveInt(k, r[k]);
  if (!(r.testShare >= 0 && r.testShare <= 1)) throw new CaseforgeError('usage', `testShare must be in [0, 1], got ${r.testShare}`);
  if (r.split !== 'context' && r.split !== 'template') throw new CaseforgeError('usage', `split must be context or template, got ${String(r.split)}`);
  if (r.specKinds !== 'all' && r.specKinds !== 'one') throw new CaseforgeError('usage', `specKinds must be all or one, got ${String(r.specKinds)}`);
  for (const k of ['historyCells', 'episodeTurns'] as const) {
    if (!Number.isInteger(r[k]) || r[k] < 0) throw new CaseforgeError('usage', `${k} must be a non-negative integer, got ${r[k]}`);
  }
  return r;
}
