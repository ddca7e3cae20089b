// Which top-level modules a DS-1000 test program imports, and which of them this machine lacks: a
// problem whose own test context cannot import is skipped with that reason, never failed.
import { CaseforgeError } from '../../errors.js';
import type { Executor } from '../../exec/executor.js';

const IMPORT = /^\s*(?:import|from)\s+([A-Za-z_]\w*)/gm;

/** Top-level modules imported by a program's text (stdlib included; they are always present). */
export function requiredModules(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(IMPORT)) found.add(m[1]);
  return [...found].sort();
}

/** Modules the sandbox's interpreter cannot find (asked once, in the sandbox itself). */
export async function missingModules(ex: Executor, modules: string[]): Promise<Set<string>> {
  if (modules.length === 0) return new Set();
  const code = 'import importlib.util, json\n'
    + `json.dumps([m for m in ${JSON.stringify(modules)} if importlib.util.find_spec(m) is None])`;
  const r = await ex.run({ code, profile: 'plain' });
  if (r.status !== 'ok' || r.value?.value.t !== 'str') {
    throw new CaseforgeError('setup', `could not probe installed modules: ${r.exception?.message ?? r.status}`);
  }
  return new Set(JSON.parse(r.value.value.v) as string[]);
}
