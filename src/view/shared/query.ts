// The sample list's query engine over the in-memory index (types.ts IndexData): filter by split,
// labels and ranges (and a set of rows a text search matched), sort, page, and the charts of what
// passes. The server runs it on its index; a static bundle runs the same code in the page.
import type { Chart, ColumnSpec, IndexData, Page, Query, RowSummary } from './types.js';

/** Row numbers (into the index) that pass the query's filters, in index order. */
export function matchRows(index: IndexData, query: Query, textMatches?: Uint8Array): Uint32Array {
  const tests: Array<(i: number) => boolean> = [];
  if (query.split !== undefined) {
    const code = index.split.labels.indexOf(query.split);
    const codes = index.split.codes;
    tests.push((i) => codes[i] === code);
  }
  for (const [key, wanted] of Object.entries(query.cats)) {
    const col = index.columns[key];
    if (!col || wanted.length === 0) continue;
    if (col.kind === 'cat') {
      // A label the column does not have matches nothing (never the rows without a label).
      const ok = new Set(wanted.map((w) => col.labels.indexOf(w)).filter((c) => c >= 0));
      const codes = col.codes;
      tests.push((i) => ok.has(codes[i]));
    } else if (col.kind === 'tags') {
      let mask = 0;
      for (const w of wanted) { const j = col.labels.indexOf(w); if (j >= 0) mask |= 1 << j; }
      const masks = col.masks;
      tests.push((i) => (masks[i] & mask) !== 0);
    } else if (col.kind === 'text') {
      const ok = new Set(wanted);
      const values = col.values;
      tests.push((i) => ok.has(values[i] ?? ''));
    }
  }
  for (const [key, [lo, hi]] of Object.entries(query.ranges)) {
    const col = index.columns[key];
    if (!col || col.kind !== 'num' || (lo === null && hi === null)) continue;
    const v = col.values;
    const min = lo ?? -Infinity;
    const max = hi ?? Infinity;
    tests.push((i) => v[i] >= min && v[i] <= max);
  }
  if (textMatches) tests.push((i) => textMatches[i] === 1);
  const out = new Uint32Array(index.n);
  let k = 0;
  for (let i = 0; i < index.n; i++) {
    let ok = true;
    for (const t of tests) if (!t(i)) { ok = false; break; }
    if (ok) out[k++] = i;
  }
  return out.slice(0, k);
}

function sortKey(index: IndexData, key: string): ((i: number) => number | string) | undefined {
  const col = index.columns[key];
  if (!col) return undefined;
  switch (col.kind) {
    case 'num': return (i) => col.values[i];
    case 'cat': return (i) => (col.codes[i] < 0 ? '' : col.labels[col.codes[i]]);
    case 'text': return (i) => col.values[i] ?? '';
    case 'tags': return (i) => col.masks[i];
  }
}

/** The rows in the query's order: stable, missing numbers last whichever the direction. */
export function orderRows(index: IndexData, rows: Uint32Array, sort: Query['sort']): Uint32Array {
  if (!sort) return rows;
  const get = sortKey(index, sort.key);
  if (!get) return rows;
  const dir = sort.desc ? -1 : 1;
  const keyed = Array.from(rows, (i) => ({ i, k: get(i) }));
  keyed.sort((a, b) => {
    const an = typeof a.k === 'number' && Number.isNaN(a.k);
    const bn = typeof b.k === 'number' && Number.isNaN(b.k);
    if (an || bn) return an === bn ? a.i - b.i : an ? 1 : -1;
    if (a.k < b.k) return -dir;
    if (a.k > b.k) return dir;
    return a.i - b.i;
  });
  return Uint32Array.from(keyed, (x) => x.i);
}

