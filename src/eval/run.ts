// One evaluation run: load the benchmark, gather answers (reference, predictions file or model),
// judge every sample in the sandbox, and write results.jsonl (appended as samples finish, keyed by
// task and sample, so a killed run resumes), summary.json and summary.md.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { createExecutor } from '../exec/executor.js';
import { BadInput } from '../store/badinput.js';
import { AppendLog } from '../store/jsonl.js';
import { writeFileAtomic } from '../store/atomic.js';
import { Progress } from '../store/progress.js';
import { loadBenchmark } from './benchmarks/index.js';
import { generate } from './generate.js';
import { EvalError, normaliseEvalOptions, sourceLabel, type EvalOptions, type ResolvedEvalOptions } from './options.js';
import { readPredictions } from './predictions.js';
import { summarize, type EvalSummary } from './summary.js';
import { summaryMarkdown } from './summary-md.js';
import type { Benchmark, SampleResult, ScoreContext, Task, Verdict } from './types.js';

interface Answers {
  answers: Map<string, string[]>;
  bad?: { counts: Record<string, number>; examples: Record<string, string[]> };
  /** The predictions file's bad rows, each with its line and reason. */
  badRows?: BadInput;
}

function dataPathOf(o: ResolvedEvalOptions, bench: Benchmark<Task>): string {
  if (o.data) return resolve(o.data);
  if (!bench.defaultData || !o.sharedData) throw new EvalError(`${o.bench} needs --data FILE`);
  return resolve(o.sharedData, bench.defaultData);
}

/** Refuses to mix two different runs' results in one folder. */
function checkRunFile(out: string, identity: Record<string, unknown>): void {
  const path = join(out, 'run.json');
  const text = JSON.stringify(identity, null, 2) + '\n';
  if (existsSync(path) && readFileSync(path, 'utf8') !== text) {
    throw new EvalError(`${out} holds results of another run (${path} differs); use a new --out folder`, { code: 'conflict' });
  }
  writeFileAtomic(path, text);
}

async function gatherAnswers(o: ResolvedEvalOptions, bench: Benchmark<Task>, tasks: Task[]): Promise<Answers> {
  const s = o.source;
  if (s.kind === 'gold') return { answers: new Map(tasks.filter((t) => t.gold !== undefined).map((t) => [t.id, [t.gold!]])) };
  if (s.kind === 'predictions') {
    const p = await readPredictions(s.path, bench, tasks);
    return { answers: p.answers, bad: { counts: p.bad.toJSON().by_reason, examples: p.bad.examplesByReason() }, badRows: p.bad };
  }
  const g = await generate({
    bench, tasks, client: s.client, n: o.n, path: join(o.out, 'generations.jsonl'),
    temperature: s.temperature, maxTokens: s.maxTokens, progress: o.progress,
  });
  return { answers: g.answers, bad: { counts: g.failures.toJSON(), examples: g.failures.examplesJSON() } };
}

function toRow(task: Task, sample: number, v: Verdict): SampleResult {
  return {
    task_id: task.id, sample, status: v.status, passed: v.passed, subsets: task.subsets,
    ...(v.error ? { error: v.error } : {}), ...(v.wallMs !== undefined ? { wall_ms: v.wallMs } : {}), ...(v.cpuMs !== undefined ? { cpu_ms: v.cpuMs } : {}),
  };
}

async function scoreSafely(bench: Benchmark<Task>, task: Task, answers: string[], ctx: ScoreContext): Promise<Verdict[]> {
  try {
    return await bench.score(task, answers, ctx);
  } catch (err) {
    return answers.map(() => ({ status: 'error', passed: false, error: `harness error: ${(err as Error).message}` }));
  }
}

/** The rows of this run's tasks (a folder resumed with fewer tasks keeps the others' rows on disk). */
function rowsOfTasks(rows: SampleResult[], tasks: Task[]): SampleResult[] {
  const ids = new Set(tasks.map((t) => t.id));
  return rows.filter((r) => ids.has(r.task_id));
}

export async function evaluate(options: EvalOptions): Promise<EvalSummary> {
  const o = normaliseEvalOptions(options);
  const started = Date.now();
  mkdirSync(o.out, { recursive: true });
  const bench = await loadBenchmark(o.bench, { spec: o.spec, dataRoot: o.dataRoot });
  const dataPath = dataPathOf(o, bench);
  const badData = new BadInput();
  let tasks = await bench.load(dataPath, badData.add);
  if (o.ids) { const keep = new Set(o.ids); tasks = tasks.filter((t) => keep.has(t.id)); }
  if (o.limit !== undefined) tasks = tasks.slice(0, o.limit);
  checkRunFile(o.out, { bench: o.bench, data: dataPath, source: sourceLabel(o.source), spec: o.spec, n: o.n, ids: o.ids ?? null, limit: o.limit ?? null });
  const executor = o.executor ?? await createExecutor({ ...o.sandbox, workers: o.workers, ...bench.executorOptions(tasks, dataPath) });
  const { log, rows } = AppendLog.open<SampleResult>(join(o.out, 'results.jsonl'), (r) => `${r.task_id}#${r.sample}`);
  try {
    await bench.prepare?.(tasks, { executor, workers: o.workers, sandbox: o.sandbox });
    const { answers, bad, badRows } = await gatherAnswers(o, bench, tasks);
    for (const t of tasks) {
      const why = t.skip ?? (answers.get(t.id)?.length ? undefined : 'no answer for this task');
      if (why === undefined) continue;
      const row: SampleResult = { task_id: t.id, sample: 0, status: t.skip ? 'skipped' : 'missing', passed: false, error: why, subsets: t.subsets };
      if (log.append(row)) rows.push(row);
    }
    const groups = new Map<string, Task[]>();
    for (const t of tasks) if (!t.skip && answers.get(t.id)?.length) {
      const g = bench.groupOf?.(t) ?? t.id;
      groups.set(g, [...(groups.get(g) ?? []), t]);
    }
    const progress = new Progress({ label: o.bench, total: groups.size, unit: 'groups', enabled: o.progress });
    let passed = 0;
    const limit = pLimit(o.workers * 2);
    await Promise.all([...groups.values()].map((group) => limit(async () => {
      for (const task of group) {
        const all = answers.get(task.id)!;
        const pending = all.map((a, i) => ({ a, i })).filter(({ i }) => !log.has(`${task.id}#${i}`));
        if (!pending.length) continue;
        const verdicts = await scoreSafely(bench, task, pending.map((p) => p.a), { executor, workers: o.workers });
        pending.forEach(({ i }, j) => {
          const row = toRow(task, i, verdicts[j]);
          if (log.append(row)) rows.push(row);
          if (row.passed) passed++;
        });
      }
      progress.tick(1, { passed });
    })));
    progress.stop();
    const summary = summarize({
      bench: o.bench, data: dataPath, source: sourceLabel(o.source), ks: o.ks, tasks,
      rows: rowsOfTasks(rows, tasks), seconds: (Date.now() - started) / 1000, bad,
      badInput: { data: badData.toJSON(), ...(badRows ? { predictions: badRows.toJSON() } : {}) },
    });
    writeFileAtomic(join(o.out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    writeFileAtomic(join(o.out, 'summary.md'), summaryMarkdown(summary));
    return summary;
  } finally {
    log.close();
    await bench.close?.();
    if (!o.executor) await executor.close();
  }
}
