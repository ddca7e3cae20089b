// Case2Code: infer a function from input/output cases; pass when the predicted function reproduces
// every case of the task, shown and held out. Reads the Case2Code test set (gold outputs as
// json.dumps(repr(out)), run as its reference harness runs them) and test splits written by
// `caseforge case2code` (cases with calls and reprs, run one program per fork).
import { readFileSync } from 'node:fs';
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

export interface Case2CodeTask extends Task {
  funcName: string;
  messages: ChatMessage[];
  /** Test-set format: the `examples = [...]` source and gold output strings. */
  examples?: string;
  outputs?: string[];
  /** caseforge format: every case, shown and held out. */
  cases?: OwnCase[];
  /** caseforge format: code the prompt shows and the answer may call; it runs before the answer. */
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
type TestSetRow = z.output<typeof TestSetRow>;

const OwnCaseRow = z.object({ call: z.string().min(1), input: z.string().optional(), status: z.enum(['ok', 'error']), output: z.string() });

/** A record written by `caseforge case2code` (only what scoring reads). */
const OwnRow = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  program: z.string().min(1),
  context: z.string().optional(),
  shown: z.array(OwnCaseRow).min(1),
  heldout: z.array(OwnCaseRow),
  prompt: z.string().optional(),
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })).optional(),
  split: z.string().optional(),
  metadata: z.object({ source: z.object({ path: z.string().optional() }).optional() }).optional(),
});
type OwnRow = z.output<typeof OwnRow>;

/** The reference harness gives a program 10 s. */
const LIMITS = { timeoutMs: 10_000, cpuMs: 10_000, valueBytes: 64 << 20 };
const SYSTEM = 'Write the Python function described by the examples. Reply with the function in one ```python code block.';
let helperSource: string | undefined;

function helper(): string {
  helperSource ??= readFileSync(fileURLToPath(new URL('../python/cf_eval_case2code.py', import.meta.url)), 'utf8');
  return helperSource;
}

function fromTestSet(rows: TestSetRow[]): Case2CodeTask[] {
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

function fromOwn(rows: OwnRow[]): Case2CodeTask[] {
  return rows.filter((r) => (r.split ?? 'test') === 'test').map((r) => {
    const chat = r.messages?.filter((m) => m.role !== 'assistant');
    const messages = chat?.length ? chat : [{ role: 'system' as const, content: SYSTEM }, { role: 'user' as const, content: r.prompt ?? '' }];
    return {
      id: r.id, subsets: { source: r.metadata?.source?.path ?? 'unknown' }, gold: r.program, funcName: r.name,
      cases: [...r.shown, ...r.heldout], messages, ...(r.context ? { context: r.context } : {}),
    };
  });
}

async function scoreTestSet(task: Case2CodeTask, answer: string, ctx: ScoreContext): Promise<Verdict> {
  const call = `_cf_case2code_run(${pyStr(answer)}, ${pyStr(task.examples!)}, ${pyStr(task.funcName)})`;
  const r = await ctx.executor.run({ code: helper(), call, profile: 'plain', limits: LIMITS });
  if (r.status !== 'ok' || r.value?.value.t !== 'str') {
    return r.status === 'ok' ? { status: 'error', passed: false, error: `harness returned ${r.value?.type}` } : verdictOf(r);
  }
  const timing = { wallMs: Math.round(r.wallMs), cpuMs: Math.round(r.cpuMs) };
  const got = JSON.parse(r.value.value.v) as { outputs?: string[]; setup_error?: string };
  if (got.setup_error !== undefined) return { status: 'error', passed: false, error: `program failed: ${got.setup_error}`, ...timing };
  const outs = got.outputs ?? [];
  const gold = task.outputs!;
  if (outs.length !== gold.length) return { status: 'failed', passed: false, error: `${outs.length} outputs for ${gold.length} cases`, ...timing };
  const bad = gold.findIndex((g, i) => g !== outs[i]);
  if (bad < 0) return { status: 'passed', passed: true, ...timing };
  return { status: 'failed', passed: false, error: explainMismatch(bad, gold[bad], outs[bad], answer), ...mismatch(`case ${bad}`, gold[bad], outs[bad]), ...timing };
}

export function createCase2Code(): Benchmark<Case2CodeTask> {
  return {
    name: 'case2code',
    profile: 'plain',
    defaultData: 'case2code-test.jsonl',
    executorOptions: () => ({ limits: LIMITS }),
    async load(path, onBad = () => undefined) {
      // Each row is read by the schema of its format: the test set's (`example_str`) or caseforge's (`program`).
      const testSet: Array<PlacedRow<TestSetRow>> = [];
      const own: Array<PlacedRow<OwnRow>> = [];
      for (const { line, item, row } of await taskRowsAt(path, z.record(z.string(), z.unknown()), onBad)) {
        const schema = 'example_str' in row ? TestSetRow : 'program' in row ? OwnRow : undefined;
        const place = line !== undefined ? { line } : { row: item };
        if (!schema) { onBad({ file: path, ...place, reason: 'unknown_format', detail: 'neither a Case2Code test-set row (example_str) nor a caseforge record (program)' }); continue; }
        const checked = checkRow(schema, row);
        if (!checked.ok) { onBad({ file: path, ...place, reason: checked.reason, detail: checked.detail }); continue; }
        if (schema === TestSetRow) testSet.push({ line, item, row: checked.row as TestSetRow });
        else own.push({ line, item, row: checked.row as OwnRow });
      }
      const ids = (r: { id: string }) => r.id;
      return [...fromTestSet(uniqueIds(testSet, ids, path, onBad).map((r) => r.row)), ...fromOwn(uniqueIds(own, ids, path, onBad).map((r) => r.row))];
    },
    prompt: (task) => task.messages,
    extract: (_task, reply) => unwrapCode(reply),
    fromPrediction: (_task, text, field) => (field === 'answer' || field === 'solution' ? text : unwrapCode(text)),
    async score(task, answers, ctx) {
      return Promise.all(answers.map(async (answer) => {
        if (task.cases) return scoreOwnCases(task.cases, task.context ? `${task.context}\n\n${answer}` : answer, ctx, LIMITS);
        return scoreTestSet(task, answer, ctx);
      }));
    },
  };
}