/** Row i of the index as the list shows it. */
export function summaryOf(index: IndexData, columns: ColumnSpec[], i: number): RowSummary {
  const values: RowSummary['values'] = {};
  for (const c of columns) {
    const col = index.columns[c.key];
    if (!col) continue;
    if (col.kind === 'num') values[c.key] = Number.isNaN(col.values[i]) ? null : col.values[i];
    else if (col.kind === 'cat') values[c.key] = col.codes[i] < 0 ? null : col.labels[col.codes[i]];
    else if (col.kind === 'text') values[c.key] = col.values[i];
    else values[c.key] = col.labels.filter((_, j) => (col.masks[i] & (1 << j)) !== 0);
  }
  return { split: index.split.labels[index.split.codes[i]], offset: index.split.offsets[i], values };
}

export function pageOf(index: IndexData, columns: ColumnSpec[], query: Query, textMatches?: Uint8Array): Page {
  const rows = orderRows(index, matchRows(index, query, textMatches), query.sort);
  const slice = rows.subarray(query.offset, query.offset + query.limit);
  return { total: rows.length, offset: query.offset, rows: Array.from(slice, (i) => summaryOf(index, columns, i)) };
}

const BINS = 20;

function numChart(spec: ColumnSpec, values: ArrayLike<number>, rows: Uint32Array, n: number): Chart {
  // The domain is the whole column's, so a filtered chart's bars stay where they were.
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) { const v = values[i]; if (v < min) min = v; if (v > max) max = v; }
  let missing = 0;
  if (min === Infinity) return { key: spec.key, label: spec.label, kind: 'num', integer: !!spec.integer, bins: [], missing: rows.length, help: spec.help };
  const integer = !!spec.integer;
  let width = (max - min) / BINS || 1;
  if (integer) width = Math.max(1, Math.ceil((max - min + 1) / BINS));
  const count = integer ? Math.ceil((max - min + 1) / width) : (max === min ? 1 : BINS);
  const bins = Array.from({ length: count }, (_, b) => ({ x0: min + b * width, x1: min + (b + 1) * width, count: 0 }));
  for (const i of rows) {
    const v = values[i];
    if (Number.isNaN(v)) { missing++; continue; }
    const b = Math.min(count - 1, Math.floor((v - min) / width));
    bins[b].count++;
  }
  return { key: spec.key, label: spec.label, kind: 'num', integer, bins, missing, help: spec.help };
}

/** The charts of the rows that pass, one per chartable column. */
export function chartsOf(index: IndexData, columns: ColumnSpec[], rows: Uint32Array): Chart[] {
  const out: Chart[] = [];
  // Numbers first: the distributions (scores, sizes) read best at the top.
  const ordered = [...columns.filter((c) => c.kind === 'num'), ...columns.filter((c) => c.kind !== 'num')];
  for (const spec of ordered) {
    if (!spec.chart) continue;
    const col = index.columns[spec.key];
    if (!col) continue;
    if (col.kind === 'num') out.push(numChart(spec, col.values, rows, index.n));
    else if (col.kind === 'cat' || col.kind === 'tags') {
      const counts = new Array<number>(col.labels.length).fill(0);
      let missing = 0;
      for (const i of rows) {
        if (col.kind === 'cat') { const c = col.codes[i]; if (c < 0) missing++; else counts[c]++; }
        else { const m = col.masks[i]; if (m === 0) missing++; for (let j = 0; j < col.labels.length; j++) if (m & (1 << j)) counts[j]++; }
      }
      const list = col.labels.map((label, j) => ({ label, count: counts[j] })).filter((c) => c.count > 0).sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
      out.push({ key: spec.key, label: spec.label, kind: 'cat', counts: list, missing, help: spec.help });
    }
  }
  return out;
}

/** Whether a text holds every word of a search (case ignored). */
export function textMatches(words: string[], text: string): boolean {
  const low = text.toLowerCase();
  return words.every((w) => low.includes(w));
}

/** Every string inside a value (messages, cases), for the search. */
function strings(v: unknown, out: string[]): void {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
}

/** The text a search looks in: every string of the record's `fields` (all fields when none). */
export function searchText(r: Record<string, unknown>, fields: string[]): string {
  const out: string[] = [];
  for (const f of fields.length ? fields : Object.keys(r)) strings(r[f], out);
  return out.join('\n');
}

export function searchWords(q: string | undefined): string[] {
  return (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}
