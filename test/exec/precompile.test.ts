// Call mode's `precompile`: sources compiled by the warm worker before it forks, bound in the call's
// globals as code objects (or as the exception compiling raised), with their own file name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createExecutor, type Executor } from '../../src/exec/executor.js';

let ex: Executor;
before(async () => { ex = await createExecutor({ workers: 1, limits: { timeoutMs: 3000 }, onWarning: () => undefined }); });
after(async () => { await ex.close(); });

const pre = (source: string, name = '_cf_p', filename = '<cand>') => [{ name, source, filename }];

test('precompile: a code object bound under its name, with its file name, run by the call', async () => {
  const r = await ex.run({
    code: 'ns = {}\nexec(_cf_p, ns)', call: '(ns["f"](6), _cf_p.co_filename, type(_cf_p).__name__)',
    precompile: pre('def f(x):\n    return x * 7'),
  });
  assert.equal(r.status, 'ok', r.exception?.message);
  assert.equal(r.value!.repr, "(42, '<cand>', 'code')");
});

test('precompile: a source that does not compile is bound as its exception, the call decides', async () => {
  const r = await ex.run({ code: '', call: '(type(_cf_p).__name__, str(_cf_p))', precompile: pre('def f(:\n    pass') });
  assert.equal(r.status, 'ok', r.exception?.message);
  assert.equal(r.value!.repr, "('SyntaxError', 'invalid syntax (<cand>, line 1)')");
  const nul = await ex.run({ code: '', call: 'type(_cf_p).__name__', precompile: pre('x = 1\0') });
  assert.match(nul.value!.repr, /^'(ValueError|SyntaxError)'$/); // null bytes: ValueError up to 3.11, SyntaxError after
  // Raising it is what a harness does; the traceback is the call's own.
  const raised = await ex.run({ code: '', call: '(_ for _ in ()).throw(_cf_p)', precompile: pre('return 1') });
  assert.equal(raised.status, 'error');
  assert.equal(raised.exception!.type, 'SyntaxError');
});

test('precompile: a compile warning reaches neither the call nor its result; several sources; nothing left for the next call', async () => {
  const r = await ex.run({
    code: '', call: '(_a.co_filename, _b.co_filename)',
    precompile: [{ name: '_a', source: 'x = 1 is 1\ny = "\\d"', filename: '<a>' }, { name: '_b', source: 'z = 2', filename: '<b>' }],
  });
  assert.equal(r.status, 'ok', r.exception?.message);
  assert.equal(r.value!.repr, "('<a>', '<b>')");
  assert.equal(r.stderr, '');
  const next = await ex.run({ code: '', call: "('_a' in globals(), '_b' in globals())" });
  assert.equal(next.value!.repr, '(False, False)');
});
