// CRUXEval (Gu et al., 2024): 800 functions, each with one input and its output. Output prediction
// passes when the predicted literal equals f(input); input prediction when f(predicted input) equals
// the output. Both run `assert <output> == <prediction>` after the function, as CRUXEval's harness
// does, and keep its refusal rules: an output prediction containing `f(<input>)` and an input
// prediction without `f(` are rejected unrun.
import { z } from 'zod';
import { cruxevalAnswer } from '../extract.js';
import { rejected, verdictOf } from '../verdict.js';
import type { Benchmark, Task, Verdict } from '../types.js';
import { jsonlTaskRows, uniqueIds } from './rows.js';

export interface CruxTask extends Task {
  code: string;
  input: string;
  output: string;
}

const Row = z.object({ id: z.string().min(1), code: z.string().min(1), input: z.string(), output: z.string().min(1) });

type Mode = 'input' | 'output';

/** CRUXEval runs each check with a 3 s limit; headroom for a loaded machine. */
const LIMITS = { timeoutMs: 6_000, cpuMs: 6_000 };

function promptText(mode: Mode, task: CruxTask): string {
  if (mode === 'output') {
    return 'Here is a Python function and an assertion with an input to it. Complete the assertion with a '
      + 'literal (no unsimplified expressions, no function calls) equal to the output of the function on that '
      + 'input, even if the function is wrong or incomplete. Give the full assertion between [ANSWER] and '
      + '[/ANSWER].\n\n[PYTHON]\ndef f(a):\n    return a * 2\nassert f(4) == ??\n[/PYTHON]\n[ANSWER]\n'
      + 'assert f(4) == 8\n[/ANSWER]\n\n'
      + `[PYTHON]\n${task.code}\nassert f(${task.input}) == ??\n[/PYTHON]\n[ANSWER]\n`;
  }
  return 'Here is a Python function f and an output in the form f(??) == output. Find any input for which f '
    + 'returns that output; several may exist, give one. Give the full passing assertion between [ANSWER] and '
    + '[/ANSWER].\n\n[PYTHON]\ndef f(a, b):\n    return a + b\nassert f(??) == "xy"\n[/PYTHON]\n[ANSWER]\n'
    + 'assert f("x", "y") == "xy"\n[/ANSWER]\n\n'
    + `[PYTHON]\n${task.code}\nassert f(??) == ${task.output}\n[/PYTHON]\n[ANSWER]\n`;
}

function refusal(mode: Mode, task: CruxTask, g: string): string | undefined {
  if (mode === 'input' && !g.includes('f(')) return 'input prediction does not call f';
  if (mode === 'output' && g.includes(`f(${task.input})`)) return 'output prediction calls f on the input';
  return undefined;
}

export function createCruxEval(mode: Mode): Benchmark<CruxTask> {
  return {
    name: mode === 'output' ? 'cruxeval-o' : 'cruxeval-i',
    profile: 'plain',
    defaultData: 'cruxeval.jsonl',
    stop: ['[/ANSWER]'],
    executorOptions: () => ({ limits: LIMITS }),
    async load(path, onBad = () => undefined) {
      const rows = uniqueIds(await jsonlTaskRows(path, Row, onBad), (r) => r.id, path, onBad);
      return rows.map(({ row: r }) => ({
        id: r.id, subsets: {}, code: r.code, input: r.input, output: r.output,
        gold: mode === 'output' ? r.output : `f(${r.input})`,
      }));
    },
    prompt: (task) => [{ role: 'user', content: promptText(mode, task) }],
    extract: (_task, reply) => cruxevalAnswer(mode, reply),
    fromPrediction: (_task, text, field) => (field === 'raw' ? cruxevalAnswer(mode, text) : text.trim()),
    async score(task, answers, ctx): Promise<Verdict[]> {
      return Promise.all(answers.map(async (g) => {
        const why = refusal(mode, task, g);
        if (why) return rejected(why);
        const code = `${task.code}\nassert ${task.output} == ${g}\n`;
        return verdictOf(await ctx.executor.run({ code, profile: 'plain', limits: LIMITS }));
      }));
    },
  };
}
