// The run's final files, assembled from the work log in source order: samples.jsonl and
// samples.parquet (byte-identical whether or not the run was resumed), report.json and README.md.
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import type { UsageSnapshot } from '../llm/usage.js';
import { Counts, writeFileAtomic, writeJsonlAtomic, writeParquet } from '../store/index.js';
import { datasetCard } from './card.js';
import { inputFigures, type InputFigures } from './input_figures.js';
import { scopeStats, type ScopeStats } from './scope_stats.js';
import type { Case2CodeOptions } from './options.js';
import type { SourceStats } from './sources.js';
import type { Case2CodeSample, WorkRecord } from './types.js';

export interface RunFacts {
  duplicates: string[];
  sourceStats: SourceStats;
  internalErrors: number;
  /** Functions without a record (internal errors); a rerun retries them. */
  missing: number;
  seconds: number;
  llmUsage?: UsageSnapshot;
  versions: { caseforge: string; python: string };
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
  llm?: UsageSnapshot & { writer_requests: number };
  gold?: { agree: number; disagree: number; programs_disagreeing: number; causes: Record<string, number>; programs: Array<{ name: string; row?: number; rowId?: string; causes: Record<string, number>; kept: boolean; drop?: string; examples: unknown[] }> };
  /** Completion sizes and how much of them is the target function (see scope_stats.ts). */
  completions: ScopeStats;
  sources: SourceStats & { duplicates: number; duplicate_names: string[] };
  versions: { caseforge: string; python: string };
}

const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10000) / 10000 : 0);

/** Nested fields as JSON columns; the rest as typed columns. */
function parquetRow(s: Case2CodeSample): Record<string, unknown> {
  return { ...s, metadata: s.metadata, shown: s.shown, heldout: s.heldout, messages: s.messages };
}

export function buildReport(opts: Case2CodeOptions, records: WorkRecord[], facts: RunFacts): Case2CodeReport {
  const dropped = new Counts(5);
  const removed: Record<string, number> = {};
  for (const r of records) {
    if (!r.kept && r.drop) dropped.add(r.drop.reason, 1, `${r.name}: ${r.drop.detail}`.slice(0, 240));
    for (const [k, v] of Object.entries(r.stats.removed)) removed[k] = (removed[k] ?? 0) + v;
  }
  const kept = records.filter((r) => r.kept);
  const samples = kept.flatMap((r) => r.samples);
  const calls = records.reduce((a, r) => a + r.stats.calls, 0);
  const splits: Record<string, number> = {};
  for (const s of samples) splits[s.split] = (splits[s.split] ?? 0) + 1;
  const withMutants = kept.filter((r) => r.stats.mutants > 0);
  const report: Case2CodeReport = {
    options: { inputs: opts.inputs, sources: opts.sources, seed: opts.seed, limit: opts.limit ?? null, fuzz_rounds: opts.fuzzRounds, max_mutants: opts.maxMutants, pool_size: opts.poolSize, shown: [opts.shownMin, opts.shownMax], heldout_max: opts.heldoutMax, max_error_share: opts.maxErrorShare, output_cap: opts.outputCap, call_limits: opts.callLimits, max_completion_lines: opts.maxCompletionLines, over_cap: opts.overCap, max_context_lines: opts.maxContextLines },
    stages: {
      functions_read: records.length + facts.duplicates.length + facts.missing,
      duplicates: facts.duplicates.length,
      processed: records.length,
      internal_errors: facts.internalErrors,
      kept: kept.length,
      dropped: records.length - kept.length,
      candidates: records.reduce((a, r) => a + r.stats.candidates, 0),
      samples: samples.length,
    },
    dropped: dropped.toJSON(),
    drop_examples: dropped.examplesJSON(),
    cases_removed: Object.fromEntries(Object.entries(removed).sort(([a], [b]) => a.localeCompare(b))),
    splits,
    quality: {
      mean_coverage: mean(kept.map((r) => r.stats.coverage)),
      mean_mutation_score: mean(withMutants.map((r) => r.stats.mutation_score)),
      functions_with_mutants: withMutants.length,
      mean_shown: mean(samples.map((s) => s.shown.length)),
      mean_heldout: mean(samples.map((s) => s.heldout.length)),
    },
    inputs: inputFigures(records),
    timing: {
      seconds: Math.round(facts.seconds * 100) / 100,
      functions_per_s: Math.round((records.length / Math.max(facts.seconds, 1e-3)) * 100) / 100,
      calls,
      calls_per_s: Math.round(calls / Math.max(facts.seconds, 1e-3)),
      work_seconds: Math.round(records.reduce((a, r) => a + r.stats.seconds, 0) * 100) / 100,
    },
    completions: scopeStats(opts, samples, facts.sourceStats),
    sources: { ...withoutUnits(facts.sourceStats), duplicates: facts.duplicates.length, duplicate_names: facts.duplicates.slice(0, 50) },
    versions: facts.versions,
  };
  if (facts.llmUsage) report.llm = { ...facts.llmUsage, writer_requests: records.reduce((a, r) => a + r.stats.llm_requests, 0) };
  const gold = records.filter((r) => r.stats.gold);
  if (gold.length) {
    const causes: Record<string, number> = {};
    const programs = gold.filter((r) => r.stats.gold!.disagree > 0).map((r) => {
      for (const [k, v] of Object.entries(r.stats.gold!.causes)) causes[k] = (causes[k] ?? 0) + v;
      return { name: r.name, row: r.source.row, rowId: r.source.rowId, causes: r.stats.gold!.causes, kept: r.kept, drop: r.drop?.reason, examples: r.stats.gold!.examples };
    });
    report.gold = {
      agree: gold.reduce((a, r) => a + r.stats.gold!.agree, 0),
      disagree: gold.reduce((a, r) => a + r.stats.gold!.disagree, 0),
      programs_disagreeing: programs.length,
      causes,
      programs,
    };
  }
  return report;
}

export async function assemble(opts: Case2CodeOptions, records: WorkRecord[], facts: RunFacts): Promise<Case2CodeReport> {
  const samples = records.filter((r) => r.kept).flatMap((r) => r.samples);
  await writeJsonlAtomic(join(opts.out, 'samples.jsonl'), samples);
  const tmp = join(opts.out, `samples.parquet.tmp-${process.pid}`);
  writeParquet(tmp, samples.map(parquetRow));
  renameSync(tmp, join(opts.out, 'samples.parquet'));
  const report = buildReport(opts, records, facts);
  writeFileAtomic(join(opts.out, 'report.json'), JSON.stringify(report, null, 2) + '\n');
  writeFileAtomic(join(opts.out, 'README.md'), datasetCard(opts, report));
  return report;
}

/** The live ETA counter is progress, not a fact about the data. */
function withoutUnits(stats: SourceStats): SourceStats {
  const { units: _units, ...rest } = stats;
  return rest;
}
