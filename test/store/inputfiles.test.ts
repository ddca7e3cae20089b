// The shared input reader: every kind of bad line is skipped with its line and reason, every good
// row is read, and a huge line is never held whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { BadInput, checkRow, type BadRow } from '../../src/store/badinput.js';
import { countLines, jsonlRows, readJsonFile, readTextFile, textLines } from '../../src/store/inputfiles.js';
import { writeBadJsonl, writeNotUtf8 } from '../support/badfiles.js';

const dir = mkdtempSync(join(tmpdir(), 'cf-inputfiles-'));
const Row = z.object({ task_id: z.string(), n: z.number().int(), tags: z.array(z.string()).min(1).optional() });
const GOOD = [{ task_id: 'a', n: 1 }, { task_id: 'b', n: 2, tags: ['x'] }, { task_id: 'c', n: 3 }];
const SPECIFIC = [
  { row: { n: 4 }, reason: 'missing_field' },
  { row: { task_id: 'd', n: 'four' }, reason: 'wrong_type' },
  { row: { task_id: 'e', n: 5, tags: [] }, reason: 'invalid' },
];

async function readAll(path: string, schema = Row) {
  const bad: BadRow[] = [];
  const rows = [];
  for await (const r of jsonlRows(path, schema, { onBad: (b) => bad.push(b) })) rows.push(r);
  return { rows, bad };
}

test('every bad line is skipped with its line and reason; every good row is read, in order', async () => {
  for (const gzip of [false, true]) {
    const path = join(dir, `rows.jsonl${gzip ? '.gz' : ''}`);
    const expected = writeBadJsonl(path, GOOD, SPECIFIC, { huge: true, gzip });
    const before = process.memoryUsage().rss;
    const { rows, bad } = await readAll(path);
    assert.deepEqual(rows.map((r) => r.row), GOOD);
    assert.deepEqual(bad.map((b) => ({ line: b.line, reason: b.reason })), expected);
    assert.ok(bad.every((b) => b.file === path && b.detail));
    assert.match(bad.find((b) => b.reason === 'missing_field')!.detail!, /field 'task_id'/);
    assert.match(bad.find((b) => b.reason === 'wrong_type')!.detail!, /field 'n': expected number, received string/);
    // The 64 MiB line was dropped as it streamed past, not gathered: gathered, it would be a string
    // of twice its size (UTF-16) on top of its bytes. Freed chunks the allocator keeps count in RSS
    // too, more so when the suite loads the machine (72 MiB was seen once), hence the margin.
    assert.ok(process.memoryUsage().rss - before < 100 << 20, `rss grew ${(process.memoryUsage().rss - before) >> 20} MiB`);
  }
});

test('CRLF line ends, a BOM and a last line without a newline are read as rows', async () => {
  const path = join(dir, 'crlf.jsonl');
  writeFileSync(path, '\ufeff{"task_id": "a", "n": 1}\r\n{"task_id": "b", "n": 2}');
  const { rows, bad } = await readAll(path);
  assert.deepEqual(rows.map((r) => [r.line, r.row.task_id]), [[1, 'a'], [2, 'b']]);
  assert.deepEqual(bad, []);
});

test('countLines counts the lines that hold something, from bytes, .gz too', async () => {
  const path = join(dir, 'count.jsonl');
  writeFileSync(path, '{"a": 1}\n\n   \n\t{"b": 2}\r\n{"c": 3}');
  assert.equal(await countLines(path), 3);
  const expected = writeBadJsonl(join(dir, 'count-bad.jsonl.gz'), GOOD, SPECIFIC, { gzip: true });
  assert.equal(await countLines(join(dir, 'count-bad.jsonl.gz')), GOOD.length + expected.length);
  assert.equal(await countLines(join(dir, 'none.jsonl')), 0);
});

test('a file that cannot be read is one bad entry, not an exception', async () => {
  const missing = await readAll(join(dir, 'none.jsonl'));
  assert.deepEqual(missing.bad.map((b) => [b.reason, b.detail]), [['unreadable', 'ENOENT']]);
  mkdirSync(join(dir, 'folder.jsonl'));
  const folder = await readAll(join(dir, 'folder.jsonl'));
  assert.deepEqual(folder.bad, [{ file: join(dir, 'folder.jsonl'), reason: 'unreadable', detail: 'EISDIR' }]);
  const torn = join(dir, 'torn.jsonl.gz');
  writeFileSync(torn, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3]));
  const gz = await readAll(torn);
  assert.deepEqual(gz.rows, []);
  assert.deepEqual(gz.bad.map((b) => [b.reason, b.line]), [['unreadable', undefined]], 'a gzip that unpacks to nothing is the file\'s fault');
});

test('a consumer that stops early closes the file', async () => {
  const path = join(dir, 'many.jsonl');
  writeFileSync(path, Array.from({ length: 1000 }, (_, i) => JSON.stringify({ task_id: `t${i}`, n: i })).join('\n'));
  for await (const r of jsonlRows(path, Row, { onBad: () => assert.fail('no bad rows') })) if (r.row.n === 3) break;
  const lines = [];
  for await (const l of textLines(path, { onBad: () => undefined, maxLineBytes: 10 })) lines.push(l);
  assert.equal(lines.length, 0, 'every line is over a 10-byte cap');
});

test('whole files: too large, not UTF-8, not JSON, fine', async () => {
  const big = join(dir, 'big.json');
  writeFileSync(big, `[${'1,'.repeat(600)}1]`);
  assert.deepEqual((await readTextFile(big, 1000)), { ok: false, bad: { file: big, reason: 'too_large', detail: '1203 bytes (cap 1000)' } });
  const bytes = join(dir, 'bytes.json');
  writeNotUtf8(bytes);
  assert.equal((await readJsonFile(bytes)).ok, false);
  const notJson = join(dir, 'nb.ipynb');
  writeFileSync(notJson, '{"cells": [');
  const r = await readJsonFile(notJson);
  assert.equal(!r.ok && r.bad.reason, 'not_json');
  assert.deepEqual(await readJsonFile(big), { ok: true, value: Array.from({ length: 601 }, () => 1) });
});

test('checkRow names the field; BadInput counts every bad row and lists the first ones', () => {
  assert.deepEqual(checkRow(Row, null), { ok: false, reason: 'not_object', detail: 'null' });
  assert.deepEqual(checkRow(Row, { task_id: 'a' }), { ok: false, reason: 'missing_field', detail: "field 'n': absent (expected number)" });
  const bad = new BadInput(2);
  for (const line of [3, 5, 9]) bad.add({ file: 'f.jsonl', line, reason: line === 9 ? 'not_json' : 'not_object' });
  assert.deepEqual(bad.toJSON(), {
    total: 3, by_reason: { not_json: 1, not_object: 2 },
    rows: [{ file: 'f.jsonl', line: 3, reason: 'not_object' }, { file: 'f.jsonl', line: 5, reason: 'not_object' }], rows_not_listed: 1,
  });
});
