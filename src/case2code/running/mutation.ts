// Mutation scoring: the program with every mutant appended runs in one child; one call per mutant
// (and one for the original) runs the pool's inputs through the same harness, so a mutant that hangs
// or blows up costs only its own call. A case kills a mutant when their outcomes differ.
import type { Executor } from '../../exec/executor.js';
import type { Limits } from '../../exec/types.js';
import { argsText, pyText } from '../tooling.js';
import type { CaseRun } from './runs.js';
import { stepsFor } from './work.js';

export interface MutantScores {
  /** kills[i]: the mutants that pool case i tells apart from the function. */
  kills: number[][];
  mutants: number;
  calls: number;
}

type Outcome = [string, string];

function parseOutcomes(value: unknown): Outcome[] | null {
  if (!value || typeof value !== 'object' || (value as { t?: string }).t !== 'str') return null;
  try {
    return JSON.parse((value as { v: string }).v) as Outcome[];
  } catch {
    return null;
  }
}

const TIGHT_STEPS_MS = [100, 200, 400, 800];

/** `ids[k]`: the number mutant k was made with (its function is `_cf_mut_<id>`); default k. `kills` index
 *  into `mutants` as passed. */
export async function scoreMutants(
  ex: Executor, program: string, name: string, mutants: string[], pool: CaseRun[], base: Partial<Limits>, ids?: number[], setupSteps = 0,
): Promise<MutantScores> {
  const kills: number[][] = pool.map(() => []);
  if (mutants.length === 0 || pool.length === 0) return { kills, mutants: mutants.length, calls: 0 };
  const texts = pool.map((r) => argsText(r.cand.args));
  const code = `${program}\n\n${mutants.join('\n\n')}\n\n_cf_case_args = [${texts.map(pyText).join(', ')}]\n`;
  const harness = (fn: string) => `__import__('cf_mutants').run_cases(${fn}, globals(), _cf_case_args)`;
  // A mutant that loops must not cost a full call limit: a tight limit from the function's own work
  // on the pool. Steps decide (five times the function's own, plus a margin), so a mutant's verdict
  // is the same under any load; a CPU limit twice as loose, in coarse steps from the same work, stops
  // loops in C code, which steps do not count (the sandbox ends such a loop at 1.25 times the limit),
  // and a wall deadline four times the CPU limit catches calls that wait. (At twice the CPU limit, a
  // machine loaded three times over killed mutants the step limit was about to stop, each kill one
  // more fork and definition and a starved re-run; before the sandbox's user-CPU timer, four times
  // made the test set's given-input run 1.5x slower: mutants that loop in C are common.) Traced, like
  // every run whose work is counted.
  const cap = base.cpuMs ?? base.timeoutMs ?? 1000;
  const poolMs = pool.reduce((s, r) => s + r.workMs, 0);
  const cpuMs = Math.min(cap, TIGHT_STEPS_MS.find((t) => t >= 50 + 10 * poolMs) ?? cap);
  const steps = stepsFor(50 + 5 * poolMs);
  const wall = (cpu: number) => Math.min(Math.max(base.timeoutMs ?? cap, cpu), 4 * cpu);
  const limits: Partial<Limits> = { ...base, steps, cpuMs, timeoutMs: wall(cpuMs), valueBytes: 1 << 20 };
  const calls = [harness(name), ...mutants.map((_, k) => harness(`_cf_mut_${ids?.[k] ?? k}`))];
  const full = { ...limits, steps: undefined, cpuMs: cap, timeoutMs: wall(cap) };
  // The definition runs under the same step limit as the calls, and this program's definition takes
  // at least the steps the function's own did (`setupSteps`, its imports): past the limit it would
  // time out for certain, so the full limit is taken at once (what the second try below would do).
  const tight = setupSteps <= steps || cpuMs >= cap;
  let res = await ex.runProgram({ code, calls, limits: tight ? limits : full, traceLines: true });
  let ran = calls.length;
  if (tight && res.calls[0]?.status === 'timeout' && cpuMs < cap) {
    // The function itself ran out of the tight limit (its time is in C code, which steps miss): once
    // more with the full one.
    res = await ex.runProgram({ code, calls, limits: full, traceLines: true });
    ran += calls.length;
  }
  const original = res.calls[0]?.status === 'ok' ? parseOutcomes(res.calls[0].value?.value) : null;
  if (!original || original.length !== pool.length) return { kills, mutants: 0, calls: ran };
  mutants.forEach((_, k) => {
    const r = res.calls[k + 1];
    const got = r?.status === 'ok' ? parseOutcomes(r.value?.value) : null;
    for (let i = 0; i < pool.length; i++) {
      // A mutant whose whole run failed (hang, memory, crash) differs from the function on every case.
      const differs = !got || got.length !== pool.length || got[i][0] !== original[i][0] || got[i][1] !== original[i][1];
      if (differs) kills[i].push(k);
    }
  });
  return { kills, mutants: mutants.length, calls: ran };
}
