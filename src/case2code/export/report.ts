// report.json of a Case2Code run: counters, accumulated one finished function at a time as the
// export streams over the work log (no list of records is held). Keys are those of earlier runs,
// plus `units` (how each function's processing ended), `cost` (the per-function cost
// distribution), `checks` (issue 11's quality counts, quality.ts), `split` (the split's groups and
// its leak check, split.ts) and `environment` (what the records were made under).
import type { UsageSnapshot } from '../../llm/usage.js';
import { Counts } from '../../store/counts.js';
import type { CostSummary } from '../../store/cost.js';
import { InputFigureCounts, type InputFigures } from './input_figures.js';
import type { Case2CodeOptions } from '../options.js';
import { candidateLimits } from '../running/runs.js';
import { sampleSize, scopeStats, type SampleSize, type ScopeStats } from './scope_stats.js';
import type { SourceStats } from '../inputs/sources.js';
import type { WorkRecord } from '../types.js';
import type { Context } from '../context.js';
import { QualityCounter, type QualityChecks } from './quality.js';
import type { SplitCounts } from './split.js';
import { costSummary } from '../../store/cost.js';

export interface RunFacts {
  duplicates: number;
  duplicateNames: string[];
  sourceStats: SourceStats;
  /** Functions whose processing raised (recorded `failed`, with the reason). */
  internalErrors: number;
  /** Functions without a finished record (transient: a rerun does them again). */
  missing: number;
  seconds: number;
  llmUsage?: UsageSnapshot;
  versions: { caseforge: string; python: string };
  cost: CostSummary;
  units: { done: number; failed: number; transient: number; damaged_lines: number; failed_examples: string[] };
  export: { invalid: number; invalid_examples: string[]; shards: Record<string, number> };
  /** Records per split, as the export placed them. */
  splits: Record<string, number>;
  split: SplitCounts | null;
  /** What the records were made under, and what the determinism re-run changed. */
  environment: Context['environment'];
  recheckEnvironment: Context['environment'];
}

export interface Case2CodeReport {
  options: Record<string, unknown>;
  stages: Record<string, number>;
  dropped: Record<string, number>;
  drop_examples: Record<string, string[]>;
  cases_removed: Record<string, number>;
  splits: Record<string, number>;
  quality: { mean_coverage: number; mean_mutation_score: number; functions_with_mutants: number; mean_shown: number; mean_heldout: number };
  /** What the shown inputs are made of (input_figures.ts). */
  inputs: InputFigures;
  timing: { seconds: number; functions_per_s: number; calls: number; calls_per_s: number; work_seconds: number };
  cost: CostSummary;
  units: RunFacts['units'];
  export: RunFacts['export'];
  llm?: UsageSnapshot & { writer_requests: number };
  /** Completion sizes and how much of them is the target function (see scope_stats.ts). */
  completions: ScopeStats;
  gold?: { agree: number; disagree: number; programs_disagreeing: number; causes: Record<string, number>; programs: Array<{ name: string; row?: number; rowId?: string; causes: Record<string, number>; kept: boolean; drop?: string; examples: unknown[] }> };
  sources: SourceStats & { duplicates: number; duplicate_names: string[] };
  versions: { caseforge: string; python: string };
  environment: { records: Context['environment']; determinism_rerun: Context['environment'] };
  /** Issue 11's quality counts over the written records (each must be 0). */
  checks: QualityChecks;
  split: SplitCounts | null;
  /** Per-function CPU time in the sandbox and the work the budget counts (`cost` is the time its
   *  requests held a worker: the run's time); and what the budget cut. */
  cost_cpu: CostSummary;
  cost_work: CostSummary;
  budget: { budget_ms: number; functions_cut: number; stages_skipped: Record<string, number> };
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;
const sorted = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).sort(([a], [b]) => a.localeCompare(b)));

class Mean {
  private sum = 0;
  private n = 0;
  add(x: number): void { this.sum += x; this.n++; }
  get count(): number { return this.n; }
  value(): number { return this.n ? round4(this.sum / this.n) : 0; }
}

/** At most this many disagreeing programs are listed by name in the report. */
const GOLD_PROGRAMS = 200;

export class ReportBuilder {
  private readonly dropped = new Counts(5);
  private readonly removed: Record<string, number> = {};
  private processed = 0;
  private kept = 0;
  private candidates = 0;
  private samples = 0;
  private calls = 0;
  private workSeconds = 0;
  private writerRequests = 0;
  private readonly coverage = new Mean();
  private readonly mutation = new Mean();
  private readonly shown = new Mean();
  private readonly heldout = new Mean();
  private gold?: NonNullable<Case2CodeReport['gold']>;
  private readonly sizes: SampleSize[] = [];
  private readonly inputs = new InputFigureCounts();
  private quality?: QualityCounter;
  private cpu = new Float64Array(1024);
  private work = new Float64Array(1024);
  private cut = 0;
  private readonly skipped: Record<string, number> = {};

  constructor(private readonly completionCap = Infinity) {}

