// One executor per DS-1000 library, each preloading only what that library's problems import: a
// fork of a worker holding torch and scikit-learn costs several times one holding pandas alone, so a
// pandas problem should not pay for torch. Libraries come in order in the data, so each executor is
// started when its first problem arrives and closed after its last one.
import { fileURLToPath } from 'node:url';
import { createExecutor, type Executor } from '../../exec/executor.js';
import type { ExecutorOptions } from '../../exec/types.js';

const BASE = ['numpy', 'pandas', 'tokenize'];
const SCIPY = ['scipy', 'scipy.stats', 'scipy.optimize', 'scipy.sparse', 'scipy.spatial', 'scipy.interpolate', 'scipy.integrate', 'scipy.signal', 'scipy.ndimage'];
const SKLEARN = [
  'sklearn', 'sklearn.linear_model', 'sklearn.preprocessing', 'sklearn.model_selection', 'sklearn.feature_extraction.text',
  'sklearn.cluster', 'sklearn.svm', 'sklearn.ensemble', 'sklearn.metrics', 'sklearn.pipeline', 'sklearn.decomposition', 'sklearn.tree',
];

/** Modules imported once per worker for each library's problems. */
export const LIBRARY_PRELOAD: Record<string, string[]> = {
  Pandas: BASE,
  Numpy: BASE,
  Matplotlib: [...BASE, 'cf_eval_mpl', 'PIL.Image'],
  Scipy: [...BASE, ...SCIPY],
  Sklearn: [...BASE, ...SCIPY, ...SKLEARN],
  Pytorch: [...BASE, 'torch'],
};

export const PYTHON_DIR = fileURLToPath(new URL('../python/', import.meta.url));

export class LibraryExecutors {
  private readonly open = new Map<string, Promise<Executor>>();
  private readonly started = new Set<Executor>();

  constructor(private readonly base: ExecutorOptions, private readonly remaining: Map<string, number>) {}

  get(library: string): Promise<Executor> {
    let ex = this.open.get(library);
    if (!ex) {
      const preload = LIBRARY_PRELOAD[library] ?? [...new Set(Object.values(LIBRARY_PRELOAD).flat())];
      ex = createExecutor({ ...this.base, preload, pythonPath: [PYTHON_DIR, ...(this.base.pythonPath ?? [])] }).then((e) => {
        this.started.add(e);
        return e;
      });
      this.open.set(library, ex);
    }
    return ex;
  }

  /** One problem of `library` finished; its executor closes after the last. */
  async done(library: string): Promise<void> {
    const left = (this.remaining.get(library) ?? 1) - 1;
    this.remaining.set(library, left);
    if (left <= 0) await this.close(library);
  }

  private async close(library: string): Promise<void> {
    const ex = this.open.get(library);
    this.open.delete(library);
    if (!ex) return;
    const e = await ex;
    this.started.delete(e);
    await e.close();
  }

  /** Workers replaced in the executors open now. */
  workerRestarts(): number {
    let n = 0;
    for (const e of this.started) n += e.workerRestarts();
    return n;
  }

  async closeAll(): Promise<void> {
    for (const library of [...this.open.keys()]) await this.close(library);
  }
}
