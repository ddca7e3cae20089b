// Case2Code: infer a function from input/output cases; pass when the predicted function reproduces
// every case of the task, shown and held out. Reads the Case2Code test set (gold outputs as
// json.dumps(repr(out)), run as its reference harness runs them) and the test split of records
// written by `caseforge case2code` (read with the record schema both sides share; the prompt's
// context, then the answer, checked case by case as the writer checked it).
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { checkRow } from '../../store/badinput.js';
import { pyStr } from '../../values/pyliteral.js';
import type { ChatMessage } from '../../llm/transport.js';
import { unwrapCode } from '../extract.js';
import { mismatch, verdictOf } from '../verdict.js';
import type { Benchmark, ScoreContext, Task, Verdict } from '../types.js';
import { explainMismatch, staticDefects } from './case2code-defects.js';
import { scoreOwnCases, type OwnCase } from './case2code-own.js';
import { taskRowsAt, uniqueIds, type PlacedRow } from './rows.js';
import { Case2CodeRecordSchema, type Case2CodeRecord } from '../../case2code/records/record.js';
import { completionCode } from '../../case2code/running/check.js';

export interface Case2CodeTask extends Task {
  funcName: string;
  messages: ChatMessage[];
  /** Test-set format: the `examples = [...]` source and gold output strings. */
  examples?: string;
  outputs?: string[];
  /** caseforge format: every case, shown and held out, and the code the prompt gave to call. */
  cases?: OwnCase[];
  context?: string;
}

/** A row of the Case2Code test set (the reference's format). */
const TestSetRow = z.object({
  id: z.string().min(1),
  code: z.string().min(1),
  func_name: z.string().min(1),
  example_str: z.string().min(1),
  example_outputs: z.array(z.object({ return: z.string().optional(), error: z.string().optional() })).min(1),
  prompt: z.string().min(1),
});
export type TestSetRow = z.output<typeof TestSetRow>;

/** The reference harness gives a program 10 s. */
const LIMITS = { timeoutMs: 10_000, cpuMs: 10_000, valueBytes: 64 << 20 };
const SYSTEM = 'Write the Python function described by the examples. Reply with the function in one ```python code block.';
/** The reference harness's loop, a module every worker imports once (executorOptions preloads it). */
const HELPER = { pythonPath: [fileURLToPath(new URL('../python/', import.meta.url))], preload: ['cf_eval_case2code'] };
const IMPORT_HELPER = 'from cf_eval_case2code import _cf_case2code_run';

/** Tasks from rows of the Case2Code test set (a later copy of a program is marked as its duplicate). */
export function fromTestSet(rows: TestSetRow[]): Case2CodeTask[] {
  const seen = new Map<string, string>();
  return rows.map((r) => {
    const outputs = r.example_outputs.map((o) => o.return ?? o.error ?? '');
    const key = r.code.trim();
    const defects = staticDefects({ id: r.id, funcName: r.func_name, code: r.code, examples: r.example_str, outputs }, seen.get(key));
    if (!seen.has(key)) seen.set(key, r.id);
    return {
      id: r.id, subsets: {}, gold: r.code, funcName: r.func_name, examples: r.example_str, outputs,
      messages: [{ role: 'system', content: SYSTEM }, { role: 'user', content: r.prompt }],
      ...(defects.length ? { defects } : {}),
    };
  });
}

/** Records of a caseforge run: a file of one split (the dataset's shards) is scored whole; a file
 *  that mixes splits, only its test records. */
function fromOwn(records: Case2CodeRecord[]): Case2CodeTask[] {
  const mixed = new Set(records.map((r) => r.split)).size > 1;
  return records.filter((r) => !mixed || r.split === 'test').map((r) => ({
    id: r.id, subsets: { source: r.metadata.source.path }, gold: completionCode(r.context, r.program), funcName: r.name,
    cases: [...r.shown, ...r.heldout], context: r.context, messages: r.messages.filter((m) => m.role !== 'assistant'),
  }));
}

