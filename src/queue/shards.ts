// How a run's units are grouped into jobs. A unit belongs to shard floor(order / size), so a
// restarted coordinator forms the same shards of the units still to do and gives them the same
// content ids. The run's last `tail` units go one to a job: when the queue runs dry, a worker then
// holds a unit or two, not whole shards that another worker, idle, cannot help with. Which units
// are the last is known only at the end of the sources, so the planner holds back the newest `tail`
// units (plus the shard being filled) until more units follow them or the run ends.

export interface Planned<T> {
  /** The shard's number (floor(order / size) of its units). */
  index: number;
  units: T[];
}

export class ShardPlanner<T extends { order: number }> {
  private readonly held: T[] = [];

  /** `tail`: units at the end of the run that go one to a job (0: none). */
  constructor(readonly size: number, readonly tail: number) {}

  /** Units taken and not yet in a shard. */
  get holding(): number {
    return this.held.length;
  }

  /** A unit, in source order; returns the shards it completes (those with `tail` units after them). */
  push(unit: T): Array<Planned<T>> {
    this.held.push(unit);
    const out: Array<Planned<T>> = [];
    for (;;) {
      const n = this.firstShardLength();
      // A shard is complete once a unit of a later shard came, or when it is full.
      const complete = n < this.held.length || n === this.size;
      if (n === 0 || !complete || this.held.length - n < this.tail) return out;
      out.push(this.take(n));
    }
  }

  /** No more units: the rest, its last `tail` units one to a shard. */
  end(): Array<Planned<T>> {
    const out: Array<Planned<T>> = [];
    const singles = Math.min(this.tail, this.held.length);
    while (this.held.length > singles) out.push(this.take(Math.min(this.firstShardLength(), this.held.length - singles)));
    while (this.held.length) out.push(this.take(1));
    return out;
  }

  private indexOf(u: T): number {
    return Math.floor(u.order / this.size);
  }

  private firstShardLength(): number {
    if (!this.held.length) return 0;
    const index = this.indexOf(this.held[0]);
    let n = 1;
    while (n < this.held.length && this.indexOf(this.held[n]) === index) n++;
    return n;
  }

  private take(n: number): Planned<T> {
    const units = this.held.splice(0, n);
    return { index: this.indexOf(units[0]), units };
  }
}
