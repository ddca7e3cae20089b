// What the viewer's server (or a static bundle) hands the page: plain JSON shapes shared by the
// Node side and the browser side. Nothing here imports Node or the DOM.

/** What a folder holds, as far as the viewer can tell from its files and first record. */
export type DatasetKind = 'case2code' | 'output' | 'input' | 'gift4code' | 'eval' | 'records';

export interface DatasetInfo {
  /** Path relative to the folder `caseforge view` was given ('.' for the folder itself). */
  name: string;
  kind: DatasetKind;
  /** `dataset`: data/ Parquet shards; `samples`: samples.jsonl; `results`: an eval run's results.jsonl. */
  layout: 'dataset' | 'samples' | 'results';
  splits: Array<{ name: string; rows: number }>;
  /** Rows the list pages through: records, or for an eval run its tasks (known once indexed). */
  rows: number;
  columns: ColumnSpec[];
  /** Lines of a JSON-lines file that were not a JSON object, skipped. */
  skipped?: number;
  /** Whether the folder lists dropped units (functions, contexts) the page can show. */
  hasDropped: boolean;
}

/** cat: one label a row; tags: several labels a row; num: a number; text: shown, searchable, not charted. */
export type ColumnKind = 'cat' | 'tags' | 'num' | 'text';

export interface ColumnSpec {
  key: string;
  label: string;
  kind: ColumnKind;
  /** Shown as a column of the list. */
  list?: boolean;
  /** Offered as a chart (histogram or bar chart). */
  chart?: boolean;
  /** A number column that holds integers (bins of whole numbers). */
  integer?: boolean;
  /** A short word on what the figure means, shown under its chart. */
  help?: string;
}

/** The index: one entry a row for every column; NaN is a missing number, -1 a missing label. */
export type ColumnData =
  | { kind: 'cat'; labels: string[]; codes: ArrayLike<number> }
  | { kind: 'tags'; labels: string[]; masks: ArrayLike<number> }
  | { kind: 'num'; values: ArrayLike<number> }
  | { kind: 'text'; values: ArrayLike<string | null> };

export interface IndexData {
  n: number;
  /** Row i's split and its position in that split. */
  split: { labels: string[]; codes: ArrayLike<number>; offsets: ArrayLike<number> };
  columns: Record<string, ColumnData>;
}

/** A request for rows: what the URL of the sample list says. */
export interface Query {
  split?: string;
  /** Words searched for in the records' text (every word must occur, case ignored). */
  q?: string;
  /** Label filters: a row passes when its label (or one of its tags) is among those given. */
  cats: Record<string, string[]>;
  /** Range filters, inclusive; null is an open end. */
  ranges: Record<string, [number | null, number | null]>;
  sort?: { key: string; desc: boolean };
  offset: number;
  limit: number;
}

/** One row of the list: its address and the list columns' values. */
export interface RowSummary {
  split: string;
  offset: number;
  values: Record<string, string | number | string[] | null>;
}

export interface Page {
  total: number;
  offset: number;
  rows: RowSummary[];
  /** Set while the index is still being built: rows came straight from the shards, unfiltered. */
  partial?: boolean;
}

export type Chart =
  | { key: string; label: string; kind: 'num'; integer: boolean; bins: Array<{ x0: number; x1: number; count: number }>; missing: number; help?: string }
  | { key: string; label: string; kind: 'cat'; counts: Array<{ label: string; count: number }>; missing: number; help?: string; measure?: string };

/** The Summary view: curated figures read defensively, and the raw files for anything else. */
export interface Summary {
  title: string;
  kind: DatasetKind;
  /** Headline figures: `{label, value}` in the order they read best. */
  figures: Array<{ label: string; value: string | number }>;
  /** Tables of counts: stages, drops by reason (with examples), splits, costs, LLM usage, pass@k. */
  tables: SummaryTable[];
  /** report.json or summary.json as written, for what the curated part leaves out. */
  report: unknown;
  /** The card's Markdown body (YAML header removed), if the folder has one. */
  card: string | null;
}

export interface SummaryTable {
  title: string;
  columns: string[];
  rows: Array<Array<string | number | null>>;
  /** Per row, a few example ids or details (drops by reason). */
  examples?: Array<string[]>;
  /** Chart it as bars of this column (index into columns). */
  chart?: number;
}

/** A dropped unit (function, context) with its reason. */
export interface DroppedRow {
  key: string;
  reason: string;
  detail: string | null;
}

export interface DroppedPage {
  total: number;
  offset: number;
  reasons: Array<{ label: string; count: number }>;
  rows: DroppedRow[];
  /** Where the rows come from (the unit log, or report.json's examples only). */
  source: string;
}

/** A record, whole, as the page shows it. For an eval run: the task and its judged samples. */
export interface RecordPayload {
  split: string;
  offset: number;
  record: Record<string, unknown>;
}
