// The Case2Code record, version 2: one schema (zod) that gives the writer's check, the TypeScript
// type, the Parquet columns and the Hub's `dataset_info.features`, and that `caseforge eval
// case2code` reads back. Every path has one type in every row: the typed value trees, whose shape
// varies with the value, travel as one JSON string (`values`), never as nested objects.
import { z } from 'zod';

export const CASE2CODE_SCHEMA_VERSION = 2;

/** One case as the prompt shows it and the evaluation checks it. */
export const CaseSchema = z.object({
  /** The call expression with the record's entry point: `f(3, key='a')` when the prompt hides the name. */
  call: z.string(),
  /** Arguments in the prompt's dict or tuple style: `dict(num=1234)`, `(3, 'a')`. */
  input: z.string(),
  status: z.enum(['ok', 'error']),
  /** The expected text, made by the one renderer both writer and evaluator use: the repr of a return,
   *  `Type: message` for an exception. */
  output: z.string(),
  /** Qualified exception type for an error case (`email.errors.HeaderParseError`); null for a return. */
  exception: z.string().nullable(),
  /** Where an error case's exception was raised (added in v2's first revision): `kind:where[:value]`,
   *  kind `raise` (a raise or assert statement) or `interpreter`, where `program`, `library` or `call`,
   *  `:value` for a ValueError or ArithmeticError; null for a return. */
  origin: z.string().nullable(),
});
export type Case2CodeCase = z.infer<typeof CaseSchema>;

export const MessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});

export const SourceSchema = z.object({
  /** The file (or JSONL/Parquet corpus) the function came from, relative where it can be. */
  path: z.string(),
  /** Line of the `def` in its module. */
  line: z.number().int(),
  /** Row in a JSONL/Parquet corpus (1-based); null for a plain file. */
  row: z.number().int().nullable(),
  row_id: z.string().nullable(),
  license: z.string().nullable(),
});

/** What the outputs were made under: a consumer can reproduce them, or know why they differ. */
export const EnvironmentSchema = z.object({
  caseforge: z.string(),
  python: z.string(),
  platform: z.string(),
  tz: z.string(),
  locale: z.string(),
});

export const MetadataSchema = z.object({
  source: SourceSchema,
  generator: z.enum(['fuzz', 'llm', 'hybrid', 'given']),
  seed: z.number().int(),
  template: z.string(),
  case_format: z.string(),
  /** The prompt calls the function `f`; the completion and every case use `f` too. */
  anonymous: z.boolean(),
  /** Share of the function's statement lines the shown cases execute. */
  coverage: z.number(),
  /** Share of the function's AST mutants the shown cases tell apart. */
  mutation_score: z.number(),
  /** How well the shown cases rule out trivial explanations (see case2code's README). */
  informativeness: z.number(),
  /** Lines of the completion's code, and how many of them are the target function itself. */
  completion_lines: z.number().int(),
  target_lines: z.number().int(),
  environment: EnvironmentSchema,
});

export const Case2CodeRecordSchema = z.object({
  schema_version: z.literal(CASE2CODE_SCHEMA_VERSION),
  id: z.string(),
  function_id: z.string(),
  /** The entry point: the name the prompt, the completion and every case use (`f` when anonymous). */
  name: z.string(),
  /** The function's name in its source. */
  original_name: z.string(),
  /** Code the prompt gives the model to call (helpers too large to be part of the completion); '' when none. */
  context: z.string(),
  /** Everything needed to run the completion: `context` followed by the completion's code. */
  program: z.string(),
  shown: z.array(CaseSchema),
  heldout: z.array(CaseSchema),
  /** JSON text `{"shown": [Value|null, ...], "heldout": [...]}`: the typed tree of each case's return
   *  (null for an exception), in case order. */
  values: z.string(),
  prompt: z.string(),
  completion: z.string(),
  messages: z.array(MessageSchema),
  split: z.enum(['train', 'test']),
  metadata: MetadataSchema,
});
export type Case2CodeRecord = z.infer<typeof Case2CodeRecordSchema>;
