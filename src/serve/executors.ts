// The server's executors: one for plain and data-science code (its two warm pools are the lanes
// `plain` and `datasci`), and, for DS-1000 answers, one per library, each preloading that library
// (started on first use and kept: a server sees the same libraries again and again).
import { fileURLToPath } from 'node:url';
import { createExecutor, type Executor } from '../exec/executor.js';
import type { ExecutorOptions, Profile, SandboxChoice } from '../exec/types.js';
import { LIBRARY_PRELOAD, LibraryExecutors } from '../eval/benchmarks/ds1000-executors.js';
import { missingModules } from '../eval/benchmarks/ds1000-modules.js';

const PYTHON_DIR = fileURLToPath(new URL('./python/', import.meta.url));

export interface ExecutorSetOptions {
  workers: number;
  datasci: boolean;
  sandbox: SandboxChoice;
  /** What the verifying families need of the shared executor (preloads, sys.path, mounts). */
  needs: ExecutorOptions[];
}

const unique = (xs: Array<string[] | undefined>): string[] => [...new Set(xs.flatMap((x) => x ?? []))];

export class ExecutorSet {
  private readonly libraries: LibraryExecutors;
  private readonly missing = new Map<string, boolean>();

  private constructor(readonly main: Executor, private readonly opts: ExecutorSetOptions) {
    this.libraries = new LibraryExecutors({ ...opts.sandbox, workers: opts.workers, onWarning: () => undefined }, new Map());
  }

  static async start(opts: ExecutorSetOptions): Promise<ExecutorSet> {
    const main = await createExecutor({
      ...opts.sandbox,
      workers: opts.workers,
      pythonPath: [PYTHON_DIR, ...unique(opts.needs.map((n) => n.pythonPath))],
      preload: ['cf_serve_run', ...unique(opts.needs.map((n) => n.preload))],
      readOnlyPaths: unique(opts.needs.map((n) => n.readOnlyPaths)),
    });
    const set = new ExecutorSet(main, opts);
    // Warm the pools now, so the first requests do not pay for starting workers.
    const profiles: Profile[] = opts.datasci ? ['plain', 'datasci'] : ['plain'];
    for (const profile of profiles) {
      const r = await main.run({ code: '1', profile });
      if (r.status !== 'ok') throw new Error(`the ${profile} pool does not run code: ${r.exception?.message ?? r.status}`);
    }
    return set;
  }

  /** Slots per lane: each worker takes two requests at once, so IPC overlaps execution. */
  get concurrency(): number {
    return this.opts.workers * 2;
  }

  get datasci(): boolean {
    return this.opts.datasci;
  }

  /** The executor behind a lane: `plain`, `datasci`, or `ds1000:<Library>`. */
  async forLane(lane: string): Promise<Executor> {
    if (!lane.startsWith('ds1000:')) return this.main;
    const library = lane.slice('ds1000:'.length);
    return this.libraries.get(LIBRARY_PRELOAD[library] ? library : 'other');
  }

  /** Modules of `names` the sandbox's interpreter lacks (each asked once). */
  async lacking(names: string[]): Promise<string[]> {
    const unknown = names.filter((n) => !this.missing.has(n));
    if (unknown.length) {
      const absent = await missingModules(this.main, unknown);
      for (const n of unknown) this.missing.set(n, absent.has(n));
    }
    return names.filter((n) => this.missing.get(n));
  }

  workerRestarts(): number {
    return this.main.workerRestarts() + this.libraries.workerRestarts();
  }

  async close(): Promise<void> {
    await Promise.all([this.main.close(), this.libraries.closeAll()]);
  }
}
