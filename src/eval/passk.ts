// The unbiased pass@k estimator (Chen et al., 2021): 1 - C(n-c, k) / C(n, k), computed as a running
// product so large n never overflows, and its averages over tasks.

/** pass@k for one task with `n` samples of which `c` passed. Undefined when k > n. */
export function passAtK(n: number, c: number, k: number): number | undefined {
  if (!Number.isInteger(n) || !Number.isInteger(c) || !Number.isInteger(k) || k < 1 || c < 0 || c > n) {
    throw new RangeError(`pass@k needs integers 0 <= c <= n and k >= 1 (n=${n}, c=${c}, k=${k})`);
  }
  if (k > n) return undefined;
  if (n - c < k) return 1;
  // C(n-c, k) / C(n, k) = prod_{i=n-c+1}^{n} (1 - k / i)
  let ratio = 1;
  for (let i = n - c + 1; i <= n; i++) ratio *= 1 - k / i;
  return 1 - ratio;
}

export interface TaskCount {
  n: number;
  c: number;
}

/**
 * Mean pass@k over tasks, for each k that every task has enough samples for (as evalplus reports);
 * a k some task cannot reach is left out rather than averaged over a subset. Tasks are added one at
 * a time, so a run's mean needs no list of its tasks' counts.
 */
export class PassAtKMean {
  private readonly sums: number[];
  private readonly reachable: boolean[];
  private tasks = 0;

  constructor(private readonly ks: number[]) {
    this.sums = ks.map(() => 0);
    this.reachable = ks.map(() => true);
  }

  add({ n, c }: TaskCount): void {
    this.tasks++;
    this.ks.forEach((k, i) => {
      if (!this.reachable[i]) return;
      const p = passAtK(n, c, k);
      if (p === undefined) this.reachable[i] = false;
      else this.sums[i] += p;
    });
  }

  value(): Record<string, number> {
    const out: Record<string, number> = {};
    if (this.tasks === 0) return out;
    this.ks.forEach((k, i) => { if (this.reachable[i]) out[`pass@${k}`] = this.sums[i] / this.tasks; });
    return out;
  }
}

export function meanPassAtK(counts: TaskCount[], ks: number[]): Record<string, number> {
  const mean = new PassAtKMean(ks);
  for (const c of counts) mean.add(c);
  return mean.value();
}
