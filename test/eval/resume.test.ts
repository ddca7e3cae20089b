// Resumption: a killed evaluation (torn results tail, samples not yet scored) and a killed
// generation both continue where they stopped, without redoing finished work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createExecutor, type Executor } from '../../src/exec/executor.js';
import { normaliseEndpoint } from '../../src/llm/config.js';
import { LlmClient } from '../../src/llm/client.js';
import { evaluate } from '../../src/eval/run.js';
import { startFakeLlm } from '../support/fake-llm-server.js';
import { SHARED_DATA, tempDir, writeJsonl } from './support.js';

function counting(ex: Executor): { ex: Executor; runs: () => number } {
  let n = 0;
  return { ex: { ...ex, run: (req) => { n++; return ex.run(req); } } as Executor, runs: () => n };
}

test('a killed evaluation resumes: finished samples are not run again, torn lines are repaired', async () => {
  const base = await createExecutor({ workers: 2 });
  try {
    const dir = tempDir('resume');
    const path = writeJsonl(dir, 'pred.jsonl', [
      { task_id: 'sample_0', completion: ['[(4, 1), (4, 1), (4, 1), (4, 1), (2, 3), (2, 3)]', '[]'] },
      { task_id: 'sample_1', completion: ['{1: None, 2: None}', '{1: None}'] },
      { task_id: 'sample_2', completion: ["'hbtofdeiequ'", "'x'"] },
    ]);
    const out = join(dir, 'out');
    const opts = { bench: 'cruxeval-o' as const, sharedData: SHARED_DATA, source: { kind: 'predictions' as const, path }, out, limit: 3, ks: [1, 2] };
    const first = counting(base);
    const full = await evaluate({ ...opts, executor: first.ex });
    assert.equal(first.runs(), 6);
    // Simulate a kill: keep two finished rows, then half a line.
    const results = join(out, '.work', 'results.jsonl');
    const lines = readFileSync(results, 'utf8').split('\n').filter(Boolean);
    writeFileSync(results, lines.slice(0, 2).join('\n') + '\n' + lines[2].slice(0, 20));
    const again = counting(base);
    const resumed = await evaluate({ ...opts, executor: again.ex });
    assert.equal(again.runs(), 4);
    assert.deepEqual(resumed.pass_at_k, full.pass_at_k);
    assert.equal(resumed.passed_samples, 3);
    assert.equal(readFileSync(results, 'utf8').split('\n').filter(Boolean).length, 6);
    // A different run in the same folder is refused rather than mixed in.
    await assert.rejects(evaluate({ ...opts, limit: 2, executor: base }), /other arguments \(limit: 3 there, 2 here\)/);
  } finally {
    await base.close();
  }
});

test('--model: prompts, samples n, extracts, scores; a rerun asks the model nothing', async () => {
  const solutions: Record<string, string> = {};
  const fake = await startFakeLlm({
    handler: (req, sample) => {
      const name = /def (\w+)\(/.exec(req.prompt)![1];
      if (sample === 1) return 'I am not sure.';
      return `Here you go:\n\`\`\`python\n${solutions[name]}\n\`\`\`\n`;
    },
  });
  const ex = await createExecutor({ workers: 2 });
  try {
    const he = readFileSync(join(SHARED_DATA, 'HumanEval.jsonl.gz'));
    const { gunzipSync } = await import('node:zlib');
    for (const line of gunzipSync(he).toString('utf8').split('\n').filter(Boolean).slice(0, 3)) {
      const p = JSON.parse(line) as { prompt: string; canonical_solution: string; entry_point: string };
      solutions[p.entry_point] = p.prompt + p.canonical_solution;
    }
    const endpoint = normaliseEndpoint('default', [{ baseUrl: fake.url, model: 'fake', apiKeyEnv: 'NONE' }], {});
    const out = tempDir('model');
    const opts = { bench: 'humaneval' as const, sharedData: SHARED_DATA, out, limit: 3, n: 2, ks: [1, 2], executor: ex };
    const s = await evaluate({ ...opts, source: { kind: 'model', client: new LlmClient(endpoint) } });
    assert.equal(s.samples, 6);
    assert.equal(s.passed_samples, 3);
    assert.ok(Math.abs(s.pass_at_k['pass@1'] - 0.5) < 1e-12);
    assert.equal(s.pass_at_k['pass@2'], 1);
    const asked = fake.requests.count;
    assert.ok(asked >= 3);
    const gens = readFileSync(join(out, '.work', 'generations.jsonl'), 'utf8').split('\n').filter(Boolean);
    assert.equal(gens.length, 6);
    const again = await evaluate({ ...opts, source: { kind: 'model', client: new LlmClient(endpoint) } });
    assert.equal(fake.requests.count, asked);
    assert.deepEqual(again.pass_at_k, s.pass_at_k);
  } finally {
    await ex.close();
    await fake.close();
  }
});

test('--model: requests the endpoint failed are missing, and a resume after it recovers asks only those and scores them', async () => {
  const solutions: Record<string, string> = {};
  let down = true;
  const failing = new Set(['has_close_elements', 'truncate_number']);
  const fake = await startFakeLlm({
    handler: (req) => `\`\`\`python\n${solutions[/def (\w+)\(/.exec(req.prompt)![1]]}\n\`\`\`\n`,
    faults: (req) => (down && failing.has(/def (\w+)\(/.exec(req.prompt)?.[1] ?? '') ? { kind: 'status', status: 503 } : undefined),
  });
  const ex = await createExecutor({ workers: 2 });
  try {
    const { gunzipSync } = await import('node:zlib');
    const he = gunzipSync(readFileSync(join(SHARED_DATA, 'HumanEval.jsonl.gz'))).toString('utf8').split('\n').filter(Boolean).slice(0, 4);
    for (const line of he) {
      const p = JSON.parse(line) as { prompt: string; canonical_solution: string; entry_point: string };
      solutions[p.entry_point] = p.prompt + p.canonical_solution;
    }
    const endpoint = normaliseEndpoint('default', [{ baseUrl: fake.url, model: 'fake', apiKeyEnv: 'NONE', maxRetries: 1 }], {});
    const out = tempDir('model-down');
    const opts = { bench: 'humaneval' as const, sharedData: SHARED_DATA, out, limit: 4, n: 2, ks: [1], executor: ex };
    const first = await evaluate({ ...opts, source: { kind: 'model', client: new LlmClient(endpoint) } });
    assert.equal(first.tasks.missing, 2);
    assert.equal(first.passed_samples, 4, 'the two tasks the endpoint answered pass');
    assert.equal(first.bad_predictions['request:server_error'], 2);
    const okBefore = fake.requests.log.filter((e) => e.outcome === 'ok').length;
    assert.equal(okBefore, 2);
    down = false;
    const second = await evaluate({ ...opts, source: { kind: 'model', client: new LlmClient(endpoint) } });
    const asked = fake.requests.log.slice(-2);
    assert.equal(fake.requests.log.filter((e) => e.outcome === 'ok').length, okBefore + 2, 'two requests more, one per failed task');
    assert.deepEqual(asked.map((e) => /def (\w+)\(/.exec(e.prompt)![1]).sort(), [...failing].sort(), 'only the failed requests are asked again');
    assert.equal(second.tasks.missing, 0);
    assert.equal(second.passed_samples, 8);
    assert.equal(second.pass_at_k['pass@1'], 1);
  } finally {
    await ex.close();
    await fake.close();
  }
});
