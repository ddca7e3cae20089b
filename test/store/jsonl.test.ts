import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppendLog } from '../../src/store/jsonl.js';

test('AppendLog: a damaged line is skipped, every row after it kept, a torn tail cut', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'appendlog-')), 'log.jsonl');
  writeFileSync(path, '{"k":"a"}\n{"k": "b", oops\nnull\n{"k":"c"}\n{"k":"d"');
  const { log, rows } = AppendLog.open<{ k: string }>(path, (r) => r.k);
  assert.deepEqual(rows.map((r) => r.k), ['a', 'c']);
  assert.equal(log.damaged, 2);
  assert.ok(log.append({ k: 'd' }));
  log.close();
  const again = AppendLog.open<{ k: string }>(path, (r) => r.k);
  assert.deepEqual(again.rows.map((r) => r.k), ['a', 'c', 'd']);
  again.log.close();
});
