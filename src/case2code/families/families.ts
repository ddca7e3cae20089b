// The output- and input-prediction families (CRUXEval-O/-I, CodeI/O), made from the cases a Case2Code
// run already executed: an `output` record shows the function and one call and asks for the value
// (a Python literal, or `raises Name` for the small share of exception cases); an `input` record
// shows the function and an output and asks for a call that gives it. Each record keeps its
// function's split, so a function is test in every family or in none. Cases are chosen for
// difficulty and variety: no echo of an argument, constants (None, True, 0, '') only when nothing
// better is left (and never as an input-prediction target), distinct answers, longer outputs first.
import { z } from 'zod';
import { contentId, deriveSeed } from '../../store/hash.js';
import { FAMILY_SYSTEM, INPUT_TEMPLATES, OUTPUT_TEMPLATES, fill, type FamilyTemplate } from './family_templates.js';

export const TASK_FAMILIES = ['case2code', 'output', 'input'] as const;
export type TaskFamily = (typeof TASK_FAMILIES)[number];
/** The families written beside the Case2Code records, each as a dataset in DIR/<family>. */
export const PREDICTION_FAMILIES = ['output', 'input'] as const;
export const FAMILY_SCHEMA_VERSION = 1;

const Message = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() });

const FamilyMetadata = z.object({
  /** The Case2Code record the case came from. */
  source_record: z.string(),
  source_path: z.string(),
  template: z.string(),
  seed: z.number().int(),
  /** Why this case: its difficulty score (longer, non-constant, not an echo score higher). */
  difficulty: z.number(),
});

/** Fields every family record has, before its own ones. */
const head = {
  schema_version: z.literal(FAMILY_SCHEMA_VERSION),
  id: z.string(),
  function_id: z.string(),
  entry_point: z.string(),
  program: z.string(),
};

/** ... and after them. */
const tail = {
  prompt: z.string(),
  completion: z.string(),
  /** A slot for a reasoning trace (e.g. a model's step-by-step execution); null when none. */
  reasoning: z.string().nullable(),
  messages: z.array(Message),
  split: z.enum(['train', 'test']),
  /** JSON text for verifiers and reward functions (see each family). */
  ground_truth: z.string(),
  metadata: FamilyMetadata,
};

/** program + one call -> the output literal; ground_truth {entry_point, program, call, answer, status, exception}. */
export const OutputRecordSchema = z.object({
  ...head,
  task: z.literal('output'),
  call: z.string(),
  /** The answer: the return's repr (a literal), or `raises Name` for an exception. */
  answer: z.string(),
  status: z.enum(['ok', 'error']),
  exception: z.string().nullable(),
  ...tail,
});
export type OutputRecord = z.infer<typeof OutputRecordSchema>;

/** program + an output -> a call that returns it; ground_truth {entry_point, program, output, reference_call}. */
export const InputRecordSchema = z.object({
  ...head,
  task: z.literal('input'),
  /** The output to reach: a literal repr. */
  output: z.string(),
  /** One call known to give it (the recorded case). */
  reference_call: z.string(),
  ...tail,
});
export type InputRecord = z.infer<typeof InputRecordSchema>;

/** What a family needs of a Case2Code record (any of its versions). */
export interface FamilySource {
  id: string;
  functionId: string;
  name: string;
  program: string;
  split: 'train' | 'test';
  path: string;
  cases: Array<{ call: string; status: 'ok' | 'error'; output: string; exception: string | null }>;
}

type Row = Record<string, unknown>;

/** The source of a Case2Code record, or undefined for a record that is not one. */
export function familySource(r: Row): FamilySource | undefined {
  if (typeof r.program !== 'string' || typeof r.name !== 'string' || !Array.isArray(r.shown) || !Array.isArray(r.heldout)) return undefined;
  const meta = (r.metadata ?? {}) as { source?: { path?: string } };
  const cases = [...(r.shown as Row[]), ...(r.heldout as Row[])].map((c) => ({
    call: String(c.call), status: c.status === 'error' ? 'error' as const : 'ok' as const, output: String(c.output),
    exception: typeof c.exception === 'string' ? c.exception : null,
  }));
  return { id: String(r.id), functionId: String(r.function_id ?? r.id), name: r.name, program: r.program, split: r.split === 'test' ? 'test' : 'train', path: meta.source?.path ?? '', cases };
}

export interface FamilyOptions {
  seed: number;
  /** Records per function and family at most. */
  perFunction: number;
  /** Share of functions whose output family may use one exception case. */
  errorShare: number;
}

export const FAMILY_DEFAULTS: FamilyOptions = { seed: 0, perFunction: 2, errorShare: 0.1 };

const CONSTANTS = new Set(['None', 'True', 'False', '0', '1', "''", '""', '[]', '{}', '()', 'set()', '0.0', '-1']);

/** The argument texts of a call `f(a, k=b)` at its top level (for the echo test). */
function argumentTexts(call: string): string[] {
  const open = call.indexOf('(');
  const inner = call.slice(open + 1, call.lastIndexOf(')'));
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (quote) { if (ch === '\\') i++; else if (ch === quote) quote = null; continue; }
    if (ch === '"' || ch === "'") quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) { out.push(inner.slice(start, i)); start = i + 1; }
  }
  out.push(inner.slice(start));
  return out.map((a) => a.replace(/^\s*\w+\s*=(?!=)/, '').trim()).filter(Boolean);
}

