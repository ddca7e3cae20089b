// The run's numbers from its result rows: pass@k overall and per subset, skipped tasks by reason,
// every failure with its reason, defective data listed apart. Written as report.json and, as
// tables, in README.md.
import { meanPassAtK, type TaskCount } from './passk.js';
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
  failures: Failure[];
  bad_predictions: Record<string, number>;
  bad_prediction_examples: Record<string, string[]>;
  /** Rows of the data file and of the predictions file that were skipped, each with file, line and reason. */
  bad_input: { data: BadInputReport; predictions?: BadInputReport };
  seconds: number;
  tasks_per_second: number;
  extra?: Record<string, unknown>;
}

export interface SummaryInput {
  bench: string;
  data: string;
  source: string;
  ks: number[];
  tasks: Task[];
  rows: SampleResult[];
  seconds: number;
  bad?: { counts: Record<string, number>; examples: Record<string, string[]> };
  badInput?: { data: BadInputReport; predictions?: BadInputReport };
  extra?: Record<string, unknown>;
}

const NO_BAD_INPUT: BadInputReport = { total: 0, by_reason: {}, rows: [], rows_not_listed: 0 };

function countsOf(rows: SampleResult[]): TaskCount {
  return { n: rows.length, c: rows.filter((r) => r.passed).length };
}

export function summarize(input: SummaryInput): EvalSummary {
  const byTask = new Map<string, SampleResult[]>();
  for (const r of input.rows) byTask.set(r.task_id, [...(byTask.get(r.task_id) ?? []), r]);
  const skipped: Record<string, string[]> = {};
  const scored: Array<{ task: Task; rows: SampleResult[] }> = [];
  let missing = 0;
  for (const task of input.tasks) {
    const rows = (byTask.get(task.id) ?? []).sort((a, b) => a.sample - b.sample);
    if (rows.length === 0) continue;
    if (rows[0].status === 'skipped') {
      (skipped[rows[0].error ?? 'skipped'] ??= []).push(task.id);
      continue;
    }
    if (rows.some((r) => r.status === 'missing')) missing++;
    scored.push({ task, rows });
  }
  const counts = scored.map((s) => countsOf(s.rows));
  const subsets: EvalSummary['subsets'] = {};
  for (const s of scored) {
    for (const [dim, value] of Object.entries(s.task.subsets)) {
      const table = (subsets[dim] ??= {});
      const row = (table[value] ??= { tasks: 0, passed_samples: 0, samples: 0, pass_at_k: {} });
      row.tasks++;
      row.samples += s.rows.length;
      row.passed_samples += s.rows.filter((r) => r.passed).length;
    }
  }
  for (const [dim, table] of Object.entries(subsets)) {
    for (const value of Object.keys(table)) {
      const members = scored.filter((s) => s.task.subsets[dim] === value).map((s) => countsOf(s.rows));
      table[value].pass_at_k = meanPassAtK(members, input.ks);
    }
  }
  const clean = scored.filter((s) => !s.task.defects?.length);
  const failures: Failure[] = [];
  for (const s of scored) {
    for (const r of s.rows) {
      if (r.passed) continue;
      failures.push({ task_id: r.task_id, sample: r.sample, status: r.status, error: r.error, ...(s.task.defects ? { defects: s.task.defects } : {}) });
    }
  }
  const seconds = Math.round(input.seconds * 1000) / 1000;
  return {
    bench: input.bench, data: input.data, source: input.source, ks: input.ks,
    tasks: { total: input.tasks.length, scored: scored.length, skipped: input.tasks.length - scored.length, missing },
    samples: counts.reduce((a, c) => a + c.n, 0),
    passed_samples: counts.reduce((a, c) => a + c.c, 0),
    pass_at_k: meanPassAtK(counts, input.ks),
    ...(clean.length < scored.length ? { pass_at_k_clean: meanPassAtK(clean.map((s) => countsOf(s.rows)), input.ks) } : {}),
    subsets, skipped,
    defective: scored.filter((s) => s.task.defects?.length).map((s) => ({ task_id: s.task.id, defects: s.task.defects!, passed: s.rows.some((r) => r.passed) })),
    failures,
    bad_predictions: input.bad?.counts ?? {},
    bad_prediction_examples: input.bad?.examples ?? {},
    bad_input: input.badInput ?? { data: NO_BAD_INPUT },
    seconds,
    tasks_per_second: seconds > 0 ? Math.round((scored.length / seconds) * 100) / 100 : 0,
    ...(input.extra ? { extra: input.extra } : {}),
  };
}
