// Records (schema v2, record.ts): cases from runs, the prompt from a template and a case format
// chosen by the seed (with the context the model may call, when there is one), the completion (the
// code after the context, in a fenced block), the chat form and the typed values. One entry name
// everywhere: `f` in an anonymous record (the program renamed to match), the source's name otherwise.
import { contentId, deriveSeed } from '../../store/hash.js';
import type { Origin } from '../../sources/types.js';
import type { Value } from '../../values/types.js';
import { programOf } from '../running/check.js';
import { expectedText, exceptionType } from './expected.js';
import { CASE_FORMATS } from './formats.js';
import { originText } from '../judging/raised.js';
import { CASE2CODE_SCHEMA_VERSION, type Case2CodeCase, type Case2CodeRecord } from './record.js';
import type { CaseRun } from '../running/runs.js';
import { SYSTEM_PROMPTS, TEMPLATES, type Template } from './templates.js';
import { argsText } from '../tooling.js';
import type { InputSource } from '../types.js';

export const ANONYMOUS_NAME = 'f';

/** A run as a case of a record whose entry point is `entry`. */
export function caseOf(entry: string, run: CaseRun): Case2CodeCase {
  const args = argsText(run.cand.args);
  const allKw = run.cand.args.every(([k]) => k !== null);
  const outcome = { status: run.status, repr: run.repr, exception: run.exception };
  return {
    call: `${entry}(${args})`,
    input: allKw ? `dict(${args})` : `(${args}${run.cand.args.length === 1 ? ',' : ''})`,
    status: run.status === 'ok' ? 'ok' : 'error',
    output: expectedText(outcome),
    exception: exceptionType(outcome),
    origin: run.status === 'ok' ? null : originText(run.exception?.origin),
  };
}

const valueOf = (run: CaseRun): Value | null => (run.status === 'ok' ? run.value ?? { t: 'none' } : null);

/** The seed's choice of phrasing for a function: template, case format, system prompt, and whether the
 *  prompt names the function. */
export interface Presentation {
  template: Template;
  formatIndex: number;
  system: string;
  named: boolean;
}

export function presentationOf(seed: number, functionId: string): Presentation {
  const pick = deriveSeed(seed, `template:${functionId}`);
  const template = TEMPLATES[pick % TEMPLATES.length];
  return {
    template,
    formatIndex: Math.floor(pick / TEMPLATES.length) % CASE_FORMATS.length,
    system: SYSTEM_PROMPTS[Math.floor(pick / (TEMPLATES.length * CASE_FORMATS.length)) % SYSTEM_PROMPTS.length],
    named: template.text.includes('{name}') || (pick >>> 20) % 2 === 0,
  };
}

export interface RecordInput {
  functionId: string;
  /** The source's name of the function, and the entry point the record uses (`f` when anonymous). */
  originalName: string;
  entry: string;
  /** Code the prompt shows as callable ('' when none), and the completion's code (the program is both). */
  context: string;
  code: string;
  source: Origin;
  shown: CaseRun[];
  heldout: CaseRun[];
  presentation: Presentation;
  generator: InputSource;
  seed: number;
  coverage: number;
  mutationScore: number;
  informativeness: number;
  targetLines: number;
  environment: Case2CodeRecord['metadata']['environment'];
}

export function fencedProgram(code: string): string {
  return '```python\n' + code.trim() + '\n```';
}

/** Above the helpers a prompt shows when the completion is the function alone. */
export const CONTEXT_HEADER = 'The function may use these definitions, which are already in scope:';

const lineCount = (code: string) => (code.trim() ? code.trim().split('\n').length : 0);

export function buildRecord(r: RecordInput): Case2CodeRecord {
  const p = r.presentation;
  const format = CASE_FORMATS[p.formatIndex];
  const shown = r.shown.map((run) => caseOf(r.entry, run));
  const heldout = r.heldout.map((run) => caseOf(r.entry, run));
  const anonymous = r.entry !== r.originalName;
  let prompt = p.template.text.replace('{cases}', format.render(shown, r.entry)).replaceAll('{name}', r.entry);
  if (!anonymous && !p.template.text.includes('{name}')) prompt = `Function: ${r.entry}\n\n${prompt}`;
  if (r.context.trim()) prompt = `${CONTEXT_HEADER}\n\n${fencedProgram(r.context)}\n\n${prompt}`;
  const code = r.code.replace(/^\s+|\s+$/g, '') + '\n';
  const completion = fencedProgram(code);
  return {
    schema_version: CASE2CODE_SCHEMA_VERSION,
    id: contentId({ function: r.functionId, seed: r.seed, generator: r.generator }),
    function_id: r.functionId,
    name: r.entry,
    original_name: r.originalName,
    context: r.context,
    program: programOf(r.context, code),
    shown,
    heldout,
    values: JSON.stringify({ shown: r.shown.map(valueOf), heldout: r.heldout.map(valueOf) }),
    prompt,
    completion,
    messages: [
      { role: 'system', content: p.system },
      { role: 'user', content: prompt },
      { role: 'assistant', content: completion },
    ],
    // Decided over every record at export (split.ts); a record in the work log is not yet placed.
    split: 'train',
    metadata: {
      source: {
        path: r.source.path, line: r.source.line, row: r.source.row ?? null, row_id: r.source.rowId ?? null, license: r.source.license ?? null,
      },
      generator: r.generator,
      seed: r.seed,
      template: `${p.template.id}${anonymous ? '+anonymous' : ''}`,
      case_format: format.id,
      anonymous,
      coverage: round4(r.coverage),
      mutation_score: round4(r.mutationScore),
      informativeness: round4(r.informativeness),
      completion_lines: lineCount(code),
      target_lines: r.targetLines,
      environment: r.environment,
    },
  };
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;
