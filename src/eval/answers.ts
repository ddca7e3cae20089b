// The answers an evaluation judges, held on disk, not in memory: a predictions file is streamed
// once into a keyed spool (DIR/.work/answers.jsonl, rebuilt by every run, since the file may have
// changed), a model's replies stay in the generation log, and only an index of where each answer
// lies (the unit log's, about 40 bytes an answer) and a count per task are kept. Scoring reads a
// task's answers when it judges that task.
import { rmSync } from 'node:fs';
import { UnitLog } from '../store/unitlog.js';
import type { Task } from './types.js';

export interface AnswerBook {
  /** Answer slots of a task (0: none). */
  count(taskId: string): number;
  /** Whether sample `i` of the task has an answer (a failed request leaves none). */
  has(taskId: string, i: number): boolean;
  /** Sample `i`'s answer, read from where it is kept. */
  answer(taskId: string, i: number): string | undefined;
  close(): void;
}

export const sampleKey = (taskId: string, sample: number) => `${taskId}#${sample}`;

/** `--gold`: each task's reference answer, which the task itself carries. */
export function goldBook(tasks: Task[]): AnswerBook {
  const byId = new Map(tasks.filter((t) => t.gold !== undefined).map((t) => [t.id, t.gold!]));
  return {
    count: (id) => (byId.has(id) ? 1 : 0),
    has: (id, i) => i === 0 && byId.has(id),
    answer: (id, i) => (i === 0 ? byId.get(id) : undefined),
    close: () => undefined,
  };
}

/** A spool of answers written once, in any task order (a predictions file's rows). */
export class SpooledAnswers implements AnswerBook {
  private readonly log: UnitLog<string>;
  private readonly counts = new Map<string, number>();
  private written = 0;

  constructor(path: string) {
    rmSync(path, { force: true });
    // A cache of the file it was read from: no fsync per line (only on close).
    this.log = UnitLog.open<string>(path, Number.POSITIVE_INFINITY);
  }

  /** Adds the next answer of a task. */
  add(taskId: string, answer: string): void {
    const i = this.counts.get(taskId) ?? 0;
    this.counts.set(taskId, i + 1);
    this.log.append({ key: sampleKey(taskId, i), order: this.written++, status: 'done', data: answer });
  }

  /** Records a task that the file names with no answer (it counts as present, with none). */
  touch(taskId: string): void {
    if (!this.counts.has(taskId)) this.counts.set(taskId, 0);
  }

  get tasks(): number { return this.counts.size; }
  count(taskId: string): number { return this.counts.get(taskId) ?? 0; }
  has(taskId: string, i: number): boolean { return i < this.count(taskId); }
  answer(taskId: string, i: number): string | undefined { return this.has(taskId, i) ? this.log.read(sampleKey(taskId, i))?.data : undefined; }
  close(): void { this.log.close(); }
}

/** A model's answers: `n` slots per task, each answered where the generation log has it done. */
export function generationBook(log: UnitLog<{ answer: string }>, tasks: Task[], n: number): AnswerBook {
  const asked = new Set(tasks.filter((t) => !t.skip).map((t) => t.id));
  return {
    count: (id) => (asked.has(id) ? n : 0),
    has: (id, i) => asked.has(id) && i < n && log.status(sampleKey(id, i)) === 'done',
    answer: (id, i) => (asked.has(id) && log.status(sampleKey(id, i)) === 'done' ? log.read(sampleKey(id, i))?.data?.answer : undefined),
    close: () => log.close(),
  };
}
