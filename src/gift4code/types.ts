// The GIFT4Code data: datasets, contexts, candidate programs, I/O specifications and the sample
// records written to samples.jsonl (one per intent x spec kind x solution). The evaluation command
// reads test-split records back, so a record carries all it takes to re-run and compare its code.
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
  /** Stable label of the root (`vega-datasets`, or the directory's base name). */
  label: string;
  /** Absolute path on this machine. */
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
  /** Cells, in order; the first assigns DATA_ROOT and loads the data. The state they leave is the context. */
  cells: string[];
}

/** Recorded with each sample: enough to rebuild the notebook state on another machine. */
export interface SampleContext {
  id: string;
  /** The context's cells joined (the first line assigns `DATA_ROOT`; see `repointContext`). */
  code: string;
  cells: string[];
  /** ARCADE-style schema text of the dataframes in the context's state. */
  schema: string;
  datasets: DatasetRef[];
  /** The root the datasets were loaded from (`path` is this machine's; re-point it elsewhere). */
  dataRoot: DataRoot;
}

/** A program to try: the code cell whose last expression is the result, and its intent. */
export interface Candidate {
  intent: string;
  code: string;
  /** Offline family (`groupby`, `filter`, ...) or `llm`. */
  family: string;
  /** Index of the intent within its context (solutions of one intent share it). */
  intentIndex: number;
  /** Index of the solution among the intent's candidates. */
  solutionIndex: number;
}

/** What executing a solution gave, and why it was dropped if it was. */
export interface Outcome {
  candidate: Candidate;
  value?: CanonicalValue;
  /** Drop reason (`error:KeyError`, `trivial:empty`, `duplicate_result`, ...); absent when kept. */
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

export interface SampleMetadata {
  generator: GeneratorKind;
  family: string;
  datasets: string[];
  contextName: string;
  models?: { intents?: string; solutions?: string; summaries?: string };
  seed: number;
  solutionId: string;
  apis: string[];
}

export interface Gift4CodeSample {
  id: string;
  context: SampleContext;
  intent: string;
  spec: Spec;
  code: string;
  output: { value: CanonicalValue; head: string };
  split: 'train' | 'test';
  /** Notebook-linearised text (`# In[ ]:` cells): context, then the intent and spec as markdown, then the solution. */
  notebook: string;
  messages: ChatMessage[];
  metadata: SampleMetadata;
}
