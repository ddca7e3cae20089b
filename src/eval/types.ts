// The evaluation harness's data: tasks, verdicts, per-sample result rows, and the one interface every
// benchmark adapter implements. Outcomes are data: a wrong, crashing or malformed answer is a
// verdict with a reason, never an exception.
import type { Executor } from '../exec/executor.js';
import type { BadRow } from '../store/badinput.js';
import type { ExecutorOptions, Profile, SandboxChoice } from '../exec/types.js';
import type { ChatMessage } from '../llm/transport.js';

export const BENCH_NAMES = ['case2code', 'cruxeval-o', 'cruxeval-i', 'humaneval', 'ds1000', 'arcade', 'gift4code', 'mbpp', 'output-prediction', 'input-prediction'] as const;
export type BenchName = (typeof BENCH_NAMES)[number];

export type SpecChoice = 'none' | 'typedesc' | 'examples' | 'summary';

export interface Task {
  id: string;
  /** Subset labels the task is averaged under, e.g. { library: 'Pandas', perturbation: 'Origin' }. */
  subsets: Record<string, string>;
  /** The reference answer, in the form `score` takes (what `--gold` scores). */
  gold?: string;
  /** Set when the task cannot run here (missing library, ...): reported as skipped, never failed. */
  skip?: string;
  /** Known defects of the data that may make even the reference answer fail. */
  defects?: string[];
}

/** `rejected`: refused by the benchmark's own rules before running (e.g. CRUXEval's `f(` rule). */
export type VerdictStatus = 'passed' | 'failed' | 'error' | 'timeout' | 'rejected' | 'resource';

export interface Verdict {
  status: VerdictStatus;
  passed: boolean;
  /** Why it did not pass: the assertion, the exception, the first mismatch. */
  error?: string;
  wallMs?: number;
  cpuMs?: number;
  /** For answers checked case by case (Case2Code): how many of the task's cases it reproduced. */
  cases?: { passed: number; total: number };
  /** The first failing case, where the benchmark knows it (see `mismatch` in verdict.ts): which
   *  case, and the expected and produced values whole (up to a cap), for a viewer's side by side. */
  case?: string;
  expected?: string;
  got?: string;
}

/** Which field of a predictions row held the text (decides how a benchmark normalises it).
 * `answer`: already in final form (caseforge's own generations); `raw`: a whole model reply. */
export type AnswerField = 'answer' | 'completion' | 'solution' | 'code' | 'generation' | 'raw';

export interface ScoreContext {
  executor: Executor;
  /** Workers per pool, for adapters that start executors of their own. */
  workers: number;
  /** Interpreter and isolation, for adapters that start executors of their own. */
  sandbox?: SandboxChoice;
}

export interface AdapterOptions {
  spec?: SpecChoice;
  /** gift4code: where the records' data lives now (their contexts' DATA_ROOT is pointed here). */
  dataRoot?: string;
}

/** One benchmark: how to read it, prompt for it, pull an answer out of a reply, and judge it. */
export interface Benchmark<T extends Task = Task> {
  readonly name: BenchName;
  /** Default data file, relative to the shared data folder (none: `--data` is required). */
  readonly defaultData?: string;
  /** Executor settings this benchmark needs (profile, preloads, read-only data paths, limits). */
  executorOptions(tasks: T[], dataPath: string): ExecutorOptions;
  /** The tasks of a data file; a row that is not a task goes to `onBad` (file, line, reason) and is skipped. */
  load(path: string, onBad?: (bad: BadRow) => void): Promise<T[]>;
  /** Optional check of the environment once the executor is up (marks tasks `skip`). */
  prepare?(tasks: T[], ctx: ScoreContext): Promise<void>;
  prompt(task: T): ChatMessage[];
  /** Stop sequences the benchmark's own harness samples with. */
  readonly stop?: string[];
  /** The answer out of a raw model reply, as the benchmark's own harness extracts it. */
  extract(task: T, reply: string): string;
  /** An answer read from a predictions file, normalised as the benchmark's harness does. */
  fromPrediction(task: T, text: string, field: AnswerField): string;
  /** Judge every answer of one task; one verdict per answer, in order. */
  score(task: T, answers: string[], ctx: ScoreContext): Promise<Verdict[]>;
  /** A task id as a predictions file may spell it, in the form `load` gives (e.g. MBPP's `2` -> `Mbpp/2`). */
  canonicalId?(id: string): string;
  /** Tasks with the same group run one after another, in load order (notebook turns). */
  groupOf?(task: T): string;
  close?(): Promise<void>;
  readonly profile: Profile;
}

/** One judged sample (a row of the results dataset, a line of DIR/.work/results.jsonl). */
export interface SampleResult {
  task_id: string;
  sample: number;
  status: VerdictStatus | 'skipped' | 'missing' | 'bad_prediction';
  passed: boolean;
  error?: string;
  subsets: Record<string, string>;
  wall_ms?: number;
  cpu_ms?: number;
  /** The answer that was judged (the extracted code or literal), cut at 64 KB. */
  answer?: string;
  /** The first failing case and its expected and produced values (Verdict's). */
  case?: string;
  expected?: string;
  got?: string;
}
