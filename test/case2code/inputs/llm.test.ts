import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecutor, type Executor } from '../../../src/exec/executor.js';
import { LlmClient, normaliseEndpoint } from '../../../src/llm/index.js';
import { runCase2Code, wholeProgram, type FunctionJob } from '../../../src/case2code/index.js';
import { PRELOAD, PYTHON_DIR } from '../../../src/case2code/tooling.js';
import { startFakeLlm, type FakeLlm } from '../../support/fake-llm-server.js';
import type { Case2CodeRecord } from '../../../src/case2code/records/record.js';
import { recordsOf } from '../../support/dataset.js';

let ex: Executor;
let fake: FakeLlm;
const root = mkdtempSync(join(tmpdir(), 'c2c-llm-'));
before(async () => {
  ex = await createExecutor({ workers: 2, pythonPath: [PYTHON_DIR], preload: PRELOAD });
  // First reply per function is unusable prose; the retry gets literals (and one bad item).
  const asked = new Map<string, number>();
  fake = await startFakeLlm({
    handler: (req) => {
      const key = /`(\w+)`/.exec(req.prompt)?.[1] ?? '';
      const n = (asked.get(key) ?? 0) + 1;
      asked.set(key, n);
      if (n === 1) return 'Sure! Here are some ideas: small numbers, negative numbers.';
      return '```python\nexamples = [\n    dict(n=1),\n    dict(n=-4),\n    dict(n=0),\n    dict(n=12),\n    dict(m=3),\n    dict(n=__import__("os").getpid()),\n]\n```';
    },
  });
});
after(async () => { await ex.close(); await fake.close(); rmSync(root, { recursive: true, force: true }); });

async function* jobs(): AsyncGenerator<FunctionJob> {
  const program = 'def step(n):\n    if n < 0:\n        return -n\n    return n * 2\n';
  yield { id: 'step-1', name: 'step', ...wholeProgram(program, 'step'), origin: { path: 'mem', line: 1 } };
}

test('llm inputs: prompt, retry on unusable replies, literal-only parsing, usage in the report', async () => {
  const endpoint = normaliseEndpoint('default', [{ baseUrl: fake.url, model: 'fake', maxRetries: 0 }], {});
  const llm = new LlmClient(endpoint);
  const out = join(root, 'llm');
  const report = await runCase2Code({ inputs: 'llm', out, progress: false }, { executor: ex, llm, jobs: jobs() });
  assert.equal(report.stages.kept, 1);
  assert.equal(report.llm?.writer_requests, 2);
  const [sample] = recordsOf<Case2CodeRecord>(out);
  const calls = [...sample.shown, ...sample.heldout].map((c: { call: string }) => c.call).sort();
  // The wrong keyword and the non-literal item are never run.
  assert.deepEqual(calls, ['n=-4', 'n=0', 'n=1', 'n=12'].map((a) => `${sample.name}(${a})`));
  assert.equal(sample.original_name, 'step');
  assert.equal(sample.metadata.generator, 'llm');
  assert.equal(fake.requests.count, 2);
});

test('hybrid: the LLM inputs seed the fuzzer, which adds mutated inputs', async () => {
  const endpoint = normaliseEndpoint('default', [{ baseUrl: fake.url, model: 'fake', maxRetries: 0 }], {});
  const out = join(root, 'hybrid');
  const report = await runCase2Code({ inputs: 'hybrid', out, progress: false }, { executor: ex, llm: new LlmClient(endpoint), jobs: jobs() });
  assert.equal(report.stages.kept, 1);
  assert.ok(report.stages.candidates > 4, `${report.stages.candidates} candidates`);
});
