// HumanEval (Chen et al., 2021): complete a function; pass when the problem's `check(candidate)`
// runs clean, as openai/human-eval's `check_correctness` runs prompt + completion + test + check.
import { z } from 'zod';
import { firstCodeBlock } from '../extract.js';
import { verdictOf } from '../verdict.js';
import type { AnswerField, Benchmark, ScoreContext, Task, Verdict } from '../types.js';
import { jsonlTaskRows, uniqueIds } from './rows.js';

export interface HumanEvalTask extends Task {
  prompt: string;
  test: string;
  entryPoint: string;
}

const Row = z.object({
  task_id: z.string().min(1),
  prompt: z.string().min(1),
  canonical_solution: z.string(),
  test: z.string().min(1),
  entry_point: z.string().regex(/^[A-Za-z_]\w*$/, 'not a Python name'),
});

/** human-eval uses 3 s; a loaded 2-core machine needs headroom, so the wall limit is wider. */
const LIMITS = { timeoutMs: 10_000, cpuMs: 10_000 };

function definesEntry(code: string, entry: string): boolean {
  return new RegExp(`^\\s*def\\s+${entry}\\s*\\(`, 'm').test(code);
}

export function createHumanEval(): Benchmark<HumanEvalTask> {
  return {
    name: 'humaneval',
    profile: 'plain',
    defaultData: 'HumanEval.jsonl.gz',
    executorOptions: () => ({ limits: LIMITS }),
    async load(path, onBad = () => undefined) {
      const rows = uniqueIds(await jsonlTaskRows(path, Row, onBad), (r) => r.task_id, path, onBad);
      return rows.map(({ row: r }) => ({
        id: r.task_id, subsets: {}, prompt: r.prompt, test: r.test, entryPoint: r.entry_point,
        gold: r.prompt + r.canonical_solution,
      }));
    },
    prompt: (task) => [
      { role: 'system', content: 'You are an expert Python programmer.' },
      {
        role: 'user',
        content: 'Complete the following Python function. Reply with the whole function, including its '
          + 'signature and any imports it needs, in one ```python code block.\n\n```python\n' + task.prompt + '\n```',
      },
    ],
    extract(task, reply) {
      const code = firstCodeBlock(reply) ?? reply;
      return definesEntry(code, task.entryPoint) ? code : task.prompt + code;
    },
    fromPrediction(task, text, field: AnswerField) {
      if (field === 'raw') return this.extract(task, text);
      // evalplus: `solution` is a whole program, `completion` continues the prompt.
      return field === 'completion' ? task.prompt + text : text;
    },
    async score(task, answers, ctx: ScoreContext): Promise<Verdict[]> {
      return Promise.all(answers.map(async (answer) => {
        const code = `${answer}\n\n${task.test}\n\ncheck(${task.entryPoint})\n`;
        return verdictOf(await ctx.executor.run({ code, profile: 'plain', limits: LIMITS }));
      }));
    },
  };
}
