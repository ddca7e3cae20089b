// Counters of a mining run: what was read, what was found, and why each dropped thing was dropped
// (with a few named examples per reason, so a user can look at them).
import { BadInput, whereOf, type BadRow } from '../store/badinput.js';
import { Counts } from '../store/counts.js';

export class MiningStats {
  /** files, rows, units mined, and `bad:<reason>` for inputs that could not be read or parsed. */
  readonly sources = new Counts();
  /** seen (top-level defs), candidates (take arguments and return a value), kept, lifted. */
  readonly functions = new Counts();
  /** Skips by reason: shape (no_params, generator, ...), names, imports, outside world, duplicates. */
  readonly skips = new Counts();

  /** Every bad file and row with its place and reason (the first ones listed). */
  readonly badRows = new BadInput();

  /** Units (.py files, rows) reached so far, bad ones included: the numerator of a run's ETA. */
  unitsReached = 0;

  /** A file or row that could not be read or mined: counted `bad:<reason>`, listed with its place. */
  badSource(bad: BadRow): void {
    const atRow = bad.line !== undefined || bad.row !== undefined;
    this.sources.add(`bad:${bad.reason}`, 1, atRow || !bad.detail ? whereOf(bad) : `${bad.file}: ${bad.detail}`);
    this.badRows.add(bad);
  }

  skip(reason: string, example: string): void {
    this.skips.add(reason, 1, example);
  }

  toJSON(): Record<string, unknown> {
    return {
      sources: this.sources.toJSON(),
      functions: this.functions.toJSON(),
      skips: this.skips.toJSON(),
      bad_rows: this.badRows.toJSON(),
      examples: { ...this.sources.examplesJSON(), ...this.skips.examplesJSON() },
    };
  }
}

/** Skip reasons that mean "not a candidate" (shape), as opposed to a candidate that was dropped. */
export const SHAPE_REASONS: ReadonlySet<string> = new Set(['async', 'no_params', 'generator', 'no_return']);
