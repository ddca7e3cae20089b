// Train/test splits that measure generalisation, decided once every record of the run is known. By
// context (default): all records of a dataset (every context over it, every notebook's cut points)
// go to one side, a share of the datasets to test. By template: whole template families (the
// program's operation families, or one LLM intent) go to one side, so no test intent template occurs
// in train. Deterministic for the seed: keys are ordered by a hash of seed and key.
import { sha256 } from '../store/hash.js';
import type { Gift4CodeEpisode, Gift4CodeRecord } from './record.js';

export type SplitBy = 'context' | 'template';

export interface SplitSummary {
  by: SplitBy;
  test_share: number;
  /** The keys (datasets or template families) that went to test. */
  test_keys: string[];
  records: { train: number; test: number };
  /** Distinct intent templates of each side, and of test also in train. */
  templates: { train: number; test: number; test_in_train: number };
}

/** The dataset key of a context: its datasets, or the notebook file for notebook contexts. */
export function contextKey(c: { name: string; datasets: Array<{ name: string }> }): string {
  return c.datasets.length ? c.datasets.map((d) => d.name).sort().join('+') : c.name.replace(/@\d+$/, '');
}

export function templateFamily(r: Gift4CodeRecord): string {
  return r.metadata.generator === 'llm' ? `intent:${r.intent}` : r.metadata.family;
}

function keyOf(r: Gift4CodeRecord, by: SplitBy): string {
  return by === 'context' ? contextKey(r.context) : templateFamily(r);
}

function hashOrder(keys: string[], seed: number): string[] {
  return [...keys].sort((a, b) => sha256(`${seed}:${a}`).localeCompare(sha256(`${seed}:${b}`)) || a.localeCompare(b));
}

/** The keys that go to test: by context, a share of the keys; by template, keys until a share of the records. */
export function testKeysOf(sizes: Map<string, number>, by: SplitBy, share: number, seed: number): Set<string> {
  const keys = hashOrder([...sizes.keys()], seed);
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const chosen = new Set<string>();
  if (keys.length < 2 || share <= 0) return chosen;
  if (by === 'context') {
    const n = Math.min(keys.length - 1, Math.max(1, Math.round(share * keys.length)));
    for (const k of keys.slice(0, n)) chosen.add(k);
    return chosen;
  }
  let taken = 0;
  for (const k of keys) {
    if (taken >= share * total || chosen.size === keys.length - 1) break;
    chosen.add(k);
    taken += sizes.get(k)!;
  }
  return chosen;
}

/** Interned strings: one number a record instead of a string. */
class Names {
  readonly list: string[] = [];
  private readonly ids = new Map<string, number>();
  id(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) { i = this.list.push(s) - 1; this.ids.set(s, i); }
    return i;
  }
}

/**
 * The run's split, decided once every record has been seen (the export's plan pass): each record's
 * key (its dataset, or its template family) and template are kept as numbers; `finish` picks the
 * test keys and says what went where (`summary`). Episodes follow their dataset (`episodeSplit`).
 */
export class SplitPlan {
  private readonly keys = new Names();
  private readonly templates = new Names();
  private readonly contexts = new Names();
  private readonly of: number[] = [];
  private readonly template: number[] = [];
  private readonly context: number[] = [];
  private testContexts = new Set<string>();
  summary: SplitSummary;

  constructor(private readonly by: SplitBy, private readonly share: number, private readonly seed: number) {
    this.summary = { by, test_share: share, test_keys: [], records: { train: 0, test: 0 }, templates: { train: 0, test: 0, test_in_train: 0 } };
  }

  observe(r: Gift4CodeRecord, index: number): void {
    this.of[index] = this.keys.id(keyOf(r, this.by));
    this.template[index] = this.templates.id(r.metadata.template);
    this.context[index] = this.contexts.id(contextKey(r.context));
  }

  finish(): (index: number) => 'train' | 'test' {
    const sizes = new Map<string, number>();
    const ctxSizes = new Map<string, number>();
    this.of.forEach((k, i) => {
      if (k === undefined) return;
      const key = this.keys.list[k];
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
      const c = this.contexts.list[this.context[i]];
      ctxSizes.set(c, (ctxSizes.get(c) ?? 0) + 1);
    });
    const test = testKeysOf(sizes, this.by, this.share, this.seed);
    this.testContexts = this.by === 'context' ? test : testKeysOf(ctxSizes, 'context', this.share, this.seed);
    const testIds = new Set([...test].map((k) => this.keys.id(k)));
    const split = (i: number) => (testIds.has(this.of[i]) ? 'test' : 'train') as 'train' | 'test';
    const records = { train: 0, test: 0 };
    const seen = { train: new Set<number>(), test: new Set<number>() };
    this.of.forEach((k, i) => {
      if (k === undefined) return;
      const s = split(i);
      records[s]++;
      seen[s].add(this.template[i]);
    });
    this.summary = {
      by: this.by, test_share: this.share, test_keys: [...test].sort(), records,
      templates: { train: seen.train.size, test: seen.test.size, test_in_train: [...seen.test].filter((t) => seen.train.has(t)).length },
    };
    return split;
  }

  /** The split of an episode over a context (its dataset's side; by template, the datasets' split at the same share). */
  episodeSplit(context: { name: string; datasets: Array<{ name: string }> }): 'train' | 'test' {
    return this.testContexts.has(contextKey(context)) ? 'test' : 'train';
  }
}

/** Sets every record's split (in place) and says what went where. */
export function assignSplits(records: Gift4CodeRecord[], by: SplitBy, share: number, seed: number): SplitSummary {
  const plan = new SplitPlan(by, share, seed);
  records.forEach((r, i) => plan.observe(r, i));
  const split = plan.finish();
  records.forEach((r, i) => { r.split = split(i); });
  return plan.summary;
}

/** Sets the split of every episode (in place) by the plan's datasets. */
export function assignEpisodeSplits(episodes: Gift4CodeEpisode[], plan: SplitPlan, contexts: Map<string, { name: string; datasets: Array<{ name: string }> }>): void {
  for (const e of episodes) {
    const c = contexts.get(e.context_id);
    const split = c ? plan.episodeSplit(c) : 'train';
    e.split = split;
    e.metadata.split = split;
  }
}
