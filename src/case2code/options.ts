// Options of the Case2Code pipeline: one DEFAULTS object and one normalising function. Nothing here
// reads the environment; the entry point passes in what it read.
import { defined } from '../options.js';
import { CaseforgeError, type ErrorCode } from '../errors.js';
import type { Limits } from '../exec/types.js';
import type { InputSource } from './types.js';
import { MINE_DEFAULTS, OVER_CAP, type OverCap } from '../sources/options.js';

export interface Case2CodeOptions {
  /** Python files, folders, JSONL/Parquet corpora; empty: the local standard library. */
  sources: string[];
  inputs: InputSource;
  out: string;
  seed: number;
  /** Stop after this many functions (in source order). */
  limit?: number;
  /** Executor workers. */
  workers: number;
  /** Functions processed at once. */
  inFlight: number;
  /** Candidates the fuzzer proposes per round; their sum is the per-function call budget. */
  fuzzRounds: number[];
  /** Candidate calls the probe round makes before the rest (a function that times out on them stops early). */
  probe: number;
  /** Most AST mutants scored per function. */
  maxMutants: number;
  /** Candidates of each mutant-guided round (fuzz and hybrid; 0: none). */
  killRound: number;
  /** Mutant-guided rounds at most, while some mutant survives. */
  killRounds: number;
  /** Functions of one or two integers: small values tried exhaustively (this many) when mutants survive (0: none). */
  sweep: number;
  /** Usable cases scored against the mutants before the pool is chosen. */
  scorePool: number;
  /** Candidates of each extra round for a function about to be dropped for its outputs. */
  rescueRound: number;
  /** Extra rounds at most for such a function (0: none). */
  rescueRounds: number;
  /** Candidates kept for mutant scoring, the determinism re-run and selection. */
  poolSize: number;
  shownMin: number;
  shownMax: number;
  heldoutMax: number;
  /** Most exceptions among shown (and among held-out) cases, as a share. */
  maxErrorShare: number;
  /** Above this share of timed-out candidates the function is dropped. */
  maxTimeoutShare: number;
  /** After this many timed-out candidates no more fuzz rounds are run (each costs a full timeout). */
  maxTimeouts: number;
  /** Output repr longer than this (characters) is over the size cap. */
  outputCap: number;
  testShare: number;
  /** A test record needs at least this many held-out cases (a file with one under it stays in train). */
  minTestHeldout: number;
  /** Limits of one call (mutant scoring, which runs a whole pool in one call, and `--inputs given`
   *  cases take these as they are). */
  callLimits: Partial<Limits>;
  /** Tighter limits for one generated candidate's call (fuzz, LLM, rescue and kill rounds, and its
   *  re-run), each field at most `callLimits`' (see `candidateLimits`). */
  candidateLimits: Partial<Limits>;
  /** Work (ms: interpreter steps at a fixed rate plus a fixed charge per call, work.ts; the same on a
   *  busy machine as on a quiet one) one function may spend over the whole of its processing. Past
   *  BUDGET_STAGES' shares of it the optional stages (more fuzz rounds, retries with small inputs,
   *  rescue rounds, mutant-guided rounds, the integer sweep) are skipped and mutants are scored on
   *  fewer cases; 0: no budget. */
  budgetMs: number;
  /** Most lines of a completion; a function whose completion, with what it needs, is longer gets
   *  its helpers as context (`overCap: 'context'`) or is dropped (`'drop'`), as `too_large`. */
  maxCompletionLines: number;
  overCap: OverCap;
  /** Most lines of context a prompt shows; a function that needs more is dropped (`too_large`). */
  maxContextLines: number;
  /** LLM writer: inputs asked per function and attempts when the reply is unusable. */
  llmInputs: number;
  llmAttempts: number;
  llmTemperature: number;
  /** Progress lines on stderr. */
  progress: boolean;
  /** Start over in a folder that holds another run (its work and dataset files are removed). */
  force: boolean;
  caseforgeVersion: string;
}

