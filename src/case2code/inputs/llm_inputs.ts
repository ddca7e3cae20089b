// The LLM writer: asked for inputs to a function as `dict(arg=value)` items, its reply is parsed as
// literals by the Python tool (in the sandbox, never eval'd here), checked against the parameters,
// and asked again (another seed) when fewer than the needed inputs are usable.
import type { Executor } from '../../exec/executor.js';
import type { LlmClient } from '../../llm/client.js';
import { parseInputs, type ParamShape } from '../tooling.js';
import type { Arg, Candidate } from '../types.js';

export interface LlmInputsResult {
  cands: Candidate[];
  requests: number;
  /** Why attempts were unusable (llm failure cause, syntax, no inputs, wrong arguments). */
  problems: string[];
}

export function writerPrompt(program: string, name: string, params: ParamShape[], n: number): string {
  const names = params.filter((p) => p.kind !== 'var_positional' && p.kind !== 'var_keyword').map((p) => p.name);
  return [
    `Below is a Python function \`${name}\` and the code it depends on.`,
    '',
    '```python',
    program.trim(),
    '```',
    '',
    `Write ${n} different inputs for \`${name}\` that exercise different paths through it: typical values, edge cases and`,
    'unusual but valid values. Write each input as `dict(' + (names.length ? names.map((p) => `${p}=...`).join(', ') : '') + ')` using only',
    'Python literals, and put them in one list assigned to `examples` inside a ```python block. Do not call the function.',
  ].join('\n');
}

/** Inputs whose keywords are all parameters and that name every parameter without a default. */
export function validArgs(args: Arg[] | null, params: ParamShape[]): boolean {
  if (!args) return false;
  const named = new Map(params.map((p) => [p.name, p]));
  const hasKwargs = params.some((p) => p.kind === 'var_keyword');
  for (const [k] of args) {
    const p = k === null ? undefined : named.get(k);
    if (k === null || (!p && !hasKwargs) || p?.kind === 'positional_only') return false;
  }
  const given = new Set(args.map(([k]) => k));
  return params.every((p) => p.default !== undefined || p.kind.startsWith('var_') || given.has(p.name));
}

function codeOf(reply: string): string {
  const blocks = [...reply.matchAll(/```(?:python|py)?[^\n]*\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.length ? blocks.join('\n') : reply;
}

export async function llmInputs(
  ex: Executor, llm: LlmClient, program: string, name: string, params: ParamShape[],
  opts: { n: number; attempts: number; temperature: number; seed: number; need: number },
): Promise<LlmInputsResult> {
  const prompt = writerPrompt(program, name, params, opts.n);
  const seen = new Set<string>();
  const cands: Candidate[] = [];
  const problems: string[] = [];
  let requests = 0;
  for (let attempt = 0; attempt < opts.attempts && cands.length < opts.need; attempt++) {
    requests++;
    const res = await llm.complete({
      messages: [
        { role: 'system', content: 'You write test inputs for Python functions.' },
        { role: 'user', content: prompt },
      ],
      n: 1,
      temperature: opts.temperature,
      seed: opts.seed + attempt,
      maxTokens: 2048,
    });
    if (!res.ok) { problems.push(`llm:${res.cause}`); continue; }
    const parsed = await parseInputs(ex, codeOf(res.choices[0] ?? ''), true);
    if (!parsed.ok) { problems.push('parse_failed'); continue; }
    if (parsed.data.error) { problems.push('syntax_error'); continue; }
    const good = parsed.data.inputs.filter((a): a is Arg[] => validArgs(a, params));
    if (good.length === 0) problems.push(parsed.data.inputs.length ? 'wrong_arguments' : 'no_inputs');
    for (const args of good) {
      const key = JSON.stringify(args);
      if (!seen.has(key)) { seen.add(key); cands.push({ args, origin: 'llm' }); }
    }
  }
  return { cands, requests, problems };
}
