// Predictions files, auto-detected: caseforge's JSONL (`task_id` with `answer`, `completion`,
// `solution` or `raw`, one text or a list), evalplus samples (`task_id` with `solution` or
// `completion`, one row per sample), DS-1000 answer files (`code` with `metadata.problem_id`) and
// CRUXEval generation files (one JSON object mapping `sample_N` to a list of generations). A row
// that cannot be used is counted with its reason; it never ends the run.
import { readFileSync } from 'node:fs';
import { readJsonl } from '../store/jsonl.js';
import { Counts } from '../store/counts.js';
import type { AnswerField, Benchmark, Task } from './types.js';

export interface Predictions {
  format: 'jsonl' | 'cruxeval-generations';
  answers: Map<string, string[]>;
  /** Unusable rows by reason (`bad:not_json`, `bad:unknown_task`, ...), with examples. */
  bad: Counts;
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

function looksLikeGenerations(text: string): boolean {
  const head = text.trimStart();
  if (!head.startsWith('{')) return false;
  try {
    const obj = JSON.parse(text) as unknown;
    return !!obj && typeof obj === 'object' && !Array.isArray(obj)
      && Object.values(obj).every((v) => Array.isArray(v)) && !('task_id' in obj);
  } catch {
    return false;
  }
}

export async function readPredictions(path: string, bench: Benchmark<Task>, tasks: Task[]): Promise<Predictions> {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const answers = new Map<string, string[]>();
  const bad = new Counts();
  const add = (id: string, field: AnswerField, texts: unknown[], where: string) => {
    const task = byId.get(bench.canonicalId?.(id) ?? id);
    if (!task) { bad.add('unknown_task', 1, `${where}: ${id}`); return; }
    const list = answers.get(task.id) ?? [];
    for (const t of texts) {
      if (typeof t !== 'string') { bad.add('not_a_string', 1, `${where}: ${id}`); continue; }
      list.push(bench.fromPrediction(task, t, field));
    }
    answers.set(task.id, list);
  };
  const raw = path.endsWith('.gz') ? '' : readFileSync(path, 'utf8');
  if (raw && looksLikeGenerations(raw)) {
    const obj = JSON.parse(raw) as Record<string, unknown[]>;
    for (const [id, list] of Object.entries(obj)) add(id, 'generation', list, id);
    return { format: 'cruxeval-generations', answers, bad };
  }
  let line = 0;
  for await (const row of readJsonl<Record<string, unknown>>(path, (b) => bad.add('not_json', 1, `line ${b.line}`))) {
    line++;
    if (!row || typeof row !== 'object' || Array.isArray(row)) { bad.add('not_an_object', 1, `row ${line}`); continue; }
    const id = taskIdOf(row);
    const found = textsOf(row);
    if (id === undefined) { bad.add('no_task_id', 1, `row ${line}`); continue; }
    if (!found) { bad.add('no_answer_field', 1, `row ${line}: ${id}`); continue; }
    add(id, found.field, found.texts, `row ${line}`);
  }
  return { format: 'jsonl', answers, bad };
}
