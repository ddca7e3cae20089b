// One mining call in the sandbox: the module text goes to the Python miner (cf_mine.py) as base64
// JSON (no quoting to get wrong), the answer comes back as one JSON string. Outcomes are data; only
// a missing miner module (an executor created without minerExecutorOptions) throws.
import { fileURLToPath } from 'node:url';
import type { Executor } from '../exec/executor.js';
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

export class MinerSetupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MinerSetupError';
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
  const payload = Buffer.from(JSON.stringify(request), 'utf8').toString('base64');
  const result = await executor.run({
    code: 'import cf_mine',
    call: `cf_mine.mine_b64('${payload}')`,
    limits: { timeoutMs: opts.timeoutMs, cpuMs: opts.timeoutMs, valueBytes: 256_000_000, outputBytes: 1_000_000 },
  });
  if (result.status === 'timeout') return { ok: false, reason: 'parse_timeout', detail: `${result.wallMs} ms` };
  if (result.status === 'memory') return { ok: false, reason: 'parse_memory', detail: 'memory limit' };
  if (result.status !== 'ok') {
    const ex = result.exception;
    if (ex && /ModuleNotFoundError|ImportError/.test(ex.type) && /cf_mine/.test(ex.message)) {
      throw new MinerSetupError(`the miner is not importable in the executor; create it with minerExecutorOptions(): ${ex.message}`);
    }
    return { ok: false, reason: 'miner_error', detail: ex ? `${ex.type}: ${ex.message}` : result.status };
  }
  const value = result.value;
  if (!value || value.value.t !== 'str') return { ok: false, reason: 'miner_error', detail: `unexpected value ${value?.type}` };
  if (value.flags.truncated) return { ok: false, reason: 'result_too_large', detail: `${value.value.v.length} chars` };
  const doc = JSON.parse(value.value.v) as { functions: RawFunction[]; skipped: RawSkip[]; error?: string };
  if (doc.error) return { ok: false, reason: doc.error.startsWith('syntax error') ? 'syntax_error' : 'unparsable', detail: doc.error };
  return { ok: true, functions: doc.functions, skipped: doc.skipped };
}
