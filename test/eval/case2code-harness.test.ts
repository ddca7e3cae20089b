// The Case2Code test set's harness, run two ways: compiling the candidate in the forked child (the
// reference's way) and taking it compiled by the warm worker (`precompile`, as `caseforge eval
// case2code` and /verify score): every outcome must be the same text, for correct, wrong, crashing,
// hanging, printing and malformed completions. Then the verdicts the benchmark gives them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createExecutor, type Executor } from '../../src/exec/executor.js';
import { createCase2Code, type Case2CodeTask } from '../../src/eval/benchmarks/case2code.js';
import { pyStr } from '../../src/values/pyliteral.js';
import type { CallResult } from '../../src/exec/types.js';

const bench = createCase2Code();
let ex: Executor;
before(async () => { ex = await createExecutor({ workers: 2, ...bench.executorOptions([], ''), onWarning: () => undefined }); });
after(async () => { await ex.close(); });

const EXAMPLES = 'examples = [\n    dict(a=1, b=2),\n    dict(a=-3, b=3),\n    dict(a=10, b=0),\n]';
const GOLD = 'def add_or_div(a, b):\n    if b == 0:\n        raise ZeroDivisionError("b is zero")\n    return a + b';

const COMPLETIONS: Record<string, string> = {
  correct: GOLD,
  wrong: 'def add_or_div(a, b):\n    return a + b if b != 3 else 1',
  raises_other: 'def add_or_div(a, b):\n    return [a, b][b]',
  prints_then_raises: 'def add_or_div(a, b):\n    print("about to", a, b)\n    return a / b',
  module_level_error: 'import math\nx = 1 / 0\ndef add_or_div(a, b):\n    return a + b',
  syntax_error: 'def add_or_div(a, b)\n    return a + b',
  null_byte: 'def add_or_div(a, b):\n    return a + b\0',
  compile_warning: 'def add_or_div(a, b):\n    if b is 0:\n        raise ZeroDivisionError("b is zero")\n    return a + b',
  no_function: 'def something_else(a, b):\n    return a + b',
  unterminated_string: 'def add_or_div(a, b):\n    return """a + b',
  exits: 'import sys\nsys.exit(3)',
  hard_exit: 'import os\nos._exit(0)',
  guarded_call: 'import os\ndef add_or_div(a, b):\n    return os.getcwd()',
  hangs: 'def add_or_div(a, b):\n    while True:\n        pass',
  hangs_at_import: 'while True:\n    pass',
  rebinds_builtins: 'import builtins\nbuiltins.repr = lambda x: "forged"\ndef add_or_div(a, b):\n    return a + b',
};

const LIMITS = { timeoutMs: 1500, cpuMs: 1000 };
const IMPORT = 'from cf_eval_case2code import _cf_case2code_run';

/** What the harness answered: its JSON text, or the call's status and exception. A timeout is its
 *  status alone: whether the CPU timer or the wall deadline stopped a hang follows the machine's load. */
function outcome(r: CallResult): string {
  if (r.status === 'ok') return `ok ${r.value?.value.t === 'str' ? r.value.value.v : r.value?.repr}`;
  if (r.status === 'timeout') return 'timeout';
  return `${r.status} ${r.exception?.type}: ${r.exception?.message}`;
}

