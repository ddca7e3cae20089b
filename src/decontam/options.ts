// Decontamination options: one DEFAULTS object and one normalising function. Nothing here reads the
// environment; the entry point passes what it needs.
import { CaseforgeError, type ErrorCode } from '../errors.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The public benchmarks caseforge knows, read from the shared data folder. */
export const BENCHMARKS = ['humaneval', 'mbpp', 'cruxeval', 'ds1000', 'case2code-test'] as const;
export type BenchmarkName = (typeof BENCHMARKS)[number];

export const RULES = ['substring', 'ngram', 'ast'] as const;
export type Rule = (typeof RULES)[number];

/** A user's own benchmark file: JSONL(.gz), a JSON array or Parquet, and the fields to check. */
export interface AgainstFile {
  path: string;
  fields: string[];
  /** The benchmark's name in reports (default: the file's base name). */
  name?: string;
}

export interface DecontamOptions {
  /** Benchmarks to check against (default: all of BENCHMARKS). */
  against?: readonly string[];
  againstFiles?: AgainstFile[];
  /** Folder of the public benchmark files (`../shared/data`). */
  sharedData?: string;
  rules?: readonly Rule[];
  /** Tokens per n-gram. */
  ngram?: number;
  /** Share of a benchmark item's tokens that shared n-grams must cover. */
  ngramShare?: number;
  /** Benchmark strings with fewer tokens than this are too short and common to be evidence (allow-listed). */
  minTokens?: number;
  /** Functions with fewer AST nodes than this are too small for the renamed-structure match. */
  astMinNodes?: number;
}

export const DECONTAM_DEFAULTS = {
  against: BENCHMARKS as readonly string[],
  againstFiles: [] as AgainstFile[],
  rules: RULES as readonly Rule[],
  ngram: 10,
  ngramShare: 0.5,
  minTokens: 8,
  astMinNodes: 20,
};

export type ResolvedDecontamOptions = typeof DECONTAM_DEFAULTS & { sharedData?: string };

/** A decontamination request that cannot be carried out (the project's error class, code `usage`). */
export class DecontamError extends CaseforgeError {
  override name = 'DecontamError';
  constructor(message: string, options?: { cause?: unknown; code?: ErrorCode }) {
    super(options?.code ?? 'usage', message, options);
  }
}

function intIn(name: string, v: number, lo: number, hi: number): void {
  if (!Number.isInteger(v) || v < lo || v > hi) throw new DecontamError(`${name} must be an integer in [${lo}, ${hi}], got ${v}`);
}

export function normaliseDecontamOptions(o: DecontamOptions = {}): ResolvedDecontamOptions {
  const r = { ...DECONTAM_DEFAULTS, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) } as ResolvedDecontamOptions;
  for (const b of r.against) {
    if (!(BENCHMARKS as readonly string[]).includes(b)) throw new DecontamError(`unknown benchmark '${b}' to decontaminate against (one of ${BENCHMARKS.join(', ')}; use --against-file for others)`);
  }
  for (const rule of r.rules) if (!(RULES as readonly string[]).includes(rule)) throw new DecontamError(`unknown rule '${rule}' (one of ${RULES.join(', ')})`);
  if (r.against.length === 0 && r.againstFiles.length === 0) throw new DecontamError('nothing to decontaminate against: name benchmarks or an --against-file');
  if (r.against.length && !r.sharedData) throw new DecontamError('the public benchmarks need the shared data folder');
  intIn('ngram', r.ngram, 2, 100);
  intIn('minTokens', r.minTokens, 1, 1000);
  intIn('astMinNodes', r.astMinNodes, 1, 100_000);
  if (!(r.ngramShare > 0 && r.ngramShare <= 1)) throw new DecontamError(`ngramShare must be in (0, 1], got ${r.ngramShare}`);
  const files = r.againstFiles.map((f) => {
    if (!existsSync(f.path)) throw new DecontamError(`--against-file ${f.path}: no such file`);
    if (!f.fields.length) throw new DecontamError(`--against-file ${f.path}: name the fields to check (FILE:field,field)`);
    return { ...f, path: resolve(f.path) };
  });
  return { ...r, againstFiles: files, ...(r.sharedData ? { sharedData: resolve(r.sharedData) } : {}) };
}

/** `FILE:field1,field2` as the command line writes it (the fields after the last colon). */
export function parseAgainstFile(spec: string): AgainstFile {
  const at = spec.lastIndexOf(':');
  const fieldsText = at > 0 ? spec.slice(at + 1) : '';
  if (at <= 0 || !/^[\w.-]+(,[\w.-]+)*$/.test(fieldsText)) {
    throw new DecontamError(`--against-file ${spec}: write it as FILE:field[,field...] (the fields whose text is checked)`);
  }
  return { path: spec.slice(0, at), fields: fieldsText.split(',') };
}
