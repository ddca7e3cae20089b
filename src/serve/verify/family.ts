// A task family /verify can score: how its inline ground truth reads, which lane scores it, how an
// answer is cut out of a completion and how it is judged. Judging and cutting are the evaluation's
// own (the benchmark adapters of src/eval/benchmarks), so /verify and `caseforge eval` agree.
import type { Benchmark, Task, Verdict } from '../../eval/types.js';
import type { ExecutorOptions } from '../../exec/types.js';
import type { ExecutorSet } from '../executors.js';

export interface Family<T extends Task = Task> {
  readonly name: string;
  /** What the shared executor must preload or mount for this family. */
  readonly needs?: ExecutorOptions;
  /** Inline ground truth (the `task` object of an item) as a task; throws a 400 naming `field`. */
  fromInline(raw: unknown, field: string): T;
  /** The executor lane that scores the task (`plain`, `datasci`, `ds1000:<Library>`). */
  lane(task: T): string;
  /** Why the task cannot be scored on this server (a missing library, no --datasci), or undefined. */
  unavailable?(task: T, executors: ExecutorSet): Promise<string | undefined>;
  /** The answer in a completion, as the benchmark's own harness cuts it. */
  extract(task: T, completion: string): string;
  /** One verdict for one answer. */
  score(task: T, answer: string, executors: ExecutorSet): Promise<Verdict>;
}

/** A task resolved for scoring: its family and the family's task. */
export interface ResolvedTask {
  family: Family;
  task: Task;
}

/** A family whose answer cutting and judging are its eval adapter's, on the shared plain pool
 * (which preloads what the adapter's executor options ask for). */
export function adapterFamily<T extends Task>(bench: Benchmark<T>, fromInline: Family<T>['fromInline'], name: string = bench.name): Family<T> {
  return {
    name,
    needs: bench.executorOptions([], ''),
    fromInline,
    lane: () => 'plain',
    extract: (task, completion) => bench.extract(task, completion),
    async score(task, answer, executors) {
      const [verdict] = await bench.score(task, [answer], { executor: executors.main, workers: executors.concurrency });
      return verdict;
    },
  };
}
