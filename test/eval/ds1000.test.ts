// DS-1000 with every library the setup installs: problems that import seaborn, statsmodels,
// xgboost or gensim run and their reference answers pass; what cannot be imported (TensorFlow) is
// skipped with that reason; problems whose own test context downloads data are marked defective.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createExecutor } from '../../src/exec/executor.js';
import { evaluate } from '../../src/eval/run.js';
import { loadBenchmark } from '../../src/eval/benchmarks/index.js';
import { missingModules } from '../../src/eval/benchmarks/ds1000-modules.js';
import { SHARED_DATA, tempDir } from './support.js';

test('the skip list follows what the sandbox can import', async () => {
  const ex = await createExecutor({ workers: 1 });
  try {
    const missing = await missingModules(ex, ['json', 'seaborn', 'statsmodels', 'xgboost', 'gensim', 'cf_no_such_module_here']);
    assert.deepEqual([...missing], ['cf_no_such_module_here']);
  } finally {
    await ex.close();
  }
});

test('DS-1000 gold: seaborn, statsmodels, xgboost and gensim problems run and pass; tensorflow ones are skipped', async () => {
  // 511/512 seaborn (Matplotlib), 911 statsmodels, 837/838 xgboost (Sklearn), 936/937 gensim (Pytorch),
  // 379/380 Numpy problems whose tests import tensorflow.
  const ids = ['511', '512', '911', '837', '838', '936', '937', '379', '380'];
  const s = await evaluate({ bench: 'ds1000', sharedData: SHARED_DATA, source: { kind: 'gold' }, out: tempDir('ds-libs'), ids });
  assert.deepEqual(s.failures, []);
  assert.equal(s.passed_samples, 7);
  assert.deepEqual(s.skipped, { 'needs tensorflow, not installed here': ['379', '380'] });
});

test('DS-1000: problems whose test context downloads data are marked, with the loader named', async () => {
  const bench = await loadBenchmark('ds1000');
  const tasks = await bench.load(join(SHARED_DATA, 'ds1000.jsonl.gz'));
  const marked = tasks.filter((t) => t.defects?.length);
  assert.deepEqual(marked.map((t) => t.id), ['519', '539', '565', '566', '567', '577', '598', '624', '629', '650', '654', '655', '656', '661', '819']);
  assert.match(marked[0].defects![0], /sns\.load_dataset\("tips"\).*no network/);
  assert.match(marked.at(-1)!.defects![0], /fetch_california_housing\(\)/);
});
