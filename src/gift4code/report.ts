// report.json: counts per stage and drop reason (merged over contexts from the unit log, so a
// resumed run reports what an uninterrupted one would), the samples by kind, split and context, the
// quality figures of the records, how the splits were made, the episodes, the versions the outputs
// depend on, LLM usage, this run's timing, and the per-context cost distribution. Accumulated as
// the export streams over the contexts: counters only, no list of samples.
import type { BadInputReport } from '../store/badinput.js';
import type { UsageSnapshot } from '../llm/usage.js';
import type { CostSummary } from '../store/cost.js';
import { QualityCounter, type QualityFigures } from './quality.js';
import type { Gift4CodeRecord, RecordEnvironment } from './record.js';
import type { SplitSummary } from './splits.js';
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
  quality: QualityFigures & { dropped_ambiguous_order: number; dropped_verify_order_mismatch: number; dropped_ambiguous_intent: number };
  splits: SplitSummary;
  episodes: { total: number; turns: number; by_split: Record<string, number> };
  environment: RecordEnvironment[];
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
  /** Records per split as written (decided once every record was seen). */
  bySplit: Record<string, number>;
  /** Records that failed the schema (not written), and the first issues. */
  invalid: { count: number; examples: string[] };
  splits: SplitSummary;
  episodes: Gift4CodeReport['episodes'];
}

export class ReportBuilder {
  private readonly counts: Record<string, number> = {};
  private readonly examples: Record<string, string[]> = {};
  private readonly bySpec: Record<string, number> = {};
  private readonly byContext: Record<string, number> = {};
  private readonly quality = new QualityCounter();
  private readonly environments = new Map<string, RecordEnvironment>();
  private readonly perContext: Gift4CodeReport['per_context'] = [];
  readonly datasets = new Set<string>();
  private ok = 0;
  private incomplete = 0;
  private samples = 0;
  /** A record to show in the card (the first multi-step one with a summary spec, else the first). */
  example?: Gift4CodeRecord;

  /** A finished (or unfinished: `complete` false, no samples) context. */
  addContext(c: ContextEntry): void {
    for (const [k, v] of Object.entries(c.counts)) bump(this.counts, k, v);
    for (const [k, list] of Object.entries(c.examples)) this.examples[k] = [...(this.examples[k] ?? []), ...list].slice(0, 5);
    if ((c.counts.contexts_ok ?? 0) > 0) this.ok++;
    if (!c.complete) this.incomplete++;
    this.perContext.push({ name: c.name, id: c.id, samples: 0, complete: c.complete });
  }

  addSample(s: Gift4CodeRecord): void {
    this.samples++;
    bump(this.bySpec, s.spec.kind);
    bump(this.byContext, s.metadata.context_name);
    for (const d of s.metadata.datasets) this.datasets.add(d);
    this.quality.add(s);
    this.environments.set(JSON.stringify(s.metadata.environment), s.metadata.environment);
    const last = this.perContext[this.perContext.length - 1];
    if (last && last.name === s.metadata.context_name) last.samples++;
    const fits = (r: Gift4CodeRecord) => r.spec.kind === 'summary' && r.metadata.steps.length >= 2;
    if (!this.example || (!fits(this.example) && fits(s))) this.example = s;
  }

  finish(r: RunFacts): Gift4CodeReport {
    return {
      generator: r.generator,
      seed: r.seed,
      contexts: { total: r.contexts, ok: this.ok, skipped: r.contexts - this.ok, incomplete: this.incomplete, failed: r.units.failed, resumed: r.resumed },
      discovery: sorted(r.discovery),
      discovery_examples: r.discoveryExamples,
      bad_input: r.badInput,
      counts: sorted({ ...this.counts, ...(r.invalid.count ? { records_invalid: r.invalid.count } : {}) }),
      drop_examples: Object.fromEntries(Object.entries({ ...this.examples, ...(r.invalid.count ? { records_invalid: r.invalid.examples } : {}) })
        .sort(([a], [b]) => a.localeCompare(b))),
      samples: { total: this.samples - r.invalid.count, by_spec: sorted(this.bySpec), by_split: sorted(r.bySplit), by_context: sorted(this.byContext), datasets: this.datasets.size },
      quality: {
        ...this.quality.figures(), dropped_ambiguous_order: this.counts['dropped:ambiguous_order'] ?? 0,
        dropped_verify_order_mismatch: this.counts['dropped:verify_order_mismatch'] ?? 0, dropped_ambiguous_intent: this.counts['dropped:ambiguous_intent'] ?? 0,
      },
      splits: r.splits,
      episodes: r.episodes,
      environment: [...this.environments.values()],
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
