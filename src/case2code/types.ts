// The data of the Case2Code pipeline: candidate inputs, the per-function outcome kept in the
// resumable work log (the records themselves follow record.ts), and the reasons a function is dropped.
import type { Origin } from '../sources/types.js';
import type { RecordChecks } from './judging/audit.js';
import type { Case2CodeRecord } from './records/record.js';

export type InputSource = 'fuzz' | 'llm' | 'hybrid' | 'given';

/** One argument: keyword name (null when passed by position) and the value's source text. */
export type Arg = [string | null, string];

/** A candidate input and, once run, what it did. */
export interface Candidate {
  args: Arg[];
  /** Domain chosen per parameter by the fuzzer (its learning signal); null where not chosen. */
  doms?: Array<string | null>;
  /** Where it came from: fuzz round, llm, given, mutation. */
  origin: string;
}

/** What a function's candidates did, after the determinism re-run and mutant scoring. */
export interface FunctionDrop {
  reason: DropReason;
  detail: string;
}

export type DropReason =
  | 'not_found'
  | 'setup_error'
  | 'no_inputs'
  | 'all_errors'
  | 'missing_name'
  | 'memory_address'
  | 'constant_output'
  | 'nondeterministic'
  | 'output_too_large'
  | 'timeouts'
  | 'too_few_cases'
  | 'duplicate'
  | 'generator_function'
  | 'llm_failed'
  /** No choice of shown cases rules out every trivial explanation (or has enough distinct outputs). */
  | 'trivial_cases'
  /** The record's program, run as the evaluation runs it, did not reproduce its cases. */
  | 'unreproducible'
  /** The function spent its CPU budget before it had enough usable cases. */
  | 'over_budget'
  | 'internal_error';

/** The resumable log's line for one function: the samples it gave, or why it was dropped. */
export interface WorkRecord {
  function_id: string;
  /** Position of the function in the source order (final assembly sorts by it). */
  order: number;
  name: string;
  /** Where the function came from (file or row). */
  source: Origin;
  kept: boolean;
  drop?: FunctionDrop;
  samples: Case2CodeRecord[];
  /** Per-function statistics for the report. */
  stats: FunctionStats;
}

export interface FunctionStats {
  candidates: number;
  calls: number;
  mutants: number;
  coverage: number;
  mutation_score: number;
  seconds: number;
  llm_requests: number;
  /** Case-level removals by reason (NameError, timeout, address, ...). */
  removed: Record<string, number>;
  /** Given mode: agreement of our outputs with the gold outputs. */
  gold?: GoldCheck;
  /** What the shown inputs of a kept function are made of (see `checkInputs`). */
  inputs?: ShownInputs;
  /** CPU time (ms) of everything run for this function in the sandbox (calls, mutants, checks, tools),
   *  and the time its requests held a worker (ms): its cost, whatever else shared the machine. */
  cpu_ms?: number;
  sandbox_ms?: number;
  /** What the budget counts: CPU time and a fixed charge per call (budget.ts). */
  work_ms?: number;
  /** Stages the budget skipped (budget.ts). */
  budget_skipped?: Partial<Record<string, number>>;
  /** The audit of its record (kept functions). */
  checks?: RecordChecks;
  /** Anything worth knowing about how the record was made (e.g. why it kept its name). */
  note?: string;
}

export interface ShownInputs {
  shown: number;
  /** Shown cases with a string that glues a body literal onto filler text. */
  glued: number;
  /** ... onto any word characters (upper bound). */
  glued_any: number;
  /** Some shown case executes the body's last top-level statement. */
  last_block_reached: boolean;
}

/** Given mode: how our outputs compare with the reference's gold outputs, per function. */
export interface GoldCheck {
  agree: number;
  disagree: number;
  /** Disagreements by cause (memory_address, set_order, error_message, missing_name, other, ...). */
  causes: Record<string, number>;
  examples: Array<{ call: string; ours: string; gold: string; cause: string }>;
}
