// --data: the records /verify finds by id, from a folder in the run layer's dataset layout (Parquet
// shards, read with its readers) or an older samples.jsonl; bad rows are skipped and counted with
// their file, line and reason, and /health reports them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { openDataset } from '../../src/serve/dataset.js';
import { writeDataset } from '../../src/store/dataset.js';
import { REPO_ROOT } from '../support/paths.js';
import { get, post, testServer } from './support.js';

const DIR = join(REPO_ROOT, 'test', 'fixtures', 'serve', 'case2code-out');

test('--data: bad rows are skipped and counted with file, line and reason; /health reports them', async () => {
  const ds = await openDataset(DIR);
  assert.deepEqual([...ds.tasks.keys()].sort(), ['out-1', 'rec-add', 'rec-ctx']);
  const reasons = ds.bad.map((b) => `${b.line}: ${b.reason}`);
  assert.deepEqual(reasons.map((r) => r.split(':')[0]), ['2', '3', '4', '5', '7', '8', '11']);
  assert.match(reasons[0], /not a JSON object/);
  assert.match(reasons[2], /not JSON/);
  assert.match(reasons[3], /shown: /);
  assert.match(reasons[4], /duplicate id 'rec-add'/);
  assert.match(reasons[5], /GIFT4Code/);
  assert.match(reasons[6], /input record: .*JSON/);
  const server = await testServer({ data: DIR });
  try {
    const h = JSON.parse((await get(server, '/health')).text);
    assert.deepEqual(h.data.by_family, { case2code: 2, output: 1 });
    assert.equal(h.data.rows_skipped, 7);
    assert.equal(h.status, 'ok');
  } finally {
    await server.close();
  }
  await assert.rejects(openDataset(join(DIR, 'nope')), /no such file or folder/);
});

test('--data on a dataset folder of Parquet shards: records by id, in every split', async () => {
  const Case = z.object({ call: z.string(), input: z.string(), status: z.enum(['ok', 'error']), output: z.string() });
  const Rec = z.object({ id: z.string(), name: z.string(), program: z.string(), context: z.string(), split: z.string(), shown: z.array(Case), heldout: z.array(Case) });
  const good = readFileSync(join(DIR, 'samples.jsonl'), 'utf8').split('\n').filter((l) => l.startsWith('{"')).map((l) => JSON.parse(l))
    .filter((r) => ['rec-add', 'rec-ctx'].includes(r.id) && r.program !== 'def add_one(x):\n    return x')
    .map((r) => ({ id: r.id, name: r.name, program: r.program, context: r.context ?? '', split: r.split, shown: r.shown.map(strip), heldout: r.heldout.map(strip) }));
  const dir = mkdtempSync(join(tmpdir(), 'cf-serve-ds-'));
  try {
    await writeDataset({ dir, schema: Rec, records: () => good, jsonl: false });
    const ds = await openDataset(dir);
    assert.deepEqual([...ds.tasks.keys()].sort(), ['rec-add', 'rec-ctx']);
    assert.equal(ds.bad.length, 0);
    const server = await testServer({ data: dir });
    try {
      const r = await post(server, '/verify', { items: [
        { completion: 'def add_one(x):\n    return x + 1', task: 'rec-add' },
        { completion: 'def f(a, b):\n    return helper(a) - b', task: 'rec-ctx' },
      ] });
      assert.deepEqual(r.body.results.map((x: { passed: boolean }) => x.passed), [true, true]);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function strip(c: { call: string; input: string; status: 'ok' | 'error'; output: string }) {
  return { call: c.call, input: c.input, status: c.status, output: c.output };
}
