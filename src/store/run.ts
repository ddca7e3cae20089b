// The run folder: DIR/.work/ holds the run's identity (run.json: the pipeline and the arguments that
// decide its output) and its work logs. A rerun into the same DIR with the same identity resumes;
// with other output-deciding arguments it is refused in one line that names them; `force` starts
// over (the work folder and the dataset files this layout writes are removed, nothing else).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CaseforgeError } from '../errors.js';
import { writeFileAtomic } from './atomic.js';
import { canonicalJson } from './hash.js';

export interface RunIdentity {
  pipeline: string;
  /** The arguments that decide the output (not workers, progress or the output folder). */
  args: Record<string, unknown>;
}

export interface RunFolder {
  out: string;
  /** DIR/.work: logs and caches, hidden from dataset loaders. */
  work: string;
  /** The folder held this run's work already. */
  resumed: boolean;
}

/** The folder holds another run (the project's error class, code `conflict`). */
export class RunFolderError extends CaseforgeError {
  override name = 'RunFolderError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('conflict', message, options);
  }
}

/** Files and folders of the dataset layout (dataset.ts) that `force` removes. */
export const LAYOUT_ENTRIES = ['.work', 'data', 'jsonl', 'README.md', 'report.json'];

const show = (v: unknown) => (v === undefined ? 'unset' : JSON.stringify(v));

/** The arguments whose values differ, as `name: a (there) vs b (here)`. */
export function identityDiff(there: RunIdentity, here: RunIdentity): string[] {
  const out: string[] = [];
  if (there.pipeline !== here.pipeline) out.push(`pipeline: ${there.pipeline} there, ${here.pipeline} here`);
  const keys = [...new Set([...Object.keys(there.args ?? {}), ...Object.keys(here.args)])].sort();
  for (const k of keys) {
    const a = canonicalJson(there.args?.[k] ?? null);
    const b = canonicalJson(here.args[k] ?? null);
    if (a !== b) out.push(`${k}: ${show(there.args?.[k])} there, ${show(here.args[k])} here`);
  }
  return out;
}

export function openRunFolder(out: string, identity: RunIdentity, options: { force?: boolean } = {}): RunFolder {
  const work = join(out, '.work');
  if (options.force) for (const name of LAYOUT_ENTRIES) rmSync(join(out, name), { recursive: true, force: true });
  const path = join(work, 'run.json');
  mkdirSync(work, { recursive: true });
  const text = JSON.stringify({ pipeline: identity.pipeline, args: JSON.parse(canonicalJson(identity.args)) as unknown }, null, 2) + '\n';
  if (!existsSync(path)) {
    writeFileAtomic(path, text);
    return { out, work, resumed: false };
  }
  let there: RunIdentity;
  try {
    there = JSON.parse(readFileSync(path, 'utf8')) as RunIdentity;
    if (typeof there !== 'object' || there === null || typeof there.pipeline !== 'string') throw new Error('no identity');
  } catch {
    throw new RunFolderError(`${out} holds work of an unknown run (${path} is unreadable); use another --out, or --force to start over`);
  }
  const diff = identityDiff(there, identity);
  if (diff.length) {
    throw new RunFolderError(`${out} holds a run made with other arguments (${diff.join('; ')}); rerun with the same arguments to resume, use another --out, or --force to start over`);
  }
  return { out, work, resumed: true };
}
