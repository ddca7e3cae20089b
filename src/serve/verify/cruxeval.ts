// CRUXEval-style prediction (Gu et al., 2024): `cruxeval-o` predicts the output of `f(input)` as a
// literal, `cruxeval-i` an input whose call gives `output`. Scored as `caseforge eval cruxeval-o/-i`
// scores them: `assert <output> == <prediction>` run after the function, with its refusal rules, and
// the answer cut from [ANSWER] tags, code blocks or a whole `assert` line.
import { z } from 'zod';
import { createCruxEval, type CruxTask } from '../../eval/benchmarks/cruxeval.js';
import { parseOr400 } from '../errors.js';
import { adapterFamily, type Family } from './family.js';

const Schema = z.object({
  /** The function, named `f`, and anything it needs. */
  code: z.string().min(1),
  /** Arguments of the call as Python source, without the parentheses: `[1, 2], 3`. */
  input: z.string(),
  /** The output as a Python literal. */
  output: z.string().min(1),
});

function cruxFamily(mode: 'output' | 'input'): Family<CruxTask> {
  return adapterFamily(createCruxEval(mode), (raw, field) => {
    const g = parseOr400(Schema, raw, field);
    return { id: 'inline', subsets: {}, code: g.code, input: g.input, output: g.output };
  });
}

export const cruxOutputFamily = cruxFamily('output');
export const cruxInputFamily = cruxFamily('input');
