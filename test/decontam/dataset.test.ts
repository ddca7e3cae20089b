// A dataset folder decontaminated in place: a dry run changes nothing; a run removes the matching
// record, keeps a line that is not JSON as it was (counted), rebuilds the Parquet file and puts its
// section before the card's licence; a run killed after logging its removals but before rewriting
// the records is redone without counting anything twice; the run layer's layout is rewritten through
// the store's writer with the schema its files had.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { decontaminateDataset, decontaminateFolders } from '../../src/decontam/index.js';
import { writeParquet } from '../../src/store/parquet.js';
import { SHARED_DATA } from '../support/paths.js';
import { z } from 'zod';
import { DuckDBInstance } from '@duckdb/node-api';
import { writeDataset } from '../../src/store/dataset.js';
import { cardHeader } from '../../src/store/card.js';
import { cardHeaderOf } from '../support/duckdb.js';

const OPTIONS = { against: ['humaneval'], rules: ['substring', 'ngram'] as const, sharedData: SHARED_DATA };
const GCD = 'def gcd(a, b):\n    """ Return a greatest common divisor of two integers a and b\n    >>> greatest_common_divisor(3, 5)\n    1\n    >>> greatest_common_divisor(25, 15)\n    5\n    """\n    while b:\n        a, b = b, a % b\n    return a\n';

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cf-decontam-dir-'));
  const records = [
    { id: 'r1', name: 'double', program: 'def double(x):\n    return 2 * x\n', prompt: 'cases' },
    { id: 'r2', name: 'gcd', program: GCD, prompt: 'cases' },
    { id: 'r3', name: 'half', program: 'def half(x):\n    return x / 2\n', prompt: 'cases' },
  ];
  const lines = records.map((r) => JSON.stringify(r));
  lines.splice(2, 0, '{"id": "torn", "program": "def');
  writeFileSync(join(dir, 'samples.jsonl'), lines.join('\n') + '\n');
  writeParquet(join(dir, 'samples.parquet'), records);
  writeFileSync(join(dir, 'README.md'), '# Card\n\n## Counts\n\nsome\n\n## Licence\n\nMIT\n');
  return dir;
}

test('dry run counts and changes nothing; a run rewrites the folder and the card', async () => {
  const dir = folder();
  const before = readFileSync(join(dir, 'samples.jsonl'), 'utf8');
  const dry = await decontaminateDataset(dir, OPTIONS, { dryRun: true });
  assert.deepEqual([dry.records, dry.removed, dry.kept, dry.unreadable], [3, 1, 2, 1]);
  assert.equal(readFileSync(join(dir, 'samples.jsonl'), 'utf8'), before);

  const r = await decontaminateDataset(dir, OPTIONS);
  assert.deepEqual([r.records, r.removed, r.by_benchmark.humaneval.records, r.by_benchmark.humaneval.substring], [3, 1, 1, 1]);
  const lines = readFileSync(join(dir, 'samples.jsonl'), 'utf8').trim().split('\n');
  assert.deepEqual(lines.map((l) => (l.startsWith('{"id":"') ? JSON.parse(l).id : l)), ['r1', '{"id": "torn", "program": "def', 'r3']);
  const file = await asyncBufferFromFile(join(dir, 'samples.parquet'));
  assert.deepEqual((await parquetReadObjects({ file })).map((x) => x.id), ['r1', 'r3']);
  const card = readFileSync(join(dir, 'README.md'), 'utf8');
  assert.ok(card.indexOf('## Decontamination') > card.indexOf('## Counts') && card.indexOf('## Decontamination') < card.indexOf('## Licence'), card);
  assert.match(card, /\| gcd \(r2\) \| humaneval HumanEval\/13 \| substring \|/);
});

