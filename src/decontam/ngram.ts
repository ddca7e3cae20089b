// N-gram overlap on normalised code tokens (DeepSeek-Coder and phi-1 use 10- and 13-grams). A single
// shared 10-gram is often an idiom (`for i in range ( 0 , len ( s )`), so a record matches a
// benchmark item when the n-grams they share cover at least `share` of the item's tokens and at
// least 2n of them: a copy, or a copy with small edits, not one common line.
import type { BenchmarkItem } from './references.js';
import { codeTokens } from './tokens.js';

export interface NgramHit {
  item: number;
  /** Share of the item's tokens covered by shared n-grams. */
  share: number;
  /** The longest run of covered item tokens, space-joined. */
  matched: string;
}

interface IndexedCode {
  item: number;
  tokens: string[];
  /** The n-gram key starting at each position. */
  keys: string[];
}

const SEP = '\u0001';

function gramKeys(tokens: string[], n: number): string[] {
  const keys: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) keys.push(tokens.slice(i, i + n).join(SEP));
  return keys;
}

export class NgramIndex {
  private readonly codes: IndexedCode[] = [];
  private readonly postings = new Map<string, number[]>();

  constructor(items: BenchmarkItem[], readonly n: number, readonly share: number) {
    items.forEach((it, item) => {
      for (const code of it.code) {
        const tokens = codeTokens(code);
        if (tokens.length < 2 * n) continue; // too short to ever reach 2n covered tokens
        const at = this.codes.push({ item, tokens, keys: gramKeys(tokens, n) }) - 1;
        for (const k of new Set(this.codes[at].keys)) {
          const list = this.postings.get(k);
          if (list) list.push(at);
          else this.postings.set(k, [at]);
        }
      }
    });
  }

  get size(): number {
    return this.codes.length;
  }

  /** Benchmark items the code overlaps enough, best share first (one hit per item). */
  find(code: string): NgramHit[] {
    if (this.codes.length === 0) return [];
    const grams = new Set(gramKeys(codeTokens(code), this.n));
    const candidates = new Set<number>();
    for (const g of grams) for (const c of this.postings.get(g) ?? []) candidates.add(c);
    const best = new Map<number, NgramHit>();
    for (const c of candidates) {
      const hit = this.cover(this.codes[c], grams);
      if (!hit) continue;
      const prior = best.get(hit.item);
      if (!prior || hit.share > prior.share) best.set(hit.item, hit);
    }
    return [...best.values()].sort((a, b) => b.share - a.share);
  }

  private cover(code: IndexedCode, grams: Set<string>): NgramHit | undefined {
    const covered = new Uint8Array(code.tokens.length);
    code.keys.forEach((k, i) => { if (grams.has(k)) covered.fill(1, i, i + this.n); });
    let total = 0;
    let run = 0;
    let bestRun = 0;
    let bestEnd = 0;
    covered.forEach((c, i) => {
      total += c;
      run = c ? run + 1 : 0;
      if (run > bestRun) { bestRun = run; bestEnd = i + 1; }
    });
    const share = total / code.tokens.length;
    if (share < this.share || total < 2 * this.n) return undefined;
    return { item: code.item, share: Math.round(share * 1000) / 1000, matched: code.tokens.slice(bestEnd - bestRun, bestEnd).join(' ') };
  }
}
