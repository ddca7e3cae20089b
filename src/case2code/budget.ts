// What one function costs, and what it may still spend. Every request made for a function goes
// through a metered view of the executor, which adds up the CPU time its calls used, how many calls
// it made, and how long its requests held a worker (the run's time: the report's cost). The budget
// counts work as CPU time plus a fixed charge per call (a fork, a definition, the reporting): both
// follow the code, not the machine's load, so a budget decision is the same on a busy machine. The
// optional stages ask the budget first; mutant scoring asks it how many cases it can afford.
import type { Executor } from '../exec/executor.js';
import type { CallResult } from '../exec/types.js';

export interface Cost {
  cpuMs: number;
  /** Calls made (a program's definition counts as one). */
  calls: number;
  /** Time its requests held a worker. */
  sandboxMs: number;
}

/** What a call costs beyond its own CPU time: the fork and reporting around it (bench:exec measures
 *  about 1.7 ms of CPU a call in all). */
export const CALL_MS = 2;

export const newCost = (): Cost => ({ cpuMs: 0, calls: 0, sandboxMs: 0 });

const addCpu = (cost: Cost, r: CallResult) => { cost.cpuMs += r.cpuMs; };

export function metered(ex: Executor, cost: Cost): Executor {
  return {
    get isolation() { return ex.isolation; },
    get python() { return ex.python; },
    get pythonVersion() { return ex.pythonVersion; },
    async run(req) {
      const r = await ex.run(req);
      addCpu(cost, r);
      cost.calls += 1;
      cost.sandboxMs += r.wallMs;
      return r;
    },
    async runProgram(req) {
      const r = await ex.runProgram(req);
      addCpu(cost, r.setup);
      for (const c of r.calls) addCpu(cost, c);
      cost.calls += 1 + req.calls.length;
      cost.sandboxMs += r.wallMs;
      return r;
    },
    openSession: (opts) => ex.openSession(opts),
    workerRestarts: () => ex.workerRestarts(),
    close: async () => undefined, // the pipeline owns the executor
  };
}

/** Shares of the budget past which a stage is skipped: the later and more optional the stage, the
 *  less of the budget it may start from. */
/** `selectRescue` is a rescue round for a selection that fell short (too few or uninformative shown
 *  cases): the function has shown it runs, so it may start later than the other rescues. */
export const BUDGET_STAGES = { fuzzRound: 0.4, smallRetry: 0.4, rescue: 0.5, mutants: 0.6, killRound: 0.8, sweep: 0.8, selectRescue: 1 } as const;
export type BudgetStage = keyof typeof BUDGET_STAGES;

/** Case counts a mutant scoring may shrink to (coarse steps, so that a little noise in the cost
 *  measured does not change the count). */
const POOL_STEPS = [100, 60, 40, 25, 15];

export class Budget {
  /** Stages skipped, by name (the report counts them). */
  readonly skipped: Partial<Record<BudgetStage, number>> = {};

  constructor(private readonly cost: Cost, readonly limitMs: number) {}

  /** Work done: CPU time, and CALL_MS for each call. */
  get spentMs(): number { return this.cost.cpuMs + CALL_MS * this.cost.calls; }

  /** Whether `stage` may start (0: no budget). */
  allows(stage: BudgetStage): boolean {
    if (this.limitMs <= 0 || this.spentMs <= BUDGET_STAGES[stage] * this.limitMs) return true;
    this.skipped[stage] = (this.skipped[stage] ?? 0) + 1;
    return false;
  }

  /** How many of `want` cases mutant scoring can afford, `perCaseMs` each for each of `mutants`
   *  mutants (one call each), within what is left before the kill rounds' share (at least `least`). */
  affordableCases(want: number, least: number, mutants: number, perCaseMs: number): number {
    if (this.limitMs <= 0 || mutants === 0) return want;
    const left = BUDGET_STAGES.killRound * this.limitMs - this.spentMs - mutants * CALL_MS;
    const fit = perCaseMs > 0 ? left / (mutants * perCaseMs) : Infinity;
    const step = POOL_STEPS.find((n) => n <= fit) ?? least;
    return Math.max(least, Math.min(want, step));
  }
}
