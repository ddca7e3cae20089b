// One mining call in the sandbox, by the one bridge to caseforge's Python helpers
// (src/exec/helper.ts): the module text goes to the Python miner (cf_mine.py) as JSON, the answer
// comes back as JSON. Outcomes are data; only a missing miner module (an executor created without
// minerExecutorOptions) throws.
import { fileURLToPath } from 'node:url';
import { CaseforgeError } from '../errors.js';
import type { Executor } from '../exec/executor.js';
import { callHelper } from '../exec/helper.js';
import type { ParamInfo } from './types.js';
import type { OverCap } from './options.js';
import type { SourceUnit } from './readers.js';

/** The Python side of a mined function, before ids and origins are attached. */
export interface RawFunction {
  name: string;
  line: number;
  params: ParamInfo[];
  program: string;
  completion: string;
  context: string;
  completionLines: number;
  targetLines: number;
  changedGlobals?: string[];
  source: string;
  imports: string[];
  docstring?: string;
  doctests?: Array<{ call: string; expected: string }>;
  lifted?: string[];
  /** Hash of the normalised program (exact dedup). */
  exactKey: string;
  /** The function's tokens, local names renamed by first appearance (near dedup). */
  tokens: string[];
}

export interface RawSkip {
  name: string;
  line: number;
  reason: string;
  detail?: string;
}

export type MinerOutcome =
  | { ok: true; functions: RawFunction[]; skipped: RawSkip[] }
  | { ok: false; reason: string; detail: string };

/** The part of the executor mining needs (tests may pass another implementation). */
export type MinerExecutor = Pick<Executor, 'run'>;

export const MINER_PYTHON_DIR = fileURLToPath(new URL('./python/', import.meta.url));

/** Options to merge into createExecutor so the miner is importable (and preloaded) in workers. */
export function minerExecutorOptions(): { pythonPath: string[]; preload: string[] } {
  return { pythonPath: [MINER_PYTHON_DIR], preload: ['cf_mine'] };
}

/** The miner cannot run in this executor (the project's error class, code `setup`). */
export class MinerSetupError extends CaseforgeError {
  override name = 'MinerSetupError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('setup', message, options);
  }
}

export interface MinerCallOptions {
  allowImports: string[];
  liftMaxNames: number;
  timeoutMs: number;
  maxCompletionLines: number;
  overCap: OverCap;
  maxContextLines: number;
}

export async function runMiner(executor: MinerExecutor, unit: SourceUnit, opts: MinerCallOptions): Promise<MinerOutcome> {
  const request = {
    text: unit.text,
    importCode: unit.importCode ?? [],
    package: unit.package ?? null,
    allow: opts.allowImports,
    lift: unit.fragment ? opts.liftMaxNames : 0,
    maxCompletionLines: opts.maxCompletionLines,
    overCap: opts.overCap,
    maxContextLines: opts.maxContextLines,
  };
  const answer = await callHelper<{ functions: RawFunction[]; skipped: RawSkip[]; error?: string }>(executor, {
    module: 'cf_mine', fn: 'mine_json', request,
    limits: { timeoutMs: opts.timeoutMs, cpuMs: opts.timeoutMs, valueBytes: 256_000_000, outputBytes: 1_000_000 },
  });
  if (!answer.ok) {
    const r = answer.result;
    if (r.status === 'timeout') return { ok: false, reason: 'parse_timeout', detail: `${r.wallMs} ms` };
    if (r.status === 'memory') return { ok: false, reason: 'parse_memory', detail: 'memory limit' };
    if (answer.reason === 'too_large') return { ok: false, reason: 'result_too_large', detail: answer.detail };
    return { ok: false, reason: 'miner_error', detail: answer.detail };
  }
  const doc = answer.data;
  if (doc.error) return { ok: false, reason: doc.error.startsWith('syntax error') ? 'syntax_error' : 'unparsable', detail: doc.error };
  return { ok: true, functions: doc.functions, skipped: doc.skipped };
}
