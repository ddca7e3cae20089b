// What every reader does with input it cannot use: skip it, and count it with where it was and
// why. One vocabulary of reasons for every reader (corpora, test sets, notebooks, data files,
// benchmark data, predictions), so reports read the same everywhere:
//   unreadable     the file could not be opened or read (missing, a folder, permissions, bad gzip)
//   not_utf8       bytes that are not UTF-8
//   not_json       a line (or file) that is not JSON
//   not_object     JSON that is not an object (`null`, a number, a list, where a row was expected)
//   too_large      a line or file over the reader's size cap (skipped without being held)
//   missing_field  a required field is absent
//   wrong_type     a field has the wrong type
//   invalid        a field has a value the format does not allow (an empty list, an unknown kind)
// and reader-specific ones (`unknown_task`, `not_a_notebook`, ...).
import type { z } from 'zod';

export interface BadRow {
  file: string;
  /** 1-based line of a text file; absent when the whole file is bad. */
  line?: number;
  /** 1-based row of a Parquet file or item of a JSON list, where there are no lines. */
  row?: number;
  reason: string;
  /** What exactly: the field and what was wrong with it, the parser's message. */
  detail?: string;
}

export interface BadInputReport {
  total: number;
  by_reason: Record<string, number>;
  /** The first bad rows met, in reading order (at most `keep` of them). */
  rows: BadRow[];
  /** Bad rows counted but not listed (past `keep`). */
  rows_not_listed: number;
}

/** `file:line` (or `file#row`, or `file`): where a bad row was, for messages and examples. */
export function whereOf(bad: Pick<BadRow, 'file' | 'line' | 'row'>): string {
  return bad.line !== undefined ? `${bad.file}:${bad.line}` : bad.row !== undefined ? `${bad.file}#${bad.row}` : bad.file;
}

/** Counts of bad input by reason, and the first `keep` bad rows with their place and reason. */
export class BadInput {
  private readonly reasons = new Map<string, number>();
  private readonly listed: BadRow[] = [];
  private count = 0;

  constructor(readonly keep = 200) {}

  /** Bound, so it can be passed as a reader's `onBad`. */
  readonly add = (bad: BadRow): void => {
    this.count++;
    this.reasons.set(bad.reason, (this.reasons.get(bad.reason) ?? 0) + 1);
    if (this.listed.length < this.keep) this.listed.push(bad.detail !== undefined ? { ...bad, detail: bad.detail.slice(0, 300) } : bad);
  };

  get total(): number {
    return this.count;
  }

  get(reason: string): number {
    return this.reasons.get(reason) ?? 0;
  }

  /** The listed rows by reason, as `file:line: detail` (the shape of a report's examples). */
  examplesByReason(perReason = 5): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const b of this.listed) {
      const list = (out[b.reason] ??= []);
      if (list.length < perReason) list.push(`${whereOf(b)}${b.detail ? `: ${b.detail}` : ''}`);
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  toJSON(): BadInputReport {
    return {
      total: this.count,
      by_reason: Object.fromEntries([...this.reasons.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      rows: [...this.listed],
      rows_not_listed: this.count - this.listed.length,
    };
  }
}

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

const shown = (path: PropertyKey[]) => path.map(String).join('.');

/** Checks one value against a row schema: the parsed row, or why it is bad (the first issue). */
export function checkRow<S extends z.ZodType>(schema: S, value: unknown): { ok: true; row: z.output<S> } | { ok: false; reason: string; detail: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: 'not_object', detail: value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}` };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, row: parsed.data };
  const issue = parsed.error.issues[0];
  const path = issue.path as PropertyKey[];
  const field = path.length ? `field '${shown(path)}'` : 'row';
  if (path.length > 0 && valueAt(value, path) === undefined) {
    const expected = issue.code === 'invalid_type' ? ` (expected ${issue.expected})` : '';
    return { ok: false, reason: 'missing_field', detail: `${field}: absent${expected}` };
  }
  if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
    return { ok: false, reason: 'wrong_type', detail: `${field}: ${issue.message.replace(/^Invalid input: /, '')}` };
  }
  return { ok: false, reason: 'invalid', detail: `${field}: ${issue.message}` };
}
