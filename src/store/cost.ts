// The per-unit cost distribution of a run (report.json's `cost`): how long the median, p90 and p99
// unit took, and what share of all the units' time went to the slowest 5% of them (a heavy tail
// shows here first).

export interface CostSummary {
  units: number;
  total_s: number;
  median_s: number;
  p90_s: number;
  p99_s: number;
  max_s: number;
  /** Share of the summed time spent in the slowest 5% of units (at least one unit). */
  slowest_5pct_share: number;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export function costSummary(costsMs: ArrayLike<number>): CostSummary {
  const sorted = Float64Array.from(costsMs).sort();
  const n = sorted.length;
  let total = 0;
  for (const x of sorted) total += x;
  const top = n === 0 ? 0 : Math.max(1, Math.ceil(n * 0.05));
  let topSum = 0;
  for (let i = n - top; i < n; i++) topSum += sorted[i];
  return {
    units: n,
    total_s: r3(total / 1000),
    median_s: r3(percentile(sorted, 0.5) / 1000),
    p90_s: r3(percentile(sorted, 0.9) / 1000),
    p99_s: r3(percentile(sorted, 0.99) / 1000),
    max_s: r3((n ? sorted[n - 1] : 0) / 1000),
    slowest_5pct_share: total > 0 ? Math.round((topSum / total) * 10000) / 10000 : 0,
  };
}
