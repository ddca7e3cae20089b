// The data of the Case2Code pipeline: cases as they are shown and held out, the sample record that
// evaluation reads, and the per-function outcome kept in the resumable work logs.
import type { Value } from '../values/types.js';
import type { Origin } from '../sources/types.js';

export type InputSource = 'fuzz' | 'llm' | 'hybrid' | 'given';

export interface Case {
  /** Call expression reproducing the case, e.g. `rotate(num=1234)`. */
  call: string;
  /** Dict style as in prompts: `dict(num=1234)`. */
  input: string;
  status: 'ok' | 'error';
  /** Repr of the return; for errors `ExcType: message`. */
  output: string;
  /** Canonical typed value of the return; absent for errors. */
  value?: Value;
  /** Exception type for errors. */
  exception?: string;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface SampleMetadata {
  source: Origin;
  generator: InputSource;
  seed: number;
  template: string;
  case_format: string;
  coverage: number;
  mutation_score: number;
  /** Lines of the completion's code, and how many of them are the target function itself. */
  completion_lines: number;
  target_lines: number;
  versions: { caseforge: string; python: string };
}

export interface Case2CodeSample {
  id: string;
  function_id: string;
  name: string;
  /** Code the prompt shows and the completion may call (helpers too large to be part of it); '' when none. */
  context: string;
  /** Self-contained source defining the function: `context` followed by the completion's code. */
  program: string;
  shown: Case[];
  heldout: Case[];
  prompt: string;
  completion: string;
  messages: ChatMessage[];
  split: 'train' | 'test';
  metadata: SampleMetadata;
}

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
  samples: Case2CodeSample[];
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
