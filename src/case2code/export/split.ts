// The train/test split, over every record at once: records are grouped by source file (a corpus row
// is its own file), groups are joined when a record's target is a near-duplicate of another's
// (MinHash over the target's token 3-grams, LSH bands, as mining's dedup does, each candidate pair
// verified on its estimated similarity so that chains of weak matches do not merge a corpus) or when a record's
// prompt or completion contains another record's target as a definition; whole groups go to test in
// the order of a hash of their smallest file name until test holds the test share of the records,
// and only groups whose every record has enough held-out cases.
// Then a check that needs no trust in the grouping: no test target's definition inside a train
// record's prompt or completion, no LSH band shared across the split, no test record under the
// held-out minimum. Its counts must all be 0.
//
// A pure module over streams of compact per-record facts (`splitFactsOf`), read four times (group,
// join by containment, and two for the check); records themselves are never held. What it keeps grows with the
// corpus only as numbers: per file a group, per record its target hash, its MinHash signature and
// BANDS band keys (about 350 bytes a record in typed tables; a million functions ~350 MB).
import { createHash } from 'node:crypto';
import { shingleHashes, signature } from '../../sources/minhash.js';
import { completionCode } from '../running/check.js';
import { neutralText, topLevelDefs } from '../records/defs.js';
import type { Case2CodeRecord } from '../records/record.js';

export interface SplitFacts {
  id: string;
  /** The source file (with its row for a corpus row): records of one file stay on one side. */
  group: string;
  /** Hash of the target's definition text, its own name made neutral. */
  target: number;
  /** Hashes of the other definitions the record's prompt and completion hold (helpers, context). */
  contains: number[];
  /** The target's MinHash signature (PERMS values). */
  signature: number[];
  heldout: number;
}

export interface SplitOptions {
  testShare: number;
  seed: number;
  /** A test record needs at least this many held-out cases; a group with one under it stays in train. */
  minHeldout: number;
}

export interface SplitCounts {
  records: { train: number; test: number };
  files: number;
  groups: number;
  test_groups: number;
  largest_group: number;
  /** Groups kept in train because a record in them has too few held-out cases. */
  groups_kept_in_train: number;
  /** The check: each must be 0. */
  test_targets_in_train: number;
  near_duplicates_across: number;
  test_under_min_heldout: number;
}

export interface SplitPlan {
  sideOf(f: Pick<SplitFacts, 'group'>): 'train' | 'test';
  counts: SplitCounts;
}

export type FactsSource = () => Iterable<SplitFacts>;

const PERMS = 32;
const BANDS = 8;
const ROWS = PERMS / BANDS;
const SHINGLE = 3;
/** Targets at this estimated Jaccard similarity or more are near-duplicates (mining drops those at
 *  0.85 and more; near-twins below that stay, and must stay on one side). */
export const NEAR_DUPLICATE = 0.7;

/** A 52-bit hash of text (collisions among a million items: about one in ten thousand runs). */
export function hash52(text: string): number {
  const d = createHash('sha256').update(text).digest();
  return d.readUInt32BE(0) * 0x100000 + (d.readUInt32BE(4) >>> 12);
}

const TOKEN = /[A-Za-z_]\w*|\d[\w.]*|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|\S/g;

/** A definition's MinHash signature over its token 3-grams. */
export function minhashOf(text: string): number[] {
  return Array.from(signature(shingleHashes(text.match(TOKEN) ?? [], SHINGLE), PERMS));
}

/** LSH band keys of a signature. */
export function bandKeys(sig: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let b = 0; b < BANDS; b++) out.push(hash52(`${b}:${Array.prototype.slice.call(sig, b * ROWS, (b + 1) * ROWS).join(',')}`));
  return out;
}

function similar(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  let same = 0;
  for (let i = 0; i < PERMS; i++) if (a[i] === b[i]) same++;
  return same / PERMS >= NEAR_DUPLICATE;
}

