// Exact and near-duplicate removal, first occurrence wins. Exact: equal normalised programs
// (formatting, comments and the docstring normalised away by the miner). Near: MinHash over token
// 3-grams of the function alone, with local names renamed by order of first appearance, so a copy
// with renamed variables or a small edit is caught while functions that call different things
// (`math.sin` vs `math.cos`) stay distinct. LSH banding keeps it linear.
import type { DedupOptions } from './options.js';
import { chooseBands, shingleHashes, signature } from './minhash.js';

export type DedupVerdict =
  | { kind: 'unique' }
  | { kind: 'duplicate_exact'; of: string }
  | { kind: 'duplicate_near'; of: string; similarity: number };

/** Rows per storage chunk: growing adds a chunk and never copies what is stored (no doubling spike). */
const CHUNK_BITS = 10;
const CHUNK = 1 << CHUNK_BITS;

/** Fixed-width rows of 16- or 32-bit integers, stored in chunks of CHUNK rows. */
class Rows<T extends Uint16Array | Int32Array> {
  private readonly chunks: T[] = [];
  constructor(private readonly width: number, private readonly make: (n: number) => T) {}

  /** Row `i` (its chunk is allocated when first reached). */
  row(i: number): T {
    const c = i >>> CHUNK_BITS;
    while (this.chunks.length <= c) this.chunks.push(this.make(this.width * CHUNK));
    const at = (i & (CHUNK - 1)) * this.width;
    return this.chunks[c].subarray(at, at + this.width) as T;
  }
}

/** Strings by index, as UTF-8 in one byte arena grown by half (no string object kept per item). */
class StringArena {
  private bytes = new Uint8Array(1 << 16);
  private ends = new Uint32Array(1024);
  private used = 0;
  private n = 0;

  push(s: string): number {
    const b = Buffer.from(s, 'utf8');
    if (this.used + b.length > this.bytes.length) {
      const more = new Uint8Array(Math.max(this.used + b.length, Math.ceil(this.bytes.length * 1.5)));
      more.set(this.bytes);
      this.bytes = more;
    }
    this.bytes.set(b, this.used);
    this.used += b.length;
    if (this.n === this.ends.length) {
      const more = new Uint32Array(Math.ceil(this.ends.length * 1.5));
      more.set(this.ends);
      this.ends = more;
    }
    this.ends[this.n] = this.used;
    return this.n++;
  }

  at(i: number): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset + (i ? this.ends[i - 1] : 0), this.ends[i] - (i ? this.ends[i - 1] : 0)).toString('utf8');
  }
}