async function scoreTestSet(task: Case2CodeTask, answer: string, ctx: ScoreContext): Promise<Verdict> {
  // The program and the examples, as the harness would join them, are compiled by the warm worker
  // before it forks (the harness takes the code object, or the compile error, as `_cf_candidate`).
  const source = `${answer}\n\n${task.examples!}`;
  const call = `_cf_case2code_run(${pyStr(answer)}, ${pyStr(task.examples!)}, ${pyStr(task.funcName)}, _cf_candidate)`;
  const r = await ctx.executor.run({
    code: IMPORT_HELPER, call, profile: 'plain', limits: LIMITS,
    precompile: [{ name: '_cf_candidate', source, filename: '<candidate>' }],
  });
  if (r.status !== 'ok' || r.value?.value.t !== 'str') {
    return r.status === 'ok' ? { status: 'error', passed: false, error: `harness returned ${r.value?.type}` } : verdictOf(r);
  }
  const timing = { wallMs: Math.round(r.wallMs), cpuMs: Math.round(r.cpuMs) };
  const got = JSON.parse(r.value.value.v) as { outputs?: string[]; setup_error?: string };
  const gold = task.outputs!;
  if (got.setup_error !== undefined) {
    return { status: 'error', passed: false, error: `program failed: ${got.setup_error}`, ...timing, cases: { passed: 0, total: gold.length } };
  }
  const outs = got.outputs ?? [];
  const cases = { passed: gold.filter((g, i) => g === outs[i]).length, total: gold.length };
  if (outs.length !== gold.length) return { status: 'failed', passed: false, error: `${outs.length} outputs for ${gold.length} cases`, ...timing, cases };
  const bad = gold.findIndex((g, i) => g !== outs[i]);
  if (bad < 0) return { status: 'passed', passed: true, ...timing, cases };
  return { status: 'failed', passed: false, error: explainMismatch(bad, gold[bad], outs[bad], answer), ...mismatch(`case ${bad}`, gold[bad], outs[bad]), ...timing, cases };
}

export function createCase2Code(): Benchmark<Case2CodeTask> {
  return {
    name: 'case2code',
    profile: 'plain',
    defaultData: 'case2code-test.jsonl',
    executorOptions: () => ({ limits: LIMITS, ...HELPER }),
    async load(path, onBad = () => undefined) {
      // Each row is read by the schema of its format: the test set's (`example_str`) or caseforge's
      // record schema v2 (`program`), the one the writer checks its records with.
      const testSet: Array<PlacedRow<TestSetRow>> = [];
      const own: Array<PlacedRow<Case2CodeRecord>> = [];
      for (const { line, item, row } of await taskRowsAt(path, z.record(z.string(), z.unknown()), onBad)) {
        const schema = 'example_str' in row ? TestSetRow : 'program' in row ? Case2CodeRecordSchema : undefined;
        const place = line !== undefined ? { line } : { row: item };
        if (!schema) { onBad({ file: path, ...place, reason: 'unknown_format', detail: 'neither a Case2Code test-set row (example_str) nor a caseforge record (program)' }); continue; }
        const checked = checkRow(schema, row);
        if (!checked.ok) { onBad({ file: path, ...place, reason: checked.reason, detail: checked.detail }); continue; }
        if (schema === TestSetRow) testSet.push({ line, item, row: checked.row as TestSetRow });
        else own.push({ line, item, row: checked.row as Case2CodeRecord });
      }
      const ids = (r: { id: string }) => r.id;
      return [...fromTestSet(uniqueIds(testSet, ids, path, onBad).map((r) => r.row)), ...fromOwn(uniqueIds(own, ids, path, onBad).map((r) => r.row))];
    },
    prompt: (task) => task.messages,
    extract: (_task, reply) => unwrapCode(reply),
    fromPrediction: (_task, text, field) => (field === 'answer' || field === 'solution' ? text : unwrapCode(text)),
    async score(task, answers, ctx) {
      return Promise.all(answers.map(async (answer) => {
        if (task.cases) return scoreOwnCases(task.cases, answer, ctx, LIMITS, task.context);
        return scoreTestSet(task, answer, ctx);
      }));
    },
  };
}
