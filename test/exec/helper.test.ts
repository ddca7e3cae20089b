// The one bridge to caseforge's Python helpers: any request text arrives intact, and every way a
// helper call can fail is a short reason, never an exception, except a helper missing from the
// workers (a setup fault).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createExecutor, type Executor } from '../../src/exec/executor.js';
import { callHelper } from '../../src/exec/helper.js';
import { z } from 'zod';
import { CaseforgeError } from '../../src/errors.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/exec/', import.meta.url));
let ex: Executor;
before(async () => { ex = await createExecutor({ workers: 1, pythonPath: [FIXTURES], preload: ['cf_test_helper'], onWarning: () => undefined }); });
after(async () => { await ex.close(); });

const call = (fn: string, request: unknown = {}, limits?: { timeoutMs: number; cpuMs: number; valueBytes?: number }) =>
  callHelper<unknown>(ex, { module: 'cf_test_helper', fn, request, limits });

test('a request of any text reaches the helper intact', async () => {
  const text = `quotes ' " ''' """ \\ \\n real newline\n tab\t nul\u0000 \u2028 é 漢字 😀 lone \ud800 end`;
  const r = await call('echo', { text, n: 12345678901234, list: [null, true, 1.5] });
  assert.ok(r.ok, r.ok ? '' : r.detail);
  assert.deepEqual(r.data, { got: { text, n: 12345678901234, list: [null, true, 1.5] } });
});

test('expressions passed before the request see the state they name', async () => {
  const s = await ex.openSession({});
  try {
    await s.runCell('x = 41 + 1');
    const r = await callHelper<unknown>(s, { module: 'cf_test_helper', fn: 'with_ns', request: 'r', pass: ['globals()'] });
    assert.ok(r.ok);
    assert.deepEqual(r.data, { x: 42, req: 'r' });
  } finally {
    await s.close();
  }
});

test('every failure is a short reason with a detail naming the helper', async () => {
  const cases: Array<[string, string, Parameters<typeof call>[2]?]> = [
    ['boom', 'error:KeyError'],
    ['spin', 'timeout', { timeoutMs: 500, cpuMs: 300 }],
    ['huge', 'too_large', { timeoutMs: 5000, cpuMs: 5000, valueBytes: 1000 }],
    ['not_text', 'not_text'],
    ['not_json', 'bad_json'],
  ];
  for (const [fn, reason, limits] of cases) {
    const r = await call(fn, {}, limits);
    assert.equal(r.ok, false, fn);
    if (r.ok) continue;
    assert.equal(r.reason, reason, `${fn}: ${r.detail}`);
    assert.match(r.detail, new RegExp(`^cf_test_helper\\.${fn}`));
  }
});

test('an answer of another shape than the caller expects is bad_answer, not a later TypeError', async () => {
  const schema = z.object({ got: z.object({ frames: z.array(z.string()) }) });
  const r = await callHelper<unknown>(ex, { module: 'cf_test_helper', fn: 'echo', request: { frames: 'not a list' }, schema });
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(`${r.reason} ${r.detail}`, /^bad_answer cf_test_helper\.echo: got\.frames: /);
  const fine = await callHelper<{ got: { frames: string[]; extra: number } }>(ex, { module: 'cf_test_helper', fn: 'echo', request: { frames: ['a'], extra: 1 }, schema });
  assert.ok(fine.ok);
  assert.deepEqual(fine.data, { got: { frames: ['a'], extra: 1 } }, 'the answer is returned as it came, not reshaped');
});

test('a helper module the workers cannot import is a setup error', async () => {
  await assert.rejects(callHelper(ex, { module: 'cf_not_there', fn: 'f', request: {} }),
    (e: unknown) => e instanceof CaseforgeError && e.code === 'setup' && /cf_not_there/.test(e.message));
});