/** A 32-bit FNV-1a hash of a string, from a seed (two seeds give the 64 bits exact keys are known by). */
function hash32(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * State grows with every kept function, so it lives in typed tables, about 0.5 KB a function (a
 * million functions: ~0.5 GB less than string maps would need; 20,000: ~10 MB):
 * - signatures as their low 16 bits (b-bit MinHash: two different 32-bit minima agree in their low
 *   16 bits once in 65,536, which moves an estimated similarity by about 1e-5), in chunks;
 * - LSH buckets as chains: an open-addressing table from a bucket (band and its rows' values) to its
 *   newest entry, and per entry (item, band) the previous one; a bucket is matched on its values
 *   themselves, so every item in a chain really shares the band;
 * - exact keys known by two 32-bit hashes (a false match among a million keys: about 1e-7);
 * - ids as UTF-8 in one arena.
 * Verdicts do not depend on the order candidates are met (the most similar wins, the earliest on ties).
 */
export class Deduper {
  private readonly bands: number;
  private readonly rows: number;
  private readonly sigs: Rows<Uint16Array>;
  /** Per item, per band: the previous entry (item * bands + band) of that bucket, or -1. */
  private readonly next: Rows<Int32Array>;
  /** Bucket heads (entry + 1; 0 is empty), filled to at most 70% (linear probing stays short). */
  private heads = new Int32Array(1 << 12);
  private buckets = 0;
  /** Exact keys: [hash a, hash b, item + 1] per slot. */
  private exact = new Uint32Array(3 << 10);
  private exactCount = 0;
  private readonly ids = new StringArena();
  private items = 0;

  constructor(private readonly opts: DedupOptions) {
    ({ bands: this.bands, rows: this.rows } = chooseBands(opts.numPerm, opts.threshold));
    this.sigs = new Rows(opts.numPerm, (n) => new Uint16Array(n));
    this.next = new Rows(this.bands, (n) => new Int32Array(n));
  }

  /** Checks an item against those kept so far; a unique item is kept (registered). */
  check(id: string, exactKey: string, tokens: string[]): DedupVerdict {
    const ka = hash32(exactKey, 0x811c9dc5);
    const kb = hash32(exactKey, 0x9e3779b9);
    if (this.opts.exact) {
      const of = this.exact[this.exactSlot(ka, kb) + 2];
      if (of !== 0) return { kind: 'duplicate_exact', of: this.ids.at(of - 1) };
    }
    let sig: Uint16Array | undefined;
    if (this.opts.near) {
      sig = Uint16Array.from(signature(shingleHashes(tokens, this.opts.shingle), this.opts.numPerm), (v) => v & 0xffff);
      const best = this.nearest(sig);
      if (best) return { kind: 'duplicate_near', of: this.ids.at(best.item), similarity: best.similarity };
    }
    const item = this.items++;
    this.ids.push(id);
    if (this.opts.exact) this.addExact(ka, kb, item);
    if (sig) {
      this.sigs.row(item).set(sig);
      const next = this.next.row(item);
      for (let band = 0; band < this.bands; band++) {
        if (this.buckets + 1 > this.heads.length * 0.7) this.growHeads();
        const slot = this.headSlot(sig, band);
        if (this.heads[slot] === 0) this.buckets++;
        next[band] = this.heads[slot] - 1;
        this.heads[slot] = item * this.bands + band + 1;
      }
    }
    return { kind: 'unique' };
  }

  private bandHash(sig: Uint16Array, band: number): number {
    let h = Math.imul(0x811c9dc5 ^ band, 0x01000193);
    for (let r = band * this.rows; r < (band + 1) * this.rows; r++) h = Math.imul(h ^ sig[r], 0x01000193);
    h ^= h >>> 15;
    return Math.imul(h, 0x2c1b3c6d) >>> 0;
  }

  /** The slot of the bucket (band, sig's rows of it): its head, or the empty slot it would take. */
  private headSlot(sig: Uint16Array, band: number): number {
    const mask = this.heads.length - 1;
    for (let i = this.bandHash(sig, band) & mask; ; i = (i + 1) & mask) {
      const e = this.heads[i] - 1;
      if (e < 0) return i;
      if (e % this.bands === band && this.sharesBand(sig, this.sigs.row(Math.floor(e / this.bands)), band)) return i;
    }
  }

  private growHeads(): void {
    const old = this.heads;
    this.heads = new Int32Array(old.length * 2);
    const mask = this.heads.length - 1;
    for (const head of old) {
      if (head === 0) continue;
      const e = head - 1;
      const band = e % this.bands;
      let i = this.bandHash(this.sigs.row(Math.floor(e / this.bands)), band) & mask;
      while (this.heads[i] !== 0) i = (i + 1) & mask;
      this.heads[i] = head;
    }
  }

  private exactSlot(ka: number, kb: number): number {
    const slots = this.exact.length / 3;
    for (let i = ka % slots; ; i = (i + 1) % slots) {
      const at = i * 3;
      if (this.exact[at + 2] === 0 || (this.exact[at] === ka && this.exact[at + 1] === kb)) return at;
    }
  }

  private addExact(ka: number, kb: number, item: number): void {
    if ((this.exactCount + 1) * 2 > this.exact.length / 3) {
      const old = this.exact;
      this.exact = new Uint32Array(old.length * 2);
      for (let at = 0; at < old.length; at += 3) {
        if (old[at + 2] === 0) continue;
        this.exact.set(old.subarray(at, at + 3), this.exactSlot(old[at], old[at + 1]));
      }
    }
    const at = this.exactSlot(ka, kb);
    this.exact[at] = ka;
    this.exact[at + 1] = kb;
    this.exact[at + 2] = item + 1;
    this.exactCount++;
  }

  private sharesBand(a: Uint16Array, b: Uint16Array, band: number): boolean {
    for (let r = band * this.rows; r < (band + 1) * this.rows; r++) if (a[r] !== b[r]) return false;
    return true;
  }

  /** The most similar kept item at or over the threshold (earliest on ties), if any. */
  private nearest(sig: Uint16Array): { item: number; similarity: number } | undefined {
    const seen = new Set<number>();
    let best: { item: number; similarity: number } | undefined;
    for (let band = 0; band < this.bands; band++) {
      for (let e = this.heads[this.headSlot(sig, band)] - 1; e >= 0; e = this.next.row(Math.floor(e / this.bands))[band]) {
        const item = Math.floor(e / this.bands);
        if (seen.has(item)) continue;
        seen.add(item);
        const kept = this.sigs.row(item);
        let same = 0;
        for (let i = 0; i < sig.length; i++) if (sig[i] === kept[i]) same++;
        const s = same / sig.length;
        // Items are numbered in the order they were kept: the smaller, the earlier.
        if (s >= this.opts.threshold && (!best || s > best.similarity || (s === best.similarity && item < best.item))) best = { item, similarity: s };
      }
    }
    return best;
  }
}
