// Decontamination of a finished dataset folder, in place, in either layout: every record is streamed
// through the checker; removed ones are appended to DIR/decontamination/removed.jsonl with their
// matches, kept ones written back (the run layer's layout: staged, then rewritten through the
// store's dataset writer with the schema its Parquet files already have, and the card's split
// counts updated; the older layout: samples.jsonl, then samples.parquet rebuilt), and the counts go
// to DIR/decontamination/report.json and the card's `## Decontamination` section. The removed log
// is written before the records, and a rerun adds to it, so a run killed half way loses nothing.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Executor } from '../exec/executor.js';
import type { SandboxChoice } from '../exec/types.js';
import { AppendLog } from '../store/jsonl.js';
import { writeFileAtomic } from '../store/atomic.js';
import { datasetLayout, readLines, readRecords, rewriteSet, withCardSection, withSplitCounts, type Line } from '../export/dataset.js';
import { zodOfParquet } from '../export/parquet_schema.js';
import { writeDataset } from '../store/dataset.js';
import { readJsonl } from '../store/jsonl.js';
import { writeLinesAtomic } from '../store/atomic.js';
import { datasetSplits, isDatasetDir } from '../store/read.js';
import { Decontaminator } from './decontaminate.js';
import { PREDICTION_FAMILIES } from '../case2code/families/families.js';
import type { DecontamOptions } from './options.js';
import { buildReport, cardSection, type DecontamReport, type RemovedRow } from './report.js';

export interface DatasetRun {
  /** Start from the records as they are now, forgetting earlier removals (a pipeline that has just
   *  rewritten its records); default: earlier removals are kept and added to. */
  fresh?: boolean;
  /** Count only: change nothing in the folder. */
  dryRun?: boolean;
  executor?: Executor;
  sandbox?: SandboxChoice;
  onProgress?: (done: number, removed: number) => void;
}

/** A dataset folder and the datasets written beside it: a Case2Code run's task families
 *  (DIR/output, DIR/input) hold the same programs as its records, so each is decontaminated too. */
export async function decontaminateFolders(dir: string, options: DecontamOptions, run: DatasetRun = {}): Promise<Array<{ dir: string; report: DecontamReport }>> {
  const dirs = [dir, ...PREDICTION_FAMILIES.map((f) => join(dir, f)).filter((d) => isDatasetDir(d))];
  const out: Array<{ dir: string; report: DecontamReport }> = [];
  for (const d of dirs) out.push({ dir: d, report: await decontaminateDataset(d, options, run) });
  return out;
}

export async function decontaminateDataset(dir: string, options: DecontamOptions, run: DatasetRun = {}): Promise<DecontamReport> {
  if (isDatasetDir(dir)) return decontaminateHub(dir, options, run);
  const layout = datasetLayout(dir);
  const folder = join(dir, 'decontamination');
  const logPath = join(folder, 'removed.jsonl');
  if (!run.dryRun) {
    mkdirSync(folder, { recursive: true });
    if (run.fresh) rmSync(logPath, { force: true });
  }
  const checker = await Decontaminator.create(options, { executor: run.executor, sandbox: run.sandbox });
  const opened = run.dryRun ? undefined : AppendLog.open<RemovedRow>(logPath, (r) => `${r.set}\u0000${r.id}`);
  const removedLog = opened?.log;
  const removed: RemovedRow[] = opened ? [...opened.rows] : [];
  let kept = 0;
  let unreadable = 0;
  let done = 0;
  try {
    for (const set of layout.sets) {
      const raw: string[] = [];
      const parsed = async function* (): AsyncGenerator<{ record: unknown; where: string }> {
        for await (const line of readLines(set.jsonl) as AsyncGenerator<Line>) {
          if (line.raw !== undefined) { unreadable++; raw.push(line.raw); continue; }
          yield { record: line.record, where: line.where };
        }
      };
      const keptLines = async function* (): AsyncGenerator<string> {
        for await (const c of checker.check(parsed())) {
          done++;
          if (c.matches.length === 0) {
            kept++;
            yield JSON.stringify(c.record);
          } else {
            const row: RemovedRow = { set: set.name, id: c.view.id, label: c.view.label, where: c.where, matches: c.matches, record: c.record };
            if (!removedLog || removedLog.append(row)) removed.push(row);
          }
          if (done % 256 === 0) run.onProgress?.(done, removed.length);
          while (raw.length) yield raw.shift()!;
        }
        while (raw.length) yield raw.shift()!;
      };
      if (run.dryRun) { for await (const _ of keptLines()) { /* count only */ } } else await rewriteSet(set, keptLines());
    }
    run.onProgress?.(done, removed.length);
  } finally {
    removedLog?.close();
    await checker.close();
  }
  const report = buildReport(checker.setup, kept, unreadable, removed);
  if (!run.dryRun) {
    writeFileAtomic(join(folder, 'report.json'), JSON.stringify(report, null, 2) + '\n');
    if (layout.card && existsSync(layout.card)) {
      writeFileAtomic(layout.card, withCardSection(readFileSync(layout.card, 'utf8'), 'Decontamination', cardSection(report)));
    }
  }
  return report;
}

