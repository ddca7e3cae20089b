// Predictions files, auto-detected: caseforge's JSONL (`task_id` with `answer`, `completion`,
// `solution` or `raw`, one text or a list), evalplus samples (`task_id` with `solution` or
// `completion`, one row per sample), DS-1000 answer files (`code` with `metadata.problem_id`) and
// CRUXEval generation files (one JSON object mapping `sample_N` to a list of generations). A row
// that cannot be used is counted with its reason; it never ends the run. JSONL is streamed: each
// answer goes to a sink as its row is read (the evaluation spools them to disk), or is collected.
import { BadInput, type BadRow } from '../store/badinput.js';
import { jsonlRows, readJsonFile } from '../store/inputfiles.js';
import type { AnswerField, Benchmark, Task } from './types.js';

export interface Predictions {
  format: 'jsonl' | 'cruxeval-generations';
  /** Answers per task (empty when a sink took them). */
  answers: Map<string, string[]>;
  /** Answers read (kept in `answers` or given to the sink). */
  count: number;
  /** Unusable rows and answers, each with its file, line and reason (`not_json`, `unknown_task`, ...). */
  bad: BadInput;
}

const FIELDS: AnswerField[] = ['answer', 'solution', 'completion', 'code', 'generation', 'raw'];
const LIST_FIELDS: Record<string, AnswerField> = {
  answers: 'answer', solutions: 'solution', completions: 'completion', generations: 'generation',
};

function taskIdOf(row: Record<string, unknown>): string | undefined {
  const id = row.task_id ?? (row.metadata as Record<string, unknown> | undefined)?.problem_id ?? row.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

function textsOf(row: Record<string, unknown>): { field: AnswerField; texts: unknown[] } | undefined {
  for (const [key, field] of Object.entries(LIST_FIELDS)) if (Array.isArray(row[key])) return { field, texts: row[key] as unknown[] };
  for (const field of FIELDS) {
    const v = row[field];
    if (v !== undefined) return { field, texts: Array.isArray(v) ? v : [v] };
  }
  return undefined;
}

/** A CRUXEval generations object: `sample_N` keys, each a list, and no row fields. */
function isGenerations(obj: unknown): obj is Record<string, unknown[]> {
  return !!obj && typeof obj === 'object' && !Array.isArray(obj) && !('task_id' in obj)
    && Object.keys(obj).length > 0 && Object.values(obj).every((v) => Array.isArray(v));
}

const ID_FIELDS = 'task_id, metadata.problem_id or id';
const ANSWER_FIELDS = [...Object.keys(LIST_FIELDS), ...FIELDS].join(', ');

/** Where answers go as they are read: `touch` for a task the file names (even with no answer), `add` per answer. */
export interface AnswerSink {
  touch(taskId: string): void;
  add(taskId: string, answer: string): void;
}

export async function readPredictions(path: string, bench: Benchmark<Task>, tasks: Task[], sink?: AnswerSink): Promise<Predictions> {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const answers = new Map<string, string[]>();
  const into: AnswerSink = sink ?? {
    touch: (id) => { if (!answers.has(id)) answers.set(id, []); },
    add: (id, a) => { answers.get(id)!.push(a); },
  };
  let count = 0;
  let bad = new BadInput();
  const add = (id: string, field: AnswerField, texts: unknown[], at: Omit<BadRow, 'reason'>) => {
    const task = byId.get(bench.canonicalId?.(id) ?? id);
    if (!task) { bad.add({ ...at, reason: 'unknown_task', detail: `task ${id} is not among this run's tasks` }); return; }
    into.touch(task.id);
    texts.forEach((t, k) => {
      if (typeof t !== 'string') bad.add({ ...at, reason: 'wrong_type', detail: `task ${id}: answer ${k + 1} is a ${t === null ? 'null' : typeof t}, not text` });
      else { into.add(task.id, bench.fromPrediction(task, t, field)); count++; }
    });
  };
  const generations = (obj: Record<string, unknown[]>) => {
    for (const [id, list] of Object.entries(obj)) add(id, 'generation', list, { file: path, detail: id });
    return { format: 'cruxeval-generations' as const, answers, count, bad };
  };
  let first = true;
  for await (const { line, row } of jsonlRows(path, undefined, { onBad: (b) => bad.add(b) })) {
    if (first && isGenerations(row)) return generations(row); // a generations object on one line
    first = false;
    const id = taskIdOf(row);
    const found = textsOf(row);
    if (id === undefined) { bad.add({ file: path, line, reason: 'missing_field', detail: `no task id (${ID_FIELDS})` }); continue; }
    if (!found) { bad.add({ file: path, line, reason: 'missing_field', detail: `task ${id}: no answer field (${ANSWER_FIELDS})` }); continue; }
    add(id, found.field, found.texts, { file: path, line });
  }
  // A pretty-printed generations object is not JSONL: read whole (the one format that is a single
  // JSON document), it replaces what the lines gave (nothing: no line was an answer row).
  if (count === 0 && bad.get('not_json') > 0) {
    const whole = await readJsonFile(path);
    if (whole.ok && isGenerations(whole.value)) {
      bad = new BadInput(); // the lines' complaints were about a format this file is not
      return generations(whole.value);
    }
  }
  return { format: 'jsonl', answers, count, bad };
}
