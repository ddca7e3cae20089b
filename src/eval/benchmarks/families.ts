// `caseforge eval output-prediction|input-prediction`: the prediction families a Case2Code run
// writes (DIR/output/, DIR/input/; --data names the run's folder or the family's own), scored on
// their test split by the family verifiers. Answers are read from chatty replies as CRUXEval reads
// its [ANSWER] blocks, with an `assert` line or a code block as fallbacks.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readRecords } from '../../export/dataset.js';
import type { ChatMessage } from '../../llm/transport.js';
import { FAMILY_LIMITS, FAMILY_PRELOAD, FAMILY_PYTHON_DIR, familyAnswer, verifyInputPrediction, verifyOutputPrediction, type InputTruth, type OutputTruth } from '../families.js';
import { z } from 'zod';
import { checkRow } from '../../store/badinput.js';
import { EvalError } from '../options.js';
import type { Benchmark, Task, Verdict } from '../types.js';

type Mode = 'output' | 'input';

export interface FamilyTask extends Task {
  messages: ChatMessage[];
  output?: OutputTruth;
  input?: InputTruth;
}

type Row = Record<string, unknown>;

/** The family's folder: DIR/<family> when DIR is the run's folder, else DIR itself. */
function familyDir(path: string, mode: Mode): string {
  return existsSync(join(path, mode, 'data')) ? join(path, mode) : path;
}

/** What scoring reads of a family record (the writer's full schema is in src/case2code/families/families.ts). */
const FamilyRow = z.object({
  id: z.union([z.string().min(1), z.number()]),
  task: z.string(),
  ground_truth: z.string().min(1),
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })).min(1),
  metadata: z.object({ template: z.string().optional() }).nullish(),
});

/** The task of a record, or why it is not one. */
function taskOf(mode: Mode, row: Row): FamilyTask | { reason: string; detail: string } {
  const checked = checkRow(FamilyRow, row);
  if (!checked.ok) return checked;
  const r = checked.row;
  if (r.task !== mode) return { reason: 'invalid', detail: `field 'task': ${r.task}, not ${mode}` };
  let truth: OutputTruth & InputTruth & { reference_call?: string };
  try {
    truth = JSON.parse(r.ground_truth) as typeof truth;
  } catch (err) {
    return { reason: 'invalid', detail: `field 'ground_truth': not JSON (${(err as Error).message})` };
  }
  const messages = r.messages.filter((m) => m.role !== 'assistant') as ChatMessage[];
  const meta = r.metadata ?? {};
  return {
    id: String(r.id), subsets: { template: meta.template ?? 'unknown' }, messages,
    gold: mode === 'output' ? truth.answer : truth.reference_call,
    ...(mode === 'output' ? { output: truth } : { input: truth }),
  };
}

export function createFamilyBench(mode: Mode): Benchmark<FamilyTask> {
  return {
    name: mode === 'output' ? 'output-prediction' : 'input-prediction',
    profile: 'plain',
    stop: ['[/ANSWER]'],
    executorOptions: () => ({ limits: FAMILY_LIMITS, pythonPath: [FAMILY_PYTHON_DIR], preload: FAMILY_PRELOAD }),
    async load(path, onBad = () => undefined) {
      const dir = familyDir(path, mode);
      const tasks: FamilyTask[] = [];
      let seen = 0;
      for await (const { split, record, where } of readRecords(dir, (at) => onBad({ file: dir, reason: 'not_json', detail: at }))) {
        seen++;
        if (split !== 'test') continue;
        const t = taskOf(mode, record);
        if ('reason' in t) onBad({ file: dir, reason: t.reason, detail: `${where}: ${t.detail}` });
        else tasks.push(t);
      }
      if (!seen) throw new EvalError(`${path}: no ${mode}-prediction records (run caseforge case2code with --tasks ...,${mode})`);
      return tasks;
    },
    prompt: (task) => task.messages,
    extract: (_task, reply) => familyAnswer(mode, reply),
    fromPrediction: (_task, text, field) => (field === 'answer' ? text.trim() : familyAnswer(mode, text)),
    async score(task, answers, ctx): Promise<Verdict[]> {
      return Promise.all(answers.map((a) => (mode === 'output'
        ? verifyOutputPrediction(ctx.executor, task.output!, a)
        : verifyInputPrediction(ctx.executor, task.input!, a))));
    },
  };
}
