// MBPP (Austin et al., 2021), the sanitized split of 427 hand-verified problems: write a function
// from a one-sentence task; pass when the problem's `test_imports` and every assert of its
// `test_list` run clean after the answer. The prompt is evalplus's: the task text and the first
// test (the signature hint) in a docstring, so a completion that continues it is a program too.
import { z } from 'zod';
import { firstCodeBlock } from '../extract.js';
import { verdictOf } from '../verdict.js';
import type { AnswerField, Benchmark, ScoreContext, Task, Verdict } from '../types.js';
import { listOrJsonlRows, uniqueIds } from './rows.js';

export interface MbppTask extends Task {
  /** The docstring prompt: task text and first test. */
  prompt: string;
  text: string;
  imports: string[];
  tests: string[];
}

/** One problem as the sanitized file has it; the original MBPP's `text` / `test_setup_code` too. */
const Row = z.object({
  task_id: z.union([z.number().int(), z.string().min(1)]),
  prompt: z.string().min(1).optional(),
  text: z.string().min(1).optional(),
  code: z.string().min(1),
  test_imports: z.array(z.string()).optional(),
  test_setup_code: z.string().optional(),
  test_list: z.array(z.string().min(1)).min(1),
}).refine((r) => r.prompt !== undefined || r.text !== undefined, { message: 'no prompt (or text) field' });

/** The CPU limit is the budget (Mbpp/123's reference needs 2.3 s of CPU); the wall deadline only
 *  catches a program that waits, and is wide because a loaded machine stretches wall time. */
const LIMITS = { timeoutMs: 60_000, cpuMs: 20_000 };

/** `Mbpp/2`, evalplus's spelling of problem 2 (a bare `2` in a predictions file means the same). */
export function mbppId(id: number | string): string {
  const s = String(id).trim();
  return /^\d+$/.test(s) ? `Mbpp/${s}` : s.replace(/^mbpp\//i, 'Mbpp/');
}

export function mbppPrompt(text: string, firstTest: string): string {
  return `"""\n${text.trim()}\n${firstTest.trim()}\n"""\n`;
}

/** The program one answer is judged by: imports, the answer, every test. */
export function mbppProgram(task: MbppTask, answer: string): string {
  return [...task.imports, answer, '', ...task.tests, ''].join('\n');
}

function taskOf(row: z.output<typeof Row>): MbppTask {
  const text = (row.prompt ?? row.text)!;
  const imports = row.test_imports ?? (row.test_setup_code?.trim() ? [row.test_setup_code] : []);
  return {
    id: mbppId(row.task_id), subsets: {}, gold: row.code, text, imports, tests: row.test_list,
    prompt: mbppPrompt(text, row.test_list[0]),
  };
}

export function createMbpp(): Benchmark<MbppTask> {
  return {
    name: 'mbpp',
    profile: 'plain',
    defaultData: 'mbpp-sanitized.json',
    executorOptions: () => ({ limits: LIMITS }),
    async load(path, onBad = () => undefined) {
      // The sanitized file is a JSON list; the original MBPP is JSONL.
      return uniqueIds(await listOrJsonlRows(path, Row, onBad), (r) => mbppId(r.task_id), path, onBad).map((r) => taskOf(r.row));
    },
    canonicalId: (id) => mbppId(id),
    prompt: (task) => [
      { role: 'system', content: 'You are an expert Python programmer.' },
      {
        role: 'user',
        content: 'Write a Python function for the task below; it must pass the test shown. Reply with the whole '
          + 'function and any imports it needs in one ```python code block.\n\n```python\n' + task.prompt + '```',
      },
    ],
    extract: (_task, reply) => firstCodeBlock(reply) ?? reply,
    fromPrediction(task, text, field: AnswerField) {
      if (field === 'raw') return this.extract(task, text);
      // evalplus: `solution` is a whole program, `completion` continues the prompt.
      return field === 'completion' ? task.prompt + text : text;
    },
    async score(task, answers, ctx: ScoreContext): Promise<Verdict[]> {
      return Promise.all(answers.map(async (answer) =>
        verdictOf(await ctx.executor.run({ code: mbppProgram(task, answer), profile: 'plain', limits: LIMITS }))));
    },
  };
}
