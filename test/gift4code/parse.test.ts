import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutPoints, parseNotebook, stripMagics } from '../../src/gift4code/notebooks.js';
import { parseIntents, parseSummary } from '../../src/gift4code/prompts.js';
import { solutionCode } from '../../src/gift4code/llm_gen.js';
import { loaderCode, repointContext, datasetContext, runnableCells } from '../../src/gift4code/contexts.js';
import { resolveOptions } from '../../src/gift4code/options.js';
import { variableFor } from '../../src/gift4code/datasets.js';

test('parseNotebook reads nbformat 4 code cells, comments out magics, and reports bad notebooks', () => {
  const nb = { nbformat: 4, cells: [
    { cell_type: 'markdown', source: '# title' },
    { cell_type: 'code', source: ['%matplotlib inline\n', 'import pandas as pd\n'] },
    { cell_type: 'code', source: '   ' },
    { cell_type: 'code', source: "df = pd.DataFrame({'a': [1]})\n!ls" },
  ] };
  const r = parseNotebook(JSON.stringify(nb));
  assert.deepEqual(r, { ok: true, cells: ['# %matplotlib inline\nimport pandas as pd\n', "df = pd.DataFrame({'a': [1]})\n# !ls"] });
  const v3 = parseNotebook(JSON.stringify({ nbformat: 3, worksheets: [{ cells: [{ cell_type: 'code', input: 'x = 1' }] }] }));
  assert.deepEqual(v3, { ok: true, cells: ['x = 1'] });
  const bad = parseNotebook('{"cells": [');
  assert.equal(bad.ok, false);
  assert.equal((bad as { reason: string }).reason, 'not_json');
  assert.deepEqual(parseNotebook('[1]'), { ok: false, reason: 'not_a_notebook', detail: 'top level is a list' });
  assert.deepEqual(parseNotebook('{"nbformat": 4, "cells": [{"cell_type": "code", "source": 7}]}'),
    { ok: false, reason: 'not_a_notebook', detail: "code cell 1: field 'source': Invalid input" });
  assert.deepEqual(parseNotebook('{"nbformat": 4, "cells": [{"cell_type": "markdown", "source": "x"}]}'), { ok: false, reason: 'no_code_cells' });
  assert.equal(stripMagics('df?'), '# df?');
});

test('cutPoints spreads cut points and always includes the end', () => {
  assert.deepEqual(cutPoints(3, 2), [2, 3]);
  assert.deepEqual(cutPoints(1, 3), [1]);
  assert.deepEqual(cutPoints(10, 3), [3, 7, 10]);
});

test('parseIntents reads numbered lists and JSON arrays, dedups and bounds', () => {
  assert.deepEqual(parseIntents('Here you go:\n1. What is the mean price?\n2) Which city has most shops?\n- What is the mean price?\nthanks', 5),
    ['What is the mean price?', 'Which city has most shops?']);
  assert.deepEqual(parseIntents('["Count the rows per city.", "Top 3 shops by staff."]', 1), ['Count the rows per city.']);
  assert.deepEqual(parseIntents('no list here', 3), []);
});

test('solutionCode takes the first python block; parseSummary strips code and bounds length', () => {
  assert.equal(solutionCode('Sure:\n```python\ndf.a.sum()\n```\nand\n```python\nx\n```'), 'df.a.sum()');
  assert.equal(solutionCode('```\ndf.head()\n```'), 'df.head()');
  assert.equal(solutionCode('just words'), undefined);
  assert.equal(solutionCode('```sql\nselect 1\n```'), undefined);
  assert.equal(parseSummary('ok', 100), undefined);
  assert.equal(parseSummary('The cell reads  the column a.\n```python\nx\n```\nIt returns a number.', 100), 'The cell reads the column a. It returns a number.');
  assert.equal(parseSummary('x'.repeat(50), 30)!.length, 30);
});

test('loader code reads through DATA_ROOT, a placeholder that runnableCells points here; ids ignore the machine path', () => {
  const ds = [{ name: 'd/cars.json', file: 'cars.json', format: 'json' as const, variable: 'cars', parseDates: ['Year'] },
    { name: 'd/a b.csv', file: 'sub/a b.csv', format: 'csv' as const, variable: 'a_b' }];
  const code = loaderCode({ label: 'd', path: '/x/data' }, ds);
  assert.equal(code, "import pandas as pd\nDATA_ROOT = 'd'\ncars = pd.read_json(f'{DATA_ROOT}/cars.json', convert_dates=['Year'])\na_b = pd.read_csv(f'{DATA_ROOT}/sub/a b.csv')");
  assert.match(repointContext(code, "/other/it's"), /^DATA_ROOT = "\/other\/it's"$/m);
  const here = datasetContext({ label: 'd', path: '/x/data' }, ds);
  const there = datasetContext({ label: 'd', path: '/y/elsewhere' }, ds);
  assert.equal(here.id, there.id);
  assert.equal(here.cells[0], there.cells[0], 'the portable cells do not name the folder');
  const run = runnableCells([...here.cells, "orders['x'] = 1"], '/y/elsewhere');
  assert.match(run[0], /^DATA_ROOT = '\/y\/elsewhere'$/m);
  assert.equal(run[1], "orders['x'] = 1");
  assert.equal(variableFor('2019-sales.csv'), 'df_2019_sales');
  assert.equal(variableFor('seattle-weather.csv'), 'seattle_weather');
});

test('resolveOptions fills defaults and rejects bad values', () => {
  const r = resolveOptions({ out: '/tmp/x', seed: 3, limits: { timeoutMs: 5 } });
  assert.equal(r.generator, 'offline');
  assert.equal(r.seed, 3);
  assert.equal(r.limits.timeoutMs, 5);
  assert.equal(r.limits.valueBytes, 16_384);
  assert.throws(() => resolveOptions({ out: '/tmp/x', generator: 'gpt' as 'llm' }), /generator/);
  assert.throws(() => resolveOptions({ out: '/tmp/x', limit: 0 }), /limit/);
  assert.throws(() => resolveOptions({ out: '' }), /out/);
  assert.throws(() => resolveOptions({ out: '/tmp/x', split: 'random' as 'context' }), /split/);
  assert.throws(() => resolveOptions({ out: '/tmp/x', specKinds: 'two' as 'one' }), /specKinds/);
  assert.throws(() => resolveOptions({ out: '/tmp/x', historyCells: -1 }), /historyCells/);
});
