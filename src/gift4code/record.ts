// The GIFT4Code record, version 2: one schema (zod) that gives the writer's check, the TypeScript
// type, the Parquet columns and the Hub's features, and that `caseforge eval gift4code` reads back.
// Every path has one type in every row: the typed value tree of the output, whose shape varies with
// the value, travels as one JSON string (`output.value`). Records hold no path of the machine that
// made them: the context's cells assign `DATA_ROOT` a placeholder that the evaluation fills in.
import { z } from 'zod';

export const GIFT4CODE_SCHEMA_VERSION = 2;

export const SpecKindSchema = z.enum(['typedesc', 'examples', 'summary']);

export const DatasetSchema = z.object({
  /** Stable name: `vega-datasets/cars.json`. */
  name: z.string(),
  /** Path relative to the data root, forward slashes. */
  file: z.string(),
  format: z.enum(['csv', 'tsv', 'json', 'parquet']),
  /** The variable the loading cell binds the dataframe to. */
  variable: z.string(),
  /** Columns parsed as dates when loading (empty: none). */
  parse_dates: z.array(z.string()),
});

export const DataRootSchema = z.object({
  /** Stable label of the folder the data came from (`vega-datasets`, a directory's base name). */
  label: z.string(),
  /** The value `DATA_ROOT` has in the cells: replace it with the folder's path to run them. */
  placeholder: z.string(),
});

export const ContextSchema = z.object({
  id: z.string(),
  kind: z.enum(['datasets', 'notebook']),
  /** Human-readable: `cars`, `analysis.ipynb@4`. */
  name: z.string(),
  /** Code cells in order: the loading cell first, then earlier analysis cells. */
  cells: z.array(z.string()),
  /** How many of the cells are analysis history (after the loading cell, or a notebook's own cells). */
  history_cells: z.number().int(),
  /** ARCADE-style schema of the dataframes the cells leave. */
  schema: z.string(),
  datasets: z.array(DatasetSchema),
  data_root: DataRootSchema,
});

export const MessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});

export const OutputSchema = z.object({
  /** Python's repr of the result. */
  repr: z.string(),
  /** Qualified type name: `pandas.core.series.Series`. */
  type: z.string(),
  /** JSON text of the typed value tree (src/values/types.ts), what the evaluation compares with. */
  value: z.string(),
  /** The rendered head the examples specification shows. */
  head: z.string(),
});

export const EnvironmentSchema = z.object({
  caseforge: z.string(),
  python: z.string(),
  pandas: z.string(),
  numpy: z.string(),
});

export const ModelsSchema = z.object({
  intents: z.string().nullable(),
  solutions: z.string().nullable(),
  summaries: z.string().nullable(),
});

export const MetadataSchema = z.object({
  generator: z.enum(['llm', 'offline']),
  seed: z.number().int(),
  /** The program's operation families joined by `>` (`filter>group_aggregate`), `llm` for LLM solutions. */
  family: z.string(),
  /** Operation families of the program's steps, in order (empty for LLM solutions). */
  steps: z.array(z.string()),
  /** The intent's template: its phrasings with slots (`llm` for LLM intents). */
  template: z.string(),
  /** pandas and Python API names the code calls. */
  apis: z.array(z.string()),
  datasets: z.array(z.string()),
  context_name: z.string(),
  /** The program uses a frame or column that an earlier analysis cell of the context defined. */
  uses_history: z.boolean(),
  models: ModelsSchema,
  environment: EnvironmentSchema,
});

export const Gift4CodeRecordSchema = z.object({
  schema_version: z.literal(GIFT4CODE_SCHEMA_VERSION),
  id: z.string(),
  /** The solution this record is a spec-kind variant of (records of one solution share it). */
  solution_id: z.string(),
  spec_kind: SpecKindSchema,
  context: ContextSchema,
  intent: z.string(),
  spec: z.object({ kind: SpecKindSchema, text: z.string() }),
  /** The solution cell; its last expression is the result. */
  code: z.string(),
  output: OutputSchema,
  split: z.enum(['train', 'test']),
  /** The notebook-linearised prompt (`# In[ ]:` cells: context, schema, intent and spec), ending in an open cell. */
  prompt: z.string(),
  /** `prompt` followed by the solution cell: the method's fine-tuning text. */
  notebook: z.string(),
  /** The same prompt as chat messages, the solution as the assistant's reply. */
  messages: z.array(MessageSchema),
  metadata: MetadataSchema,
});
export type Gift4CodeRecord = z.infer<typeof Gift4CodeRecordSchema>;
export type RecordContext = z.infer<typeof ContextSchema>;
export type RecordEnvironment = z.infer<typeof EnvironmentSchema>;

/** One turn of a multi-turn episode: what the ARCADE format holds, plus the record it came from. */
export const TurnSchema = z.object({
  intent: z.object({ value: z.string() }),
  code: z.object({ value: z.string() }),
  /** The notebook before this turn: the context's cells, then the earlier turns' cells. */
  code_context: z.string(),
  solution_id: z.string(),
  output: OutputSchema,
});

/** A multi-turn episode in the shape of ARCADE's dataset.json (`notebook_name`, `work_dir`, `turns`). */
export const EpisodeSchema = z.object({
  schema_version: z.literal(GIFT4CODE_SCHEMA_VERSION),
  id: z.string(),
  notebook_name: z.string(),
  /** Where the turns run: `.`, the folder of the episodes file, which must hold the data folder under its placeholder name. */
  work_dir: z.string(),
  context_id: z.string(),
  split: z.enum(['train', 'test']),
  metadata: z.object({ split: z.enum(['train', 'test']), context_name: z.string(), datasets: z.array(z.string()) }),
  turns: z.array(TurnSchema),
});
export type Gift4CodeEpisode = z.infer<typeof EpisodeSchema>;
