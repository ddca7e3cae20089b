// The GIFT4Code data on its way to records: datasets, contexts, candidate programs and what running
// them gave, I/O specifications. The record itself (what the dataset's data/ and jsonl/ hold, and the evaluation
// reads back) is the zod schema of record.ts.
import { z } from 'zod';
import type { CanonicalValue } from '../values/types.js';

export type SpecKind = 'typedesc' | 'examples' | 'summary';
export const SPEC_KINDS: readonly SpecKind[] = ['typedesc', 'examples', 'summary'];

export type GeneratorKind = 'llm' | 'offline';

export type DatasetFormat = 'csv' | 'tsv' | 'json' | 'parquet';

/** A data file, named by a stable name and its path relative to the root it was loaded from. */
export interface DatasetRef {
  /** Stable name, e.g. `vega-datasets/cars.json`. */
  name: string;
  /** Path relative to `root`, with forward slashes. */
  file: string;
  format: DatasetFormat;
  /** The Python variable the context binds the dataframe to. */
  variable: string;
  /** Columns parsed as dates when loading. */
  parseDates?: string[];
}

/** A set of datasets found under one directory (the root that `DATA_ROOT` points at). */
export interface DataRoot {
  /** Stable label of the root (`vega-datasets`, or the directory's base name); also DATA_ROOT's placeholder. */
  label: string;
  /** Absolute path on this machine: used to run the cells, never written into a record. */
  path: string;
}

/** A programmatic context before execution: the code that loads its data (and earlier notebook cells). */
export interface ContextSpec {
  id: string;
  kind: 'datasets' | 'notebook';
  /** Human-readable name for progress and reports (`cars`, `analysis.ipynb@4`). */
  name: string;
  root: DataRoot;
  datasets: DatasetRef[];
  /** Cells, in order, in portable form: the first assigns DATA_ROOT its placeholder and loads the data. */
  cells: string[];
  /** Cells after the first that are the notebook's own analysis (notebook contexts). */
  historyCells: number;
}

/** A program to try: the code cell whose last expression is the result, and its intent. */
export interface Candidate {
  intent: string;
  code: string;
  /** Operation families joined (`filter>group_aggregate`), or `llm`. */
  family: string;
  /** Operation families of the program's steps (empty for LLM solutions). */
  steps: string[];
  /** The intent's template (`llm` for LLM intents). */
  template: string;
  /** The answer's expected shape (`scalar`, `series`, `table`, `value`); absent for LLM solutions. */
  shape?: string;
  /** Uses a frame or column an earlier analysis cell defined. */
  usesHistory: boolean;
  /** Index of the intent within its context (solutions of one intent share it). */
  intentIndex: number;
  /** Index of the solution among the intent's candidates. */
  solutionIndex: number;
}

/** What executing a solution gave, and why it was dropped if it was. */
export interface Outcome {
  candidate: Candidate;
  value?: CanonicalValue;
  /** The value with row labels as positions, from the order check's same-order session. */
  ordered?: CanonicalValue;
  /** Drop reason (`error:KeyError`, `degenerate:zero`, `ambiguous_order`, ...); absent when kept. */
  dropped?: string;
  /** pandas/Python API names used by the code (for the diversity preference). */
  apis: string[];
}

/** What the render probe found out about one run (cf_g4c_render.describe_run). */
export const RunFactsSchema = z.object({
  head: z.string(),
  inputs: z.array(z.looseObject({ name: z.string(), rows: z.number(), columns: z.array(z.string()), excerpt: z.string() })),
  facts: z.looseObject({ kind: z.string(), type: z.string() }),
});
export type RunFacts = z.infer<typeof RunFactsSchema>;

export interface Spec {
  kind: SpecKind;
  text: string;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A context as it ran: its cells in portable form (with history), the schema, the versions. */
export interface RunContext {
  spec: ContextSpec;
  cells: string[];
  historyCells: number;
  /** Frames and columns the analysis history defined. */
  historyNames: string[];
  schema: string;
  environment: { caseforge: string; python: string; pandas: string; numpy: string };
}
