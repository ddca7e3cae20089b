// What the GIFT4Code export writes: one schema (zod) for the Parquet columns, the JSONL lines and the
// card's features. The record is today's sample with one change that gives every path one type in
// every row: the output's canonical value (its shape varies with the value) is JSON text in
// `output.value`; `eval gift4code` parses it back. Absent optional fields are written as null/[].
import { z } from 'zod';
import type { CanonicalValue } from '../values/types.js';
import type { Gift4CodeSample } from './types.js';

const DatasetRefSchema = z.object({
  name: z.string(),
  file: z.string(),
  format: z.enum(['csv', 'tsv', 'json', 'parquet']),
  variable: z.string(),
  parseDates: z.array(z.string()),
});

export const Gift4CodeExportSchema = z.object({
  id: z.string(),
  context: z.object({
    id: z.string(),
    code: z.string(),
    cells: z.array(z.string()),
    schema: z.string(),
    datasets: z.array(DatasetRefSchema),
    dataRoot: z.object({ label: z.string(), path: z.string() }),
  }),
  intent: z.string(),
  spec: z.object({ kind: z.enum(['typedesc', 'examples', 'summary']), text: z.string() }),
  code: z.string(),
  /** `value`: JSON text of the output's canonical value; `head`: its rendered head. */
  output: z.object({ value: z.string(), head: z.string() }),
  split: z.enum(['train', 'test']),
  notebook: z.string(),
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })),
  metadata: z.object({
    generator: z.enum(['llm', 'offline']),
    family: z.string(),
    datasets: z.array(z.string()),
    contextName: z.string(),
    models: z.object({ intents: z.string().nullable(), solutions: z.string().nullable(), summaries: z.string().nullable() }).nullable(),
    seed: z.number().int(),
    solutionId: z.string(),
    apis: z.array(z.string()),
  }),
});
export type Gift4CodeExportRow = z.infer<typeof Gift4CodeExportSchema>;

export function exportRow(s: Gift4CodeSample): Gift4CodeExportRow {
  const m = s.metadata;
  return {
    id: s.id,
    context: { ...s.context, datasets: s.context.datasets.map((d) => ({ name: d.name, file: d.file, format: d.format, variable: d.variable, parseDates: d.parseDates ?? [] })) },
    intent: s.intent, spec: s.spec, code: s.code,
    output: { value: JSON.stringify(s.output.value), head: s.output.head },
    split: s.split, notebook: s.notebook, messages: s.messages,
    metadata: {
      generator: m.generator, family: m.family, datasets: m.datasets, contextName: m.contextName,
      models: m.models ? { intents: m.models.intents ?? null, solutions: m.models.solutions ?? null, summaries: m.models.summaries ?? null } : null,
      seed: m.seed, solutionId: m.solutionId, apis: m.apis,
    },
  };
}

/** The canonical value of a record's output, from an export row (JSON text) or an older record. */
export function outputValue(output: { value: unknown }): CanonicalValue {
  return (typeof output.value === 'string' ? JSON.parse(output.value) : output.value) as CanonicalValue;
}
