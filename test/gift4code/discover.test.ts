// Discovery over folders that hold every kind of bad file: each is left out with its path and
// reason, the good ones become contexts, and nothing throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverContexts } from '../../src/gift4code/discover.js';
import { MAX_NOTEBOOK_BYTES } from '../../src/gift4code/notebooks.js';
import { writeNotUtf8 } from '../support/badfiles.js';

const NOTEBOOK = JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'code', source: ['import pandas as pd\n', "df = pd.DataFrame({'a': [1, 2]})\n"] }] });

test('bad data files and notebooks are listed with path and reason; good ones become contexts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-g4c-discover-'));
  const data = join(dir, 'data');
  const nbs = join(dir, 'nbs');
  mkdirSync(data);
  mkdirSync(nbs);
  writeFileSync(join(data, 'good.csv'), 'a,b\n1,2\n');
  writeFileSync(join(data, 'empty.csv'), '');
  symlinkSync(join(data, 'gone.csv'), join(data, 'dangling.csv'));
  writeFileSync(join(nbs, 'good.ipynb'), NOTEBOOK);
  writeFileSync(join(nbs, 'torn.ipynb'), NOTEBOOK.slice(0, 40));
  writeFileSync(join(nbs, 'list.ipynb'), '[1, 2]');
  writeFileSync(join(nbs, 'nocode.ipynb'), JSON.stringify({ nbformat: 4, cells: [{ cell_type: 'markdown', source: 'hi' }] }));
  writeNotUtf8(join(nbs, 'bytes.ipynb'));
  writeFileSync(join(nbs, 'huge.ipynb'), Buffer.alloc(MAX_NOTEBOOK_BYTES + 1, 0x20));
  symlinkSync(join(nbs, 'gone.ipynb'), join(nbs, 'dangling.ipynb'));

  const d = discoverContexts([data], [nbs], 2, Infinity);
  const bad = d.bad.toJSON();
  const got = bad.rows.map((b) => [b.file.slice(dir.length + 1), b.reason]).sort();
  assert.deepEqual(got, [
    ['data/dangling.csv', 'unreadable'],
    ['data/empty.csv', 'empty'],
    ['nbs/bytes.ipynb', 'not_utf8'],
    ['nbs/dangling.ipynb', 'unreadable'],
    ['nbs/huge.ipynb', 'too_large'],
    ['nbs/list.ipynb', 'not_a_notebook'],
    ['nbs/nocode.ipynb', 'no_code_cells'],
    ['nbs/torn.ipynb', 'not_json'],
  ]);
  assert.equal(bad.total, 8);
  assert.deepEqual(d.contexts.map((c) => c.name).sort(), ['good', 'good.ipynb@1']);
  assert.equal(d.counts.get('notebooks_skipped:not_json'), 1);
  assert.equal(d.counts.get('data_skipped:empty'), 1);
});
