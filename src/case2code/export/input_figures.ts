// Two figures of what the shown inputs are made of, per function and over a run: the share of shown
// inputs that glue a body literal onto filler text, and the share of samples whose shown cases never
// reach the function's last statement block (the checks themselves are cf_input_checks').
import type { InputChecks } from '../tooling.js';
import type { ShownInputs, WorkRecord } from '../types.js';

export interface InputFigures {
  /** Kept functions whose shown inputs were checked. */
  samples_checked: number;
  shown_inputs: number;
  /** Shown inputs with a string gluing a body literal onto filler text, and their share. */
  glued_literal_inputs: number;
  glued_literal_share: number;
  /** Samples with at least one such input. */
  samples_with_glued_input: number;
  /** Share of shown inputs where a body literal touches any word characters (an upper bound). */
  glued_any_share: number;
  /** Samples whose shown cases never execute the body's last top-level statement, and their share. */
  samples_missing_last_block: number;
  missing_last_block_share: number;
}

export function shownInputs(c: InputChecks): ShownInputs {
  const count = (xs: boolean[]) => xs.filter(Boolean).length;
  return { shown: c.glued.length, glued: count(c.glued), glued_any: count(c.glued_any), last_block_reached: c.reached };
}

const share = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10000) / 10000 : 0);

/** The figures accumulated one finished function at a time (the report holds no list of records). */
export class InputFigureCounts {
  private checked = 0;
  private shown = 0;
  private glued = 0;
  private gluedAny = 0;
  private withGlued = 0;
  private missing = 0;

  add(r: WorkRecord): void {
    const s = r.kept ? r.stats.inputs : undefined;
    if (!s) return;
    this.checked++;
    this.shown += s.shown;
    this.glued += s.glued;
    this.gluedAny += s.glued_any;
    if (s.glued > 0) this.withGlued++;
    if (!s.last_block_reached) this.missing++;
  }

  value(): InputFigures {
    return {
      samples_checked: this.checked,
      shown_inputs: this.shown,
      glued_literal_inputs: this.glued,
      glued_literal_share: share(this.glued, this.shown),
      samples_with_glued_input: this.withGlued,
      glued_any_share: share(this.gluedAny, this.shown),
      samples_missing_last_block: this.missing,
      missing_last_block_share: share(this.missing, this.checked),
    };
  }
}

export function inputFigures(records: Iterable<WorkRecord>): InputFigures {
  const c = new InputFigureCounts();
  for (const r of records) c.add(r);
  return c.value();
}

/** The card's sentence for these figures. */
export function inputFiguresText(f: InputFigures): string {
  return `Shown inputs that glue a literal of the function's body onto filler text: ${f.glued_literal_inputs} of ${f.shown_inputs} `
    + `(${f.glued_literal_share}; ${f.samples_with_glued_input} samples). Samples whose shown cases never reach the function's `
    + `last statement block: ${f.samples_missing_last_block} of ${f.samples_checked} (${f.missing_last_block_share}).`;
}
