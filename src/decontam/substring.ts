// bigcode's rule: a record is contaminated when a benchmark's prompt or canonical solution occurs in
// it as a substring, case-insensitively (whitespace runs made one space on both sides). Benchmark
// strings shorter than `minTokens` words and symbols (`return x + y`, `result = a.shape`) are
// allow-listed: they occur everywhere and prove nothing. Lookup is by each string's first `keyLength`
// characters, so a record costs one map probe per character, whatever the number of strings.
import type { BenchmarkItem } from './references.js';
import { normaliseText, wordCount } from './tokens.js';

export interface SubstringHit {
  item: number;
  kind: string;
  matched: string;
}

interface Needle {
  item: number;
  kind: string;
  text: string;
}

export class SubstringIndex {
  private readonly byKey = new Map<string, Needle[]>();
  readonly keyLength: number;
  /** Benchmark strings left out as too short, per benchmark. */
  readonly allowListed: Record<string, number> = {};
  /** Strings looked for, per benchmark. */
  readonly strings: Record<string, number> = {};

  constructor(items: BenchmarkItem[], minTokens: number) {
    const needles: Needle[] = [];
    const seen = new Set<string>();
    items.forEach((it, item) => {
      for (const s of it.strings) {
        if (wordCount(s.text) < minTokens) { this.allowListed[it.benchmark] = (this.allowListed[it.benchmark] ?? 0) + 1; continue; }
        const text = normaliseText(s.text);
        const key = `${item}\u0000${text}`;
        if (seen.has(key)) continue;
        seen.add(key);
        needles.push({ item, kind: s.kind, text });
        this.strings[it.benchmark] = (this.strings[it.benchmark] ?? 0) + 1;
      }
    });
    this.keyLength = Math.max(1, needles.reduce((m, n) => Math.min(m, n.text.length), 16));
    for (const n of needles) {
      const k = n.text.slice(0, this.keyLength);
      const list = this.byKey.get(k);
      if (list) list.push(n);
      else this.byKey.set(k, [n]);
    }
  }

  /** Every benchmark item one of whose strings occurs in `text` (first string found per item). */
  find(text: string): SubstringHit[] {
    if (this.byKey.size === 0) return [];
    const t = normaliseText(text);
    const hits = new Map<number, SubstringHit>();
    const k = this.keyLength;
    for (let i = 0; i + k <= t.length; i++) {
      const list = this.byKey.get(t.slice(i, i + k));
      if (!list) continue;
      for (const n of list) {
        if (!hits.has(n.item) && t.startsWith(n.text, i)) hits.set(n.item, { item: n.item, kind: n.kind, matched: n.text });
      }
    }
    return [...hits.values()];
  }
}
