import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRunFolder, RunFolderError } from '../../src/store/run.js';
import { costSummary } from '../../src/store/cost.js';

test('a run folder resumes with the same identity, refuses another naming the arguments, and --force starts over', () => {
  const out = mkdtempSync(join(tmpdir(), 'runfolder-'));
  const id = { pipeline: 'gift4code', args: { seed: 1, generator: 'offline', data: ['a'] } };
  assert.equal(openRunFolder(out, id).resumed, false);
  assert.equal(openRunFolder(out, { pipeline: 'gift4code', args: { data: ['a'], generator: 'offline', seed: 1 } }).resumed, true, 'key order does not matter');
  assert.throws(() => openRunFolder(out, { pipeline: 'gift4code', args: { ...id.args, seed: 2 } }), (err: Error) => {
    assert.ok(err instanceof RunFolderError);
    assert.match(err.message, /seed: 1 there, 2 here/);
    assert.doesNotMatch(err.message, /generator/);
    assert.equal(err.message.includes('\n'), false, 'one line');
    return true;
  });
  mkdirSync(join(out, 'data'));
  writeFileSync(join(out, 'data', 'train-00000-of-00001.parquet'), 'old');
  writeFileSync(join(out, 'mine.txt'), 'the user\'s');
  const fresh = openRunFolder(out, { pipeline: 'gift4code', args: { ...id.args, seed: 2 } }, { force: true });
  assert.equal(fresh.resumed, false);
  assert.equal(existsSync(join(out, 'data')), false, 'the old dataset is gone');
  assert.equal(existsSync(join(out, 'mine.txt')), true, 'files the layout does not write are left alone');
});

test('cost summary: percentiles and the slowest 5% share', () => {
  const costs = [...Array.from({ length: 95 }, () => 100), ...Array.from({ length: 5 }, () => 1900)];
  const s = costSummary(costs);
  assert.equal(s.units, 100);
  assert.equal(s.median_s, 0.1);
  assert.equal(s.p90_s, 0.1);
  assert.equal(s.p99_s, 1.9);
  assert.equal(s.slowest_5pct_share, 0.5);
  assert.deepEqual(costSummary([]).slowest_5pct_share, 0);
});
