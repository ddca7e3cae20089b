// The run's numbers from its result rows: pass@k overall and per subset, skipped tasks by reason,
// failures with their reason, defective data listed apart. Written as report.json and, as tables,
// in README.md. Rows come in one task at a time (SummaryBuilder), so the summary holds counters
// and the task-level lists, never the samples' rows.
import { PassAtKMean, type TaskCount } from './passk.js';
import type { BadInputReport } from '../store/badinput.js';
import type { SampleResult, Task } from './types.js';

export interface Failure {
  task_id: string;
  sample: number;
  status: string;
  error?: string;
  defects?: string[];
}

export interface SubsetRow {
  tasks: number;
  passed_samples: number;
  samples: number;
  pass_at_k: Record<string, number>;
}

export interface EvalSummary {
  bench: string;
  data: string;
  source: string;
  ks: number[];
  tasks: { total: number; scored: number; skipped: number; missing: number };
  samples: number;
  passed_samples: number;
  pass_at_k: Record<string, number>;
  /** pass@k over tasks without known data defects (when some have them). */
  pass_at_k_clean?: Record<string, number>;
  subsets: Record<string, Record<string, SubsetRow>>;
  skipped: Record<string, string[]>;
  defective: Array<{ task_id: string; defects: string[]; passed: boolean }>;
  /** The first LISTED_FAILURES failed samples, and how many failed in all. */
  failures: Failure[];
  failures_total: number;
  bad_predictions: Record<string, number>;
  bad_prediction_examples: Record<string, string[]>;
  /** Rows of the data file and of the predictions file that were skipped, each with file, line and reason. */
  bad_input: { data: BadInputReport; predictions?: BadInputReport };
  seconds: number;
  tasks_per_second: number;
  extra?: Record<string, unknown>;
}

/** At most this many failures are listed in report.json (every one is a row of the results dataset). */
export const LISTED_FAILURES = 1000;

export interface SummaryFacts {
  bench: string;
  data: string;
  source: string;
  /** Tasks of the run (scored, skipped or without rows). */
  tasks: number;
  seconds: number;
  bad?: { counts: Record<string, number>; examples: Record<string, string[]> };
  badInput?: { data: BadInputReport; predictions?: BadInputReport };
  extra?: Record<string, unknown>;
}

export interface SummaryInput extends Omit<SummaryFacts, 'tasks'> {
  ks: number[];
  tasks: Task[];
  rows: SampleResult[];
}

const NO_BAD_INPUT: BadInputReport = { total: 0, by_reason: {}, rows: [], rows_not_listed: 0 };

function countsOf(rows: SampleResult[]): TaskCount {
  return { n: rows.length, c: rows.filter((r) => r.passed).length };
}

interface SubsetCell { row: SubsetRow; mean: PassAtKMean }

export class SummaryBuilder {
  private readonly all: PassAtKMean;
  private readonly clean: PassAtKMean;
  private readonly subsets = new Map<string, Map<string, SubsetCell>>();
  private readonly skipped: Record<string, string[]> = {};
  private readonly defective: EvalSummary['defective'] = [];
  private readonly failures: Failure[] = [];
  private failuresTotal = 0;
  private scored = 0;
  private dirty = 0;
  private missing = 0;
  private samples = 0;
  private passed = 0;

  constructor(private readonly ks: number[]) {
    this.all = new PassAtKMean(ks);
    this.clean = new PassAtKMean(ks);
  }

  /** One task's rows (every sample of it; none when it was not judged), tasks in run order. */
  add(task: Task, taskRows: SampleResult[]): void {
    const rows = [...taskRows].sort((a, b) => a.sample - b.sample);
    if (rows.length === 0) return;
    if (rows[0].status === 'skipped') {
      (this.skipped[rows[0].error ?? 'skipped'] ??= []).push(task.id);
      return;
    }
    if (rows.some((r) => r.status === 'missing')) this.missing++;
    this.scored++;
    const count = countsOf(rows);
    this.samples += count.n;
    this.passed += count.c;
    this.all.add(count);
    if (task.defects?.length) {
      this.dirty++;
      this.defective.push({ task_id: task.id, defects: task.defects, passed: count.c > 0 });
    } else {
      this.clean.add(count);
    }
    for (const [dim, value] of Object.entries(task.subsets)) {
      let table = this.subsets.get(dim);
      if (!table) this.subsets.set(dim, (table = new Map()));
      let cell = table.get(value);
      if (!cell) table.set(value, (cell = { row: { tasks: 0, passed_samples: 0, samples: 0, pass_at_k: {} }, mean: new PassAtKMean(this.ks) }));
      cell.row.tasks++;
      cell.row.samples += count.n;
      cell.row.passed_samples += count.c;
      cell.mean.add(count);
    }
    for (const r of rows) {
      if (r.passed) continue;
      this.failuresTotal++;
      if (this.failures.length < LISTED_FAILURES) {
        this.failures.push({ task_id: r.task_id, sample: r.sample, status: r.status, error: r.error, ...(task.defects ? { defects: task.defects } : {}) });
      }
    }
  }

  finish(f: SummaryFacts): EvalSummary {
    const subsets: EvalSummary['subsets'] = {};
    for (const [dim, table] of this.subsets) {
      subsets[dim] = {};
      for (const [value, cell] of table) subsets[dim][value] = { ...cell.row, pass_at_k: cell.mean.value() };
    }
    const seconds = Math.round(f.seconds * 1000) / 1000;
    return {
      bench: f.bench, data: f.data, source: f.source, ks: this.ks,
      tasks: { total: f.tasks, scored: this.scored, skipped: f.tasks - this.scored, missing: this.missing },
      samples: this.samples,
      passed_samples: this.passed,
      pass_at_k: this.all.value(),
      ...(this.dirty > 0 ? { pass_at_k_clean: this.clean.value() } : {}),
      subsets, skipped: this.skipped,
      defective: this.defective,
      failures: this.failures,
      failures_total: this.failuresTotal,
      bad_predictions: f.bad?.counts ?? {},
      bad_prediction_examples: f.bad?.examples ?? {},
      bad_input: f.badInput ?? { data: NO_BAD_INPUT },
      seconds,
      tasks_per_second: seconds > 0 ? Math.round((this.scored / seconds) * 100) / 100 : 0,
      ...(f.extra ? { extra: f.extra } : {}),
    };
  }
}

/** The summary of rows already in memory (tests, small runs). */
export function summarize(input: SummaryInput): EvalSummary {
  const byTask = new Map<string, SampleResult[]>();
  for (const r of input.rows) byTask.set(r.task_id, [...(byTask.get(r.task_id) ?? []), r]);
  const b = new SummaryBuilder(input.ks);
  for (const task of input.tasks) b.add(task, byTask.get(task.id) ?? []);
  return b.finish({ ...input, tasks: input.tasks.length });
}
