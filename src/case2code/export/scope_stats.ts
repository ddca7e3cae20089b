// How big the completions of a run are and how much of them is the target function: the figures
// report.json and the dataset card give about completion scoping (what a model is asked to write).
import type { Case2CodeOptions } from '../options.js';
import type { SourceStats } from '../inputs/sources.js';
import type { Case2CodeRecord as Case2CodeSample } from '../records/record.js';
import { lineCount } from '../inputs/job.js';

export interface ScopeStats {
  /** The cap and what happened to a function over it. */
  max_completion_lines: number;
  over_cap: Case2CodeOptions['overCap'];
  max_context_lines: number;
  samples: number;
  /** Completion lines over the samples: quantiles, mean, and counts per size band. */
  completion_lines: { min: number; median: number; p90: number; p99: number; max: number; mean: number };
  completion_bands: Record<string, number>;
  /** Samples over the cap (0 by construction; a check, not a goal). */
  over_cap_samples: number;
  /** Mean over samples of target lines / completion lines, and the same over all lines pooled. */
  target_share: number;
  target_share_of_lines: number;
  /** Samples whose helpers are context in the prompt, and that context's size. */
  with_context: number;
  context_lines: { median: number; max: number };
  /** Functions dropped before the pipeline ran them: too large to scope, or a global not restorable. */
  dropped_too_large: number;
  dropped_unrestorable_global: number;
  /** Mined functions whose program carries module-level statements changing a global after its assignment. */
  globals_changed_at_import: number;
}

const BANDS: Array<[string, number]> = [['1-10', 10], ['11-25', 25], ['26-50', 50], ['51-100', 100], ['101-150', 150]];

const round4 = (x: number) => Math.round(x * 10000) / 10000;

function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}

function miningCount(stats: SourceStats, group: 'skips' | 'functions', key: string): number {
  const counts = (stats.mining?.[group] ?? {}) as Record<string, number>;
  return (counts[key] ?? 0) + (group === 'skips' ? (stats.skipped[key] ?? 0) : 0);
}

/** What these figures need of one sample (the report keeps these numbers, not the samples). */
export interface SampleSize {
  completion_lines: number;
  target_lines: number;
  /** Lines of the context the prompt shows; 0 when none. */
  context_lines: number;
}

export function sampleSize(s: Case2CodeSample): SampleSize {
  return { completion_lines: s.metadata.completion_lines, target_lines: s.metadata.target_lines, context_lines: s.context ? lineCount(s.context) : 0 };
}

export function scopeStats(opts: Case2CodeOptions, samples: SampleSize[], sources: SourceStats): ScopeStats {
  const lines = samples.map((s) => s.completion_lines).sort((a, b) => a - b);
  const bands: Record<string, number> = Object.fromEntries([...BANDS.map(([k]) => [k, 0]), [`>${BANDS[BANDS.length - 1][1]}`, 0]]);
  for (const n of lines) {
    const band = BANDS.find(([, hi]) => n <= hi);
    bands[band ? band[0] : `>${BANDS[BANDS.length - 1][1]}`]++;
  }
  const contexts = samples.filter((s) => s.context_lines > 0).map((s) => s.context_lines).sort((a, b) => a - b);
  const total = lines.reduce((a, b) => a + b, 0);
  return {
    max_completion_lines: opts.maxCompletionLines,
    over_cap: opts.overCap,
    max_context_lines: opts.maxContextLines,
    samples: samples.length,
    completion_lines: {
      min: lines[0] ?? 0, median: quantile(lines, 0.5), p90: quantile(lines, 0.9), p99: quantile(lines, 0.99),
      max: lines[lines.length - 1] ?? 0, mean: samples.length ? Math.round((total / samples.length) * 100) / 100 : 0,
    },
    completion_bands: bands,
    over_cap_samples: lines.filter((n) => n > opts.maxCompletionLines).length,
    target_share: samples.length ? round4(samples.reduce((a, s) => a + s.target_lines / Math.max(1, s.completion_lines), 0) / samples.length) : 0,
    target_share_of_lines: total ? round4(samples.reduce((a, s) => a + s.target_lines, 0) / total) : 0,
    with_context: contexts.length,
    context_lines: { median: quantile(contexts, 0.5), max: contexts[contexts.length - 1] ?? 0 },
    dropped_too_large: miningCount(sources, 'skips', 'too_large'),
    dropped_unrestorable_global: miningCount(sources, 'skips', 'unrestorable_global'),
    globals_changed_at_import: miningCount(sources, 'functions', 'globals_changed_at_import'),
  };
}
