// DS-1000 context: the completion is the code that goes where the problem says BEGIN SOLUTION; it
// passes when the problem's `code_context` (its `test_execution`, and `test_string` where defined)
// accepts it, run as `caseforge eval ds1000` runs it, on a warm worker preloading the library.
import { z } from 'zod';
import { createDs1000, scoreDs1000Answer, type Ds1000Task } from '../../eval/benchmarks/ds1000.js';
import { requiredModules } from '../../eval/benchmarks/ds1000-modules.js';
import { LIBRARY_PRELOAD } from '../../eval/benchmarks/ds1000-executors.js';
import { parseOr400 } from '../errors.js';
import type { Family } from './family.js';

const Schema = z.object({
  code_context: z.string().min(1),
  /** DS-1000's library label (Pandas, Numpy, Matplotlib, Scipy, Sklearn, Pytorch): which preloads the worker has. */
  library: z.string().optional(),
});

const bench = createDs1000();

export const ds1000Family: Family<Ds1000Task> = {
  name: 'ds1000',
  fromInline(raw, field) {
    const g = parseOr400(Schema, raw, field);
    return {
      // A library without preloads of its own runs on a worker preloading all of them.
      id: 'inline', subsets: { library: g.library && LIBRARY_PRELOAD[g.library] ? g.library : 'other' }, prompt: '', codeContext: g.code_context,
      modules: requiredModules(g.code_context),
    };
  },
  lane: (task) => `ds1000:${task.subsets.library}`,
  async unavailable(task, executors) {
    if (!executors.datasci) return 'ds1000 needs a server started with --datasci';
    if (task.skip) return task.skip;
    const absent = await executors.lacking(task.modules);
    return absent.length ? `needs ${absent.join(', ')}, not installed here` : undefined;
  },
  extract: (task, completion) => bench.extract(task, completion),
  async score(task, answer, executors) {
    return scoreDs1000Answer(await executors.forLane(ds1000Family.lane(task)), task, answer);
  },
};
