// GIFT4Code test splits: the --spec choice picks records and builds prompts with or without the
// specification (by the records' own prompt builder); train records are never scored; DATA_ROOT's
// placeholder is filled with --data-root; rows that are not v2 records are skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createGift4Code, dataRootFor } from '../../src/eval/benchmarks/gift4code.js';
import { buildPrompt } from '../../src/gift4code/prompts.js';
import { tempDir, writeJsonl } from './support.js';

function record(id: string, kind: string, split: string, solution = 's1') {
  const context = {
    id: 'ctx1', kind: 'datasets', name: 'cars', history_cells: 0, schema: 'cars: maker, price',
    cells: ["import pandas as pd\nDATA_ROOT = 'demo'\ncars = pd.read_csv(f'{DATA_ROOT}/cars.csv')"],
    datasets: [{ name: 'demo/cars.csv', file: 'cars.csv', format: 'csv', variable: 'cars', parse_dates: [] }],
    data_root: { label: 'demo', placeholder: 'demo' },
  };
  const spec = { kind, text: `${kind} text` };
  const intent = 'Mean price per maker';
  const prompt = buildPrompt({ cells: context.cells, schema: context.schema, intent, spec: spec as never });
  return {
    schema_version: 2, id, solution_id: solution, spec_kind: kind, split, intent, code: "cars.groupby('maker')['price'].mean()", spec, context,
    output: { repr: '1', type: 'builtins.int', value: JSON.stringify({ t: 'int', v: 1 }), head: '1' },
    prompt: prompt.text, notebook: prompt.text, messages: prompt.messages,
    metadata: {
      generator: 'offline', seed: 0, family: 'group_aggregate', steps: ['group_aggregate'], template: 't', apis: ['groupby', 'mean'],
      datasets: ['demo/cars.csv'], context_name: 'cars', uses_history: false, models: { intents: null, solutions: null, summaries: null },
      environment: { caseforge: '0.1.0', python: '3.11.2', pandas: '1.5.3', numpy: '1.24.2' },
    },
  };
}

test('--spec picks the records of one spec kind; none keeps one record per solution', async () => {
  const dir = tempDir('g4c');
  const path = writeJsonl(dir, 'samples.jsonl', [
    record('a-typedesc', 'typedesc', 'test'), record('a-examples', 'examples', 'test'), record('a-summary', 'summary', 'test'),
    record('b-typedesc', 'typedesc', 'train', 's2'), { id: 'old', note: 'a row of another schema' },
  ]);
  const withSpec = createGift4Code({ spec: 'examples', dataRoot: '/data' });
  const tasks = await withSpec.load(path);
  assert.deepEqual(tasks.map((t) => t.id), ['a-examples']);
  // the prompt is the record's own prompt, made by the same builder
  assert.deepEqual(withSpec.prompt(tasks[0]), record('a-examples', 'examples', 'test').messages);
  assert.match(withSpec.prompt(tasks[0])[1].content, /examples text/);
  const none = createGift4Code({ spec: 'none', dataRoot: '/data' });
  const noneTasks = await none.load(path);
  assert.deepEqual(noneTasks.map((t) => t.id), ['ctx1/s1']);
  assert.deepEqual(noneTasks[0].subsets, { spec: 'none', source: 'demo', steps: '1' });
  assert.doesNotMatch(none.prompt(noneTasks[0])[1].content, /text/);
  assert.match(none.prompt(noneTasks[0])[1].content, /DATA_ROOT = 'demo'/, 'the prompt keeps the placeholder');
  assert.deepEqual(none.executorOptions(noneTasks, path).readOnlyPaths, ['/data']);
});

test('--data-root fills DATA_ROOT: the folder itself, or its sub-folder named by the label; records of an unknown folder need it', async () => {
  const path = writeJsonl(tempDir('g4c-root'), 'samples.jsonl', [record('a-typedesc', 'typedesc', 'test')]);
  const moved = createGift4Code({ spec: 'typedesc', dataRoot: '/mnt/copy of data' });
  const tasks = await moved.load(path);
  assert.match(tasks[0].context, /^DATA_ROOT = '\/mnt\/copy of data'$/m);
  assert.deepEqual(moved.executorOptions(tasks, path).readOnlyPaths, ['/mnt/copy of data']);
  const parent = tempDir('g4c-parent');
  mkdirSync(join(parent, 'demo'));
  assert.equal(dataRootFor('demo', parent), join(parent, 'demo'));
  await assert.rejects(createGift4Code({ spec: 'typedesc' }).load(path), /labelled 'demo'; say where it is with --data-root/);
  assert.match(dataRootFor('vega-datasets', undefined), /vega-datasets[/\\]data$/);
});

test('a file of rows that are not v2 records is refused with the reason', async () => {
  const path = writeJsonl(tempDir('g4c-bad'), 'samples.jsonl', [{ id: 'x', context: { code: 'old' } }]);
  await assert.rejects(createGift4Code({ spec: 'none', dataRoot: '/data' }).load(path), /no row is a GIFT4Code record of schema version 2/);
});

test('a record that cannot be scored is reported with its line and reason, the others load', async () => {
  const good = record('a-typedesc', 'typedesc', 'test');
  const path = writeJsonl(tempDir('g4c-bad'), 'samples.jsonl', [
    good,
    { ...record('b', 'typedesc', 'test', 's2'), intent: undefined },
    { ...record('c', 'typedesc', 'test', 's3'), output: { ...good.output, value: '{"repr": ' } },
    { ...record('d', 'typedesc', 'test', 's4'), context: 'not an object' },
  ]);
  const bad: Array<{ line?: number; reason: string; detail?: string }> = [];
  const tasks = await createGift4Code({ spec: 'typedesc', dataRoot: '/data' }).load(path, (b) => bad.push(b));
  assert.deepEqual(tasks.map((t) => t.id), ['a-typedesc']);
  assert.deepEqual(bad.map((b) => [b.line, b.reason]).sort(), [[2, 'missing_field'], [3, 'invalid'], [4, 'wrong_type']]);
  assert.match(bad.find((b) => b.line === 3)!.detail!, /output\.value.*not JSON/);
});