/** Signatures of records by index, PERMS values each. */
class Signatures {
  private data = new Uint32Array(1024 * PERMS);
  private n = 0;
  push(sig: ArrayLike<number>): number {
    if ((this.n + 1) * PERMS > this.data.length) { const d = new Uint32Array(this.data.length * 2); d.set(this.data); this.data = d; }
    this.data.set(sig, this.n * PERMS);
    return this.n++;
  }
  at(i: number): Uint32Array { return this.data.subarray(i * PERMS, (i + 1) * PERMS); }
}

/** The definitions (neutral text hashes) a record's prompt and completion hold. */
export function definitionsIn(r: Pick<Case2CodeRecord, 'prompt' | 'completion' | 'context' | 'program'>): number[] {
  const code = completionCode(r.context, r.program);
  const texts = [r.context, code, ...fencedBlocks(r.prompt), ...fencedBlocks(r.completion)];
  return [...new Set(texts.flatMap((t) => topLevelDefs(t).map((d) => hash52(neutralText(d)))))];
}

function fencedBlocks(text: string): string[] {
  return [...text.matchAll(/```[a-zA-Z]*\n([\s\S]*?)```/g)].map((m) => m[1]);
}

export function splitFactsOf(r: Case2CodeRecord): SplitFacts {
  const code = completionCode(r.context, r.program);
  const target = topLevelDefs(code).find((d) => d.name === r.name);
  const text = target ? neutralText(target) : code;
  const t = hash52(text);
  const s = r.metadata.source;
  return {
    id: r.id,
    group: s.row === null ? s.path : `${s.path}#${s.row}`,
    target: t,
    contains: definitionsIn(r).filter((h) => h !== t),
    signature: minhashOf(text),
    heldout: r.heldout.length,
  };
}

/** Open addressing over float64 keys (52-bit hashes) with int32 values: a few bytes an entry. */
class NumberTable {
  private keys = new Float64Array(1024).fill(NaN);
  private vals = new Int32Array(1024);
  size = 0;

  private slot(k: number): number {
    const mask = this.keys.length - 1;
    let i = (k % 0x7fffffff) & mask;
    while (!Number.isNaN(this.keys[i]) && this.keys[i] !== k) i = (i + 1) & mask;
    return i;
  }

  get(k: number): number | undefined {
    const i = this.slot(k);
    return Number.isNaN(this.keys[i]) ? undefined : this.vals[i];
  }

  set(k: number, v: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const i = this.slot(k);
    if (Number.isNaN(this.keys[i])) { this.keys[i] = k; this.size++; }
    this.vals[i] = v;
  }

  private grow(): void {
    const { keys, vals } = this;
    this.keys = new Float64Array(keys.length * 2).fill(NaN);
    this.vals = new Int32Array(keys.length * 2);
    this.size = 0;
    for (let i = 0; i < keys.length; i++) if (!Number.isNaN(keys[i])) this.set(keys[i], vals[i]);
  }
}

/** Union-find over group numbers, with the smallest file name of each component at its root. */
class Groups {
  private parent: number[] = [];
  private names: string[] = [];
  private ids = new Map<string, number>();

  idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.parent.push(this.parent.length) - 1;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }

  find(x: number): number {
    while (this.parent[x] !== x) { this.parent[x] = this.parent[this.parent[x]]; x = this.parent[x]; }
    return x;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    // The root keeps the smaller name, so a component's key does not depend on the order of joins.
    if (this.names[ra] < this.names[rb]) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }

  nameOf(root: number): string { return this.names[root]; }
  get count(): number { return this.parent.length; }
  lookup(name: string): number | undefined { return this.ids.get(name); }
}

function bucket(key: string, seed: number): number {
  return createHash('sha256').update(`split:${seed}:${key}`).digest().readUInt32BE(0) / 0x100000000;
}

