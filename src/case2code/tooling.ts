// Calls into this module's Python tools (src/case2code/python/) through the executor, by the one
// bridge to caseforge's Python helpers (src/exec/helper.ts): the tools read source text and propose
// inputs or mutants; they never run the function under test. A failure comes back as data.
import { fileURLToPath } from 'node:url';
import type { Executor } from '../exec/executor.js';
import { callHelper } from '../exec/helper.js';
import type { Limits } from '../exec/types.js';
import type { Arg } from './types.js';

/** The folder to pass as `pythonPath` so the workers can import the tools. */
export const PYTHON_DIR = fileURLToPath(new URL('./python/', import.meta.url));
export const PRELOAD = ['cf_analyze', 'cf_fuzz', 'cf_input_checks', 'cf_learn', 'cf_mutants', 'cf_rename', 'cf_shape', 'cf_trivial'];

const TOOL_LIMITS: Partial<Limits> = { timeoutMs: 20000, cpuMs: 20000, memoryMb: 1024, valueBytes: 32 << 20, outputBytes: 1 << 20 };

/** `reason` is the bridge's short reason; `error` names the tool and says what happened. */
export type ToolResult<T> = { ok: true; data: T } | { ok: false; error: string; reason: string };

/** A Python string literal for any JS string (JSON's escapes are all valid in Python literals). */
export function pyText(s: string): string {
  return JSON.stringify(s);
}

export async function callTool<T>(ex: Pick<Executor, 'run'>, module: string, fn: string, request: unknown): Promise<ToolResult<T>> {
  const r = await callHelper<T>(ex, { module, fn, request, limits: TOOL_LIMITS });
  return r.ok ? { ok: true, data: r.data } : { ok: false, error: r.detail, reason: r.reason };
}

export interface ParamShape {
  name: string;
  kind: 'positional_only' | 'positional_or_keyword' | 'var_positional' | 'keyword_only' | 'var_keyword';
  annotation?: string;
  default?: string;
  /** What the fuzzer's static evidence (usage, names, docstring) says the parameter is, when it says so clearly. */
  evidence?: 'seq' | 'text' | 'bool' | 'int' | 'number' | 'callable';
}

export interface Shape {
  params: ParamShape[];
  /** Statement lines of the function's body in the program (coverage's denominator). */
  lines: number[];
  /** Statement lines of the body's last top-level statement (past every early exit). */
  last_block: number[];
  is_async: boolean;
  generator: boolean;
}

export interface Analysis {
  shape: Shape;
  mutants: string[];
  /** Statement line of each mutant's change (what a case must execute to kill it). */
  mutant_lines?: number[];
  /** The fuzzer's first round, when asked for. */
  candidates?: Array<{ args: Arg[]; doms: Array<string | null> }>;
}

/** Shape, mutants and (with `propose`) the first fuzz round, in one request. */
export const analyze = (ex: Executor, program: string, name: string, maxMutants: number, propose?: FuzzRequest) =>
  callTool<Analysis>(ex, 'cf_analyze', 'analyze', { program, name, max_mutants: maxMutants, propose });

export const parseInputs = (ex: Executor, text: string, literalOnly = false) =>
  callTool<{ inputs: Array<Arg[] | null>; error?: string }>(ex, 'cf_shape', 'parse_inputs', { text, literal_only: literalOnly });

export interface FuzzHistoryItem {
  args: Arg[];
  doms?: Array<string | null>;
  status: string;
  exc_type?: string;
  exc_msg?: string;
  /** Statement lines it executed: the fuzzer favours inputs that reach lines few others reach. */
  lines?: number[];
}

export interface FuzzRequest {
  program: string;
  name: string;
  seed: number;
  n: number;
  doctests?: Array<{ call: string; expected: string }>;
  history?: FuzzHistoryItem[];
  mutate_share?: number;
  /** Inputs to mutate (default: the history's successful ones). */
  bases?: Array<{ args: Arg[]; doms?: Array<string | null>; lines?: number[] }>;
}

export const proposeInputs = (ex: Executor, req: FuzzRequest) =>
  callTool<{ candidates: Array<{ args: Arg[]; doms: Array<string | null> }> }>(ex, 'cf_fuzz', 'propose', req);

/** What the shown inputs are made of, one flag per case (cf_input_checks says how each is decided). */
export interface InputChecks {
  /** A string argument glues a body literal onto filler text (`'hello__setstate__'`). */
  glued: boolean[];
  /** ... onto any word characters (an upper bound: `'0x1f'`, `'reading'` count too). */
  glued_any: boolean[];
  /** Statement lines of the body's last top-level statement. */
  last_block: number[];
  /** Some case executes one of them. */
  reached: boolean;
}

export const checkInputs = (ex: Executor, program: string, name: string, cases: Array<{ args: Arg[]; lines: number[] }>) =>
  callTool<InputChecks>(ex, 'cf_input_checks', 'measure', { program, name, cases });

/** Per case, the trivial programs of one argument that give its return, and whether it echoes one. */
export const caseFacts = (ex: Executor, params: string[], cases: Array<{ call: string; output: string; ok: boolean }>) =>
  callTool<{ facts: Array<{ hyps: string[]; echo: boolean; walked?: boolean }> }>(ex, 'cf_trivial', 'facts', { params, cases });

/** The program (and its context prefix) with the entry function renamed, or why it cannot be. */
export const renameEntry = (ex: Executor, program: string, context: string, old: string, name: string) =>
  callTool<{ ok: true; program: string; context: string } | { ok: false; why: string }>(ex, 'cf_rename', 'rename', { program, context, old, new: name });

/** Argument list text: `a=1, b='x'` (positional arguments without a name). */
export function argsText(args: Arg[]): string {
  return args.map(([k, v]) => (k ? `${k}=${v}` : v)).join(', ');
}
