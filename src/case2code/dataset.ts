// What the Case2Code export writes, one schema for Parquet, JSONL and the card's features. Until the
// pipeline makes v2 records (record.ts, the `records` engineer's wiring), today's sample is written
// in a v1 export shape with v2's rule already applied: every path has one type in every row, so a
// case's typed value tree (its shape varies with the value) moves out of the case into `values`,
// one JSON string `{"shown": [Value|null, ...], "heldout": [...]}` in case order.
import { z } from 'zod';
import type { SplitPlanner } from '../store/dataset.js';
import type { Case, Case2CodeSample } from './types.js';

const ExportCase = z.object({
  call: z.string(),
  input: z.string(),
  status: z.enum(['ok', 'error']),
  output: z.string(),
  exception: z.string().nullable(),
});

export const Case2CodeExportSchema = z.object({
  id: z.string(),
  function_id: z.string(),
  name: z.string(),
  /** Helpers the prompt shows (too large to be part of the completion); '' when none. */
  context: z.string(),
  /** What runs: `context` followed by the completion's code. */
  program: z.string(),
  shown: z.array(ExportCase),
  heldout: z.array(ExportCase),
  values: z.string(),
  prompt: z.string(),
  completion: z.string(),
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })),
  split: z.enum(['train', 'test']),
  metadata: z.object({
    source: z.object({ path: z.string(), line: z.number().int(), row: z.number().int().nullable(), row_id: z.string().nullable(), license: z.string().nullable() }),
    generator: z.enum(['fuzz', 'llm', 'hybrid', 'given']),
    seed: z.number().int(),
    template: z.string(),
    case_format: z.string(),
    coverage: z.number(),
    mutation_score: z.number(),
    completion_lines: z.number().int(),
    target_lines: z.number().int(),
    versions: z.object({ caseforge: z.string(), python: z.string() }),
  }),
});
export type Case2CodeExportRow = z.infer<typeof Case2CodeExportSchema>;

const exportCase = (c: Case) => ({ call: c.call, input: c.input, status: c.status, output: c.output, exception: c.exception ?? null });

export function exportRow(s: Case2CodeSample): Case2CodeExportRow {
  const src = s.metadata.source;
  return {
    id: s.id, function_id: s.function_id, name: s.name, context: s.context, program: s.program,
    shown: s.shown.map(exportCase), heldout: s.heldout.map(exportCase),
    values: JSON.stringify({ shown: s.shown.map((c) => c.value ?? null), heldout: s.heldout.map((c) => c.value ?? null) }),
    prompt: s.prompt, completion: s.completion, messages: s.messages, split: s.split,
    metadata: {
      source: { path: src.path, line: src.line, row: src.row ?? null, row_id: src.rowId ?? null, license: src.license ?? null },
      generator: s.metadata.generator, seed: s.metadata.seed, template: s.metadata.template, case_format: s.metadata.case_format,
      coverage: s.metadata.coverage, mutation_score: s.metadata.mutation_score,
      completion_lines: s.metadata.completion_lines, target_lines: s.metadata.target_lines, versions: s.metadata.versions,
    },
  };
}

/** The split decision the export asks for once it has seen every record. Today each record keeps the
 *  split its function's hash gave it; the split by source file (near-duplicate groups on one side,
 *  with a leak check) replaces this planner, with the same interface. */
export function splitPlanner(): SplitPlanner<Case2CodeExportRow> {
  const test: boolean[] = [];
  return {
    observe: (r, i) => { test[i] = r.split === 'test'; },
    finish: () => (i) => (test[i] ? 'test' : 'train'),
  };
}
