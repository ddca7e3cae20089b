// Verifiers of the output- and input-prediction families, plain functions over an executor so that
// `caseforge eval` and a server's /verify call the same code.
//   output: the predicted literal is read in the sandbox (ast.literal_eval: nothing is run) and its
//           canonical value compared with the recorded answer's; `raises Name` answers an exception
//           case, and only that.
//   input:  the prediction must be one plain call of the entry point with literal arguments (CRUXEval's
//           rule; anything else is rejected unrun); it runs after the program in the sandbox and its
//           value is compared with the recorded output's.
// Answers are pulled out of chatty replies first (familyAnswer).
import { fileURLToPath } from 'node:url';
import type { Executor } from '../exec/executor.js';
import type { CallResult, Limits } from '../exec/types.js';
import { callTool } from '../case2code/tooling.js';
import { pyStr } from '../values/pyliteral.js';
import { compareValues } from '../values/compare.js';
import { cruxevalAnswer, firstCodeBlock } from './extract.js';
import { mismatch, reasonOf, rejected, verdictOf } from './verdict.js';
import type { Verdict } from './types.js';

export const FAMILY_PYTHON_DIR = fileURLToPath(new URL('./python/', import.meta.url));
export const FAMILY_PRELOAD = ['cf_eval_families'];

/** CRUXEval gives a check 3 s; headroom for a loaded machine. */
export const FAMILY_LIMITS: Partial<Limits> = { timeoutMs: 6_000, cpuMs: 6_000 };

export interface OutputTruth {
  entry_point: string;
  program: string;
  call: string;
  answer: string;
  status: 'ok' | 'error';
  exception: string | null;
}

export interface InputTruth {
  entry_point: string;
  program: string;
  output: string;
}

const RAISES = /^raises\s+([A-Za-z_][\w.]*)/;

/**
 * The answer in a reply: inside [ANSWER] ... [/ANSWER] when present, else the last `assert` line
 * (or `raises Name`) of the reply or of its code block; for output prediction the part after `==`,
 * for input prediction the call before it.
 */
export function familyAnswer(mode: 'output' | 'input', reply: string): string {
  let text = reply;
  if (!text.includes('[ANSWER]')) {
    const block = firstCodeBlock(text);
    const lines = (block ?? text).split('\n').map((l) => l.trim());
    const raises = lines.filter((l) => RAISES.test(l)).at(-1);
    const assertion = lines.filter((l) => l.startsWith('assert ')).at(-1);
    if (mode === 'output' && raises && !assertion) return raises.match(RAISES)![0];
    if (assertion) text = assertion;
    else if (block !== undefined) text = block;
  }
  const cut = cruxevalAnswer(mode, text);
  const raised = RAISES.exec(cut);
  return raised ? raised[0] : cut.replace(/^`+|`+$/g, '').trim();
}

const lastName = (s: string) => s.split('.').at(-1)!;

async function literal(ex: Executor, text: string): Promise<CallResult> {
  return ex.run({ code: 'import ast', call: `ast.literal_eval(${pyStr(text)})`, profile: 'plain', limits: FAMILY_LIMITS });
}

export async function verifyOutputPrediction(ex: Executor, truth: OutputTruth, prediction: string): Promise<Verdict> {
  const p = prediction.trim();
  if (!p) return rejected('empty answer');
  const raised = RAISES.exec(p);
  if (truth.status === 'error') {
    if (!raised) return { status: 'failed', passed: false, error: `the call raises ${truth.exception}; the answer is a value` };
    const ok = lastName(raised[1]) === lastName(truth.exception ?? '');
    return ok ? { status: 'passed', passed: true } : { status: 'failed', passed: false, error: `expected raises ${truth.exception}, got ${p}`, ...mismatch(truth.call, `raises ${truth.exception}`, p) };
  }
  if (raised) return { status: 'failed', passed: false, error: `the call returns ${truth.answer.slice(0, 120)}; the answer says it raises` };
  if (p.includes(`${truth.entry_point}(`)) return rejected(`the answer calls ${truth.entry_point}`);
  const [want, got] = await Promise.all([literal(ex, truth.answer), literal(ex, p)]);
  if (want.status !== 'ok' || !want.value) return { status: 'error', passed: false, error: `recorded answer is not a literal: ${reasonOf(want)}` };
  if (got.status !== 'ok' || !got.value) return rejected(`not a Python literal: ${reasonOf(got)}`);
  const cmp = compareValues(want.value, got.value, 'exact');
  const timing = { wallMs: Math.round(got.wallMs), cpuMs: Math.round(got.cpuMs) };
  return cmp.equal ? { status: 'passed', passed: true, ...timing } : { status: 'failed', passed: false, error: `${cmp.reason}`, ...mismatch(truth.call, want.value.repr, got.value.repr), ...timing };
}

export async function verifyInputPrediction(ex: Executor, truth: InputTruth, prediction: string): Promise<Verdict> {
  const p = prediction.trim();
  if (!p) return rejected('empty answer');
  const check = await callTool<{ ok: boolean; call?: string; reason?: string }>(ex, 'cf_eval_families', 'check_call', { text: p, entry: truth.entry_point });
  if (!check.ok) return { status: 'error', passed: false, error: check.error };
  if (!check.data.ok) return rejected(check.data.reason ?? 'not a plain call with literal arguments');
  const [want, got] = await Promise.all([
    literal(ex, truth.output),
    ex.run({ code: truth.program, call: check.data.call!, profile: 'plain', limits: FAMILY_LIMITS }),
  ]);
  if (want.status !== 'ok' || !want.value) return { status: 'error', passed: false, error: `recorded output is not a literal: ${reasonOf(want)}` };
  if (got.status !== 'ok' || !got.value) {
    const v = verdictOf(got);
    return v.status === 'error' && got.status === 'error' ? { ...v, status: 'failed' } : v;
  }
  const cmp = compareValues(want.value, got.value, 'exact');
  const timing = { wallMs: Math.round(got.wallMs), cpuMs: Math.round(got.cpuMs) };
  return cmp.equal ? { status: 'passed', passed: true, ...timing } : { status: 'failed', passed: false, error: `${check.data.call} gives ${got.value.repr.slice(0, 160)}: ${cmp.reason}`, ...mismatch(check.data.call!, want.value.repr, got.value.repr), ...timing };
}
