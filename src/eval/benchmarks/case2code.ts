// Case2Code: infer a function from input/output cases; pass when the predicted function reproduces
// every case of the task, shown and held out. Reads the Case2Code test set (gold outputs as
// json.dumps(repr(out)), run as its reference harness runs them) and test splits written by
// `caseforge case2code` (cases with calls and reprs, run one program per fork).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readRowsAt } from '../../store/read.js';
import { pyStr } from '../../values/pyliteral.js';
import type { ChatMessage } from '../../llm/transport.js';
import { unwrapCode } from '../extract.js';
import { verdictOf } from '../verdict.js';
import type { Benchmark, ScoreContext, Task, Verdict } from '../types.js';
import { explainMismatch, staticDefects } from './case2code-defects.js';
import { scoreOwnCases, type OwnCase } from './case2code-own.js';

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

interface TestSetRow {
  id: string;
  code: string;
  func_name: string;
  example_str: string;
  example_outputs: Array<{ return?: string; error?: string }>;
  prompt: string;
}

interface OwnRow {
  id: string;
  name: string;
  program: string;
  context?: string;
  shown: OwnCase[];
  heldout: OwnCase[];
  prompt?: string;
  messages?: ChatMessage[];
  split?: string;
  metadata?: { source?: { path?: string } };
}

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
  return { status: 'failed', passed: false, error: explainMismatch(bad, gold[bad], outs[bad], answer), ...timing };
}

export function createCase2Code(): Benchmark<Case2CodeTask> {
  return {
    name: 'case2code',
    profile: 'plain',
    defaultData: 'case2code-test.jsonl',
    executorOptions: () => ({ limits: LIMITS }),
    async load(path) {
      const rows = await readRowsAt<Record<string, unknown>>(path);
      const testSet = rows.filter((r) => 'example_str' in r) as unknown as TestSetRow[];
      const own = rows.filter((r) => 'program' in r) as unknown as OwnRow[];
      return [...fromTestSet(testSet), ...fromOwn(own)];
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
