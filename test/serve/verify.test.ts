// POST /verify for each family: a correct, a wrong, a chatty, an empty and a malicious completion,
// scored by the evaluation's own adapters; records found by id in a --data folder; bad requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readJsonlAll } from '../../src/store/jsonl.js';
import type { CaseforgeServer } from '../../src/serve/server.js';
import { REPO_ROOT, SHARED_DATA } from '../support/paths.js';
import { post, testServer } from './support.js';

let server: CaseforgeServer;
const DATA = join(REPO_ROOT, 'test', 'fixtures', 'serve', 'case2code-out');
/* eslint-disable @typescript-eslint/no-explicit-any */
let humaneval: any;
let crux: any;
let ds1000: any;
let testSet: any;

before(async () => {
  server = await testServer({ data: DATA, datasci: true });
  humaneval = (await readJsonlAll<any>(join(SHARED_DATA, 'HumanEval.jsonl.gz')))[0];
  crux = (await readJsonlAll<any>(join(SHARED_DATA, 'cruxeval.jsonl')))[0];
  ds1000 = (await readJsonlAll<any>(join(SHARED_DATA, 'ds1000.jsonl.gz'))).find((r) => r.metadata.library === 'Pandas');
  testSet = (await readJsonlAll<any>(join(SHARED_DATA, 'case2code-test.jsonl')))[0];
});
after(async () => { await server.close(); });

const verify = async (items: unknown[], extra: Record<string, unknown> = {}) => {
  const r = await post(server, '/verify', { items, ...extra });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.results as any[];
};

/** Five completions of one task: correct, wrong, chatty (correct inside chatter), empty, malicious. */
async function fiveKinds(task: unknown, correct: string, wrong: string, chatty: string, malicious: string) {
  const [ok, bad, chat, empty, evil] = await verify([correct, wrong, chatty, '', malicious].map((completion) => ({ completion, task })));
  assert.equal(ok.passed, true, `correct: ${JSON.stringify(ok)}`);
  assert.equal(ok.score, 1);
  assert.equal(bad.passed, false, 'wrong');
  assert.equal(bad.score, 0);
  assert.ok(bad.error, 'a wrong answer says why');
  assert.equal(chat.passed, true, `chatty: ${JSON.stringify(chat)}`);
  assert.equal(empty.passed, false, 'empty');
  assert.equal(evil.passed, false, `malicious: ${JSON.stringify(evil)}`);
  for (const r of [ok, bad, chat, empty, evil]) {
    assert.deepEqual(Object.keys(r).sort(), ['cases_passed', 'cases_total', 'error', 'family', 'passed', 'score', 'status', 'task_id']);
  }
  return { ok, bad, chat, empty, evil };
}

const chatWrap = (code: string) => `Let me think about the examples first.\n\nHere is my solution:\n\n\`\`\`python\n${code}\n\`\`\`\n\nIt handles every case shown.`;
const KILL_PARENT = 'import os\nos.kill(os.getppid(), 9)';

test('case2code, inline cases: counts of cases passed; fraction scores', async () => {
  const task = {
    family: 'case2code', cases: [
      { call: 'f(2)', output: '4' }, { call: 'f(3)', output: '6' }, { call: "f('a')", output: "'aa'" },
      { call: 'f(None)', status: 'error', output: "TypeError: unsupported operand type(s) for *: 'NoneType' and 'int'" },
    ],
  };
  const { bad, evil } = await fiveKinds(task, 'def f(x):\n    return x * 2', 'def f(x):\n    return x + x if x != 3 else 0',
    chatWrap('def f(x):\n    return x * 2'), `${KILL_PARENT}\ndef f(x):\n    return x * 2`);
  assert.deepEqual([bad.cases_passed, bad.cases_total, bad.status], [2, 4, 'failed']);
  assert.equal(bad.error, 'case 1 f(3): expected 6, got 0');
  assert.equal(evil.status, 'error');
  const [frac] = await verify([{ completion: 'def f(x):\n    return x + x if x != 3 else 0', task }], { score: 'fraction' });
  assert.equal(frac.score, 0.5);
});