test('the harness gives the same outcome whether the child or the warm worker compiles the candidate', async () => {
  const names = Object.keys(COMPLETIONS);
  const results = await Promise.all(names.map(async (name) => {
    const code = COMPLETIONS[name];
    const args = `${pyStr(code)}, ${pyStr(EXAMPLES)}, 'add_or_div'`;
    const inChild = await ex.run({ code: IMPORT, call: `_cf_case2code_run(${args})`, limits: LIMITS });
    const inWorker = await ex.run({
      code: IMPORT, call: `_cf_case2code_run(${args}, _cf_candidate)`, limits: LIMITS,
      precompile: [{ name: '_cf_candidate', source: `${code}\n\n${EXAMPLES}`, filename: '<candidate>' }],
    });
    return { name, inChild: outcome(inChild), inWorker: outcome(inWorker) };
  }));
  for (const r of results) assert.equal(r.inWorker, r.inChild, r.name);
  const by = Object.fromEntries(results.map((r) => [r.name, r.inChild]));
  // The outcomes are the ones each completion calls for (the two ways agreeing on nonsense would pass above).
  assert.equal(by.correct, 'ok {"outputs": ["\\"3\\"", "\\"0\\"", "<|EXCEPTION|> \\"<class \'ZeroDivisionError\'>: b is zero\\""]}');
  assert.match(by.syntax_error, /^ok \{"setup_error": "<class 'SyntaxError'>: expected ':' \(<candidate>, line 1\)"\}$/);
  assert.match(by.unterminated_string, /setup_error.*SyntaxError.*<candidate>/);
  assert.match(by.module_level_error, /setup_error.*ZeroDivisionError/);
  assert.match(by.no_function, /NameError.*add_or_div/);
  assert.match(by.prints_then_raises, /about to 10 0\\n<\|EXCEPTION\|>/);
  assert.match(by.guarded_call, /TypeError.*NoneType.*not callable/);
  assert.match(by.exits, /^error SystemExit: 3$/);
  assert.match(by.hard_exit, /^crash /);
  assert.equal(by.hangs, 'timeout');
  assert.equal(by.hangs_at_import, 'timeout');
});

test('verdicts of the benchmark on those completions: only the correct one passes, cases counted', async () => {
  const task: Case2CodeTask = {
    id: 't', subsets: {}, funcName: 'add_or_div', messages: [], examples: EXAMPLES,
    outputs: ['"3"', '"0"', '<|EXCEPTION|> "<class \'ZeroDivisionError\'>: b is zero"'],
  };
  const scored = ['correct', 'wrong', 'raises_other', 'syntax_error', 'compile_warning', 'no_function', 'rebinds_builtins', 'exits'];
  const verdicts = await bench.score(task, scored.map((n) => COMPLETIONS[n]), { executor: ex, workers: 2 });
  const by = Object.fromEntries(scored.map((n, i) => [n, verdicts[i]]));
  assert.equal(by.correct.status, 'passed');
  assert.deepEqual(by.correct.cases, { passed: 3, total: 3 });
  assert.equal(by.compile_warning.status, 'passed'); // `is 0` warns at compile time; the program is still right
  assert.equal(by.wrong.status, 'failed');
  assert.deepEqual(by.wrong.cases, { passed: 1, total: 3 }); // right for (1, 2) only: 1 for (-3, 3), no raise for b == 0
  assert.equal(by.raises_other.status, 'failed');
  assert.equal(by.syntax_error.status, 'error');
  assert.match(by.syntax_error.error ?? '', /program failed: <class 'SyntaxError'>/);
  assert.equal(by.no_function.status, 'failed');
  assert.deepEqual(by.no_function.cases, { passed: 0, total: 3 });
  assert.equal(by.rebinds_builtins.status, 'failed'); // the forged repr is the program's own output
  assert.notEqual(by.exits.status, 'passed');
});

test('the harness module warms itself in the worker: the guard is lifted again and the import pattern is compiled', async () => {
  const r = await ex.run({ code: 'import os, builtins, cf_eval_case2code as h', call: '(os.kill is not None, builtins.open is not None, h._CF_IMPORT_RE.pattern)' });
  assert.equal(r.status, 'ok', r.exception?.message);
  assert.equal(r.value!.repr, "(True, True, '^\\\\s*(?:import|from)\\\\s+([A-Za-z_][\\\\w.]*)')");
});

test('the helper directory is the one the benchmark preloads', () => {
  const opts = bench.executorOptions([], '');
  assert.deepEqual(opts.preload, ['cf_eval_case2code']);
  assert.ok(opts.pythonPath?.some((p) => p === fileURLToPath(new URL('../../src/eval/python/', import.meta.url))));
});
