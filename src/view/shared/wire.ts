// The index as JSON (a static bundle ships it as a file): typed arrays become plain arrays and a
// missing number (NaN, which JSON cannot hold) becomes null, and back.
import type { ColumnData, IndexData } from './types.js';

export type IndexJSON = {
  n: number;
  split: { labels: string[]; codes: number[]; offsets: number[] };
  columns: Record<string, { kind: ColumnData['kind']; labels?: string[]; codes?: number[]; masks?: number[]; values?: Array<number | string | null> }>;
};

export function indexToJSON(index: IndexData): IndexJSON {
  const columns: IndexJSON['columns'] = {};
  for (const [k, c] of Object.entries(index.columns)) {
    if (c.kind === 'num') columns[k] = { kind: 'num', values: Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)) };
    else if (c.kind === 'text') columns[k] = { kind: 'text', values: Array.from(c.values) };
    else if (c.kind === 'cat') columns[k] = { kind: 'cat', labels: c.labels, codes: Array.from(c.codes) };
    else columns[k] = { kind: 'tags', labels: c.labels, masks: Array.from(c.masks) };
  }
  return { n: index.n, split: { labels: index.split.labels, codes: Array.from(index.split.codes), offsets: Array.from(index.split.offsets) }, columns };
}

export function indexFromJSON(j: IndexJSON): IndexData {
  const columns: Record<string, ColumnData> = {};
  for (const [k, c] of Object.entries(j.columns)) {
    if (c.kind === 'num') columns[k] = { kind: 'num', values: Float64Array.from(c.values ?? [], (v) => (typeof v === 'number' ? v : NaN)) };
    else if (c.kind === 'text') columns[k] = { kind: 'text', values: (c.values ?? []) as Array<string | null> };
    else if (c.kind === 'cat') columns[k] = { kind: 'cat', labels: c.labels ?? [], codes: Int32Array.from(c.codes ?? []) };
    else columns[k] = { kind: 'tags', labels: c.labels ?? [], masks: Int32Array.from(c.masks ?? []) };
  }
  return { n: j.n, split: { labels: j.split.labels, codes: Int32Array.from(j.split.codes), offsets: Uint32Array.from(j.split.offsets) }, columns };
}
