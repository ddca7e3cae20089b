// Case2Code: the completion is a program; it passes when it reproduces every case. Inline ground
// truth is either caseforge's cases (`cases`, or a record's `shown` + `heldout`: call, expected repr or
// `Type: message`, status) or the Case2Code test set's form (`func_name`, the `examples` source and the
// gold `outputs`), scored as `caseforge eval case2code` scores each (a record's `context` runs in front
// of the answer).
import { z } from 'zod';
import { createCase2Code, type Case2CodeTask } from '../../eval/benchmarks/case2code.js';
import { parseOr400 } from '../errors.js';
import { adapterFamily, type Family } from './family.js';

const CaseSchema = z.object({
  call: z.string().min(1),
  output: z.string(),
  status: z.enum(['ok', 'error']).default('ok'),
  input: z.string().optional(),
});

const OwnCases = z.object({
  entry_point: z.string().optional(),
  context: z.string().optional(),
  cases: z.array(CaseSchema).min(1).optional(),
  shown: z.array(CaseSchema).optional(),
  heldout: z.array(CaseSchema).optional(),
}).refine((g) => (g.cases?.length ?? 0) + (g.shown?.length ?? 0) + (g.heldout?.length ?? 0) > 0, {
  message: 'give the cases to check: `cases` (or `shown` and `heldout`), or `func_name`, `examples` and `outputs`',
  path: ['cases'],
});

const TestSetCases = z.object({
  func_name: z.string().min(1),
  examples: z.string().min(1),
  outputs: z.array(z.string()).min(1),
});

const bench = createCase2Code();

/** A task from cases in caseforge's form (a record's own cases, or inline ones). */
export function taskFromCases(id: string, g: z.infer<typeof OwnCases>): Case2CodeTask {
  const cases = [...(g.cases ?? []), ...(g.shown ?? []), ...(g.heldout ?? [])];
  return {
    id, subsets: {}, funcName: g.entry_point ?? '', messages: [],
    cases: cases.map((c) => ({ call: c.call, status: c.status, output: c.output, input: c.input })),
    ...(g.context ? { context: g.context } : {}),
  };
}

export const case2codeFamily: Family<Case2CodeTask> = adapterFamily(bench, (raw, field) => {
  if (raw !== null && typeof raw === 'object' && 'examples' in raw) {
    const g = parseOr400(TestSetCases, raw, field);
    return { id: 'inline', subsets: {}, funcName: g.func_name, messages: [], examples: g.examples, outputs: g.outputs };
  }
  return taskFromCases('inline', parseOr400(OwnCases, raw, field));
});