  add(r: WorkRecord): void {
    this.quality ??= new QualityCounter(this.completionCap);
    this.quality.add(r);
    if (this.processed === this.cpu.length) {
      const grow = (a: Float64Array) => { const c = new Float64Array(a.length * 2); c.set(a); return c; };
      this.cpu = grow(this.cpu);
      this.work = grow(this.work);
    }
    this.cpu[this.processed] = r.stats.cpu_ms ?? 0;
    this.work[this.processed] = r.stats.work_ms ?? 0;
    if (r.stats.budget_skipped) {
      this.cut++;
      for (const [k, v] of Object.entries(r.stats.budget_skipped)) this.skipped[k] = (this.skipped[k] ?? 0) + (v ?? 0);
    }
    this.processed++;
    this.inputs.add(r);
    if (!r.kept && r.drop) this.dropped.add(r.drop.reason, 1, `${r.name}: ${r.drop.detail}`.slice(0, 240));
    for (const [k, v] of Object.entries(r.stats.removed)) this.removed[k] = (this.removed[k] ?? 0) + v;
    this.candidates += r.stats.candidates;
    this.calls += r.stats.calls;
    this.workSeconds += r.stats.seconds;
    this.writerRequests += r.stats.llm_requests;
    if (r.kept) {
      this.kept++;
      this.coverage.add(r.stats.coverage);
      if (r.stats.mutants > 0) this.mutation.add(r.stats.mutation_score);
      for (const s of r.samples) {
        this.samples++;
        this.shown.add(s.shown.length);
        this.heldout.add(s.heldout.length);
        this.sizes.push(sampleSize(s));
      }
    }
    const g = r.stats.gold;
    if (g) {
      this.gold ??= { agree: 0, disagree: 0, programs_disagreeing: 0, causes: {}, programs: [] };
      this.gold.agree += g.agree;
      this.gold.disagree += g.disagree;
      if (g.disagree > 0) {
        this.gold.programs_disagreeing++;
        for (const [k, v] of Object.entries(g.causes)) this.gold.causes[k] = (this.gold.causes[k] ?? 0) + v;
        if (this.gold.programs.length < GOLD_PROGRAMS) {
          this.gold.programs.push({ name: r.name, row: r.source.row, rowId: r.source.rowId, causes: g.causes, kept: r.kept, drop: r.drop?.reason, examples: g.examples });
        }
      }
    }
  }

  finish(opts: Case2CodeOptions, facts: RunFacts): Case2CodeReport {
    const report: Case2CodeReport = {
      options: { inputs: opts.inputs, sources: opts.sources, seed: opts.seed, limit: opts.limit ?? null, fuzz_rounds: opts.fuzzRounds, max_mutants: opts.maxMutants, pool_size: opts.poolSize, shown: [opts.shownMin, opts.shownMax], heldout_max: opts.heldoutMax, max_error_share: opts.maxErrorShare, output_cap: opts.outputCap, call_limits: opts.callLimits, candidate_limits: candidateLimits(opts), max_completion_lines: opts.maxCompletionLines, over_cap: opts.overCap, max_context_lines: opts.maxContextLines },
      stages: {
        functions_read: this.processed + facts.duplicates + facts.missing + facts.internalErrors,
        duplicates: facts.duplicates,
        processed: this.processed,
        internal_errors: facts.internalErrors,
        kept: this.kept,
        dropped: this.processed - this.kept,
        candidates: this.candidates,
        samples: this.samples,
      },
      dropped: this.dropped.toJSON(),
      drop_examples: this.dropped.examplesJSON(),
      cases_removed: sorted(this.removed),
      splits: facts.splits,
      quality: {
        mean_coverage: this.coverage.value(),
        mean_mutation_score: this.mutation.value(),
        functions_with_mutants: this.mutation.count,
        mean_shown: this.shown.value(),
        mean_heldout: this.heldout.value(),
      },
      inputs: this.inputs.value(),
      timing: {
        seconds: Math.round(facts.seconds * 100) / 100,
        functions_per_s: Math.round((this.processed / Math.max(facts.seconds, 1e-3)) * 100) / 100,
        calls: this.calls,
        calls_per_s: Math.round(this.calls / Math.max(facts.seconds, 1e-3)),
        work_seconds: Math.round(this.workSeconds * 100) / 100,
      },
      completions: scopeStats(opts, this.sizes, facts.sourceStats),
      cost: facts.cost,
      units: facts.units,
      export: facts.export,
      sources: { ...withoutUnits(facts.sourceStats), duplicates: facts.duplicates, duplicate_names: facts.duplicateNames },
      versions: facts.versions,
      environment: { records: facts.environment, determinism_rerun: facts.recheckEnvironment },
      checks: (this.quality ?? new QualityCounter(this.completionCap)).toJSON(facts.split ?? undefined),
      split: facts.split,
      cost_cpu: costSummary(this.cpu.subarray(0, this.processed)),
      cost_work: costSummary(this.work.subarray(0, this.processed)),
      budget: { budget_ms: opts.budgetMs, functions_cut: this.cut, stages_skipped: sorted(this.skipped) },
    };
    if (facts.llmUsage) report.llm = { ...facts.llmUsage, writer_requests: this.writerRequests };
    if (this.gold) report.gold = this.gold;
    return report;
  }
}

function budgetReport(opts: Case2CodeOptions, records: WorkRecord[]): Case2CodeReport['budget'] {
  const stages: Record<string, number> = {};
  let cut = 0;
  for (const r of records) {
    const s = r.stats.budget_skipped;
    if (!s) continue;
    cut++;
    for (const [k, v] of Object.entries(s)) stages[k] = (stages[k] ?? 0) + (v ?? 0);
  }
  return { budget_ms: opts.budgetMs, functions_cut: cut, stages_skipped: Object.fromEntries(Object.entries(stages).sort(([a], [b]) => a.localeCompare(b))) };
}

/** The live ETA counter is progress, not a fact about the data. */
function withoutUnits(stats: SourceStats): SourceStats {
  const { units: _units, ...rest } = stats;
  return rest;
}