/** Higher is harder; undefined: not worth asking (an echo of an argument). */
export function difficulty(call: string, output: string): number | undefined {
  if (argumentTexts(call).includes(output)) return undefined;
  if (CONSTANTS.has(output)) return 0.1;
  return Math.round(Math.min(1, 0.3 + Math.log10(1 + output.length) / 3) * 1000) / 1000;
}

interface Pick {
  index: number;
  score: number;
}

/** Up to n cases, best first, distinct answers, ties broken by the seed. */
function choose(candidates: Pick[], answers: string[], n: number, seed: number, key: string): Pick[] {
  const order = candidates
    .map((c) => ({ ...c, tie: deriveSeed(seed, `${key}:${c.index}`) }))
    .sort((a, b) => b.score - a.score || a.tie - b.tie);
  const seen = new Set<string>();
  const out: Pick[] = [];
  for (const c of order) {
    if (seen.has(answers[c.index])) continue;
    seen.add(answers[c.index]);
    out.push(c);
    if (out.length >= n) break;
  }
  return out;
}

function template(list: FamilyTemplate[], seed: number, key: string): FamilyTemplate {
  return list[deriveSeed(seed, key) % list.length];
}

const answerBlock = (line: string) => `[ANSWER]\n${line}\n[/ANSWER]`;

/** The completion with a reasoning trace in front of the answer (the trace slot filled). */
export function withReasoning(completion: string, reasoning: string): string {
  return `[THOUGHT]\n${reasoning.trim()}\n[/THOUGHT]\n${completion}`;
}

function chat(prompt: string, completion: string) {
  return [
    { role: 'system' as const, content: FAMILY_SYSTEM },
    { role: 'user' as const, content: prompt },
    { role: 'assistant' as const, content: completion },
  ];
}

/** Output-prediction records of one function; `literal[i]` says whether case i's output is a literal. */
export function outputRecords(src: FamilySource, literal: boolean[], o: FamilyOptions = FAMILY_DEFAULTS): OutputRecord[] {
  const answers = src.cases.map((c) => (c.status === 'error' ? `raises ${c.exception ?? 'Exception'}` : c.output));
  const okPicks: Pick[] = [];
  const errPicks: Pick[] = [];
  src.cases.forEach((c, index) => {
    if (c.status === 'ok') {
      const score = literal[index] ? difficulty(c.call, c.output) : undefined;
      if (score !== undefined) okPicks.push({ index, score });
    } else if (c.exception) errPicks.push({ index, score: 0.5 });
  });
  const allowError = errPicks.length > 0 && (deriveSeed(o.seed, `errors:${src.functionId}`) % 1000) < o.errorShare * 1000;
  let picks = choose(okPicks, answers, o.perFunction, o.seed, `output:${src.functionId}`);
  if (allowError) picks = [...picks.slice(0, Math.max(0, o.perFunction - 1)), ...choose(errPicks, answers, 1, o.seed, `output-error:${src.functionId}`)];
  return picks.map((p) => {
    const c = src.cases[p.index];
    const t = template(OUTPUT_TEMPLATES, o.seed, `output:${src.functionId}:${p.index}`);
    const prompt = fill(t.text, { program: src.program.trim(), call: c.call, name: src.name });
    const answer = answers[p.index];
    const completion = answerBlock(c.status === 'error' ? answer : `assert ${c.call} == ${answer}`);
    return {
      schema_version: FAMILY_SCHEMA_VERSION, task: 'output', id: contentId({ family: 'output', source: src.id, call: c.call }),
      function_id: src.functionId, entry_point: src.name, program: src.program, call: c.call, answer, status: c.status, exception: c.exception,
      prompt, completion, reasoning: null, messages: chat(prompt, completion), split: src.split,
      ground_truth: JSON.stringify({ entry_point: src.name, program: src.program, call: c.call, answer, status: c.status, exception: c.exception }),
      metadata: { source_record: src.id, source_path: src.path, template: t.id, seed: o.seed, difficulty: p.score },
    };
  });
}

/** Input-prediction records of one function; `literal[i]`: case i returned a literal and its call passes only literals. */
export function inputRecords(src: FamilySource, literal: boolean[], o: FamilyOptions = FAMILY_DEFAULTS): InputRecord[] {
  const answers = src.cases.map((c) => c.output);
  const picks: Pick[] = [];
  src.cases.forEach((c, index) => {
    if (c.status !== 'ok' || !literal[index]) return;
    // A constant (False, None, 0, '') is reached by almost any input: not worth asking backwards.
    const score = CONSTANTS.has(c.output) ? undefined : difficulty(c.call, c.output);
    if (score !== undefined) picks.push({ index, score });
  });
  return choose(picks, answers, o.perFunction, o.seed, `input:${src.functionId}`).map((p) => {
    const c = src.cases[p.index];
    const t = template(INPUT_TEMPLATES, o.seed, `input:${src.functionId}:${p.index}`);
    const prompt = fill(t.text, { program: src.program.trim(), name: src.name, output: c.output });
    const completion = answerBlock(`assert ${c.call} == ${c.output}`);
    return {
      schema_version: FAMILY_SCHEMA_VERSION, task: 'input', id: contentId({ family: 'input', source: src.id, call: c.call }),
      function_id: src.functionId, entry_point: src.name, program: src.program, output: c.output, reference_call: c.call,
      prompt, completion, reasoning: null, messages: chat(prompt, completion), split: src.split,
      ground_truth: JSON.stringify({ entry_point: src.name, program: src.program, output: c.output, reference_call: c.call }),
      metadata: { source_record: src.id, source_path: src.path, template: t.id, seed: o.seed, difficulty: p.score },
    };
  });
}
