// What one function costs: every request made for it goes through a metered view of the executor,
// which adds up the CPU time its calls used and the time they held a worker. The report's cost
// distribution and the per-function budget read these.
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