/** The run layer's layout: data/ Parquet shards (and jsonl/), rewritten through the store's writer. */
async function decontaminateHub(dir: string, options: DecontamOptions, run: DatasetRun): Promise<DecontamReport> {
  const folder = join(dir, 'decontamination');
  const logPath = join(folder, 'removed.jsonl');
  const stage = join(dir, '.work', 'decontamination-kept.jsonl');
  const splits = await datasetSplits(dir);
  const schema = splits[0]?.shards.length ? await zodOfParquet(join(dir, splits[0].shards[0])) : undefined;
  if (!run.dryRun) {
    mkdirSync(folder, { recursive: true });
    mkdirSync(join(dir, '.work'), { recursive: true });
    if (run.fresh) rmSync(logPath, { force: true });
  }
  const checker = await Decontaminator.create(options, { executor: run.executor, sandbox: run.sandbox });
  const opened = run.dryRun ? undefined : AppendLog.open<RemovedRow>(logPath, (r) => `${r.set}\u0000${r.id}`);
  const removed: RemovedRow[] = opened ? [...opened.rows] : [];
  const keptSplits: string[] = [];
  const counts: Record<string, number> = Object.fromEntries(splits.map((s) => [s.name, 0]));
  let done = 0;
  try {
    const splitOf = new Map<string, string>();
    const source = async function* () {
      for await (const r of readRecords(dir)) { splitOf.set(r.where, r.split); yield { record: r.record, where: r.where }; }
    };
    const kept = async function* (): AsyncGenerator<string> {
      for await (const c of checker.check(source())) {
        done++;
        const split = splitOf.get(c.where) ?? 'train';
        splitOf.delete(c.where);
        if (c.matches.length === 0) {
          keptSplits.push(split);
          counts[split] = (counts[split] ?? 0) + 1;
          yield JSON.stringify(c.record);
        } else {
          const row: RemovedRow = { set: split, id: c.view.id, label: c.view.label, where: c.where, matches: c.matches, record: c.record };
          if (!opened || opened.log.append(row)) removed.push(row);
        }
        if (done % 256 === 0) run.onProgress?.(done, removed.length);
      }
    };
    if (run.dryRun) { for await (const _ of kept()) { /* count only */ } } else await writeLinesAtomic(stage, kept());
    run.onProgress?.(done, removed.length);
  } finally {
    opened?.log.close();
    await checker.close();
  }
  const report = buildReport(checker.setup, keptSplits.length, 0, removed);
  if (run.dryRun) return report;
  writeFileAtomic(join(folder, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  if (schema) {
    await writeDataset({
      dir, schema, records: () => readJsonl<Record<string, unknown>>(stage),
      planner: { observe: () => undefined, finish: () => (i) => keptSplits[i] },
      splitOrder: ['train', 'validation', 'test'], kv: { writer: 'caseforge decontaminate' },
    });
  }
  rmSync(stage, { force: true });
  const card = join(dir, 'README.md');
  if (existsSync(card)) {
    const text = withSplitCounts(readFileSync(card, 'utf8'), counts);
    writeFileAtomic(card, withCardSection(text, 'Decontamination', cardSection(report)));
  }
  return report;
}
