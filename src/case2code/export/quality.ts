// The quality counts of a run (report.json's `checks`, and the dataset card): over the written
// records, how many fail each of issue 11's rules. Each must be 0 on a good run; the audit of each
// record (audit.ts) and the split's check (split.ts) supply them. Counters only: no record is kept.
import type { SplitCounts } from './split.js';
import type { WorkRecord } from '../types.js';

export interface QualityChecks {
  records: number;
  trivial_explained: number;
  echo_half_or_more: number;
  too_few_distinct_outputs: number;
  completions_over_cap: number;
  name_mismatches: number;
  mistyped_exceptions_shown: number;
  test_targets_in_train: number;
  near_duplicates_across_split: number;
  test_under_min_heldout: number;
  /** The first few offenders, `name: what`, per check. */
  examples: Record<string, string[]>;
  mean_informativeness: number;
  /** The completion cap the `completions_over_cap` count is against. */
  max_completion_lines: number;
}

const EXAMPLES = 5;

export class QualityCounter {
  private n = 0;
  private counts: Record<string, number> = {
    trivial_explained: 0, echo_half_or_more: 0, too_few_distinct_outputs: 0, completions_over_cap: 0, name_mismatches: 0, mistyped_exceptions_shown: 0,
  };
  private examples: Record<string, string[]> = {};
  private informativeness = 0;

  constructor(private readonly cap: number) {}

  private hit(check: string, what: string): void {
    this.counts[check]++;
    const ex = (this.examples[check] ??= []);
    if (ex.length < EXAMPLES) ex.push(what.slice(0, 200));
  }

  add(r: WorkRecord): void {
    const c = r.stats.checks;
    if (!r.kept || !c) return;
    for (const _ of r.samples) {
      this.n++;
      this.informativeness += c.informativeness;
      if (c.trivial) this.hit('trivial_explained', `${r.name}: ${c.trivial}`);
      if (c.echo_half) this.hit('echo_half_or_more', r.name);
      if (c.few_outputs) this.hit('too_few_distinct_outputs', r.name);
      if (c.completion_lines > this.cap) this.hit('completions_over_cap', `${r.name}: ${c.completion_lines} lines`);
      if (c.name_mismatch) this.hit('name_mismatches', `${r.name}: ${c.name_mismatch}`);
      if (c.mistyped_shown > 0) this.hit('mistyped_exceptions_shown', `${r.name}: ${c.mistyped_shown}`);
    }
  }

  toJSON(split: SplitCounts | undefined): QualityChecks {
    return {
      records: this.n,
      trivial_explained: this.counts.trivial_explained,
      echo_half_or_more: this.counts.echo_half_or_more,
      too_few_distinct_outputs: this.counts.too_few_distinct_outputs,
      completions_over_cap: this.counts.completions_over_cap,
      name_mismatches: this.counts.name_mismatches,
      mistyped_exceptions_shown: this.counts.mistyped_exceptions_shown,
      test_targets_in_train: split?.test_targets_in_train ?? 0,
      near_duplicates_across_split: split?.near_duplicates_across ?? 0,
      test_under_min_heldout: split?.test_under_min_heldout ?? 0,
      examples: this.examples,
      mean_informativeness: this.n ? Math.round((this.informativeness / this.n) * 10000) / 10000 : 0,
      max_completion_lines: this.cap,
    };
  }
}
