// HumanEval-style tests: the completion is a function (or the body that continues `prompt`); it
// passes when `check(<entry_point>)` of the tests runs clean, as `caseforge eval humaneval` runs it.
import { z } from 'zod';
import { createHumanEval, type HumanEvalTask } from '../../eval/benchmarks/humaneval.js';
import { parseOr400 } from '../errors.js';
import { adapterFamily, type Family } from './family.js';

const Schema = z.object({
  /** The signature and docstring the completion continues ('' when completions are whole functions). */
  prompt: z.string().default(''),
  /** Source defining `check(candidate)`. */
  test: z.string().min(1),
  entry_point: z.string().regex(/^[A-Za-z_]\w*$/, 'must be a Python identifier'),
});

export const humanevalFamily: Family<HumanEvalTask> = adapterFamily(createHumanEval(), (raw, field) => {
  const g = parseOr400(Schema, raw, field);
  return { id: 'inline', subsets: {}, prompt: g.prompt, test: g.test, entryPoint: g.entry_point };
});
