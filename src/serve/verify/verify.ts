// POST /verify: a batch of {completion, task}; each task is the id of a record of the loaded data or
// inline ground truth with its `family`. Every item gets {score, passed, cases_passed, cases_total,
// status, error}, in order; one bad or hostile completion is that item's verdict, never the batch's.
import { z } from 'zod';
import type { Verdict } from '../../eval/types.js';
import { RequestFault, parseOr400 } from '../errors.js';
import type { ExecutorSet } from '../executors.js';
import type { Outcome } from '../scheduler.js';
import { FAMILIES, familyNamed, type ResolvedTask } from './index.js';
import { stripReasoning } from './reasoning.js';

const ItemSchema = z.object({
  completion: z.string(),
  task: z.union([z.string().min(1), z.looseObject({ id: z.string().min(1).optional(), family: z.string().optional() })]),
});

const BodySchema = z.object({
  items: z.array(z.unknown()),
  /** `binary`: 1 when every case passes, else 0. `fraction`: the share of cases that pass. */
  score: z.enum(['binary', 'fraction']).default('binary'),
  /** Cut the answer out of the completion as the benchmark's harness does (off: score it as it is). */
  extract: z.boolean().default(true),
});

/** A verdict's status; `invalid`: the task cannot be found or read; `unavailable`: this server cannot
 * run it (a library not installed, no --datasci). */
export type ItemStatus = Verdict['status'] | 'invalid' | 'unavailable';

export interface ItemResult {
  score: number;
  passed: boolean;
  cases_passed: number;
  cases_total: number;
  status: ItemStatus;
  error: string | null;
  family: string | null;
  task_id: string | null;
}

/** One item ready to score, or its answer already decided (an unknown id, a family it cannot run). */
export type PlannedItem =
  | { kind: 'score'; resolved: ResolvedTask; answer: string; taskId: string | null }
  | { kind: 'answered'; result: ItemResult };

export interface VerifyPlan {
  items: PlannedItem[];
  mode: 'binary' | 'fraction';
}

function invalid(error: string, family: string | null, taskId: string | null): PlannedItem {
  return { kind: 'answered', result: { score: 0, passed: false, cases_passed: 0, cases_total: 0, status: 'invalid', error, family, task_id: taskId } };
}

/** Reads the body (400 naming a malformed field) and resolves each item's task. */
export function planVerify(body: unknown, lookup: (id: string) => ResolvedTask | undefined, maxBatch: number): VerifyPlan {
  const raw = Array.isArray(body) ? { items: body } : body;
  const b = parseOr400(BodySchema, raw);
  if (b.items.length > maxBatch) throw new RequestFault(413, `items: ${b.items.length} items, over this server's limit of ${maxBatch} a request`, 'items');
  const items = b.items.map((rawItem, i): PlannedItem => {
    const item = parseOr400(ItemSchema, rawItem, `items.${i}`);
    const field = `items.${i}.task`;
    let resolved: ResolvedTask | undefined;
    let taskId: string | null = null;
    if (typeof item.task === 'string' || item.task.family === undefined) {
      taskId = typeof item.task === 'string' ? item.task : item.task.id ?? null;
      if (taskId === null) throw new RequestFault(400, `${field}: give a record id, or inline ground truth with its family (one of ${[...FAMILIES.keys()].join(', ')})`, field);
      resolved = lookup(taskId);
      if (!resolved) return invalid(`unknown task id '${taskId}' (not in this server's --data)`, null, taskId);
    } else {
      const family = familyNamed(item.task.family);
      if (!family) {
        throw new RequestFault(400, `${field}.family: unknown family '${item.task.family}' (one of ${[...FAMILIES.keys()].join(', ')})`, `${field}.family`);
      }
      taskId = item.task.id ?? null;
      resolved = { family, task: family.fromInline(item.task, field) };
    }
    const completion = stripReasoning(item.completion);
    const answer = b.extract ? resolved.family.extract(resolved.task, completion) : completion;
    return { kind: 'score', resolved, answer, taskId };
  });
  return { items, mode: b.score };
}

/** Scores one planned item (the caller runs this inside the item's lane). */
export async function scoreItem(item: Extract<PlannedItem, { kind: 'score' }>, executors: ExecutorSet, mode: VerifyPlan['mode']): Promise<ItemResult> {
  const { family, task } = item.resolved;
  const base = { family: family.name, task_id: item.taskId };
  const why = await family.unavailable?.(task, executors);
  if (why) return { score: 0, passed: false, cases_passed: 0, cases_total: 0, status: 'unavailable', error: why, ...base };
  let v: Verdict;
  try {
    v = await family.score(task, item.answer, executors);
  } catch (err) {
    v = { status: 'error', passed: false, error: `harness error: ${(err as Error).message}` };
  }
  const cases = v.cases ?? { passed: v.passed ? 1 : 0, total: 1 };
  const score = mode === 'binary' ? (v.passed ? 1 : 0) : cases.total ? cases.passed / cases.total : 0;
  return { score, passed: v.passed, cases_passed: cases.passed, cases_total: cases.total, status: v.status, error: v.error ?? null, ...base };
}

/** The answer for an item the scheduler did not run. */
export function notRun(item: Extract<PlannedItem, { kind: 'score' }>, outcome: Extract<Outcome<unknown>, { ran: false }>): ItemResult {
  const error = outcome.reason === 'deadline' ? 'not started within the request deadline (the server is overloaded)' : 'the client went away';
  return { score: 0, passed: false, cases_passed: 0, cases_total: 0, status: 'timeout', error, family: item.resolved.family.name, task_id: item.taskId };
}
