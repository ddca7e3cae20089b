// Decontamination of a stream of records: each record is checked against every benchmark item by
// the rules asked for (bigcode's substring rule, n-gram overlap, the renamed-AST match) and comes
// out with its matches; a record with any match is to be removed. Records are checked in batches
// (the AST rule asks the sandbox once per batch) and come out in their input order.
import type { Executor } from '../exec/executor.js';
import type { SandboxChoice } from '../exec/types.js';
import { FunctionIndex, Fingerprinter } from './fingerprint.js';
import { NgramIndex } from './ngram.js';
import { normaliseDecontamOptions, type DecontamOptions, type ResolvedDecontamOptions, type Rule } from './options.js';
import { loadReferences, type BenchmarkItem, type ReferenceStats } from './references.js';
import { SubstringIndex } from './substring.js';
import { viewOf, type RecordView } from './view.js';

export interface Match {
  rule: Rule;
  benchmark: string;
  /** The benchmark item's id (`HumanEval/12`, `Mbpp/2`, `sample_3`, a DS-1000 problem id). */
  item: string;
  /** The record field it was found in. */
  field: string;
  /** The matched text (the benchmark string, the longest shared token run, or the function's name). */
  matched: string;
  /** n-gram rule: share of the item's tokens covered. */
  share?: number;
}

export interface Checked<R> {
  record: R;
  /** Where the record was read (file and line). */
  where: string;
  view: RecordView;
  matches: Match[];
}

/** What the checker was built from, for reports and the dataset card. */
export interface DecontamSetup {
  options: { against: string[]; rules: Rule[]; ngram: number; ngram_share: number; min_tokens: number; ast_min_nodes: number; files: Array<{ path: string; fields: string[] }> };
  benchmarks: Record<string, ReferenceStats & { strings?: number; allow_listed?: number; functions?: number; unparsed?: number }>;
}

const MAX_MATCHED = 300;
const BATCH = 256;

const clip = (s: string) => (s.length > MAX_MATCHED ? `${s.slice(0, MAX_MATCHED)}...` : s);

export class Decontaminator {
  private constructor(
    readonly options: ResolvedDecontamOptions,
    private readonly items: BenchmarkItem[],
    readonly setup: DecontamSetup,
    private readonly substrings?: SubstringIndex,
    private readonly ngrams?: NgramIndex,
    private readonly fingerprinter?: Fingerprinter,
    private readonly functions?: FunctionIndex,
  ) {}

  static async create(options: DecontamOptions, deps: { executor?: Executor; sandbox?: SandboxChoice } = {}): Promise<Decontaminator> {
    const o = normaliseDecontamOptions(options);
    const { items, stats } = await loadReferences(o);
    const substrings = o.rules.includes('substring') ? new SubstringIndex(items, o.minTokens) : undefined;
    const ngrams = o.rules.includes('ngram') ? new NgramIndex(items, o.ngram, o.ngramShare) : undefined;
    let fingerprinter: Fingerprinter | undefined;
    let functions: FunctionIndex | undefined;
    if (o.rules.includes('ast')) {
      fingerprinter = await Fingerprinter.open(o.astMinNodes, deps);
      functions = await FunctionIndex.build(items, fingerprinter);
    }
    const benchmarks: DecontamSetup['benchmarks'] = {};
    for (const [name, s] of Object.entries(stats)) {
      benchmarks[name] = {
        ...s,
        ...(substrings ? { strings: substrings.strings[name] ?? 0, allow_listed: substrings.allowListed[name] ?? 0 } : {}),
        ...(functions ? { functions: functions.functions[name] ?? 0, unparsed: functions.unparsed[name] ?? 0 } : {}),
      };
    }
    const setup: DecontamSetup = {
      options: {
        against: [...o.against], rules: [...o.rules], ngram: o.ngram, ngram_share: o.ngramShare, min_tokens: o.minTokens, ast_min_nodes: o.astMinNodes,
        files: o.againstFiles.map((f) => ({ path: f.path, fields: f.fields })),
      },
      benchmarks,
    };
    return new Decontaminator(o, items, setup, substrings, ngrams, fingerprinter, functions);
  }

  /** Matches of a batch of records, in order. */
  async checkBatch(views: RecordView[]): Promise<Match[][]> {
    const out = views.map((v) => this.textMatches(v));
    if (this.fingerprinter && this.functions) {
      const jobs = views.flatMap((v, i) => v.code.map((c) => ({ i, field: c.field, text: c.text, names: v.functions })));
      const prints = await this.fingerprinter.prints(jobs.map((j) => j.text));
      prints.forEach((p, k) => {
        if ('error' in p) return;
        const job = jobs[k];
        // A Case2Code record's own function when the code has it, else every function; never a tiny one.
        const own = p.functions.filter((f) => job.names.includes(f.name));
        const compared = (own.length ? own : p.functions).filter((f) => f.nodes >= this.fingerprinter!.minNodes);
        const seen = new Set(out[job.i].filter((m) => m.rule === 'ast').map((m) => m.item));
        for (const f of compared) {
          const hit = this.functions!.get(f.hash);
          if (!hit) continue;
          const item = this.items[hit.item];
          if (seen.has(item.id)) continue;
          seen.add(item.id);
          out[job.i].push({ rule: 'ast', benchmark: item.benchmark, item: item.id, field: job.field, matched: `${f.name} (line ${f.line}, ${f.nodes} nodes) = ${hit.name}` });
        }
      });
    }
    return out;
  }

  private textMatches(v: RecordView): Match[] {
    const matches: Match[] = [];
    const seen = new Set<string>();
    const push = (m: Match) => {
      const key = `${m.rule}\u0000${m.benchmark}\u0000${m.item}`;
      if (!seen.has(key)) { seen.add(key); matches.push(m); }
    };
    if (this.substrings) {
      for (const t of v.texts) {
        for (const h of this.substrings.find(t.text)) {
          const item = this.items[h.item];
          push({ rule: 'substring', benchmark: item.benchmark, item: item.id, field: t.field, matched: clip(`${h.kind}: ${h.matched}`) });
        }
      }
    }
    if (this.ngrams) {
      for (const c of v.code) {
        for (const h of this.ngrams.find(c.text)) {
          const item = this.items[h.item];
          push({ rule: 'ngram', benchmark: item.benchmark, item: item.id, field: c.field, matched: clip(h.matched), share: h.share });
        }
      }
    }
    return matches;
  }

  /** Every record of the stream with its matches, in order. */
  async *check<R>(records: AsyncIterable<{ record: R; where: string }>): AsyncGenerator<Checked<R>> {
    let batch: Array<{ record: R; where: string; view: RecordView }> = [];
    const flush = async function* (this: Decontaminator) {
      const matches = await this.checkBatch(batch.map((b) => b.view));
      for (const [i, b] of batch.entries()) yield { record: b.record, where: b.where, view: b.view, matches: matches[i] };
      batch = [];
    };
    for await (const { record, where } of records) {
      batch.push({ record, where, view: viewOf(record, where) });
      if (batch.length >= BATCH) yield* flush.call(this);
    }
    if (batch.length) yield* flush.call(this);
  }

  async close(): Promise<void> {
    await this.fingerprinter?.close();
  }
}
