// One evaluation run: load the benchmark, gather answers (reference, predictions file or model),
// judge every sample in the sandbox, and write the results as a dataset (DIR/data/, DIR/jsonl/),
// report.json (the summary) and README.md (card header and the summary's tables). Each judged
// sample goes to the run's unit log (DIR/.work/results.jsonl) as it finishes, so a killed run
// resumes; a sample without an answer (its request failed) is not logged, so a resume after the
// endpoint recovers asks for it and scores it. Memory stays flat in the number of samples: answers
// are kept on disk (answers.ts), judged rows in the unit log, and the summary and the export read
// the log one task at a time.
import { join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { z } from 'zod';
import { createExecutor } from '../exec/executor.js';
import { BadInput } from '../store/badinput.js';
import { writeFileAtomic } from '../store/atomic.js';
import { cardHeader } from '../store/card.js';
import { costSummary } from '../store/cost.js';
import { writeDataset } from '../store/dataset.js';
import { Progress } from '../store/progress.js';
import { openRunFolder } from '../store/run.js';
import { UnitLog } from '../store/unitlog.js';
import { loadBenchmark } from './benchmarks/index.js';
import { SpooledAnswers, goldBook, sampleKey, type AnswerBook } from './answers.js';
import { generate } from './generate.js';
import { EvalError, normaliseEvalOptions, sourceLabel, type EvalOptions, type ResolvedEvalOptions } from './options.js';
import { readPredictions } from './predictions.js';
import { SummaryBuilder, type EvalSummary } from './summary.js';
import { summaryMarkdown } from './summary-md.js';
import type { Benchmark, SampleResult, ScoreContext, Task, Verdict } from './types.js';
import { QueueCoordinator, printQueueCounts } from '../queue/coordinator.js';

interface Answers {
  answers: AnswerBook;
  bad?: { counts: Record<string, number>; examples: Record<string, string[]> };
  /** The predictions file's bad rows, each with its line and reason. */
  badRows?: BadInput;
}

/** One row of the results dataset: a judged sample (subsets as name/value pairs: their names vary by benchmark). */
export const EvalResultSchema = z.object({
  task_id: z.string(),
  sample: z.number().int(),
  status: z.string(),
  passed: z.boolean(),
  error: z.string().nullable(),
  subsets: z.array(z.object({ name: z.string(), value: z.string() })),
  wall_ms: z.number().int().nullable(),
  cpu_ms: z.number().int().nullable(),
  /** The answer that was judged (extracted code or literal, cut at 64 KB); null for a skipped or missing sample. */
  answer: z.string().nullable(),
  /** The first failing case where the benchmark knows it, and its expected and produced values. */
  case: z.string().nullable(),
  expected: z.string().nullable(),
  got: z.string().nullable(),
});
type EvalResultRow = z.infer<typeof EvalResultSchema>;

function dataPathOf(o: ResolvedEvalOptions, bench: Benchmark<Task>): string {
  if (o.data) return resolve(o.data);
  if (!bench.defaultData || !o.sharedData) throw new EvalError(`${o.bench} needs --data FILE`);
  return resolve(o.sharedData, bench.defaultData);
}

async function gatherAnswers(o: ResolvedEvalOptions, bench: Benchmark<Task>, tasks: Task[], work: string): Promise<Answers> {
  const s = o.source;
  if (s.kind === 'gold') return { answers: goldBook(tasks) };
  if (s.kind === 'predictions') {
    const spool = new SpooledAnswers(join(work, 'answers.jsonl'));
    try {
      const p = await readPredictions(s.path, bench, tasks, spool);
      return { answers: spool, bad: { counts: p.bad.toJSON().by_reason, examples: p.bad.examplesByReason() }, badRows: p.bad };
    } catch (err) {
      spool.close();
      throw err;
    }
  }
  const g = await generate({
    bench, tasks, client: s.client, n: o.n, path: join(work, 'generations.jsonl'),
    temperature: s.temperature, maxTokens: s.maxTokens, progress: o.progress,
  });
  return { answers: g.answers, bad: { counts: g.failures.toJSON(), examples: g.failures.examplesJSON() } };
}

const ANSWER_CHARS = 65_536;

function toRow(task: Task, sample: number, v: Verdict, answer: string): SampleResult {
  return {
    task_id: task.id, sample, status: v.status, passed: v.passed, subsets: task.subsets,
    ...(v.error ? { error: v.error } : {}), ...(v.wallMs !== undefined ? { wall_ms: v.wallMs } : {}), ...(v.cpuMs !== undefined ? { cpu_ms: v.cpuMs } : {}),
    answer: answer.length > ANSWER_CHARS ? `${answer.slice(0, ANSWER_CHARS)}...` : answer,
    ...(v.expected !== undefined ? { case: v.case, expected: v.expected, got: v.got } : {}),
  };
}

async function scoreSafely(bench: Benchmark<Task>, task: Task, answers: string[], ctx: ScoreContext): Promise<Verdict[]> {
  try {
    return await bench.score(task, answers, ctx);
  } catch (err) {
    return answers.map(() => ({ status: 'error', passed: false, error: `harness error: ${(err as Error).message}` }));
  }
}

/** One unit of an eval run: a group of tasks (one task, or the tasks of an episode judged in
 *  order) with the answers of theirs still to judge. */
export interface GroupUnit {
  tasks: Array<{ task: Task; samples: Array<{ i: number; answer: string }> }>;
}

/** Judges a group's samples: the rows of each task, in the unit's order. Local runs and queue
 *  workers both judge through this. */
export async function judgeGroup(bench: Benchmark<Task>, unit: GroupUnit, ctx: ScoreContext): Promise<SampleResult[][]> {
  const out: SampleResult[][] = [];
  for (const { task, samples } of unit.tasks) {
    const verdicts = await scoreSafely(bench, task, samples.map((s) => s.answer), ctx);
    out.push(samples.map((s, j) => toRow(task, s.i, verdicts[j], s.answer)));
  }
  return out;
}

/** What a queue worker needs besides the units to judge as this run does. */
export interface EvalUnitConfig {
  bench: ResolvedEvalOptions['bench'];
  spec: ResolvedEvalOptions['spec'];
}

/** Groups in one queue job: a HumanEval task is judged in some 50 ms, so 16 make a job worth sending. */
const GROUPS_PER_JOB = 16;

const exportResult = (r: SampleResult): EvalResultRow => ({
  task_id: r.task_id, sample: r.sample, status: r.status, passed: r.passed, error: r.error ?? null,
  subsets: Object.entries(r.subsets).map(([name, value]) => ({ name, value })), wall_ms: r.wall_ms ?? null, cpu_ms: r.cpu_ms ?? null,
  answer: r.answer ?? null, case: r.case ?? null, expected: r.expected ?? null, got: r.got ?? null,
});

export async function evaluate(options: EvalOptions): Promise<EvalSummary> {
  const o = normaliseEvalOptions(options);
  const started = Date.now();
  const bench = await loadBenchmark(o.bench, { spec: o.spec, dataRoot: o.dataRoot });
  const dataPath = dataPathOf(o, bench);
  const badData = new BadInput();
  let tasks = await bench.load(dataPath, badData.add);
  if (o.ids) { const keep = new Set(o.ids); tasks = tasks.filter((t) => keep.has(t.id)); }
  if (o.limit !== undefined) tasks = tasks.slice(0, o.limit);
  const identity = {
    pipeline: 'eval', args: { bench: o.bench, data: dataPath, source: sourceLabel(o.source), spec: o.spec, n: o.n, ids: o.ids ?? null, limit: o.limit ?? null },
  };
  const executorOptions = bench.executorOptions(tasks, dataPath);
  // Workers see only what a job carries: a benchmark that reads files of this machine while it
  // judges (data folders, per-library environments) runs here.
  if (o.queue && (bench.prepare || bench.groupOf || executorOptions.readOnlyPaths?.length)) {
    throw new EvalError(`--queue: ${o.bench} reads files of this machine while it judges; run it without --queue`);
  }
  if (o.queue && o.source.kind === 'model') throw new EvalError('--queue judges --gold or --predictions answers; generate with --model first, then judge the predictions file with --queue');
  const folder = openRunFolder(o.out, identity, { force: o.force });
  // Announced first: workers join and load the benchmark while this machine reads the answers.
  const config: EvalUnitConfig = { bench: o.bench, spec: o.spec };
  const queue = o.queue && await QueueCoordinator.open<GroupUnit, SampleResult[][]>(o.queue, {
    pipeline: 'eval', identity, out: o.out, config, defaultShardSize: GROUPS_PER_JOB,
  }, o.progress ? printQueueCounts(o.bench) : undefined);
  const executor = o.executor ?? await createExecutor({ ...o.sandbox, workers: o.queue ? 1 : o.workers, ...executorOptions })
    .catch(async (err: unknown) => { await queue?.close(); throw err; });
  const log = UnitLog.open<SampleResult>(join(folder.work, 'results.jsonl'));
  const orderOf = new Map(tasks.map((t, i) => [t.id, i]));
  const at = (task: Task, sample: number) => orderOf.get(task.id)! * 100_000 + sample;
  let book: AnswerBook | undefined;
  try {
    await bench.prepare?.(tasks, { executor, workers: o.workers, sandbox: o.sandbox });
    const { answers, bad, badRows } = await gatherAnswers(o, bench, tasks, folder.work);
    book = answers;
    for (const t of tasks) {
      if (!t.skip) continue;
      log.append({ key: sampleKey(t.id, 0), order: at(t, 0), status: 'done', data: { task_id: t.id, sample: 0, status: 'skipped', passed: false, error: t.skip, subsets: t.subsets } });
    }
    const answered = (t: Task) => { for (let i = 0; i < answers.count(t.id); i++) if (answers.has(t.id, i)) return true; return false; };
    const groups = new Map<string, Task[]>();
    for (const t of tasks) if (!t.skip && answered(t)) {
      const g = bench.groupOf?.(t) ?? t.id;
      const list = groups.get(g);
      if (list) list.push(t); else groups.set(g, [t]);
    }
    const progress = new Progress({ label: o.bench, total: groups.size, unit: 'groups', enabled: o.progress });
    let passed = 0;
    const limit = pLimit(o.workers * 2);
    // The one judging function, here or on a worker: either way its rows are logged below.
    const judge = (order: number, key: string, unit: GroupUnit) =>
      queue ? queue.submit(order, key, unit) : limit(() => judgeGroup(bench, unit, { executor, workers: o.workers }));
    const judged: Array<Promise<void>> = [];
    for (const [order, [key, group]] of [...groups.entries()].entries()) {
      const unit: GroupUnit = { tasks: [] };
      for (const task of group) {
        const samples: Array<{ i: number; answer: string }> = [];
        for (let i = 0; i < answers.count(task.id); i++) if (answers.has(task.id, i) && log.pending(sampleKey(task.id, i))) samples.push({ i, answer: answers.answer(task.id, i)! });
        if (samples.length) unit.tasks.push({ task, samples });
      }
      if (!unit.tasks.length) { progress.tick(1, { passed }); continue; }
      judged.push(judge(order, key, unit).then((rows) => {
        rows.forEach((taskRows, t) => taskRows.forEach((row) => {
          const task = unit.tasks[t].task;
          log.append({ key: sampleKey(task.id, row.sample), order: at(task, row.sample), status: 'done', cost_ms: row.cpu_ms ?? row.wall_ms, data: row });
          if (row.passed) passed++;
        }));
        progress.tick(1, { passed });
      }, (err: Error) => {
        // A group its queue job could not judge (a poison shard): its samples are failed, with why.
        for (const { task, samples } of unit.tasks) for (const { i } of samples) {
          log.append({ key: sampleKey(task.id, i), order: at(task, i), status: 'failed', reason: err.message.slice(0, 500) });
        }
        progress.tick(1, { passed });
      }));
    }
    queue?.end();
    await Promise.all(judged);
    progress.stop();
    log.sync();
    await queue?.finish();
    // The rows of one task, read back from the log; a sample without an answer counts as missing
    // (and is asked again by the next run).
    const rowsOf = (t: Task): SampleResult[] => {
      const count = t.skip ? 1 : Math.max(answers.count(t.id), 1);
      const rows: SampleResult[] = [];
      for (let i = 0; i < count; i++) {
        const status = log.status(sampleKey(t.id, i));
        const line = status === 'done' || status === 'failed' ? log.read(sampleKey(t.id, i)) : undefined;
        rows.push(line?.data ?? (status === 'failed'
          ? { task_id: t.id, sample: i, status: 'error', passed: false, error: `not judged: ${line?.reason ?? 'failed'}`, subsets: t.subsets }
          : { task_id: t.id, sample: i, status: 'missing', passed: false, error: 'no answer for this sample', subsets: t.subsets }));
      }
      return rows;
    };
    log.sync();
    const builder = new SummaryBuilder(o.ks);
    let pass = 0;
    // Tasks in order, one at a time; the summary is counted on the export's first (plan) pass.
    function* records(): Generator<EvalResultRow> {
      const counting = pass++ === 0;
      for (const t of tasks) {
        const rows = rowsOf(t);
        if (counting) builder.add(t, rows);
        for (const r of rows) yield exportResult(r);
      }
    }
    const files = await writeDataset({
      dir: o.out, schema: EvalResultSchema, records, kv: { writer: 'caseforge eval' },
      planner: { observe: () => {}, finish: () => () => 'test' },
    });
    const summary = builder.finish({
      bench: o.bench, data: dataPath, source: sourceLabel(o.source), tasks: tasks.length, seconds: (Date.now() - started) / 1000, bad,
      badInput: { data: badData.toJSON(), ...(badRows ? { predictions: badRows.toJSON() } : {}) },
    });
    const report = { ...summary, cost: costSummary(log.costs()), units: { ...log.counts(), damaged_lines: log.recovery.damaged } };
    writeFileAtomic(join(o.out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
    const header = cardHeader({
      prettyName: `caseforge eval: ${o.bench}, ${summary.source}`, license: 'other', licenseName: 'same-as-the-benchmark',
      taskCategories: ['text-generation'], tags: ['code', 'evaluation', 'pass-at-k', o.bench, 'caseforge'],
    }, files);
    writeFileAtomic(join(o.out, 'README.md'), `${header}\n${summaryMarkdown(summary)}\n\nOne row per judged sample: \`data/test-*.parquet\` (and \`jsonl/\`); numbers in \`report.json\`.\n`);
    return report;
  } finally {
    book?.close();
    await queue?.close();
    log.close();
    await bench.close?.();
    if (!o.executor) await executor.close();
  }
}
