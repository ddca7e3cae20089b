// report.json: counts per stage and drop reason (merged over contexts from their work logs, so a
// resumed run reports what an uninterrupted one would), the samples by kind, split and context,
// LLM usage and this run's timing.
import type { BadInputReport } from '../store/badinput.js';
import type { UsageSnapshot } from '../llm/usage.js';
import type { Gift4CodeSample, GeneratorKind } from './types.js';

export interface ContextEntry {
  id: string;
  name: string;
  datasets: string[];
  counts: Record<string, number>;
  examples: Record<string, string[]>;
  complete: boolean;
}

export interface Gift4CodeReport {
  generator: GeneratorKind;
  seed: number;
  contexts: { total: number; ok: number; skipped: number; incomplete: number; resumed: number };
  discovery: Record<string, number>;
  discovery_examples: Record<string, string[]>;
  bad_input: BadInputReport;
  counts: Record<string, number>;
  drop_examples: Record<string, string[]>;
  samples: { total: number; by_spec: Record<string, number>; by_split: Record<string, number>; by_context: Record<string, number>; datasets: number };
  llm: Record<string, UsageSnapshot> | null;
  run: { seconds: number; executions: number; executions_per_s: number; samples_per_s: number; peak_rss_mb: number };
  per_context: Array<{ name: string; id: string; samples: number; complete: boolean }>;
}

function bump(map: Record<string, number>, key: string, n = 1): void {
  map[key] = (map[key] ?? 0) + n;
}

function sorted(map: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => a.localeCompare(b)));
}

export interface ReportInput {
  generator: GeneratorKind;
  seed: number;
  contexts: ContextEntry[];
  discovery: Record<string, number>;
  discoveryExamples: Record<string, string[]>;
  /** Data files, folders and notebooks left out, each with its path and reason. */
  badInput: BadInputReport;
  samples: Gift4CodeSample[];
  llm: Record<string, UsageSnapshot> | null;
  resumed: number;
  seconds: number;
  executions: number;
  newSamples: number;
  peakRssMb: number;
}

export function buildReport(r: ReportInput): Gift4CodeReport {
  const counts: Record<string, number> = {};
  const examples: Record<string, string[]> = {};
  for (const c of r.contexts) {
    for (const [k, v] of Object.entries(c.counts)) bump(counts, k, v);
    for (const [k, list] of Object.entries(c.examples)) examples[k] = [...(examples[k] ?? []), ...list].slice(0, 5);
  }
  const bySpec: Record<string, number> = {};
  const bySplit: Record<string, number> = {};
  const byContext: Record<string, number> = {};
  const datasets = new Set<string>();
  for (const s of r.samples) {
    bump(bySpec, s.spec.kind);
    bump(bySplit, s.split);
    bump(byContext, s.metadata.contextName);
    for (const d of s.metadata.datasets) datasets.add(d);
  }
  const ok = r.contexts.filter((c) => (c.counts.contexts_ok ?? 0) > 0).length;
  return {
    generator: r.generator,
    seed: r.seed,
    contexts: { total: r.contexts.length, ok, skipped: r.contexts.length - ok, incomplete: r.contexts.filter((c) => !c.complete).length, resumed: r.resumed },
    discovery: sorted(r.discovery),
    discovery_examples: r.discoveryExamples,
    bad_input: r.badInput,
    counts: sorted(counts),
    drop_examples: Object.fromEntries(Object.entries(examples).sort(([a], [b]) => a.localeCompare(b))),
    samples: { total: r.samples.length, by_spec: sorted(bySpec), by_split: sorted(bySplit), by_context: sorted(byContext), datasets: datasets.size },
    llm: r.llm,
    run: {
      seconds: Math.round(r.seconds * 100) / 100,
      executions: r.executions,
      executions_per_s: r.seconds > 0 ? Math.round((r.executions / r.seconds) * 10) / 10 : 0,
      samples_per_s: r.seconds > 0 ? Math.round((r.newSamples / r.seconds) * 10) / 10 : 0,
      peak_rss_mb: r.peakRssMb,
    },
    per_context: r.contexts.map((c) => ({ name: c.name, id: c.id, samples: byContext[c.name] ?? 0, complete: c.complete })),
  };
}