export function planSplit(facts: FactsSource, opts: SplitOptions): SplitPlan {
  const groups = new Groups();
  const bands = new NumberTable(); // band key -> the first record (its index) with it
  const targets = new NumberTable();
  const sigs = new Signatures();
  const groupOf: number[] = [];
  // Pass 1: files, near-duplicate targets (a band shared with a record of similar signature joins
  // their groups), who owns each target.
  for (const f of facts()) {
    const g = groups.idOf(f.group);
    const i = sigs.push(f.signature);
    groupOf.push(g);
    for (const b of bandKeys(f.signature)) {
      const rep = bands.get(b);
      if (rep === undefined) bands.set(b, i);
      else if (similar(sigs.at(rep), f.signature)) groups.union(g, groupOf[rep]);
    }
    const owner = targets.get(f.target);
    if (owner === undefined) targets.set(f.target, g);
    else groups.union(g, owner);
  }
  // Pass 2: a record whose prompt or completion holds another record's target joins its group; and
  // groups with a record under the held-out minimum.
  const short = new Set<number>();
  const perGroup: number[] = [];
  let total = 0;
  for (const f of facts()) {
    const g = groups.idOf(f.group);
    for (const h of f.contains) {
      const owner = targets.get(h);
      if (owner !== undefined) groups.union(g, owner);
    }
    if (f.heldout < opts.minHeldout) short.add(g);
    perGroup[g] = (perGroup[g] ?? 0) + 1;
    total++;
  }
  const shortRoots = new Set([...short].map((g) => groups.find(g)));
  const side = new Map<number, 'train' | 'test'>();
  const sizes = new Map<number, number>();
  const rootSize = new Map<number, number>();
  for (let g = 0; g < groups.count; g++) {
    const root = groups.find(g);
    rootSize.set(root, (rootSize.get(root) ?? 0) + (perGroup[g] ?? 0));
  }
  // Whole groups go to test in the order of a seeded hash of their names until test holds the test
  // share of the records (a group that would overshoot it by more than half of itself is passed over):
  // a share of records, not of groups, since groups range from one record to dozens.
  let keptInTrain = 0;
  const want = opts.testShare * total;
  let inTest = 0;
  const order = [...rootSize.keys()].map((root) => ({ root, name: groups.nameOf(root), at: bucket(groups.nameOf(root), opts.seed) }))
    .sort((a, b) => a.at - b.at || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { root } of order) {
    side.set(root, 'train');
    const size = rootSize.get(root)!;
    if (inTest >= want || size === 0 || inTest + size / 2 > want) continue;
    if (shortRoots.has(root)) { keptInTrain++; continue; }
    side.set(root, 'test');
    inTest += size;
  }
  const roots = new Set(rootSize.keys());
  const sideOf = (f: Pick<SplitFacts, 'group'>): 'train' | 'test' => {
    const g = groups.lookup(f.group);
    return g === undefined ? 'train' : side.get(groups.find(g)) ?? 'train';
  };
  // Pass 3, the check, from the final sides alone: test targets, and per band the first test record.
  const testTargets = new NumberTable();
  const testBands = new NumberTable();
  const records = { train: 0, test: 0 };
  let underMin = 0;
  let k = 0;
  for (const f of facts()) {
    const s = sideOf(f);
    records[s]++;
    const root = groups.find(groups.idOf(f.group));
    sizes.set(root, (sizes.get(root) ?? 0) + 1);
    if (s === 'test') {
      testTargets.set(f.target, 1);
      if (f.heldout < opts.minHeldout) underMin++;
      for (const b of bandKeys(f.signature)) if (testBands.get(b) === undefined) testBands.set(b, k);
    }
    k++;
  }
  // Pass 4: train records that hold a test target, or are near-duplicates of a test record.
  let leaks = 0;
  let across = 0;
  for (const f of facts()) {
    if (sideOf(f) !== 'train') continue;
    if (f.contains.some((h) => testTargets.get(h) !== undefined) || testTargets.get(f.target) !== undefined) leaks++;
    if (bandKeys(f.signature).some((b) => { const t = testBands.get(b); return t !== undefined && similar(sigs.at(t), f.signature); })) across++;
  }
  return {
    sideOf,
    counts: {
      records,
      files: groups.count,
      groups: roots.size,
      test_groups: [...side.values()].filter((x) => x === 'test').length,
      largest_group: Math.max(0, ...sizes.values()),
      groups_kept_in_train: keptInTrain,
      test_targets_in_train: leaks,
      near_duplicates_across: across,
      test_under_min_heldout: underMin,
    },
  };
}

