// The prediction families a Case2Code run writes (`--tasks ...,output,input`): `output` (program +
// call -> the output as a literal, compared by canonical value; `raises Name` for an exception case)
// and `input` (program + output -> one plain call with literal arguments that gives it). Their
// ground truth is the record's own `ground_truth` (what `caseforge export` puts in its column), and
// they are scored by the verifiers `caseforge eval output-prediction|input-prediction` uses.
import { z } from 'zod';
import { createFamilyBench, type FamilyTask } from '../../eval/benchmarks/families.js';
import { parseOr400 } from '../errors.js';
import { adapterFamily, type Family } from './family.js';

const Identifier = z.string().regex(/^[A-Za-z_]\w*$/, 'must be a Python identifier');

const OutputSchema = z.object({
  entry_point: Identifier,
  program: z.string().min(1),
  call: z.string().min(1),
  /** The recorded output as a Python literal (for an exception case, unused). */
  answer: z.string(),
  status: z.enum(['ok', 'error']).default('ok'),
  /** The exception's type for an error case. */
  exception: z.string().nullable().default(null),
});

const InputSchema = z.object({
  entry_point: Identifier,
  program: z.string().min(1),
  /** The output the predicted call must give, as a Python literal. */
  output: z.string().min(1),
});

export const outputFamily: Family<FamilyTask> = adapterFamily(createFamilyBench('output'), (raw, field) => ({
  id: 'inline', subsets: {}, messages: [], output: parseOr400(OutputSchema, raw, field),
}), 'output');

export const inputFamily: Family<FamilyTask> = adapterFamily(createFamilyBench('input'), (raw, field) => ({
  id: 'inline', subsets: {}, messages: [], input: parseOr400(InputSchema, raw, field),
}), 'input');
