import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Executor } from '../../src/exec/executor.js';
import { runGift4Code } from '../../src/gift4code/index.js';
import { LlmClient, normaliseEndpoint, type EndpointOptions } from '../../src/llm/index.js';
import { startFakeLlm, type FakeChatRequest, type FakeLlmOptions } from '../support/fake-llm-server.js';
import { FIX, countBy, readSamples, tempDir, testExecutor } from './support.js';

let ex: Executor;
const dirs: string[] = [];
before(async () => { ex = await testExecutor(); });
after(async () => { await ex.close(); for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const INTENTS = ['How many shops with more than 10 staff are there in each city?', 'What is the average staff per city?', 'Which shops have more than 30 staff?'];
/**
 * Scripted solutions per intent, by sample index. Intent 0: two equal answers (a series name apart),
 * a failing one, an empty one. Intent 1: two answers that disagree (no majority: ambiguous), one
 * without a value, one reply without code. Intent 2: two answers in the file's row order, a hang,
 * and the one order-explicit answer.
 */
const SOLUTIONS: Record<string, string[]> = {
  [INTENTS[0]]: ["shops[shops['staff'] > 10].groupby('city').size()", "shops.loc[shops['staff'] > 10, 'city'].value_counts().sort_index()",
    "shops['town'].value_counts()", "shops[shops['staff'] > 1000]"],
  [INTENTS[1]]: ["shops.groupby('city')['staff'].mean()", "print('thinking')", 'NO_CODE', "shops.groupby('city')['staff'].mean().round(1)"],
  [INTENTS[2]]: ["shops[shops['staff'] > 30]", "shops.loc[shops['staff'] > 30, 'shop_id'].tolist()", 'while True:\n    pass', "shops.loc[shops['staff'] > 30, 'shop_id'].sort_values().tolist()"],
};

const handler = (req: FakeChatRequest, sample: number): string => {
  if (req.prompt.includes('data-wrangling questions')) return `Sure, here are some:\n${INTENTS.map((q, i) => `${i + 1}. ${q}`).join('\n')}`;
  const task = req.prompt.match(/# Task: (.*)\n/)?.[1];
  if (task) {
    const code = SOLUTIONS[task]?.[sample] ?? 'None';
    return code === 'NO_CODE' ? 'I would need more information.' : `Here is the cell:\n\`\`\`python\n${code}\n\`\`\``;
  }
  if (req.prompt.includes('summarise the input data')) {
    const code = req.prompt.match(/Cell:\n([\s\S]*?)\n\nInputs/)?.[1] ?? '';
    return `The cell reads the shops dataframe. It returns the result of ${code.split('\n').pop()}, one entry per group.`;
  }
  return 'unexpected prompt';
};

function client(url: string, name: string, extra: EndpointOptions = {}): LlmClient {
  return new LlmClient(normaliseEndpoint(name, [{ baseUrl: url, model: `fake-${name}`, maxRetries: 6, backoffBaseMs: 5, backoffMaxMs: 20, retryAfterMaxMs: 20, ...extra }]));
}

async function runWith(out: string, fake: FakeLlmOptions, extra: EndpointOptions = {}) {
  const server = await startFakeLlm({ handler, ...fake });
  try {
    const { report } = await runGift4Code({
      out, generator: 'llm', seed: 1, progress: false, data: [join(FIX, 'data', 'shops.csv')], intentsPerContext: 5, solutionsPerIntent: 4,
      limits: { timeoutMs: 1500, cpuMs: 1500 },
    }, { executor: ex, generalist: client(server.url, 'generalist', extra), coder: client(server.url, 'code', extra) });
    return { report, requests: server.requests.count };
  } finally {
    await server.close();
  }
}

let clean: ReturnType<typeof readSamples>;

test('llm path: only correct, order-independent solutions that agree on one gold per intent survive, each drop with its reason', async () => {
  const out = tempDir('llm1');
  dirs.push(out);
  const { report } = await runWith(out, {});
  clean = readSamples(out);
  const kept = [...new Set(clean.map((s) => s.code))].sort();
  assert.deepEqual(kept, ["shops[shops['staff'] > 10].groupby('city').size()", "shops.loc[shops['staff'] > 10, 'city'].value_counts().sort_index()",
    "shops.loc[shops['staff'] > 30, 'shop_id'].sort_values().tolist()"].sort(), JSON.stringify(report.counts));
  assert.deepEqual(countBy(clean, (s) => s.spec.kind), { examples: 3, summary: 3, typedesc: 3 });
  const c = report.counts;
  assert.equal(c.candidates, 11);
  assert.equal(c['dropped:no_code_block'], 1);
  assert.equal(c['dropped:error:KeyError'], 1);
  assert.equal(c['dropped:trivial:empty'], 1);
  assert.equal((c['dropped:trivial:none'] ?? 0) + (c['dropped:trivial:no_value'] ?? 0), 1);
  assert.equal(c['dropped:timeout'], 1);
  assert.equal(c['dropped:ambiguous_order'], 2, JSON.stringify(report.drop_examples['dropped:ambiguous_order']));
  assert.equal(c['dropped:ambiguous_intent'], 2);
  assert.equal(c.solutions_kept, 3);
  assert.equal(report.quality.intents_with_two_golds, 0);
  for (const s of clean) assert.deepEqual(s.metadata.steps, []);
  const summary = clean.find((s) => s.spec.kind === 'summary' && s.code.startsWith('shops.loc'))!;
  assert.match(summary.spec.text, /^The cell reads the shops dataframe\. It returns the result of shops\.loc/);
  assert.deepEqual(summary.metadata.models, { intents: 'fake-generalist', solutions: 'fake-code', summaries: 'fake-generalist' });
  assert.equal(report.llm?.generalist.calls, 4); // 1 intents + 3 summaries
  assert.equal(report.llm?.code.calls, 3);
});

test('endpoint faults (429 storms, stalls, malformed replies) neither end the run nor change its records', async () => {
  const out = tempDir('llm2');
  dirs.push(out);
  const { report } = await runWith(out, {
    faults: [
      { fault: { kind: 'status', status: 429, retryAfter: 0 }, first: 6 },
      { fault: { kind: 'malformed' }, when: (r) => r.prompt.includes('summarise'), first: 2 },
      { fault: { kind: 'stall' }, when: (r) => r.prompt.includes('# Task'), first: 1 },
    ],
  }, { timeoutMs: 400 });
  assert.deepEqual(readSamples(out), clean);
  assert.ok(report.llm!.generalist.retries + report.llm!.code.retries >= 9, JSON.stringify(report.llm));
});

test('items that fail past their retries are counted; a rerun resumes them without asking twice or duplicating', async () => {
  const out = tempDir('llm3');
  dirs.push(out);
  const broken = INTENTS[2];
  const first = await runWith(out, { faults: [{ fault: { kind: 'status', status: 500 }, when: (r) => r.prompt.includes(`# Task: ${broken}`) }] }, { maxRetries: 1 });
  assert.equal(first.report.counts['dropped:solutions_failed:server_error'], 1);
  assert.equal(first.report.contexts.incomplete, 1);
  const partial = readSamples(out);
  assert.ok(partial.length === 6 && partial.every((s) => s.intent !== broken), String(partial.length));
  const second = await runWith(out, {});
  assert.equal(second.requests, 2, 'only the failed solutions request and one new summary are asked');
  assert.deepEqual(readSamples(out), clean);
  assert.equal(second.report.contexts.incomplete, 0);
});
