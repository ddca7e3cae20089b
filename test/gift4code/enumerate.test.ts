import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Executor } from '../../src/exec/executor.js';
import { helperExpression } from '../../src/exec/helper.js';
import { FIX, testExecutor } from './support.js';

let ex: Executor;
before(async () => { ex = await testExecutor(); });
after(async () => { await ex.close(); });

interface Prog { family: string; intent: string; code: string }

async function enumerate(seed: number, limit: number): Promise<Prog[]> {
  const code = `import pandas as pd\norders = pd.read_csv(${JSON.stringify(join(FIX, 'data', 'orders.csv'))})\n`
    + `shops = pd.read_csv(${JSON.stringify(join(FIX, 'data', 'shops.csv'))}, parse_dates=['opened'])\n`
    + helperExpression({ module: 'cf_g4c_enum', fn: 'enumerate_json', request: { seed, limit }, pass: ['globals()'] });
  const r = await ex.run({ code, profile: 'datasci' });
  assert.equal(r.status, 'ok', JSON.stringify(r.exception));
  assert.equal(r.value!.value.t, 'str');
  return JSON.parse((r.value!.value as { v: string }).v) as Prog[];
}

test('the enumerator covers the program families over real columns, deterministically by seed', async () => {
  const a = await enumerate(1, 400);
  const families = new Set(a.map((p) => p.family));
  for (const f of ['selection', 'filter', 'sort', 'topk', 'groupby', 'value_counts', 'pivot', 'crosstab', 'merge', 'derived', 'dates', 'missing', 'scalar']) {
    assert.ok(families.has(f), `no ${f} programs`);
  }
  assert.ok(a.some((p) => p.family === 'merge' && p.code.includes("on='shop_id'")), 'merge on the shared key');
  assert.ok(a.some((p) => p.family === 'dates' && p.code.includes("shops['opened'].dt.")));
  assert.ok(a.every((p) => p.intent.length > 10 && !/%[sd]/.test(p.intent)));
  assert.equal(new Set(a.map((p) => p.code)).size, a.length, 'codes are distinct');
  assert.deepEqual(await enumerate(1, 400), a);
  const b = await enumerate(2, 400);
  assert.notDeepEqual(b, a);
  // a limit keeps the mix: the first 13 come from 13 different families (round-robin)
  const few = await enumerate(1, 13);
  assert.equal(new Set(few.map((p) => p.family)).size, 13);
});
