// Exact and near-duplicate removal, first occurrence wins. Exact: equal normalised programs
// (formatting, comments and the docstring normalised away by the miner). Near: MinHash over token
// 3-grams of the function alone, with local names renamed by order of first appearance, so a copy
// with renamed variables or a small edit is caught while functions that call different things
// (`math.sin` vs `math.cos`) stay distinct. LSH banding keeps it linear.
import type { DedupOptions } from './options.js';
import { chooseBands, shingleHashes, signature, similarity } from './minhash.js';

export type DedupVerdict =
  | { kind: 'unique' }
  | { kind: 'duplicate_exact'; of: string }
  | { kind: 'duplicate_near'; of: string; similarity: number };

/** Items of a bucket: one item index, or several. */
type Bucket = number | number[];

/**
 * State grows with every kept function, so it is kept compact (about 0.7 KB a function instead of
 * 3.4 KB: a corpus of a million functions must not need gigabytes): ids in one array, signatures
 * in one typed array, and buckets keyed by a 32-bit hash of (band, rows) holding item indexes. A
 * hash collision only adds a candidate, which is dropped unless it really shares the band, so the
 * verdicts are those of keying buckets by the band's values themselves.
 */
export class Deduper {
  private readonly exact = new Map<string, number>();
  private readonly buckets = new Map<number, Bucket>();
  private readonly ids: string[] = [];
  private sigs = new Uint32Array(0);
  private readonly bands: number;
  private readonly rows: number;

  constructor(private readonly opts: DedupOptions) {
    ({ bands: this.bands, rows: this.rows } = chooseBands(opts.numPerm, opts.threshold));
  }

  /** Checks an item against those kept so far; a unique item is kept (registered). */
  check(id: string, exactKey: string, tokens: string[]): DedupVerdict {
    if (this.opts.exact) {
      const of = this.exact.get(exactKey);
      if (of !== undefined) return { kind: 'duplicate_exact', of: this.ids[of] };
    }
    let sig: Uint32Array | undefined;
    let keys: number[] = [];
    if (this.opts.near) {
      sig = signature(shingleHashes(tokens, this.opts.shingle), this.opts.numPerm);
      keys = this.bandKeys(sig);
      const best = this.nearest(sig, keys);
      if (best) return { kind: 'duplicate_near', of: best.id, similarity: best.similarity };
    }
    const item = this.ids.push(id) - 1;
    if (this.opts.exact) this.exact.set(exactKey, item);
    if (sig) {
      this.store(item, sig);
      for (const key of keys) {
        const b = this.buckets.get(key);
        if (b === undefined) this.buckets.set(key, item);
        else if (typeof b === 'number') this.buckets.set(key, [b, item]);
        else b.push(item);
      }
    }
    return { kind: 'unique' };
  }

  private store(item: number, sig: Uint32Array): void {
    const n = this.opts.numPerm;
    if ((item + 1) * n > this.sigs.length) {
      const grown = new Uint32Array(Math.max(1024 * n, this.sigs.length * 2));
      grown.set(this.sigs);
      this.sigs = grown;
    }
    this.sigs.set(sig, item * n);
  }

  private sigOf(item: number): Uint32Array {
    return this.sigs.subarray(item * this.opts.numPerm, (item + 1) * this.opts.numPerm);
  }

  /** FNV-1a over the band's rows, with the band's number, as one safe integer. */
  private bandKeys(sig: Uint32Array): number[] {
    const keys: number[] = [];
    for (let b = 0; b < this.bands; b++) {
      let h = 0x811c9dc5;
      for (let r = b * this.rows; r < (b + 1) * this.rows; r++) {
        for (let shift = 0; shift < 32; shift += 8) h = Math.imul(h ^ ((sig[r] >>> shift) & 0xff), 0x01000193);
      }
      keys.push(b * 0x100000000 + (h >>> 0));
    }
    return keys;
  }

  private sharesBand(a: Uint32Array, b: Uint32Array, band: number): boolean {
    for (let r = band * this.rows; r < (band + 1) * this.rows; r++) if (a[r] !== b[r]) return false;
    return true;
  }

  /** The most similar kept item at or over the threshold (earliest on ties), if any. */
  private nearest(sig: Uint32Array, keys: number[]): { id: string; similarity: number } | undefined {
    const seen = new Set<number>();
    let best: { item: number; similarity: number } | undefined;
    keys.forEach((key, band) => {
      const b = this.buckets.get(key);
      if (b === undefined) return;
      for (const item of typeof b === 'number' ? [b] : b) {
        if (seen.has(item)) continue;
        const kept = this.sigOf(item);
        if (!this.sharesBand(sig, kept, band)) continue; // a hash collision, not a shared band
        seen.add(item);
        const s = similarity(sig, kept);
        // Items are numbered in the order they were kept: the smaller, the earlier.
        if (s >= this.opts.threshold && (!best || s > best.similarity || (s === best.similarity && item < best.item))) best = { item, similarity: s };
      }
    });
    return best && { id: this.ids[best.item], similarity: best.similarity };
  }
}
