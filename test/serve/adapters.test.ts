// The trainer adapters of integrations/python/caseforge_reward.py, run by /usr/bin/python3 against
// a running server: TRL's reward function on the columns `caseforge export --format trl-grpo` writes
// (string and conversational completions, ground truth as JSON text or a record id), verl's
// compute_score and its batch form, and the strict failure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CaseforgeServer } from '../../src/serve/server.js';
import { REPO_ROOT } from '../support/paths.js';
import { testServer } from './support.js';

const run = promisify(execFile);
let server: CaseforgeServer;
before(async () => { server = await testServer({ data: join(REPO_ROOT, 'test', 'fixtures', 'serve', 'case2code-out') }); });
after(async () => { await server.close(); });

const SCRIPT = String.raw`
import json, sys
sys.path.insert(0, sys.argv[1])
import caseforge_reward as cr

cases = json.dumps({"cases": [{"call": "f(2)", "output": "4"}, {"call": "f(5)", "output": "10"}]})
trl = cr.caseforge_reward(
    prompts=["p1", "p1", "p2", "p3"],
    completions=[
        "Here:\n` + '```python' + String.raw`\ndef f(x):\n    return 2 * x\n` + '```' + String.raw`",
        "def f(x):\n    return x + 2",
        [{"role": "assistant", "content": "def add_one(x):\n    return x + 1"}],
        "[ANSWER]assert f(3) == 9[/ANSWER]",
    ],
    ground_truth=[cases, cases, None, json.dumps({"code": "def f(x):\n    return x * x", "input": "3", "output": "9"})],
    task=["case2code", "case2code", None, "cruxeval-o"],
    entry_point=["f", "f", None, None],
    task_id=[None, None, "rec-add", None],
    trainer_state=object(),
)
one = cr.compute_score("caseforge/case2code", "def f(x):\n    return x * 2", cases, {"split": "train", "index": 0, "id": "x", "task": "case2code", "entry_point": "f"})
out_gt = json.dumps({"entry_point": "f", "program": "def f(x):\n    return x + 1", "call": "f(1)", "answer": "2", "status": "ok", "exception": None})
pred = cr.compute_score("caseforge/output", "It adds one. [ANSWER]assert f(1) == 2[/ANSWER]", out_gt, {"task": "output"})
batch = cr.compute_score_batch(
    ["caseforge/case2code", "humaneval"],
    ["def f(x):\n    return 0", "def inc(a):\n    return a + 1"],
    [cases, {"test": "def check(c):\n    assert c(1) == 2", "entry_point": "inc"}],
    [None, None],
)
frac = cr.CaseforgeClient(score="fraction").scores([{"completion": "def f(x):\n    return 4", "task": json.loads(cases) | {"family": "case2code"}}])
try:
    cr.caseforge_reward(prompts=["p"], completions=["x"], task_id=["no-such-id"])
    strict = "no error"
except cr.CaseforgeError as e:
    strict = str(e)
print(json.dumps({"trl": trl, "one": one, "pred": pred, "batch": batch, "frac": frac, "strict": strict}))
`;

test('TRL and verl adapters score through one /verify call each, from /usr/bin/python3', async () => {
  const { stdout } = await run('/usr/bin/python3', ['-c', SCRIPT, join(REPO_ROOT, 'integrations', 'python')], {
    env: { PATH: '/usr/bin:/bin', CASEFORGE_URL: server.url }, timeout: 60_000,
  });
  const out = JSON.parse(stdout) as { trl: number[]; one: number; pred: number; batch: number[]; frac: number[]; strict: string };
  assert.deepEqual(out.trl, [1, 0, 1, 1]);
  assert.equal(out.one, 1);
  assert.equal(out.pred, 1);
  assert.deepEqual(out.batch, [0, 1]);
  assert.deepEqual(out.frac, [0.5]);
  assert.match(out.strict, /unknown task id 'no-such-id'/);
});

test('the adapter retries a 429 after Retry-After, then gets its answer', async () => {
  const busy = await testServer({ maxQueue: 1 });
  try {
    const script = String.raw`
import json, sys, threading
sys.path.insert(0, sys.argv[1])
import caseforge_reward as cr
slow = {"family": "cruxeval-o", "code": "import time\ndef f(x):\n    time.sleep(0.5)\n    return x", "input": "1", "output": "1"}
out = [None] * 12
def one(i):
    out[i] = cr.CaseforgeClient().scores([{"completion": "1", "task": slow}])[0]
ts = [threading.Thread(target=one, args=(i,)) for i in range(12)]
[t.start() for t in ts]
[t.join() for t in ts]
print(json.dumps(out))
`;
    const { stdout } = await run('/usr/bin/python3', ['-c', script, join(REPO_ROOT, 'integrations', 'python')], {
      env: { PATH: '/usr/bin:/bin', CASEFORGE_URL: busy.url }, timeout: 60_000,
    });
    assert.deepEqual(JSON.parse(stdout), Array(12).fill(1));
  } finally {
    await busy.close();
  }
});
