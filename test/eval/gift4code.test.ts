// GIFT4Code test splits: the --spec choice picks records and builds prompts with or without the
// specification; train records are never scored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGift4Code } from '../../src/eval/benchmarks/gift4code.js';
import { tempDir, writeJsonl } from './support.js';

function record(id: string, kind: string, split: string, solutionId = 's1') {
  return {
    id, split, intent: 'Mean price per maker', code: "cars.groupby('maker')['price'].mean()",
    spec: { kind, text: `${kind} text` },
    context: { id: 'ctx1', code: "import pandas as pd\nDATA_ROOT = '/data'\ncars = pd.read_csv(f'{DATA_ROOT}/cars.csv')", cells: [], schema: 'cars: maker, price', datasets: [], dataRoot: { label: 'demo', path: '/data' } },
    output: { value: { repr: '1', value: { t: 'int', v: 1 }, type: 'builtins.int', flags: { address: false, truncated: false } }, head: '1' },
    notebook: '', messages: [], metadata: { solutionId, datasets: ['cars'] },
  };
}

test('--spec picks the records of one spec kind; none keeps one record per solution', async () => {
  const path = writeJsonl(tempDir('g4c'), 'samples.jsonl', [
    record('a-typedesc', 'typedesc', 'test'), record('a-examples', 'examples', 'test'), record('a-summary', 'summary', 'test'),
    record('b-typedesc', 'typedesc', 'train', 's2'),
  ]);
  const withSpec = await createGift4Code({ spec: 'examples' }).load(path);
  assert.deepEqual(withSpec.map((t) => t.id), ['a-examples']);
  assert.match(createGift4Code({ spec: 'examples' }).prompt(withSpec[0])[1].content, /examples text/);
  const none = createGift4Code({ spec: 'none' });
  const tasks = await none.load(path);
  assert.deepEqual(tasks.map((t) => t.id), ['ctx1/s1']);
  assert.deepEqual(tasks[0].subsets, { spec: 'none', source: 'demo' });
  assert.doesNotMatch(none.prompt(tasks[0])[1].content, /text/);
  assert.deepEqual(none.executorOptions(tasks, path).readOnlyPaths, ['/data']);
});

test('--data-root points every context at a copy of the data elsewhere', async () => {
  const path = writeJsonl(tempDir('g4c-root'), 'samples.jsonl', [record('a-typedesc', 'typedesc', 'test')]);
  const moved = createGift4Code({ spec: 'typedesc', dataRoot: '/mnt/copy of data' });
  const tasks = await moved.load(path);
  assert.match(tasks[0].context, /^DATA_ROOT = '\/mnt\/copy of data'$/m);
  assert.doesNotMatch(tasks[0].context, /'\/data'/);
  assert.deepEqual(moved.executorOptions(tasks, path).readOnlyPaths, ['/mnt/copy of data']);
});

test('a record that cannot be scored is reported with its line and reason, the others load', async () => {
  const good = record('a-typedesc', 'typedesc', 'test');
  const path = writeJsonl(tempDir('g4c-bad'), 'samples.jsonl', [
    good,
    { ...record('b', 'typedesc', 'test', 's2'), intent: undefined },
    { ...record('c', 'typedesc', 'test', 's3'), output: { value: '{"repr": ', head: '' } },
    { ...record('d', 'typedesc', 'test', 's4'), context: 'not an object' },
  ]);
  const bad: Array<{ line?: number; reason: string; detail?: string }> = [];
  const tasks = await createGift4Code({ spec: 'typedesc' }).load(path, (b) => bad.push(b));
  assert.deepEqual(tasks.map((t) => t.id), ['a-typedesc']);
  assert.deepEqual(bad.map((b) => [b.line, b.reason]).sort(), [[2, 'missing_field'], [3, 'invalid'], [4, 'wrong_type']]);
  assert.match(bad.find((b) => b.line === 3)!.detail!, /output\.value.*not JSON/);
});