test('a run killed before rewriting its records is redone without counting a removal twice', async () => {
  const dir = folder();
  const original = join(dir, 'original.jsonl');
  copyFileSync(join(dir, 'samples.jsonl'), original);
  await decontaminateDataset(dir, OPTIONS);
  copyFileSync(original, join(dir, 'samples.jsonl')); // as if the kill came before the rename
  const again = await decontaminateDataset(dir, OPTIONS);
  assert.deepEqual([again.records, again.removed, again.kept], [3, 1, 2]);
  assert.equal(readFileSync(join(dir, 'decontamination', 'removed.jsonl'), 'utf8').trim().split('\n').length, 1);
  // Run once more on the clean folder: the earlier removal is still reported.
  const third = await decontaminateDataset(dir, OPTIONS);
  assert.deepEqual([third.records, third.removed, third.kept], [3, 1, 2]);
  // A pipeline that just rewrote its records starts fresh.
  copyFileSync(original, join(dir, 'samples.jsonl'));
  const fresh = await decontaminateDataset(dir, OPTIONS, { fresh: true });
  assert.deepEqual([fresh.records, fresh.removed], [3, 1]);
});

test('the run layer\'s layout: shards and JSONL rewritten with the schema they had, the card\'s split counts updated', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-decontam-hub-'));
  const schema = z.object({ id: z.string(), name: z.string(), program: z.string(), n: z.number().int(), tags: z.array(z.string()), meta: z.object({ score: z.number().nullable() }), split: z.enum(['train', 'test']) });
  const rows = [
    { id: 'a', name: 'double', program: 'def double(x):\n    return 2 * x\n', n: 1, tags: ['x'], meta: { score: 0.5 }, split: 'train' as const },
    { id: 'b', name: 'gcd', program: GCD, n: 2, tags: [], meta: { score: null }, split: 'train' as const },
    { id: 'c', name: 'half', program: 'def half(x):\n    return x / 2\n', n: 3, tags: ['y', 'z'], meta: { score: 1 }, split: 'test' as const },
  ];
  const files = await writeDataset({ dir, schema, records: () => rows, splitOrder: ['train', 'test'] });
  writeFileSync(join(dir, 'README.md'), cardHeader({ prettyName: 't', license: 'mit', taskCategories: ['text-generation'], tags: [] }, files) + '\n# Card\n\n## Licence\n\nMIT\n');
  const r = await decontaminateDataset(dir, OPTIONS);
  assert.deepEqual([r.records, r.removed, r.kept], [3, 1, 2]);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const got = (await c.runAndReadAll(`select id, n, tags, meta, split from read_parquet('${join(dir, 'data', '*.parquet')}') order by id`)).getRowObjectsJson();
    assert.deepEqual(got, [{ id: 'a', n: '1', tags: ['x'], meta: { score: 0.5 }, split: 'train' }, { id: 'c', n: '3', tags: ['y', 'z'], meta: { score: 1 }, split: 'test' }]);
    const desc = (await c.runAndReadAll(`describe select * from read_parquet('${join(dir, 'data', 'train-*.parquet')}')`)).getRowObjectsJson();
    assert.equal(desc.find((d) => d.column_name === 'n')!.column_type, 'BIGINT');
  } finally {
    c.closeSync();
  }
  assert.deepEqual(readFileSync(join(dir, 'jsonl', 'train-00000-of-00001.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).id), ['a']);
  const header = cardHeaderOf(dir);
  assert.deepEqual(Object.fromEntries(header.dataset_info[0].splits.map((s) => [s.name, s.num_examples])), { train: 1, test: 1 });
  assert.match(readFileSync(join(dir, 'README.md'), 'utf8'), /## Decontamination[\s\S]*Removed 1 of 3 records[\s\S]*## Licence/);
});

test('a Case2Code run\'s task-family datasets (DIR/output, DIR/input) are decontaminated with it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-decontam-families-'));
  const schema = z.object({ id: z.string(), program: z.string(), prompt: z.string(), split: z.enum(['train', 'test']) });
  const row = (id: string, program: string) => ({ id, program, prompt: `What does this return?\n${program}`, split: 'train' as const });
  await writeDataset({ dir, schema, records: () => [row('a', 'def double(x):\n    return 2 * x\n')], splitOrder: ['train', 'test'] });
  await writeDataset({ dir: join(dir, 'output'), schema, records: () => [row('o1', GCD), row('o2', 'def half(x):\n    return x / 2\n')], splitOrder: ['train', 'test'] });
  const done = await decontaminateFolders(dir, OPTIONS);
  assert.deepEqual(done.map((d) => [d.dir, d.report.records, d.report.removed]), [[dir, 1, 0], [join(dir, 'output'), 2, 1]]);
  assert.deepEqual(readFileSync(join(dir, 'output', 'jsonl', 'train-00000-of-00001.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).id), ['o2']);
});