test('case2code, the test set form: scored as the reference harness runs it', async () => {
  const task = { family: 'case2code', func_name: testSet.func_name, examples: testSet.example_str, outputs: testSet.example_outputs.map((o: any) => o.return ?? o.error) };
  const { ok, bad } = await fiveKinds(task, testSet.code, `def ${testSet.func_name}(**kw):\n    return 0`, chatWrap(testSet.code),
    `import shutil\nshutil.rmtree('/')\n${testSet.code}`);
  assert.equal(ok.cases_total, testSet.example_outputs.length);
  assert.equal(ok.cases_passed, ok.cases_total);
  assert.ok(bad.cases_passed < bad.cases_total);
});

test('case2code records of --data found by id, a v2 context run before the completion', async () => {
  const [add, ctx, ctxWrong, missing] = await verify([
    { completion: chatWrap('def add_one(x):\n    return x + 1'), task: 'rec-add' },
    { completion: '```python\ndef f(a, b):\n    return helper(a) - b\n```', task: { id: 'rec-ctx' } },
    { completion: 'def f(a, b):\n    return a - b', task: 'rec-ctx' },
    { completion: 'def f(): pass', task: 'no-such-record' },
  ]);
  assert.deepEqual([add.passed, add.cases_passed, add.cases_total, add.task_id], [true, 4, 4, 'rec-add']);
  assert.equal(ctx.passed, true, JSON.stringify(ctx));
  assert.deepEqual([ctxWrong.passed, ctxWrong.cases_passed, ctxWrong.cases_total], [false, 1, 3]);
  assert.deepEqual([missing.status, missing.score], ['invalid', 0]);
  assert.match(missing.error, /unknown task id 'no-such-record'/);
});

test('output: a literal compared by canonical value, `raises Name` for an exception case; a record by id', async () => {
  const task = { family: 'output', entry_point: 'f', program: 'def f(x):\n    if x < 0:\n        raise ValueError(x)\n    return [x, x * 2.0]', call: 'f(3)', answer: '[3, 6.0]' };
  const { empty, evil } = await fiveKinds(task, '[3, 6.0]', '[3, 6]', 'f doubles its argument, so\n[ANSWER]\nassert f(3) == [3, 6.0]\n[/ANSWER]',
    "__import__('os').system('echo hacked')");
  assert.equal(empty.status, 'rejected');
  assert.equal(evil.status, 'rejected');
  const raising = { ...task, call: 'f(-1)', answer: '', status: 'error', exception: 'ValueError' };
  const [ok, bad] = await verify([{ completion: 'raises ValueError', task: raising }, { completion: '[-1, -2.0]', task: raising }]);
  assert.deepEqual([ok.passed, bad.passed], [true, false]);
  const [byId] = await verify([{ completion: '```python\nassert f(3) == [3, 6]\n```', task: 'out-1' }]);
  assert.deepEqual([byId.passed, byId.family], [true, 'output']);
});

test('input: one plain call with literal arguments, run and compared; anything else refused unrun', async () => {
  const task = { family: 'input', entry_point: 'f', program: 'def f(x):\n    return [x, x * 2]', output: '[3, 6]' };
  const { evil } = await fiveKinds(task, 'f(3)', 'f(4)', 'We need x * 2 == 6, so x is 3.\n```python\nassert f(3) == [3, 6]\n```', 'f(__import__("os").getpid())');
  assert.equal(evil.status, 'rejected');
});

