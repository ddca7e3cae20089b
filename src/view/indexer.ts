// Builds the in-memory index of a dataset (shared/types.ts IndexData) from its records, one at a
// time: numbers in typed arrays, labels as codes into a label list, tags as bit masks. What it
// holds is the list's and the filters' columns only, a few dozen bytes a record.
import type { ColumnData, IndexData } from './shared/types.js';
import type { KindColumn, Rec } from './kinds.js';

/** Tags beyond this many distinct labels are counted under `other` (a mask has 31 usable bits). */
const MAX_TAGS = 30;

type Builder =
  | { kind: 'num'; values: number[] }
  | { kind: 'cat'; labels: Map<string, number>; codes: number[] }
  | { kind: 'tags'; labels: Map<string, number>; masks: number[] }
  | { kind: 'text'; values: Array<string | null> };

function code(labels: Map<string, number>, label: string, cap = Infinity): number {
  let c = labels.get(label);
  if (c === undefined) {
    if (labels.size >= cap) return code(labels, 'other');
    c = labels.size;
    labels.set(label, c);
  }
  return c;
}

/** Labels in a readable order (numbers by value, else alphabetical), codes remapped to match. */
function sortedLabels(labels: Map<string, number>): { list: string[]; remap: Int32Array } {
  const list = [...labels.keys()];
  const numeric = list.every((l) => l !== '' && Number.isFinite(Number(l)));
  list.sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
  const remap = new Int32Array(labels.size);
  list.forEach((l, j) => { remap[labels.get(l)!] = j; });
  return { list, remap };
}

export class IndexBuilder {
  private readonly builders = new Map<string, Builder>();
  private readonly splitLabels = new Map<string, number>();
  private readonly splitCodes: number[] = [];
  private readonly offsets: number[] = [];

  constructor(private readonly columns: KindColumn[]) {
    for (const c of columns) {
      this.builders.set(c.key, c.kind === 'num' ? { kind: 'num', values: [] }
        : c.kind === 'cat' ? { kind: 'cat', labels: new Map(), codes: [] }
          : c.kind === 'tags' ? { kind: 'tags', labels: new Map(), masks: [] }
            : { kind: 'text', values: [] });
    }
  }

  get size(): number { return this.offsets.length; }

  add(split: string, offset: number, r: Rec): void {
    this.splitCodes.push(code(this.splitLabels, split));
    this.offsets.push(offset);
    for (const c of this.columns) {
      const b = this.builders.get(c.key)!;
      let v: unknown;
      try { v = c.get(r); } catch { v = null; }
      if (b.kind === 'num') b.values.push(typeof v === 'number' ? v : NaN);
      else if (b.kind === 'cat') b.codes.push(v === null || v === undefined ? -1 : code(b.labels, String(v)));
      else if (b.kind === 'tags') {
        let m = 0;
        if (Array.isArray(v)) for (const t of v) m |= 1 << code(b.labels, String(t), MAX_TAGS);
        b.masks.push(m);
      } else b.values.push(v === null || v === undefined ? null : String(v));
    }
  }

  finish(): IndexData {
    const columns: Record<string, ColumnData> = {};
    for (const [key, b] of this.builders) {
      if (b.kind === 'num') columns[key] = { kind: 'num', values: Float64Array.from(b.values) };
      else if (b.kind === 'text') columns[key] = { kind: 'text', values: b.values };
      else if (b.kind === 'cat') {
        const { list, remap } = sortedLabels(b.labels);
        columns[key] = { kind: 'cat', labels: list, codes: Int32Array.from(b.codes, (c) => (c < 0 ? -1 : remap[c])) };
      } else {
        const { list, remap } = sortedLabels(b.labels);
        const masks = Int32Array.from(b.masks, (m) => {
          let out = 0;
          for (let j = 0; j < remap.length; j++) if (m & (1 << j)) out |= 1 << remap[j];
          return out;
        });
        columns[key] = { kind: 'tags', labels: list, masks };
      }
    }
    return {
      n: this.offsets.length,
      split: { labels: [...this.splitLabels.keys()], codes: Int32Array.from(this.splitCodes), offsets: Uint32Array.from(this.offsets) },
      columns,
    };
  }
}
