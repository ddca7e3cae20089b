// The per-context work log (one append-only JSONL file per context under DIR/work/): LLM replies
// (so a resumed run never asks twice), finished records and episodes, and an end row with the
// context's counts.
// A context with an `end` row marked complete is not run again.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppendLog } from '../store/jsonl.js';
import type { Gift4CodeEpisode, Gift4CodeRecord } from './record.js';

export type LogRow =
  | { key: string; type: 'llm'; texts: string[] }
  | { key: string; type: 'sample'; order: number; sample: Gift4CodeRecord }
  | { key: string; type: 'episode'; order: number; episode: Gift4CodeEpisode }
  | { key: string; type: 'end'; complete: boolean; counts: Record<string, number>; examples: Record<string, string[]> };

export class WorkLog {
  private constructor(private readonly log: AppendLog<LogRow>, readonly rows: LogRow[]) {}

  static open(dir: string, contextId: string): WorkLog {
    mkdirSync(dir, { recursive: true });
    const { log, rows } = AppendLog.open<LogRow>(join(dir, `${contextId}.jsonl`), (r) => r.key, 16);
    return new WorkLog(log, rows);
  }

  private find(key: string): LogRow | undefined {
    return this.rows.find((r) => r.key === key);
  }

  /** Cached LLM texts under `key`, if an earlier attempt stored them. */
  llm(key: string): string[] | undefined {
    const r = this.find(key);
    return r?.type === 'llm' ? r.texts : undefined;
  }

  putLlm(key: string, texts: string[]): void {
    this.push({ key, type: 'llm', texts });
  }

  putSample(order: number, sample: Gift4CodeRecord): void {
    this.push({ key: `sample:${sample.id}`, type: 'sample', order, sample });
  }

  putEpisode(order: number, episode: Gift4CodeEpisode): void {
    this.push({ key: `episode:${episode.id}`, type: 'episode', order, episode });
  }

  episodes(): Gift4CodeEpisode[] {
    return this.rows.filter((r): r is Extract<LogRow, { type: 'episode' }> => r.type === 'episode')
      .sort((a, b) => a.order - b.order).map((r) => r.episode);
  }

  /** The last end row (attempts that left LLM items failed are marked incomplete and retried). */
  lastEnd(): Extract<LogRow, { type: 'end' }> | undefined {
    const ends = this.rows.filter((r): r is Extract<LogRow, { type: 'end' }> => r.type === 'end');
    return ends[ends.length - 1];
  }

  get complete(): boolean {
    return this.lastEnd()?.complete === true;
  }

  end(complete: boolean, counts: Record<string, number>, examples: Record<string, string[]>): void {
    const n = this.rows.filter((r) => r.type === 'end').length;
    this.push({ key: `end:${n}`, type: 'end', complete, counts, examples });
    this.log.sync();
  }

  samples(): Array<{ order: number; sample: Gift4CodeRecord }> {
    return this.rows.filter((r): r is Extract<LogRow, { type: 'sample' }> => r.type === 'sample')
      .sort((a, b) => a.order - b.order || a.sample.id.localeCompare(b.sample.id));
  }

  private push(row: LogRow): void {
    if (this.log.append(row)) this.rows.push(row);
  }

  close(): void {
    this.log.close();
  }
}