test('cruxeval-o: output prediction, with CRUXEval\'s answer cutting and refusal rule', async () => {
  const task = { family: 'cruxeval-o', code: crux.code, input: crux.input, output: crux.output };
  const { evil } = await fiveKinds(task, crux.output, '[(1, 1)]', `The function counts each element.\n[ANSWER]\nassert f(${crux.input}) == ${crux.output}\n[/ANSWER]`,
    `__import__('os').kill(__import__('os').getppid(), 9)`);
  assert.equal(evil.status, 'error');
  const [calls] = await verify([{ completion: `f(${crux.input})`, task }]);
  assert.deepEqual([calls.status, calls.passed], ['rejected', false]);
});

test('cruxeval-i: input prediction; a prediction that does not call f is refused unrun', async () => {
  const task = { family: 'cruxeval-i', code: crux.code, input: crux.input, output: crux.output };
  const { empty } = await fiveKinds(task, `f(${crux.input})`, 'f([1, 2])', `<think>Maybe [ANSWER]f([0])[/ANSWER]?</think>I need four 1s and two 3s.\n[ANSWER]\nassert f(${crux.input}) == ${crux.output}\n[/ANSWER]`,
    'f(__import__("os").fork() or [1])');
  assert.equal(empty.status, 'rejected');
});

test('humaneval: a whole function or a body continuing the prompt; check() decides', async () => {
  const task = { family: 'humaneval', prompt: humaneval.prompt, test: humaneval.test, entry_point: humaneval.entry_point };
  const { bad } = await fiveKinds(task, humaneval.canonical_solution, '    return True\n', chatWrap(humaneval.prompt + humaneval.canonical_solution),
    `    import os\n    os._exit(0)\n`);
  assert.equal(bad.status, 'failed');
});

test('ds1000: the problem\'s code_context judges the solution, on a worker preloading its library', async () => {
  const task = { family: 'ds1000', code_context: ds1000.code_context, library: ds1000.metadata.library };
  await fiveKinds(task, ds1000.reference_code, 'result = None', chatWrap(ds1000.reference_code),
    `import os\nos.kill(1, 9)\n${ds1000.reference_code}`);
});

test('a timeout in one item is that item\'s verdict; its neighbours pass', async () => {
  const task = { family: 'cruxeval-o', code: 'def f(x):\n    while x:\n        pass\n    return x', input: '0', output: '0' };
  const t0 = Date.now();
  const [good, slow] = await verify([{ completion: '0', task }, { completion: 'f(1)', task: { ...task, family: 'cruxeval-i' } }]);
  assert.equal(good.passed, true);
  assert.equal(slow.status, 'timeout');
  // A timeout starved of CPU is re-run once with a longer deadline (exec), so on a loaded machine
  // this takes up to about twice the 10 s limit; it must end, not wait on the loop.
  assert.ok(Date.now() - t0 < 40_000);
});

test('bad requests: 400 naming the field, 413 past the batch limit', async () => {
  const cases: Array<[unknown, string]> = [
    [{}, 'items'],
    [{ items: [{ task: 'rec-add' }] }, 'items.0.completion'],
    [{ items: [{ completion: 'x', task: { family: 'nope' } }] }, 'items.0.task.family'],
    [{ items: [{ completion: 'x', task: { family: 'case2code', cases: [] } }] }, 'items.0.task.cases'],
    [{ items: [{ completion: 'x', task: { family: 'humaneval', test: 'def check(c): pass' } }] }, 'items.0.task.entry_point'],
    [{ items: [{ completion: 'x', task: {} }] }, 'items.0.task'],
    [{ items: [], score: 'half' }, 'score'],
  ];
  for (const [body, field] of cases) {
    const r = await post(server, '/verify', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.body.field, field, JSON.stringify(r.body));
  }
  const small = await testServer({ maxBatch: 2 });
  try {
    const r = await post(small, '/verify', { items: Array.from({ length: 3 }, () => ({ completion: '1', task: { family: 'cruxeval-o', code: 'def f(x): return x', input: '1', output: '1' } })) });
    assert.equal(r.status, 413);
    assert.equal(r.body.field, 'items');
  } finally {
    await small.close();
  }
});
