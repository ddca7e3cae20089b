// A finished dataset folder, in either layout the pipelines write: the run layer's Hub dataset
// (`data/<split>-*.parquet` with `jsonl/` beside it, read through the store's readers) or the older
// single record set (`samples.jsonl`, `samples.parquet`). This module is the one place that knows
// the layouts (decontamination and export read and rewrite datasets through it).
import { CaseforgeError } from '../errors.js';
import { createReadStream, existsSync, readFileSync, renameSync } from 'node:fs';
import { writeLinesAtomic } from '../store/atomic.js';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { writeParquet } from '../store/parquet.js';
import { datasetSplits, isDatasetDir, readSplit } from '../store/read.js';

export interface RecordSet {
  /** The set's name in reports (`samples`). */
  name: string;
  jsonl: string;
  parquet?: string;
}

export interface DatasetLayout {
  dir: string;
  sets: RecordSet[];
  card?: string;
}

/** A folder that is not a caseforge dataset (the project's error class, code `input`). */
export class DatasetError extends CaseforgeError {
  override name = 'DatasetError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('input', message, options);
  }
}

export function datasetLayout(dir: string): DatasetLayout {
  const jsonl = join(dir, 'samples.jsonl');
  if (!existsSync(jsonl)) throw new DatasetError(`${dir}: no samples.jsonl (not a caseforge dataset folder)`);
  const parquet = join(dir, 'samples.parquet');
  const card = join(dir, 'README.md');
  return { dir, sets: [{ name: 'samples', jsonl, ...(existsSync(parquet) ? { parquet } : {}) }], ...(existsSync(card) ? { card } : {}) };
}

/** Every record of the folder with its split and where it was read, split by split, in order. */
export async function* readRecords(dir: string, onBad?: (where: string) => void): AsyncGenerator<{ split: string; record: Record<string, unknown>; where: string }> {
  if (isDatasetDir(dir)) {
    for (const s of await datasetSplits(dir)) {
      let i = 0;
      for await (const record of readSplit(dir, s.name)) yield { split: s.name, record, where: `${s.name} row ${++i}` };
    }
    return;
  }
  const layout = datasetLayout(dir);
  for (const set of layout.sets) {
    for await (const line of readLines(set.jsonl)) {
      if (line.raw !== undefined || !line.record || typeof line.record !== 'object') { onBad?.(line.where); continue; }
      const record = line.record as Record<string, unknown>;
      yield { split: typeof record?.split === 'string' ? record.split : 'train', record, where: line.where };
    }
  }
}

/** One line of a record file: the parsed record, or the raw text of a line that is not JSON. */
export type Line = { where: string; record: unknown; raw?: undefined } | { where: string; raw: string; record?: undefined };

export async function* readLines(path: string): AsyncGenerator<Line> {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    n++;
    if (!line.trim()) continue;
    try {
      yield { where: `${path}:${n}`, record: JSON.parse(line) as unknown };
    } catch {
      yield { where: `${path}:${n}`, raw: line };
    }
  }
}

/** Replaces a record set's files with `lines` (JSON text, one record each), written to a temporary
 *  name and renamed; the Parquet file, when the set has one, is rebuilt from the new JSONL. */
export async function rewriteSet(set: RecordSet, lines: AsyncIterable<string>): Promise<number> {
  const n = await writeLinesAtomic(set.jsonl, lines);
  if (set.parquet) {
    const rows: Array<Record<string, unknown>> = [];
    for (const line of readFileSync(set.jsonl, 'utf8').split('\n')) {
      if (!line) continue;
      try { rows.push(JSON.parse(line) as Record<string, unknown>); } catch { /* kept in JSONL only */ }
    }
    const ptmp = `${set.parquet}.tmp-${process.pid}`;
    writeParquet(ptmp, rows);
    renameSync(ptmp, set.parquet);
  }
  return n;
}

/** The card with `## title` replaced (or inserted before `## Licence`, else appended). */
export function withCardSection(card: string, title: string, body: string): string {
  const section = `## ${title}\n\n${body.trim()}\n`;
  const lines = card.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${title}`);
  if (start >= 0) {
    let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
    if (end < 0) end = lines.length;
    return [...lines.slice(0, start), ...section.split('\n'), ...lines.slice(end)].join('\n').replace(/\n{3,}/g, '\n\n');
  }
  const licence = lines.findIndex((l) => /^## Licen[cs]e/.test(l));
  if (licence >= 0) return [...lines.slice(0, licence), ...section.split('\n'), ...lines.slice(licence)].join('\n');
  return `${card.trimEnd()}\n\n${section}`;
}

/** The card with each split's `num_examples` in its YAML header set to `counts` (after records were removed). */
export function withSplitCounts(card: string, counts: Record<string, number>): string {
  if (!card.startsWith('---\n')) return card;
  const end = card.indexOf('\n---\n', 4);
  if (end < 0) return card;
  const header = card.slice(0, end).replace(/(- name: "?([\w.-]+)"?\n\s+num_examples: )\d+/g, (m, lead: string, split: string) => (split in counts ? `${lead}${counts[split]}` : m));
  return header + card.slice(end);
}
