// Known-wrong predictions fail, for every benchmark, and right ones in the same file pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createExecutor } from '../../src/exec/executor.js';
import { evaluate } from '../../src/eval/run.js';
import type { EvalSummary } from '../../src/eval/summary.js';
import type { BenchName } from '../../src/eval/types.js';
import { FIXTURES, SHARED_DATA, tempDir, writeJsonl } from './support.js';

async function score(bench: BenchName, rows: unknown[], ids?: string[], data?: string): Promise<EvalSummary> {
  const dir = tempDir(bench);
  const path = writeJsonl(dir, 'pred.jsonl', rows);
  return evaluate({ bench, data, sharedData: SHARED_DATA, source: { kind: 'predictions', path }, out: join(dir, 'out'), ids, ks: [1, 2] });
}

function statuses(s: EvalSummary): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of s.failures) (out[f.task_id] ??= []).push(`${f.sample}:${f.status}`);
  return out;
}

test('HumanEval: a wrong body fails its tests, a crashing one errors', async () => {
  const s = await score('humaneval', [
    { task_id: 'HumanEval/0', completion: ['    return False\n', '    return 1 / 0\n'] },
    { task_id: 'HumanEval/2', completion: '    return number % 1.0\n' },
  ], ['HumanEval/0', 'HumanEval/2']);
  assert.deepEqual(statuses(s), { 'HumanEval/0': ['0:failed', '1:error'] });
  assert.equal(s.passed_samples, 1);
});

test('CRUXEval-O: a wrong literal fails, calling f on the input is rejected', async () => {
  const s = await score('cruxeval-o', [
    { task_id: 'sample_0', completion: ['[(4, 1), (4, 1), (4, 1), (4, 1), (2, 3), (2, 3)]', '[]', 'f([1, 1, 3, 1, 3, 1])'] },
  ], ['sample_0']);
  assert.deepEqual(statuses(s), { sample_0: ['1:failed', '2:rejected'] });
  assert.ok(Math.abs(s.pass_at_k['pass@1'] - 1 / 3) < 1e-12);
});

test('CRUXEval-I: a wrong input fails, an answer without f( is rejected', async () => {
  const s = await score('cruxeval-i', [
    { task_id: 'sample_3', completion: ["f('bcksrut', 'q')", "f('bcksrut', 'z')", "'bcksrutq'"] },
  ], ['sample_3']);
  assert.deepEqual(statuses(s), { sample_3: ['1:failed', '2:rejected'] });
});

test('Case2Code: a function that differs on one case fails', async () => {
  const id = 'b14e5d06e24218aedad32f15b64f6c07f46542f2_0';
  const s = await score('case2code', [
    { task_id: id, completion: '```python\ndef command_R(num):\n    return num % 10 * 1000 + num // 10\n```' },
    { task_id: id, completion: 'def command_R(num):\n    return 0 if num == 9 else num % 10 * 1000 + num // 10' },
    { task_id: id, completion: 'def other(num):\n    return num' },
  ], [id]);
  assert.deepEqual(statuses(s), { [id]: ['1:failed', '2:failed'] });
  assert.match(s.failures[1].error!, /NameError/);
});

test('Case2Code, own records: an answer that is the function alone runs after the context its prompt showed', async () => {
  const dir = tempDir('case2code-context');
  const context = 'WORD_SEP = " "\n\n\ndef _words(text):\n    return text.split(WORD_SEP)\n';
  const completion = 'def count_words(text):\n    return len(_words(text))\n';
  const cases = [{ call: "count_words('a b c')", input: "('a b c',)", status: 'ok', output: '3', exception: null, origin: null },
    { call: "count_words('a')", input: "('a',)", status: 'ok', output: '1', exception: null, origin: null }];
  const data = writeJsonl(dir, 'records.jsonl', [{
    schema_version: 2, id: 'r1', function_id: 'r1', name: 'count_words', original_name: 'count_words', context, program: `${context}\n\n${completion}`,
    shown: cases.slice(0, 1), heldout: cases.slice(1), values: '{}', prompt: 'p', completion: `\`\`\`python\n${completion}\`\`\``,
    messages: [{ role: 'user', content: 'p' }], split: 'test',
    metadata: {
      source: { path: 'words.py', line: 1, row: null, row_id: null, license: null }, generator: 'fuzz', seed: 0, template: 't', case_format: 'call',
      anonymous: false, coverage: 1, mutation_score: 1, informativeness: 1, completion_lines: 2, target_lines: 2,
      environment: { caseforge: '0.1.0', python: '3.11.2', platform: 'Linux', tz: 'UTC', locale: 'C.UTF-8' },
    },
  }]);
  const s = await score('case2code', [
    { task_id: 'r1', completion: `\`\`\`python\n${completion}\`\`\`` },
    { task_id: 'r1', completion: 'def count_words(text):\n    return len(_words(text)) + 1\n' },
  ], ['r1'], data);
  assert.deepEqual(statuses(s), { r1: ['1:failed'] });
  assert.equal(s.passed_samples, 1);
});

test('DS-1000: a wrong answer fails the problem\'s own test', async () => {
  const s = await score('ds1000', [
    { id: 0, code: 'result = df.iloc[List]\n</code>', metadata: { problem_id: 0 } },
    { id: 0, code: 'result = df\n', metadata: { problem_id: 0 } },
    { id: 0, code: 'result = df.iloc[[0, 1]]\n', metadata: { problem_id: 0 } },
  ], ['0']);
  assert.deepEqual(statuses(s), { 0: ['1:failed', '2:failed'] });
});

/** Why notebook sessions cannot run here (the ARCADE test then skips with that reason), if so. */
async function sessionsBroken(): Promise<string | undefined> {
  const ex = await createExecutor({ workers: 1 });
  try {
    const s = await ex.openSession({ profile: 'datasci' });
    const r = await s.runCell('1 + 1');
    await s.close();
    return r.status === 'ok' ? undefined : `executor sessions fail here: ${r.exception?.message ?? r.status}`;
  } finally {
    await ex.close();
  }
}

test('ARCADE: fuzzy matching accepts reshaped right answers and rejects wrong ones', async (t) => {
  const broken = await sessionsBroken();
  if (broken) { t.skip(broken); return; }
  const data = join(FIXTURES, 'arcade/new_tasks/dataset.json');
  const s = await score('arcade', [
    { task_id: 'shop.ipynb#0', completion: [
      "sales.groupby('region')['revenue'].sum()",
      "sales.groupby('region', as_index=False)['revenue'].sum()",
      "sales.groupby('region')['revenue'].mean()",
      "sales.groupby('regio')['revenue'].sum()",
    ] },
    { task_id: 'shop.ipynb#1', completion: ["best = sales.groupby('region')['units'].sum().idxmax()", "'south'"] },
    { task_id: 'shop.ipynb#2', completion: ["by_product = sales.groupby('product')['units'].sum()"] },
    { task_id: 'shop2.ipynb#0', completion: ["sales[sales.units.isnull()]", "sales.dropna()"] },
  ], undefined, data);
  assert.deepEqual(statuses(s), { 'shop.ipynb#0': ['2:failed', '3:error'], 'shop.ipynb#1': ['1:failed'], 'shop2.ipynb#0': ['1:failed'] });
  assert.deepEqual(Object.keys(s.subsets.split), ['new_tasks']);
});
