// The pipelines a worker can run, each by its own per-unit processing function (the one its local
// run uses): nothing of a pipeline is implemented twice.
import { openFunctionContext } from '../case2code/pipeline.js';
import { processFunction } from '../case2code/function.js';
import type { Case2CodeOptions } from '../case2code/options.js';
import type { FunctionJob } from '../case2code/inputs/job.js';
import { createExecutor } from '../exec/executor.js';
import { loadBenchmark } from '../eval/benchmarks/index.js';
import { judgeGroup, type EvalUnitConfig, type GroupUnit } from '../eval/run.js';
import type { ResolvedOptions as Gift4CodeResolvedOptions } from '../gift4code/options.js';
import { openContextWorker, type ContextJob } from '../gift4code/travel.js';
import type { Handlers, PipelineHandler } from './handlers.js';

const case2code: PipelineHandler = {
  async open(config, env) {
    const { ctx, close } = await openFunctionContext(config as Case2CodeOptions, env.workers, env.sandbox);
    return { process: (unit, order) => processFunction(ctx, unit as FunctionJob, order), close };
  },
};

// A context's data come with its job (through Redis), written to a folder of the worker's own.
const gift4code: PipelineHandler = {
  async open(config, env) {
    const w = await openContextWorker({ ...(config as Gift4CodeResolvedOptions), limit: Infinity }, env);
    return { process: (unit, order) => w.process(unit as ContextJob, order), close: w.close };
  },
};

// The coordinator sends only benchmarks whose judging needs no file of its machine, so their
// executor options depend on neither the tasks nor the data path.
const evalHandler: PipelineHandler = {
  async open(config, env) {
    const c = config as EvalUnitConfig;
    const bench = await loadBenchmark(c.bench, { spec: c.spec });
    const executor = await createExecutor({ ...env.sandbox, workers: env.workers, ...bench.executorOptions([], '') });
    return {
      process: (unit) => judgeGroup(bench, unit as GroupUnit, { executor, workers: env.workers }),
      close: async () => { await bench.close?.(); await executor.close(); },
    };
  },
};

export const HANDLERS: Handlers = { case2code, gift4code, eval: evalHandler };
