// Progress for long runs on stderr: done/total, rate, ETA and counts. A live bar on a terminal
// (cli-progress), one plain line every few seconds otherwise (logs, CI).
import cliProgress from 'cli-progress';

export interface ProgressOptions {
  label: string;
  total?: number;
  /** Where the total of items is unknown (a stream), the share of the input consumed so far
   * (0..1): the ETA is estimated from it. */
  fraction?: () => number | undefined;
  unit?: string;
  /** Seconds between plain lines when stderr is not a terminal. */
  intervalS?: number;
  enabled?: boolean;
  /** Milliseconds since the epoch; injected by tests so rates and ETAs do not follow the machine's load. */
  now?: () => number;
}

export class Progress {
  private done = 0;
  private readonly now: () => number;
  private readonly started: number;
  private lastLine = 0;
  private extra: Record<string, number> = {};
  private readonly bar?: cliProgress.SingleBar;

  constructor(private readonly opts: ProgressOptions) {
    this.now = opts.now ?? Date.now;
    this.started = this.now();
    if (opts.enabled === false) return;
    if (process.stderr.isTTY && opts.total !== undefined) {
      this.bar = new cliProgress.SingleBar({
        stream: process.stderr,
        format: `${opts.label} [{bar}] {value}/{total} {rate}/s ETA {eta_formatted} {counts}`,
        hideCursor: true,
        etaBuffer: 50,
      });
      this.bar.start(opts.total, 0, { rate: '0', counts: '' });
    }
  }

  setTotal(total: number): void {
    this.opts.total = total;
    this.bar?.setTotal(total);
  }

  /** Marks `n` more items done; `counts` replaces the shown counters (kept, dropped:reason, ...). */
  tick(n = 1, counts?: Record<string, number>): void {
    this.done += n;
    if (counts) this.extra = counts;
    if (this.opts.enabled === false) return;
    const rate = this.rate();
    if (this.bar) {
      this.bar.update(this.done, { rate: rate.toFixed(1), counts: this.countsText() });
      return;
    }
    const now = this.now();
    if (now - this.lastLine >= (this.opts.intervalS ?? 5) * 1000) {
      this.lastLine = now;
      process.stderr.write(this.line() + '\n');
    }
  }

  rate(): number {
    const s = (this.now() - this.started) / 1000;
    return s > 0 ? this.done / s : 0;
  }

  line(): string {
    const rate = this.rate();
    const total = this.opts.total;
    const eta = total !== undefined ? (rate > 0 ? `, ETA ${formatSeconds((total - this.done) / rate)}` : '') : this.etaFromFraction();
    const of = total !== undefined ? `/${total}` : '';
    return `${this.opts.label}: ${this.done}${of} ${this.opts.unit ?? 'items'}, ${rate.toFixed(1)}/s${eta}${this.extra && Object.keys(this.extra).length ? ' | ' + this.countsText() : ''}`;
  }

  private etaFromFraction(): string {
    const f = this.opts.fraction?.();
    if (f === undefined || !(f > 0)) return '';
    const elapsed = (this.now() - this.started) / 1000;
    return `, ${Math.round(Math.min(f, 1) * 100)}% of input, ETA ${formatSeconds(f >= 1 ? 0 : (elapsed * (1 - f)) / f)}`;
  }

  private countsText(): string {
    return Object.entries(this.extra).map(([k, v]) => `${k}=${v}`).join(' ');
  }

  stop(): void {
    if (this.bar) this.bar.stop();
    else if (this.opts.enabled !== false) process.stderr.write(this.line() + ' (done)\n');
  }
}

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const m = Math.floor(s / 60);
  const sec = Math.round(s % 60);
  return m > 0 ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
}
