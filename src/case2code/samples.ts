// Sample records: cases from runs, the prompt from a template and a case format chosen by the seed,
// the completion (the program in a fenced block), the chat form, and the split by function.
import { contentId, deriveSeed, splitOf } from '../store/hash.js';
import type { Origin } from '../sources/types.js';
import { CASE_FORMATS } from './formats.js';
import { exceptionText, type CaseRun } from './runs.js';
import { argsText } from './tooling.js';
import { SYSTEM_PROMPTS, TEMPLATES } from './templates.js';
import type { Case, Case2CodeSample, InputSource } from './types.js';
import type { JobScope } from './job.js';

export function caseOf(name: string, run: CaseRun): Case {
  const args = argsText(run.cand.args);
  const allKw = run.cand.args.every(([k]) => k !== null);
  const c: Case = { call: `${name}(${args})`, input: allKw ? `dict(${args})` : `(${args}${run.cand.args.length === 1 ? ',' : ''})`, status: run.status === 'ok' ? 'ok' : 'error', output: '' };
  if (run.status === 'ok') {
    c.output = run.repr ?? 'None';
    if (run.value) c.value = run.value;
  } else {
    c.output = exceptionText(run);
    c.exception = run.exception?.type ?? run.status;
  }
  return c;
}

export interface SampleInput extends JobScope {
  functionId: string;
  name: string;
  source: Origin;
  shown: Case[];
  heldout: Case[];
  generator: InputSource;
  seed: number;
  coverage: number;
  mutationScore: number;
  testShare: number;
  versions: { caseforge: string; python: string };
}

/** Above the helpers a prompt shows when the completion is the function alone. */
export const CONTEXT_HEADER = 'The function may use these definitions, which are already in scope:';

export function fencedProgram(program: string): string {
  return '```python\n' + program.trim() + '\n```';
}

export function buildSample(s: SampleInput): Case2CodeSample {
  const pick = deriveSeed(s.seed, `template:${s.functionId}`);
  const template = TEMPLATES[pick % TEMPLATES.length];
  const format = CASE_FORMATS[Math.floor(pick / TEMPLATES.length) % CASE_FORMATS.length];
  const system = SYSTEM_PROMPTS[Math.floor(pick / (TEMPLATES.length * CASE_FORMATS.length)) % SYSTEM_PROMPTS.length];
  const named = template.text.includes('{name}') || (pick >>> 20) % 2 === 0;
  const fn = named ? s.name : 'f';
  let prompt = template.text.replace('{cases}', format.render(s.shown, fn)).replaceAll('{name}', s.name);
  if (named && !template.text.includes('{name}')) prompt = `Function: ${s.name}\n\n${prompt}`;
  if (s.context) prompt = `${CONTEXT_HEADER}\n\n${fencedProgram(s.context)}\n\n${prompt}`;
  const completion = fencedProgram(s.completion);
  const templateId = `${template.id}${named ? '' : '+anonymous'}`;
  return {
    id: contentId({ function: s.functionId, seed: s.seed, generator: s.generator }),
    function_id: s.functionId,
    name: s.name,
    context: s.context,
    program: s.program,
    shown: s.shown,
    heldout: s.heldout,
    prompt,
    completion,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: prompt },
      { role: 'assistant', content: completion },
    ],
    split: splitOf(s.functionId, s.testShare),
    metadata: {
      source: s.source,
      generator: s.generator,
      seed: s.seed,
      template: templateId,
      case_format: format.id,
      coverage: round4(s.coverage),
      mutation_score: round4(s.mutationScore),
      completion_lines: s.completionLines,
      target_lines: s.targetLines,
      versions: s.versions,
    },
  };
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;
