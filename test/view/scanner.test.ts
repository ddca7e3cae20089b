// The scan worker: the index and a search it hands back equal what the same passes give inline,
// and a worker that outgrows its heap bound is replaced by one without it, losing no request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParquetStore } from '../../src/view/rows.js';
import { KINDS } from '../../src/view/kinds.js';
import { buildIndex, searchRows } from '../../src/view/scan.js';
import { scannerFor } from '../../src/view/scanner.js';
import { writeCase2CodeFixture } from '../support/view_fixtures.js';

let root: string;
let store: ParquetStore;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'cf-view-scan-'));
  await writeCase2CodeFixture(join(root, 'c2c'), 60);
  store = new ParquetStore(join(root, 'c2c'));
});
after(() => rmSync(root, { recursive: true, force: true }));

const plain = (v: unknown) => JSON.parse(JSON.stringify(v, (_k, x) => (ArrayBuffer.isView(x) ? Array.from(x as Float64Array) : x)));

test('the worker\'s index and search equal the inline passes', async () => {
  const s = scannerFor(store, 'case2code');
  try {
    const [ix, inline] = await Promise.all([s.index(), buildIndex(store, KINDS.case2code)]);
    assert.equal(ix.n, 60);
    assert.ok(ix.columns.mutation_score.kind === 'num' && ix.columns.mutation_score.values instanceof Float64Array, 'typed arrays arrive as typed arrays');
    assert.deepEqual(plain(ix), plain(inline));
    assert.deepEqual(await s.search(['pair'], ix.n), await searchRows(store, KINDS.case2code, ['pair'], ix.n));
    assert.equal(s.bounded, true, 'a small dataset stays within the bound');
  } finally {
    await s.close();
  }
});

test('a worker that runs out of its heap is replaced by an unbounded one, every request answered', async () => {
  const s = scannerFor(store, 'case2code', { maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1 });
  const keep = setInterval(() => undefined, 1000); // the worker is unref'd: keep this test's process up
  try {
    const [ix, hits] = await Promise.all([s.index(), s.search(['scale'], 60)]);
    assert.equal(s.bounded, false, 'the 1 MB bound was outgrown');
    assert.deepEqual(plain(ix), plain(await buildIndex(store, KINDS.case2code)));
    assert.deepEqual(hits, await searchRows(store, KINDS.case2code, ['scale'], 60));
  } finally {
    clearInterval(keep);
    await s.close();
  }
});
