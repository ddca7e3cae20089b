// The figures of report.json and the card, on hand-made records: each check can fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPrompt, withSolution } from '../../src/gift4code/prompts.js';
import { hasMachinePath, qualityFigures } from '../../src/gift4code/quality.js';
import type { Gift4CodeRecord } from '../../src/gift4code/record.js';
import type { Value } from '../../src/values/types.js';

function rec(sol: string, intent: string, value: Value, o: { steps?: string[]; template?: string; apis?: string[]; root?: string; history?: boolean } = {}): Gift4CodeRecord {
  const cells = [`import pandas as pd\nDATA_ROOT = ${JSON.stringify(o.root ?? 'data').replace(/"/g, "'")}\ncars = pd.read_csv(f'{DATA_ROOT}/cars.csv')`];
  const spec = { kind: 'typedesc' as const, text: 'Return an integer.' };
  const prompt = buildPrompt({ cells, schema: 's', intent, spec });
  const code = 'len(cars)';
  return {
    schema_version: 2, id: `${sol}-t`, solution_id: sol, spec_kind: 'typedesc', intent, spec, code,
    context: { id: 'c1', kind: 'datasets', name: 'cars', cells, history_cells: 0, schema: 's', datasets: [], data_root: { label: 'data', placeholder: 'data' } },
    output: { repr: 'x', type: 't', value: JSON.stringify(value), head: 'x' },
    split: 'train', prompt: prompt.text, ...withSolution(prompt, code),
    metadata: {
      generator: 'offline', seed: 0, family: (o.steps ?? ['count']).join('>'), steps: o.steps ?? ['count'], template: o.template ?? 't1', apis: o.apis ?? ['len'],
      datasets: [], context_name: 'cars', uses_history: o.history ?? false, models: { intents: null, solutions: null, summaries: null },
      environment: { caseforge: '0', python: '3', pandas: '1', numpy: '1' },
    },
  };
}

const int = (v: number): Value => ({ t: 'int', v });

test('figures count solutions once, steps, templates, families, calls and history use', () => {
  const records = [
    rec('a', 'How many cars?', int(1), { steps: ['filter', 'count'], template: 'T1', apis: ['len', 'loc'], history: true }),
    { ...rec('a', 'How many cars?', int(1), { steps: ['filter', 'count'], template: 'T1', apis: ['len', 'loc'], history: true }), id: 'a-e', spec_kind: 'examples' as const },
    rec('b', 'Mean weight?', int(2), { steps: ['scalar_stat'], template: 'T2', apis: ['mean'] }),
  ];
  const q = qualityFigures(records);
  assert.equal(q.samples, 3);
  assert.equal(q.solutions, 2);
  assert.equal(q.multi_step_solutions, 1);
  assert.equal(q.multi_step_share, 0.5);
  assert.deepEqual(q.steps, { 1: 1, 2: 1 });
  assert.equal(q.intent_templates, 2);
  assert.equal(q.operation_families, 3);
  assert.equal(q.pandas_calls, 3);
  assert.equal(q.solutions_using_history, 1);
  assert.equal(q.prompts_with_absolute_path, 0);
  assert.equal(q.intents_with_two_golds, 0);
});

test('a prompt holding a machine path is counted', () => {
  const bad = rec('a', 'q', int(1), { root: '/home/me/data' });
  assert.ok(hasMachinePath(bad));
  assert.ok(hasMachinePath({ ...rec('b', 'q', int(1)), prompt: "pd.read_csv('C:\\\\data\\\\x.csv')" }));
  assert.ok(hasMachinePath({ ...rec('c', 'q', int(1)), notebook: "DATA_ROOT = '/x/node_modules/vega-datasets/data'" }));
  assert.equal(hasMachinePath(rec('d', 'q', int(1))), false);
  assert.equal(qualityFigures([bad, rec('e', 'r', int(2))]).prompts_with_absolute_path, 1);
});

test('an intent text with two answers the evaluation tells apart is counted; a series name alone is not', () => {
  const s = (name: string | null, values: number[]): Value => ({
    t: 'series', dtype: 'int64', name: name === null ? { t: 'none' } : { t: 'str', v: name }, index: values.map((_, i) => int(i)), values: values.map(int),
  });
  assert.equal(qualityFigures([rec('a', 'Count per city', s(null, [3, 4])), rec('b', 'count per  City', s('city', [3, 4]))]).intents_with_two_golds, 0);
  assert.equal(qualityFigures([rec('a', 'Count per city', s(null, [3, 4])), rec('b', 'Count per city', s(null, [3, 5]))]).intents_with_two_golds, 1);
});
