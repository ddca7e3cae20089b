// What one function costs, and what it may still spend. Every request made for a function goes
// through a metered view of the executor, which adds up the CPU time its calls used (what the
// budget counts: the machine's load hardly moves it) and the time they held a worker. The optional
// stages ask the budget first; mutant scoring asks it how many cases it can afford.
import type { Executor } from '../exec/executor.js';
import type { CallResult } from '../exec/types.js';

export interface Cost {
  cpuMs: number;
  sandboxMs: number;
}

const add = (cost: Cost, r: CallResult) => {
  cost.cpuMs += r.cpuMs;
  cost.sandboxMs += r.wallMs || r.cpuMs;
};

export function metered(ex: Executor, cost: Cost): Executor {
  return {
    get isolation() { return ex.isolation; },
    get python() { return ex.python; },
    get pythonVersion() { return ex.pythonVersion; },
    async run(req) {
      const r = await ex.run(req);
      add(cost, r);
      return r;
    },
    async runProgram(req) {
      const r = await ex.runProgram(req);
      add(cost, r.setup);
      for (const c of r.calls) add(cost, c);
      return r;
    },
    openSession: (opts) => ex.openSession(opts),
    close: async () => undefined, // the pipeline owns the executor
  };
}

/** Shares of the budget past which a stage is skipped: the later and more optional the stage, the
 *  less of the budget it may start from. Each is far from what ordinary functions spend (a tenth of
 *  a second), so a decision only follows the machine for a function that costs about that much. */
export const BUDGET_STAGES = { fuzzRound: 0.3, smallRetry: 0.3, rescue: 0.4, mutants: 0.5, killRound: 0.7, sweep: 0.7 } as const;
export type BudgetStage = keyof typeof BUDGET_STAGES;

/** Case counts a mutant scoring may shrink to (coarse steps, so that a little noise in the cost
 *  measured does not change the count). */
const POOL_STEPS = [100, 60, 40, 25, 15];

export class Budget {
  /** Stages skipped, by name (the report counts them). */
  readonly skipped: Partial<Record<BudgetStage, number>> = {};

  constructor(private readonly cost: Cost, readonly limitMs: number) {}

  get spentMs(): number { return this.cost.cpuMs; }

  /** Whether `stage` may start (0: no budget). */
  allows(stage: BudgetStage): boolean {
    if (this.limitMs <= 0 || this.cost.cpuMs <= BUDGET_STAGES[stage] * this.limitMs) return true;
    this.skipped[stage] = (this.skipped[stage] ?? 0) + 1;
    return false;
  }

  /** How many of `want` cases mutant scoring can afford, `perCaseMs` each for each of `mutants`
   *  mutants, within what is left of the budget's mutant share (at least `least`). */
  affordableCases(want: number, least: number, mutants: number, perCaseMs: number): number {
    if (this.limitMs <= 0 || mutants === 0 || perCaseMs <= 0) return want;
    const left = BUDGET_STAGES.killRound * this.limitMs - this.cost.cpuMs;
    const fit = left / (mutants * perCaseMs);
    const step = POOL_STEPS.find((n) => n <= fit) ?? least;
    return Math.max(least, Math.min(want, step));
  }
}
