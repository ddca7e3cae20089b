import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import { writeDataset, type SplitPlanner } from '../../src/store/dataset.js';
import { cardHeader } from '../../src/store/card.js';
import { datasetSplits, readPage, readSplit } from '../../src/store/read.js';
import { SchemaShapeError, recordShape } from '../../src/store/schema.js';
import { checkDataset } from '../support/duckdb.js';

const Rec = z.object({
  id: z.string(),
  n: z.number().int(),
  score: z.number(),
  split: z.enum(['train', 'test']),
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })),
  cases: z.array(z.object({ call: z.string(), output: z.string(), exception: z.string().nullable() })),
  metadata: z.object({ seed: z.number().int(), source: z.object({ path: z.string(), row: z.number().int().nullable() }) }),
  values: z.string(),
});
type Rec = z.infer<typeof Rec>;

function rec(i: number): Rec {
  return {
    id: `r${i}`, n: i, score: i / 7, split: i % 4 === 0 ? 'test' : 'train',
    messages: [{ role: 'user', content: `q${i}` }, { role: 'assistant', content: `a${i}`.repeat(i % 5) }],
    cases: Array.from({ length: i % 3 }, (_, j) => ({ call: `f(${j})`, output: String(j * i), exception: j === 1 ? 'ValueError' : null })),
    metadata: { seed: 3, source: { path: 'x.py', row: i % 2 ? null : i } },
    values: JSON.stringify({ shown: [{ t: i % 2 ? 'int' : 'str', v: i % 2 ? String(i) : 'x' }] }),
  };
}

const meta = { prettyName: 'test', license: 'mit', taskCategories: ['text-generation'], tags: ['code'] };

test('a dataset in shards with nested types: the independent reader agrees on types, rows and records', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dataset-'));
  const records = Array.from({ length: 250 }, (_, i) => rec(i));
  const bad = { ...rec(999), n: 'nine' } as unknown as Rec;
  const files = await writeDataset({ dir, schema: Rec, records: () => [...records.slice(0, 100), bad, ...records.slice(100)], shardRows: 80, rowGroup: { rows: 30, bytes: 1 << 20 }, splitOrder: ['train', 'test'] });
  assert.equal(files.invalid, 1);
  assert.match(files.invalid_examples[0], /record 100: n:/);
  writeFileSync(join(dir, 'README.md'), cardHeader(meta, files) + '\n# test\n');
  assert.deepEqual(files.splits.map((s) => [s.name, s.rows, s.parquet.length]), [['train', 187, 3], ['test', 63, 1]]);
  assert.deepEqual(readdirSync(join(dir, 'data')), ['test-00000-of-00001.parquet', 'train-00000-of-00003.parquet', 'train-00001-of-00003.parquet', 'train-00002-of-00003.parquet']);
  const meta0 = await parquetMetadataAsync(await asyncBufferFromFile(join(dir, 'data', 'train-00000-of-00003.parquet')));
  assert.ok(meta0.row_groups.length >= 2 && meta0.row_groups.every((g) => Number(g.num_rows) <= 30), 'row groups bounded');
  const duck = await checkDataset(dir, {
    splits: { train: 187, test: 63 },
    types: {
      n: 'BIGINT', score: 'DOUBLE', split: 'VARCHAR', values: 'VARCHAR',
      messages: 'STRUCT(role VARCHAR, content VARCHAR)[]',
      cases: 'STRUCT(call VARCHAR, output VARCHAR, exception VARCHAR)[]',
      metadata: 'STRUCT(seed BIGINT, source STRUCT(path VARCHAR, row BIGINT))',
    },
  });
  assert.deepEqual(duck.sample[0].messages, [{ role: 'user', content: 'q0' }, { role: 'assistant', content: '' }]);
  // Our reader: counts, streaming in order, a page across a shard boundary, equal to the JSONL lines.
  assert.deepEqual((await datasetSplits(dir)).map((s) => [s.name, s.rows]), [['test', 63], ['train', 187]]);
  const train = records.filter((r) => r.split === 'train');
  const streamed: Rec[] = [];
  for await (const r of readSplit<Rec>(dir, 'train')) streamed.push(r);
  assert.deepEqual(streamed, train);
  assert.deepEqual(await readPage<Rec>(dir, 'train', 75, 10), train.slice(75, 85));
  const jsonl = readFileSync(join(dir, 'jsonl', 'train-00001-of-00003.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Rec);
  assert.deepEqual(jsonl, train.slice(63, 125));
});

test('a planner decides splits after seeing every record; the same input writes the same bytes', async () => {
  // Keeps records of one group on one side: the group of the first record of each group decides.
  const planner = (): SplitPlanner<Rec> => {
    const groupOf: string[] = [];
    return {
      observe: (r, i) => { groupOf[i] = String(r.n % 10); },
      finish: () => (i) => (groupOf[i] === '3' ? 'test' : 'train'),
    };
  };
  const records = Array.from({ length: 60 }, (_, i) => rec(i));
  const a = mkdtempSync(join(tmpdir(), 'dataset-a-'));
  const b = mkdtempSync(join(tmpdir(), 'dataset-b-'));
  for (const dir of [a, b]) await writeDataset({ dir, schema: Rec, records: async function* () { yield* records; }, planner: planner() });
  const test0 = readFileSync(join(a, 'jsonl', 'test-00000-of-00001.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Rec);
  assert.deepEqual(test0.map((r) => r.n), [3, 13, 23, 33, 43, 53]);
  assert.ok(test0.every((r) => r.split === 'test'), 'the record says the split it is in');
  for (const f of ['data/train-00000-of-00001.parquet', 'data/test-00000-of-00001.parquet', 'jsonl/train-00000-of-00001.jsonl']) {
    assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), `${f} identical`);
  }
});

test('no records still give a loadable dataset; shapes without one column type are refused', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dataset-empty-'));
  const files = await writeDataset({ dir, schema: Rec, records: () => [] });
  writeFileSync(join(dir, 'README.md'), cardHeader(meta, files));
  await checkDataset(dir, { splits: { train: 0 } });
  assert.throws(() => recordShape(z.object({ v: z.record(z.string(), z.number()) })), SchemaShapeError);
  assert.throws(() => recordShape(z.object({ v: z.union([z.string(), z.number()]) })), /JSON string/);
});

test('JSONL shards hold each record\'s JSON line byte for byte: non-ASCII text, and lines larger than the write buffer', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dataset-jsonl-'));
  const big = 'é€😀x'.repeat(200_000); // 1.8 MB of UTF-8 in one field
  const records = Array.from({ length: 40 }, (_, i) => ({ ...rec(i), split: 'train' as const, values: i === 7 || i === 8 ? big : `ünï ${i} 😀`.repeat(i * 997) }));
  await writeDataset({ dir, schema: Rec, records: () => records });
  const files = readdirSync(join(dir, 'jsonl'));
  assert.equal(files.length, 1);
  const want = records.map((r) => JSON.stringify(Object.fromEntries(recordShape(Rec).map(([k]) => [k, (r as Record<string, unknown>)[k]]))) + '\n').join('');
  assert.equal(readFileSync(join(dir, 'jsonl', files[0]), 'utf8'), want);
});