export const DEFAULTS: Omit<Case2CodeOptions, 'out'> = {
  sources: [],
  inputs: 'fuzz',
  seed: 0,
  workers: 2,
  inFlight: 6,
  fuzzRounds: [24, 24, 12],
  probe: 6,
  maxMutants: 20,
  killRound: 32,
  killRounds: 5,
  sweep: 400,
  scorePool: 100,
  rescueRound: 24,
  rescueRounds: 4,
  poolSize: 40,
  shownMin: 3,
  shownMax: 10,
  heldoutMax: 5,
  maxErrorShare: 0.3,
  maxTimeoutShare: 0.25,
  maxTimeouts: 3,
  outputCap: 1000,
  testShare: 0.1,
  minTestHeldout: 5,
  // Steps decide which calls are too slow (2 M steps: about half a second of traced Python, so they
  // bind well before the CPU limit even on a busy machine, and alike under any load); the CPU limit
  // catches calls whose time is in C code, and the wall deadline, twice as long, calls that wait.
  callLimits: { timeoutMs: 2000, cpuMs: 1000, memoryMb: 512, valueBytes: 16384, outputBytes: 65536, steps: 2_000_000 },
  // A generated input that needs more than 600 k steps (about 150 ms of traced Python) makes a case
  // too long to reason about, and a timeout is what makes a function's cost heavy-tailed: candidates
  // stop there, with the CPU limit in the same proportion to steps as above (so steps still bind
  // first) and a wall deadline five times it (a busy machine rarely needs the starved re-run).
  candidateLimits: { timeoutMs: 1500, cpuMs: 300, steps: 600_000 },
  budgetMs: 1_000,
  maxCompletionLines: MINE_DEFAULTS.maxCompletionLines,
  overCap: MINE_DEFAULTS.overCap,
  maxContextLines: MINE_DEFAULTS.maxContextLines,
  llmInputs: 10,
  llmAttempts: 3,
  llmTemperature: 0.8,
  progress: true,
  force: false,
  caseforgeVersion: '0.1.0',
};

const SOURCES: InputSource[] = ['fuzz', 'llm', 'hybrid', 'given'];

/** A Case2Code option or request that cannot be carried out (the project's error class, code `usage`). */
export class Case2CodeOptionsError extends CaseforgeError {
  override name = 'Case2CodeOptionsError';
  constructor(message: string, options?: { cause?: unknown; code?: ErrorCode }) {
    super(options?.code ?? 'usage', message, options);
  }
}

function intIn(name: string, v: number, lo: number, hi = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(v) || v < lo || v > hi) throw new Case2CodeOptionsError(`${name} must be an integer in [${lo}, ${hi}], got ${v}`);
  return v;
}

function share(name: string, v: number): number {
  if (!(v >= 0 && v <= 1)) throw new Case2CodeOptionsError(`${name} must be in [0, 1], got ${v}`);
  return v;
}

export function normaliseOptions(input: Partial<Case2CodeOptions> & { out: string }): Case2CodeOptions {
  const o: Case2CodeOptions = { ...DEFAULTS, ...defined(input), out: input.out, callLimits: { ...DEFAULTS.callLimits, ...defined(input.callLimits) },
    candidateLimits: { ...DEFAULTS.candidateLimits, ...defined(input.candidateLimits) } };
  if (!o.out) throw new Case2CodeOptionsError('out is required');
  if (!SOURCES.includes(o.inputs)) throw new Case2CodeOptionsError(`inputs must be one of ${SOURCES.join('|')}, got ${o.inputs}`);
  intIn('seed', o.seed, 0);
  if (o.limit !== undefined) intIn('limit', o.limit, 1);
  intIn('workers', o.workers, 1, 64);
  intIn('inFlight', o.inFlight, 1, 256);
  if (o.fuzzRounds.length === 0) throw new Case2CodeOptionsError('fuzzRounds needs at least one round');
  o.fuzzRounds.forEach((n, i) => intIn(`fuzzRounds[${i}]`, n, 1, 1000));
  intIn('probe', o.probe, 0, 1000);
  intIn('maxMutants', o.maxMutants, 0, 200);
  intIn('killRound', o.killRound, 0, 1000);
  intIn('killRounds', o.killRounds, 0, 20);
  intIn('sweep', o.sweep, 0, 10000);
  intIn('scorePool', o.scorePool, o.poolSize, 1000);
  intIn('rescueRound', o.rescueRound, 1, 1000);
  intIn('rescueRounds', o.rescueRounds, 0, 10);
  intIn('shownMin', o.shownMin, 1, 100);
  intIn('shownMax', o.shownMax, o.shownMin, 100);
  intIn('heldoutMax', o.heldoutMax, 0, 100);
  intIn('poolSize', o.poolSize, o.shownMin, 1000);
  share('maxErrorShare', o.maxErrorShare);
  share('maxTimeoutShare', o.maxTimeoutShare);
  share('testShare', o.testShare);
  intIn('minTestHeldout', o.minTestHeldout, 0, 100);
  intIn('budgetMs', o.budgetMs, 0);
  intIn('outputCap', o.outputCap, 16);
  intIn('llmInputs', o.llmInputs, 1, 100);
  intIn('llmAttempts', o.llmAttempts, 1, 20);
  intIn('maxCompletionLines', o.maxCompletionLines, 1);
  intIn('maxContextLines', o.maxContextLines, 1);
  if (!OVER_CAP.includes(o.overCap)) throw new Case2CodeOptionsError(`overCap must be one of ${OVER_CAP.join('|')}, got ${o.overCap}`);
  return o;
}