/** Compact facts of many records, appended one by one (typed arrays; no record is kept). */
export class FactsStore {
  private groups: string[] = [];
  private groupIds = new Map<string, number>();
  private group = new Int32Array(1024);
  private heldout = new Int32Array(1024);
  private target = new Float64Array(1024);
  private sigs = new Uint32Array(1024 * PERMS);
  private containsAt = new Int32Array(1025);
  private contains = new Float64Array(4096);
  private n = 0;
  private m = 0;

  get length(): number { return this.n; }

  push(f: SplitFacts): void {
    if (this.n === this.group.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, by = 2): T => { const b = new (a.constructor as new (n: number) => T)(a.length * by); b.set(a); return b; };
      this.group = grow(this.group); this.heldout = grow(this.heldout); this.target = grow(this.target);
      { const d = new Uint32Array(this.sigs.length * 2); d.set(this.sigs); this.sigs = d; }
      const at = new Int32Array(this.group.length + 1); at.set(this.containsAt); this.containsAt = at;
    }
    let g = this.groupIds.get(f.group);
    if (g === undefined) { g = this.groups.push(f.group) - 1; this.groupIds.set(f.group, g); }
    const i = this.n++;
    this.group[i] = g;
    this.heldout[i] = f.heldout;
    this.target[i] = f.target;
    this.sigs.set(f.signature.slice(0, PERMS), i * PERMS);
    while (this.m + f.contains.length > this.contains.length) { const c = new Float64Array(this.contains.length * 2); c.set(this.contains); this.contains = c; }
    for (const h of f.contains) this.contains[this.m++] = h;
    this.containsAt[i + 1] = this.m;
  }

  /** Facts of record `i` (its id is not kept: the store's records are known by their index). */
  at(i: number): SplitFacts {
    return {
      id: String(i), group: this.groups[this.group[i]], target: this.target[i], heldout: this.heldout[i],
      signature: Array.from(this.sigs.subarray(i * PERMS, (i + 1) * PERMS)),
      contains: Array.from(this.contains.subarray(this.containsAt[i], this.containsAt[i + 1])),
    };
  }

  *all(): Iterable<SplitFacts> {
    for (let i = 0; i < this.n; i++) yield this.at(i);
  }
}

/** The split for records seen one at a time in source order (the export's plan pass): facts are
 *  kept compact, and the plan is made over them once every record has been seen. */
export class RecordSplitter {
  private store = new FactsStore();
  /** The store's position of the record observed with each index (the export skips invalid ones). */
  private at = new Int32Array(1024).fill(-1);
  plan?: SplitPlan;

  constructor(private readonly opts: SplitOptions) {}

  observe(record: Case2CodeRecord, index = this.store.length): void {
    while (index >= this.at.length) { const a = new Int32Array(this.at.length * 2).fill(-1); a.set(this.at); this.at = a; }
    this.at[index] = this.store.length;
    this.store.push(splitFactsOf(record));
  }

  finish(): (index: number) => 'train' | 'test' {
    const plan = planSplit(() => this.store.all(), this.opts);
    this.plan = plan;
    return (i) => (this.at[i] >= 0 && i < this.at.length ? plan.sideOf(this.store.at(this.at[i])) : 'train');
  }
}
