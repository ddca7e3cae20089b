// The pipelines a worker can run, each by its own per-unit processing function (the one its local
// run uses): nothing of a pipeline is implemented twice.
import { openFunctionContext } from '../case2code/pipeline.js';
import { processFunction } from '../case2code/function.js';
import type { Case2CodeOptions } from '../case2code/options.js';
import type { FunctionJob } from '../case2code/job.js';
import type { Handlers, PipelineHandler } from './handlers.js';

const case2code: PipelineHandler = {
  async open(config, env) {
    const { ctx, close } = await openFunctionContext(config as Case2CodeOptions, env.workers, env.sandbox);
    return { process: (unit, order) => processFunction(ctx, unit as FunctionJob, order), close };
  },
};

export const HANDLERS: Handlers = { case2code };
