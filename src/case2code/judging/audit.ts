// The audit of a finished record, read from its text alone (as a researcher would check it): do its
// shown cases rule out trivial explanations, echo arguments, have enough distinct outputs, show only
// exceptions the function's own checks raise; does one name run through the prompt, the program and
// every case; how long is the completion. The run's report and dataset card count what it finds.
import type { Executor } from '../../exec/executor.js';
import { completionCode } from '../running/check.js';
import { topLevelDefs } from '../records/defs.js';
import { auditShown } from './informative.js';
import { errorSource } from './raised.js';
import type { Case2CodeRecord } from '../records/record.js';
import { caseFacts } from '../tooling.js';

export interface RecordChecks {
  /** The trivial program that explains every shown return, or null. */
  trivial: string | null;
  echo_half: boolean;
  few_outputs: boolean;
  informativeness: number;
  /** Shown exceptions Python raised on an operand of the wrong type (not the function's own checks). */
  mistyped_shown: number;
  /** Why the names disagree, or null. */
  name_mismatch: string | null;
  completion_lines: number;
  heldout: number;
}

const keyOf = (c: Case2CodeRecord['shown'][number]) => `${c.status}:${c.output}`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Python string literals (triple-quoted ones across lines, any prefix) and comments, in the order a
// tokenizer meets them: a name inside text is data the renaming must keep, not a call.
const TEXT = /[rRbBuUfF]{0,2}(?:"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|#[^\n]*/g;

/** The program with its string literals emptied and its comments removed. */
export function codeOnly(program: string): string {
  return program.replace(TEXT, (m) => (m.startsWith('#') ? '' : '""'));
}

/** Why the record's names disagree (entry point, definition, cases, prompt), or null. */
export function nameMismatch(r: Case2CodeRecord): string | null {
  const code = completionCode(r.context, r.program);
  if (!topLevelDefs(code).some((d) => d.name === r.name)) return `the completion does not define ${r.name}`;
  const bad = [...r.shown, ...r.heldout].find((c) => !c.call.startsWith(`${r.name}(`));
  if (bad) return `case ${bad.call} does not call ${r.name}`;
  if (r.metadata.anonymous !== (r.name !== r.original_name)) return 'anonymous flag disagrees with the names';
  if (r.name !== r.original_name) {
    if (topLevelDefs(r.program).some((d) => d.name === r.original_name)) return `the program still defines ${r.original_name}`;
    const call = new RegExp(`(?<![\\w.])${escape(r.original_name)}\\s*\\(`);
    if (call.test(codeOnly(r.program))) return `the program still calls ${r.original_name}`;
  } else if (!r.prompt.includes(r.name)) {
    return `the prompt does not name ${r.name}`;
  }
  return null;
}

export async function auditRecord(ex: Executor, r: Case2CodeRecord, params: string[]): Promise<RecordChecks> {
  const got = await caseFacts(ex, params, r.shown.map((c) => ({ call: c.call, output: c.output, ok: c.status === 'ok' })));
  const facts = got.ok ? got.data.facts : r.shown.map(() => ({ hyps: [], echo: false }));
  const a = auditShown(r.shown.map((c, i) => ({ key: keyOf(c), isError: c.status !== 'ok', hyps: facts[i].hyps, echo: facts[i].echo })));
  const code = completionCode(r.context, r.program);
  return {
    trivial: a.trivial,
    echo_half: a.echoShare >= 0.5,
    few_outputs: !a.enoughOutputs,
    informativeness: a.informativeness,
    mistyped_shown: r.shown.filter((c) => c.status === 'error' && errorSource(c.exception ?? '', c.origin) === 'mistyped').length,
    name_mismatch: nameMismatch(r),
    completion_lines: code.trim() ? code.trim().split('\n').length : 0,
    heldout: r.heldout.length,
  };
}

