// report.json: counts per stage and drop reason (merged over contexts from the unit log, so a
// resumed run reports what an uninterrupted one would), the samples by kind, split and context,
// LLM usage, this run's timing, and the per-context cost distribution. Accumulated as the export
// streams over the contexts: counters only, no list of samples.
import type { BadInputReport } from '../store/badinput.js';
import type { UsageSnapshot } from '../llm/usage.js';
import type { CostSummary } from '../store/cost.js';
import type { Gift4CodeExportRow } from './dataset.js';
import type { GeneratorKind } from './types.js';

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
  contexts: { total: number; ok: number; skipped: number; incomplete: number; failed: number; resumed: number };
  discovery: Record<string, number>;
  discovery_examples: Record<string, string[]>;
  bad_input: BadInputReport;
  counts: Record<string, number>;
  drop_examples: Record<string, string[]>;
  samples: { total: number; by_spec: Record<string, number>; by_split: Record<string, number>; by_context: Record<string, number>; datasets: number };
  llm: Record<string, UsageSnapshot> | null;
  run: { seconds: number; executions: number; executions_per_s: number; samples_per_s: number; peak_rss_mb: number };
  cost: CostSummary;
  units: { done: number; failed: number; transient: number; damaged_lines: number; failed_examples: string[] };
  per_context: Array<{ name: string; id: string; samples: number; complete: boolean }>;
}

function bump(map: Record<string, number>, key: string, n = 1): void {
  map[key] = (map[key] ?? 0) + n;
}

function sorted(map: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => a.localeCompare(b)));
}

export interface RunFacts {
  generator: GeneratorKind;
  seed: number;
  /** Contexts discovered, in order (the unfinished ones too). */
  contexts: number;
  discovery: Record<string, number>;
  discoveryExamples: Record<string, string[]>;
  /** Data files, folders and notebooks left out, each with its path and reason. */
  badInput: BadInputReport;
  llm: Record<string, UsageSnapshot> | null;
  resumed: number;
  seconds: number;
  executions: number;
  newSamples: number;
  peakRssMb: number;
  cost: CostSummary;
  units: Gift4CodeReport['units'];
}

export class ReportBuilder {
  private readonly counts: Record<string, number> = {};
  private readonly examples: Record<string, string[]> = {};
  private readonly bySpec: Record<string, number> = {};
  private readonly bySplit: Record<string, number> = {};
  private readonly byContext: Record<string, number> = {};
  private readonly perContext: Gift4CodeReport['per_context'] = [];
  readonly datasets = new Set<string>();
  private ok = 0;
  private incomplete = 0;
  private samples = 0;
  /** A record to show in the card (the first with a summary spec, else the first). */
  example?: Gift4CodeExportRow;

  /** A finished (or unfinished: `complete` false, no samples) context. */
  addContext(c: ContextEntry): void {
    for (const [k, v] of Object.entries(c.counts)) bump(this.counts, k, v);
    for (const [k, list] of Object.entries(c.examples)) this.examples[k] = [...(this.examples[k] ?? []), ...list].slice(0, 5);
    if ((c.counts.contexts_ok ?? 0) > 0) this.ok++;
    if (!c.complete) this.incomplete++;
    this.perContext.push({ name: c.name, id: c.id, samples: 0, complete: c.complete });
  }

  addSample(s: Gift4CodeExportRow): void {
    this.samples++;
    bump(this.bySpec, s.spec.kind);
    bump(this.bySplit, s.split);
    bump(this.byContext, s.metadata.contextName);
    for (const d of s.metadata.datasets) this.datasets.add(d);
    const last = this.perContext[this.perContext.length - 1];
    if (last && last.name === s.metadata.contextName) last.samples++;
    if (!this.example || (this.example.spec.kind !== 'summary' && s.spec.kind === 'summary')) this.example = s;
  }

  finish(r: RunFacts): Gift4CodeReport {
    return {
      generator: r.generator,
      seed: r.seed,
      contexts: { total: r.contexts, ok: this.ok, skipped: r.contexts - this.ok, incomplete: this.incomplete, failed: r.units.failed, resumed: r.resumed },
      discovery: sorted(r.discovery),
      discovery_examples: r.discoveryExamples,
      bad_input: r.badInput,
      counts: sorted(this.counts),
      drop_examples: Object.fromEntries(Object.entries(this.examples).sort(([a], [b]) => a.localeCompare(b))),
      samples: { total: this.samples, by_spec: sorted(this.bySpec), by_split: sorted(this.bySplit), by_context: sorted(this.byContext), datasets: this.datasets.size },
      llm: r.llm,
      run: {
        seconds: Math.round(r.seconds * 100) / 100,
        executions: r.executions,
        executions_per_s: r.seconds > 0 ? Math.round((r.executions / r.seconds) * 10) / 10 : 0,
        samples_per_s: r.seconds > 0 ? Math.round((r.newSamples / r.seconds) * 10) / 10 : 0,
        peak_rss_mb: r.peakRssMb,
      },
      cost: r.cost,
      units: r.units,
      per_context: this.perContext,
    };
  }
}
