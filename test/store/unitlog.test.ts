import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnitLog } from '../../src/store/unitlog.js';

const dir = () => mkdtempSync(join(tmpdir(), 'unitlog-'));

test('units are kept by key: done and failed are final, transient is redone and superseded', () => {
  const path = join(dir(), 'units.jsonl');
  const log = UnitLog.open<{ v: number }>(path);
  assert.ok(log.append({ key: 'a', order: 0, status: 'done', data: { v: 1 }, cost_ms: 5 }));
  assert.ok(log.append({ key: 'b', order: 1, status: 'failed', reason: 'TypeError: x' }));
  assert.ok(log.append({ key: 'c', order: 2, status: 'transient', reason: 'request:timeout' }));
  assert.equal(log.append({ key: 'a', order: 0, status: 'done', data: { v: 2 } }), false, 'a finished unit is not written twice');
  log.close();
  const again = UnitLog.open<{ v: number }>(path);
  assert.deepEqual([again.pending('a'), again.pending('b'), again.pending('c'), again.pending('d')], [false, false, true, true]);
  assert.ok(again.append({ key: 'c', order: 2, status: 'done', data: { v: 3 } }));
  assert.deepEqual(again.counts(), { done: 2, failed: 1, transient: 0 });
  assert.deepEqual([...again.inOrder((s) => s === 'done')].map((l) => [l.key, l.data?.v]), [['a', 1], ['c', 3]]);
  assert.deepEqual(again.costs(), [5]);
  again.close();
});

test('recovery skips and counts a damaged line, keeps every line after it, and cuts a torn tail', () => {
  const path = join(dir(), 'units.jsonl');
  const log = UnitLog.open(path);
  for (let i = 0; i < 5; i++) log.append({ key: `k${i}`, order: 4 - i, status: 'done', data: { i } });
  log.close();
  const lines = readFileSync(path, 'utf8').split('\n');
  lines[1] = '{"key": "k1", "order": 3, "sta'; // damaged in the middle (a disk error, a bad edit)
  lines.splice(3, 0, 'null', '[1, 2]', '{"key": 5}');
  writeFileSync(path, lines.join('\n'));
  appendFileSync(path, '{"key":"k9","order":9,"status":"do'); // torn: the kill came mid-write
  const again = UnitLog.open(path);
  assert.equal(again.recovery.damaged, 4);
  assert.ok(again.recovery.tornBytes > 0);
  assert.deepEqual([...again.inOrder()].map((l) => l.key), ['k4', 'k3', 'k2', 'k0'], 'source order, the damaged unit missing');
  assert.ok(again.pending('k1') && again.pending('k9'), 'the damaged and the torn unit are done again');
  again.append({ key: 'k1', order: 3, status: 'done', data: { i: 1 } });
  again.close();
  const third = UnitLog.open(path);
  assert.deepEqual([...third.inOrder()].map((l) => l.key), ['k4', 'k3', 'k2', 'k1', 'k0']);
  assert.equal(third.recovery.tornBytes, 0);
  third.close();
});

test('a log larger than the read chunk recovers line by line', () => {
  const path = join(dir(), 'big.jsonl');
  const log = UnitLog.open(path, 1000);
  const pad = 'x'.repeat(3000);
  for (let i = 0; i < 800; i++) log.append({ key: `u${i}`, order: i, status: 'done', data: { pad } });
  log.close();
  const again = UnitLog.open(path);
  assert.equal(again.size, 800);
  assert.equal(again.recovery.damaged, 0);
  assert.equal(again.read('u799')?.order, 799);
  again.close();
});
