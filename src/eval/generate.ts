// Sampling answers from a model: each benchmark's prompt, n samples per task through the LLM layer,
// the answer cut out as the benchmark's harness cuts it. Each sample's outcome goes to the run's
// unit log (DIR/.work/generations.jsonl): `done` with the raw reply and the answer, `transient`
// when its request failed past the client's retries. A resumed run asks again for exactly the
// transient (and never asked) samples, nothing else.
import pLimit from 'p-limit';
import { Counts } from '../store/counts.js';
import { Progress } from '../store/progress.js';
import { UnitLog } from '../store/unitlog.js';
import type { LlmClient } from '../llm/client.js';
import { generationBook, sampleKey, type AnswerBook } from './answers.js';
import type { Benchmark, Task } from './types.js';

export { sampleKey } from './answers.js';

export interface GenerationRow {
  task_id: string;
  sample: number;
  raw: string;
  answer: string;
  extract_error?: string;
}

export interface GenerateOptions {
  bench: Benchmark<Task>;
  tasks: Task[];
  client: LlmClient;
  n: number;
  path: string;
  temperature?: number;
  maxTokens?: number;
  /** Requests handed to the client at once (the client's own limiter still applies). */
  concurrency?: number;
  progress?: boolean;
}

export interface Generated {
  /** Each task's `n` samples, read from the generation log (a failed request's sample has none);
   *  the caller closes it. */
  answers: AnswerBook;
  failures: Counts;
  /** Samples asked for in this run (resumed ones not counted). */
  asked: number;
}

export async function generate(opts: GenerateOptions): Promise<Generated> {
  const log = UnitLog.open<GenerationRow>(opts.path, 16);
  const failures = new Counts();
  const order = new Map(opts.tasks.map((t, i) => [t.id, i]));
  const todo = opts.tasks.filter((t) => !t.skip).map((t) => ({ task: t, free: Array.from({ length: opts.n }, (_, i) => i).filter((i) => log.pending(sampleKey(t.id, i))) }))
    .filter((x) => x.free.length > 0);
  const progress = new Progress({ label: `${opts.bench.name} generate`, total: todo.length, unit: 'tasks', enabled: opts.progress ?? false });
  const limit = pLimit(opts.concurrency ?? 16);
  let asked = 0;
  try {
    await Promise.all(todo.map(({ task, free }) => limit(async () => {
      asked += free.length;
      const at = (i: number) => order.get(task.id)! * 100_000 + i;
      const res = await opts.client.complete({
        messages: opts.bench.prompt(task), n: free.length, temperature: opts.temperature, maxTokens: opts.maxTokens, stop: opts.bench.stop,
      });
      if (!res.ok) {
        failures.add(`request:${res.cause}`, 1, `${task.id}: ${res.message.slice(0, 200)}`);
        for (const i of free) log.append({ key: sampleKey(task.id, i), order: at(i), status: 'transient', reason: `request:${res.cause}: ${res.message.slice(0, 200)}` });
      } else {
        res.choices.forEach((raw, j) => {
          const row: GenerationRow = { task_id: task.id, sample: free[j], raw, answer: '' };
          try {
            row.answer = opts.bench.extract(task, raw);
          } catch (err) {
            row.extract_error = (err as Error).message;
            failures.add('bad_reply', 1, `${task.id}#${free[j]}: ${row.extract_error}`);
          }
          log.append({ key: sampleKey(task.id, free[j]), order: at(free[j]), status: 'done', data: row });
        });
      }
      progress.tick(1, failures.toJSON());
    })));
  } catch (err) {
    log.close();
    throw err;
  } finally {
    progress.stop();
  }
  log.sync();
  return { answers: generationBook(log, opts.tasks, opts.n), failures, asked };
}
