// Readers: JSONL with bad lines, Parquet written by the store's writer, and a directory tree with an
// unreadable and a non-UTF-8 file; everything bad is counted with its name, nothing throws.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countUnits, readSources, MiningStats, type SourceUnit } from '../../src/sources/index.js';
import { writeParquet } from '../../src/store/parquet.js';
import { FIXTURES } from './helpers.js';

const OPTS = { exclude: ['__pycache__'], maxFileBytes: 10_000 };
let dir = '';

async function readAll(inputs: string[], opts = OPTS): Promise<{ units: SourceUnit[]; stats: MiningStats }> {
  const stats = new MiningStats();
  const units: SourceUnit[] = [];
  for await (const unit of readSources(inputs, opts, stats)) units.push(unit);
  return { units, stats };
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cf-sources-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('jsonl: rows with content become units; a line that is not JSON and a row without content are counted', async () => {
  const { units, stats } = await readAll([join(FIXTURES, 'rows.jsonl')]);
  assert.deepEqual(units.map((u) => u.origin.rowId), ['row-1', 'row-2', 'row-5', 'row-6', 'row-7', 'row-8']);
  assert.deepEqual(units.map((u) => u.origin.row), [1, 2, 5, 6, 7, 8]);
  assert.deepEqual(units[1].importCode, ['import re']);
  assert.equal(units[0].importCode, undefined);
  assert.equal(units[0].origin.license, 'MIT');
  assert.ok(units.every((u) => u.fragment));
  assert.equal(stats.sources.get('bad:not_json'), 1);
  assert.equal(stats.sources.get('bad:missing_field'), 1);
  assert.deepEqual(stats.toJSON().examples, { 'bad:missing_field': [`${join(FIXTURES, 'rows.jsonl')}:4`], 'bad:not_json': [`${join(FIXTURES, 'rows.jsonl')}:3`] });
  const listed = (stats.toJSON().bad_rows as { rows: Array<{ file: string; line: number; reason: string; detail: string }> }).rows;
  assert.deepEqual(listed.map((b) => [b.file, b.line, b.reason]), [[join(FIXTURES, 'rows.jsonl'), 3, 'not_json'], [join(FIXTURES, 'rows.jsonl'), 4, 'missing_field']]);
  assert.equal(listed[1].detail, "field 'content': absent (expected string)");
});

test('parquet: a content column, import_code stored as JSON text, a null content counted', async () => {
  const path = join(dir, 'rows.parquet');
  writeParquet(path, [
    { id: 'a', content: 'def f(x):\n    return x\n', import_code: ['import re'], licenses: ['MIT'] },
    { id: 'b', content: null, import_code: [], licenses: [] },
    { id: 'c', content: 'def g(y):\n    return y * 2\n', import_code: [], licenses: ['BSD-3-Clause'] },
  ]);
  const { units, stats } = await readAll([path]);
  assert.deepEqual(units.map((u) => [u.origin.rowId, u.origin.row, u.text.slice(0, 5)]), [['a', 1, 'def f'], ['c', 3, 'def g']]);
  assert.deepEqual(units[0].importCode, ['import re']);
  assert.equal(units[1].origin.license, 'BSD-3-Clause');
  assert.equal(stats.sources.get('bad:wrong_type'), 1);
  writeParquet(join(dir, 'nocontent.parquet'), [{ text: 'x' }]);
  const missing = await readAll([join(dir, 'nocontent.parquet')]);
  assert.equal(missing.stats.sources.get('bad:no_content_column'), 1);
});

test('a tree is walked in sorted order with packages; unreadable, non-UTF-8, too large and excluded files are skipped', async () => {
  const tree = join(dir, 'tree');
  mkdirSync(join(tree, 'pkg', 'sub'), { recursive: true });
  mkdirSync(join(tree, '__pycache__'));
  writeFileSync(join(tree, 'b.py'), 'def b(x):\n    return x\n');
  writeFileSync(join(tree, 'a.py'), 'def a(x):\n    return x\n');
  writeFileSync(join(tree, 'pkg', 'sub', 'm.py'), 'from .. import a\n');
  writeFileSync(join(tree, 'latin1.py'), Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
  writeFileSync(join(tree, 'big.py'), '#'.repeat(20_000));
  writeFileSync(join(tree, 'notes.txt'), 'not python');
  writeFileSync(join(tree, '__pycache__', 'c.py'), 'x = 1\n');
  symlinkSync(join(tree, 'nowhere.py'), join(tree, 'dangling.py'));
  writeFileSync(join(dir, 'rows.csv'), 'a,b\n');
  const { units, stats } = await readAll([tree, join(dir, 'missing.py'), join(dir, 'rows.csv')]);
  assert.deepEqual(units.map((u) => [u.origin.path.slice(tree.length + 1), u.package]), [['a.py', undefined], ['b.py', undefined], ['pkg/sub/m.py', 'pkg.sub']]);
  assert.ok(units.every((u) => !u.fragment));
  const counts = stats.sources.toJSON();
  assert.deepEqual(counts, { 'bad:not_utf8': 1, 'bad:too_large': 1, 'bad:unreadable': 2, 'bad:unsupported': 1, files: 3 });
  const unreadable = (stats.toJSON().examples as Record<string, string[]>)['bad:unreadable'].join(' ');
  assert.match(unreadable, /dangling\.py: ENOENT/);
  assert.match(unreadable, /missing\.py: ENOENT/);
});

test('the quick count of input units before a run equals the units the readers reach (the ETA ends at 100%)', async () => {
  const tree = join(dir, 'count-tree');
  mkdirSync(join(tree, 'pkg'), { recursive: true });
  mkdirSync(join(tree, '__pycache__'));
  writeFileSync(join(tree, 'a.py'), 'def a(x):\n    return x\n');
  writeFileSync(join(tree, 'pkg', 'm.py'), 'def m(x):\n    return x\n');
  writeFileSync(join(tree, 'latin1.py'), Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
  writeFileSync(join(tree, '__pycache__', 'c.py'), 'x = 1\n');
  const parquet = join(dir, 'count.parquet');
  writeParquet(parquet, [{ content: 'def f(x):\n    return x\n' }, { content: null }, { content: 'def g(x):\n    return x\n' }]);
  const inputs = [tree, join(FIXTURES, 'rows.jsonl'), parquet, join(dir, 'missing.py')];
  const total = await countUnits(inputs, OPTS.exclude);
  const { stats } = await readAll(inputs);
  assert.equal(total, 3 + 8 + 3);
  assert.equal(stats.unitsReached, total);
});
