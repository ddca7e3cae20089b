// Deduplication: exact (normalised program), near (MinHash over renamed tokens), distinct kept,
// first occurrence wins, threshold respected; and the same through the miner on fixture files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Executor } from '../../src/exec/executor.js';
import { Deduper, MINE_DEFAULTS, resolveMineOptions } from '../../src/sources/index.js';
import { chooseBands } from '../../src/sources/minhash.js';
import { CaseforgeError } from '../../src/errors.js';
import { FIXTURES, examples, mineAll, openMiningExecutor } from './helpers.js';

const tokens = (text: string) => text.split(' ');
const BODY = 'def v0 ( v1 ) : <nl> <in> v2 = 0 <nl> for v3 in v1 : <nl> <in> if v3 > 0 : <nl> <in> v2 += v3 <nl> <de> <de> return v2 <nl> <de>';

test('exact duplicates by key, near duplicates by tokens, distinct items kept; first occurrence wins', () => {
  const d = new Deduper(MINE_DEFAULTS.dedup);
  assert.deepEqual(d.check('first', 'k1', tokens(BODY)), { kind: 'unique' });
  assert.deepEqual(d.check('second', 'k1', tokens('completely different tokens here')), { kind: 'duplicate_exact', of: 'first' });
  const near = d.check('third', 'k3', tokens(BODY));
  assert.deepEqual(near, { kind: 'duplicate_near', of: 'first', similarity: 1 });
  const edited = d.check('fourth', 'k4', tokens(BODY.replace('v3 > 0', 'v3 >= 0')));
  assert.equal(edited.kind, 'unique', 'one changed token in a short function is under 0.85');
  const other = d.check('fifth', 'k5', tokens('def v0 ( v1 ) : <nl> <in> return sorted ( v1 , key = len ) [ - 1 ] <nl> <de>'));
  assert.deepEqual(other, { kind: 'unique' });
});

test('the threshold decides: a lower one catches the small edit, and near can be switched off', () => {
  const loose = new Deduper({ ...MINE_DEFAULTS.dedup, threshold: 0.5 });
  loose.check('a', 'ka', tokens(BODY));
  const v = loose.check('b', 'kb', tokens(BODY.replace('v3 > 0', 'v3 >= 0')));
  assert.equal(v.kind, 'duplicate_near');
  const off = new Deduper({ ...MINE_DEFAULTS.dedup, near: false });
  off.check('a', 'ka', tokens(BODY));
  assert.deepEqual(off.check('b', 'kb', tokens(BODY)), { kind: 'unique' });
});

test('LSH bands put the candidate point under the threshold; options are validated', () => {
  assert.deepEqual(chooseBands(128, 0.85), { bands: 16, rows: 8 });
  const usage = (e: unknown) => e instanceof CaseforgeError && e.code === 'usage';
  assert.throws(() => resolveMineOptions({ dedup: { threshold: 1.5 } }), usage);
  assert.throws(() => resolveMineOptions({ limit: 0 }), usage);
  assert.equal(resolveMineOptions({ dedup: { threshold: 0.9 } }).dedup.numPerm, 128);
});

let ex: Executor;
before(async () => {
  ex = await openMiningExecutor();
});
after(async () => ex.close());

test('through the miner: a renamed copy is a near duplicate, a reformatted copy with a docstring an exact one', async () => {
  const { functions, stats } = await mineAll([join(FIXTURES, 'dups.py'), join(FIXTURES, 'dups_copy.py')], ex);
  assert.deepEqual(functions.map((f) => f.name), ['total_positive', 'longest_word']);
  const first = functions[0].id;
  assert.match(examples(stats, 'duplicate_near'), new RegExp(`sum_of_positives .*dups\\.py:9 = ${first}`));
  assert.match(examples(stats, 'duplicate_exact'), new RegExp(`total_positive .*dups_copy\\.py:1 = ${first}`));
  const noDedup = await mineAll([join(FIXTURES, 'dups.py'), join(FIXTURES, 'dups_copy.py')], ex, { dedup: { exact: false, near: false } });
  assert.equal(noDedup.functions.length, 4);
});

test('limit stops the stream after that many kept functions', async () => {
  const { functions } = await mineAll([join(FIXTURES, 'dups.py'), join(FIXTURES, 'shapes.py')], ex, { limit: 3 });
  assert.deepEqual(functions.map((f) => f.name), ['total_positive', 'longest_word', '_words']);
});

test('thousands of items (several storage chunks, grown tables): every copy found with the id it copies', () => {
  const d = new Deduper(MINE_DEFAULTS.dedup);
  let state = 7;
  const word = () => { state = (Math.imul(state, 1103515245) + 12345) >>> 0; return `v${(state >>> 8) % 5000}`; };
  const kept: string[][] = [];
  for (let i = 0; i < 5000; i++) {
    if (i % 10 === 9) {
      const j = (i * 7) % kept.length;
      // A copy of kept item j by exact key (odd tens) or by tokens under a new key (even tens).
      const v = i % 20 === 19 ? d.check(`copy${i}`, `key${j}`, ['other']) : d.check(`copy${i}`, `fresh${i}`, kept[j]);
      assert.deepEqual(v, i % 20 === 19 ? { kind: 'duplicate_exact', of: `id${j}` } : { kind: 'duplicate_near', of: `id${j}`, similarity: 1 });
      continue;
    }
    const toks = Array.from({ length: 40 }, word);
    assert.deepEqual(d.check(`id${kept.length}`, `key${kept.length}`, toks), { kind: 'unique' }, `item ${i}`);
    kept.push(toks);
  }
  assert.equal(kept.length, 4500);
});
