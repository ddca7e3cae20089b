// The order check: answers that follow the file's row order or its row labels are told apart from
// answers the data decides, by running each in sessions that read the rows in another order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Executor } from '../../src/exec/executor.js';
import { checkOrder, openOrderSession, orderedValue } from '../../src/gift4code/order_check.js';
import { FIX, testExecutor } from './support.js';

let ex: Executor;
before(async () => { ex = await testExecutor(); });
after(async () => { await ex.close(); });

const cells = [`import pandas as pd\norders = pd.read_csv(${JSON.stringify(join(FIX, 'data', 'orders.csv'))})\n`
  + `shops = pd.read_csv(${JSON.stringify(join(FIX, 'data', 'shops.csv'))})`];

const CASES: Array<[string, boolean]> = [
  ["orders[['order_id', 'amount']].head(3)", false], // "the first rows" of the file
  ["orders['category'].unique().tolist()", false], // order of first appearance
  ["orders.loc[5, 'amount']", false], // a row label
  ['orders.amount.idxmax()', false], // a row label as the answer
  ["orders.merge(shops, on='shop_id')[['order_id', 'city']].head(4)", false], // a merge keeps the left frame's order
  ["orders.sort_values('quantity').head(3)[['order_id', 'quantity']]", false], // ties at the cut-off
  ["orders.sort_values(['amount', 'order_id'], ascending=[False, True])[['order_id', 'amount']].head(3)", true],
  ["sorted(orders['category'].unique())", true],
  ["orders.groupby('category')['amount'].sum().round(2)", true],
  ["orders[orders['amount'] > 200].shape[0]", true],
  ["orders.groupby('category').size().sort_values(ascending=False, kind='stable')", true],
  ["orders.merge(shops, on='shop_id').groupby('city')['amount'].mean().round(2)", true],
];

test('answers that follow the rows\' order are ambiguous; order-explicit ones pass', async () => {
  const stats = { executions: 0 };
  const verdicts = await checkOrder(ex, { cells, codes: CASES.map((c) => c[0]), seed: 3, limits: {}, contextLimits: {}, concurrency: 2 }, stats);
  CASES.forEach(([code, ok], i) => {
    assert.equal(verdicts[i].ok, ok, `${code}: ${JSON.stringify(verdicts[i]).slice(0, 200)}`);
    if (!ok) assert.equal((verdicts[i] as { reason: string }).reason, 'ambiguous_order');
  });
  assert.equal(stats.executions, 2 * 2 + 2 * CASES.length); // two sessions (reader wrap, loading cell), two runs a code
});

test('the permuted session reads every frame in another order with a reset index; row labels are compared as positions', async () => {
  const stats = { executions: 0 };
  const keep = await openOrderSession(ex, { cells, order: 'keep', seed: 1, contextLimits: {} }, stats);
  const shuffled = await openOrderSession(ex, { cells, order: 'random', seed: 1, contextLimits: {} }, stats);
  assert.ok(typeof keep !== 'string' && typeof shuffled !== 'string');
  try {
    const a = await orderedValue(keep, "orders['order_id'].head(3).tolist()", {});
    const b = await orderedValue(shuffled, "orders['order_id'].head(3).tolist()", {});
    assert.ok(a.ok && b.ok);
    assert.notDeepEqual(a.value.value, b.value.value);
    const idx = await orderedValue(shuffled, 'orders.index.tolist()[:3] == [0, 1, 2] and len(orders) == 240', {});
    assert.ok(idx.ok && idx.value.repr === 'True', 'the index is reset');
    // a filtered frame's row labels become positions, so the same rows in the same order compare equal
    const rows = "orders[orders['amount'] > 280].sort_values('order_id')[['order_id']]";
    const [x, y] = [await orderedValue(keep, rows, {}), await orderedValue(shuffled, rows, {})];
    assert.ok(x.ok && y.ok);
    assert.deepEqual(x.value.value, y.value.value);
  } finally {
    await keep.close();
    await shuffled.close();
  }
});
