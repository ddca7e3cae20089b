// What one function costs, and what it may still spend. Every request made for a function goes
// through a metered view of the executor, which adds up the work its calls did (work.ts: steps and a
// charge per call, the same on a busy machine as on a quiet one), the CPU time they used and how long
// its requests held a worker (the run's time: the report's cost). The budget decides on the work
// only, so the stages it lets run, and with them the output, do not follow the machine's load. The
// optional stages ask the budget first; mutant scoring asks it how many cases it can afford.
import type { Executor } from '../../exec/executor.js';
import { DEFAULT_LIMITS } from '../../exec/limits.js';
import type { CallResult, ProgramRequest } from '../../exec/types.js';
import { CALL_MS, STEP_MS, callWorkMs } from './work.js';

export interface Cost {
  /** Work done (work.ts): what the budget counts. */
  workMs: number;
  /** CPU time used (reported, never decided on). */
  cpuMs: number;
  /** Calls made (a program's definition counts as one). */
  calls: number;
  /** Time its requests held a worker. */
  sandboxMs: number;
}

export const newCost = (): Cost => ({ workMs: 0, cpuMs: 0, calls: 0, sandboxMs: 0 });

const add = (cost: Cost, r: CallResult, cpuLimitMs: number) => {
  cost.cpuMs += r.cpuMs;
  cost.workMs += callWorkMs(r, cpuLimitMs);
};

export function metered(ex: Executor, cost: Cost): Executor {
  return {
    get isolation() { return ex.isolation; },
    get python() { return ex.python; },
    get pythonVersion() { return ex.pythonVersion; },
    async run(req) {
      const r = await ex.run(req);
      add(cost, r, req.limits?.cpuMs ?? DEFAULT_LIMITS.cpuMs);
      cost.calls += 1;
      cost.sandboxMs += r.wallMs;
      return r;
    },
    async runProgram(req) {
      const r = await ex.runProgram(req);
      const cpuLimit = req.limits?.cpuMs ?? DEFAULT_LIMITS.cpuMs;
      add(cost, r.setup, cpuLimit);
      for (const c of r.calls) add(cost, c, cpuLimit);
      cost.calls += 1 + r.calls.length;
      cost.sandboxMs += r.wallMs;
      return r;
    },
    openSession: (opts) => ex.openSession(opts),
    workerRestarts: () => ex.workerRestarts(),
    close: async () => undefined, // the pipeline owns the executor
  };
}

/** Shares of the budget past which a stage is skipped: the later and more optional the stage, the
 *  less of the budget it may start from. `selectRescue` is a rescue round for a selection that fell
 *  short (too few or uninformative shown cases): the function has shown it runs, so it may start
 *  later than the other rescues. `candidates` is where a request of candidate calls ends (a round
 *  that started within its share stops there, mid-request: `requestWork`), leaving mutant scoring
 *  the budget it may start from. */
export const BUDGET_STAGES = { candidates: 0.6, fuzzRound: 0.4, smallRetry: 0.4, rescue: 0.5, mutants: 0.6, killRound: 0.8, sweep: 0.8, selectRescue: 1 } as const;
export type BudgetStage = keyof typeof BUDGET_STAGES;

/** Case counts a mutant scoring may shrink to. */
const POOL_STEPS = [100, 60, 40, 25, 15];

export class Budget {
  /** Stages skipped, by name (the report counts them). */
  readonly skipped: Partial<Record<BudgetStage, number>> = {};

  constructor(private readonly cost: Cost, readonly limitMs: number) {}

  /** Work done (work.ts). */
  get spentMs(): number { return this.cost.workMs; }

  /** Counts a stage that the budget ended before its end (a request of candidates stopped by `requestWork`). */
  cut(stage: BudgetStage): void {
    this.skipped[stage] = (this.skipped[stage] ?? 0) + 1;
  }

  /** Whether `stage` may start (0: no budget). */
  allows(stage: BudgetStage): boolean {
    if (this.limitMs <= 0 || this.spentMs <= BUDGET_STAGES[stage] * this.limitMs) return true;
    this.skipped[stage] = (this.skipped[stage] ?? 0) + 1;
    return false;
  }

  /** A work limit for one request of candidate calls (`ProgramRequest.stopAfter.work`), in the steps
   *  work.ts counts: the request ends at the call that brings the function's work past `share` of the
   *  budget (at least one call runs), so a round that started within its share cannot overrun the
   *  budget by its whole size. The request's definition is left out (its imports are no candidate's
   *  cost: a program whose imports are heavy is not cut short in its first round for them). Undefined
   *  without a budget. */
  requestWork(share: number, cpuLimitMs: number): NonNullable<ProgramRequest['stopAfter']>['work'] | undefined {
    if (this.limitMs <= 0) return undefined;
    const left = Math.max(0, share * this.limitMs - this.spentMs);
    return { limit: Math.max(1, Math.round(left / STEP_MS)), perCall: Math.round(CALL_MS / STEP_MS), perTimeout: Math.round((CALL_MS + cpuLimitMs) / STEP_MS) };
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
