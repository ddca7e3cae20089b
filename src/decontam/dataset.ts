// Decontamination of a finished dataset folder, in place: every record set is streamed through the
// checker; kept records are written back (JSONL, then Parquet rebuilt), removed ones appended to
// DIR/decontamination/removed.jsonl with their matches, and the counts go to
// DIR/decontamination/report.json and the card's `## Decontamination` section. The removed log is
// written before the records, and a rerun adds to it, so a run killed half way loses nothing.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Executor } from '../exec/executor.js';
import type { SandboxChoice } from '../exec/types.js';
import { AppendLog } from '../store/jsonl.js';
import { writeFileAtomic } from '../store/atomic.js';
import { datasetLayout, readLines, rewriteSet, withCardSection, type Line } from '../export/dataset.js';
import { Decontaminator } from './decontaminate.js';
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

export async function decontaminateDataset(dir: string, options: DecontamOptions, run: DatasetRun = {}): Promise<DecontamReport> {
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
