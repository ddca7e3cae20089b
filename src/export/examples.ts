// A record of any family as one training example, the neutral form every trainer format is written
// from: the chat turns (system, user, assistant), the task family, the entry point, and the ground
// truth a reward function or verifier needs (JSON text: its shape differs by family), with the split.
//   case2code:  {"entry_point", "context", "cases": [{call, output, status, exception}, ...]}
//               (shown and held-out cases: a completion is right when it reproduces them all)
//   output / input: the family record's own `ground_truth` (see src/case2code/families/families.ts)
//   gift4code:  {"context": the notebook's code so far, "output": the canonical value JSON, "head"}
import { CaseforgeError } from '../errors.js';

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface TrainingExample {
  id: string;
  split: string;
  /** `case2code`, `output`, `input`, `gift4code`, or `chat` for a record that is only a conversation. */
  task: string;
  messages: ChatTurn[];
  entryPoint: string | null;
  groundTruth: string;
}

/** A record that gives no training example (the project's error class, code `input`): skipped and counted. */
export class ExampleError extends CaseforgeError {
  override name = 'ExampleError';
  constructor(message: string) {
    super('input', message);
  }
}

type Row = Record<string, unknown>;
const ROLES = new Set(['system', 'user', 'assistant']);

function turns(r: Row): ChatTurn[] {
  if (!Array.isArray(r.messages)) throw new ExampleError('no messages');
  const out = (r.messages as Row[]).map((m) => {
    if (!m || typeof m.content !== 'string' || !ROLES.has(String(m.role))) throw new ExampleError('a message without a system/user/assistant role and text');
    return { role: m.role as ChatTurn['role'], content: m.content };
  });
  if (out.at(-1)?.role !== 'assistant') throw new ExampleError('the last message is not the assistant\'s answer');
  if (!out.some((m) => m.role === 'user')) throw new ExampleError('no user message');
  return out;
}

function caseTruth(c: Row): Row {
  return { call: c.call, output: c.output, status: c.status, exception: c.exception ?? null };
}

/** The example of one record; a record of no known family with chat turns is a plain `chat` example. */
export function exampleOf(r: Row, split: string): TrainingExample {
  const messages = turns(r);
  const id = typeof r.id === 'string' ? r.id : String(r.id ?? '');
  if (typeof r.task === 'string' && typeof r.ground_truth === 'string') {
    return { id, split, task: r.task, messages, entryPoint: typeof r.entry_point === 'string' ? r.entry_point : null, groundTruth: r.ground_truth };
  }
  if (typeof r.program === 'string' && Array.isArray(r.shown) && Array.isArray(r.heldout)) {
    const cases = [...(r.shown as Row[]), ...(r.heldout as Row[])].map(caseTruth);
    const entry = String(r.name);
    return { id, split, task: 'case2code', messages, entryPoint: entry, groundTruth: JSON.stringify({ entry_point: entry, context: typeof r.context === 'string' ? r.context : '', cases }) };
  }
  if (typeof r.notebook === 'string' && typeof r.code === 'string' && r.output && typeof r.output === 'object') {
    const out = r.output as Row;
    // GIFT4Code records of schema 2 keep the context as cells (`code` in older ones).
    const c = r.context as Row | undefined;
    const ctx = typeof c?.code === 'string' ? c.code : Array.isArray(c?.cells) ? (c.cells as unknown[]).filter((x) => typeof x === 'string').join('\n\n') : undefined;
    const value = typeof out.value === 'string' ? out.value : JSON.stringify(out.value ?? null);
    return { id, split, task: 'gift4code', messages, entryPoint: null, groundTruth: JSON.stringify({ context: typeof ctx === 'string' ? ctx : '', output: value, head: out.head ?? '' }) };
  }
  return { id, split, task: 'chat', messages, entryPoint: null, groundTruth: '{}' };
}

/** The turns a model is given (everything before the final answer). */
export const promptTurns = (e: TrainingExample): ChatTurn[] => e.messages.slice(0, -1);
/** The answer it is trained to give. */
export const answerTurn = (e: TrainingExample): ChatTurn => e.messages.at(-1)!;
