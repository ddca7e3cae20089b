// The renamed-AST match: every function of a piece of code, normalised (docstring, annotations and
// decorators dropped; its name, parameters and locals renamed by order of first appearance) and
// hashed by the Python helper cf_decontam.py, which only parses the code, in the sandbox. Two
// functions with the same hash are the same program under other names.
import { fileURLToPath } from 'node:url';
import { createExecutor, type Executor } from '../exec/executor.js';
import type { SandboxChoice } from '../exec/types.js';
import { callTool } from '../case2code/tooling.js';
import type { BenchmarkItem } from './references.js';

export const DECONTAM_PYTHON_DIR = fileURLToPath(new URL('./python/', import.meta.url));

export interface FunctionPrint {
  name: string;
  line: number;
  hash: string;
  nodes: number;
}

export type Prints = { functions: FunctionPrint[] } | { error: string };

/** Codes per sandbox call: large enough to amortise the call, small enough to bound its time. */
const BATCH = 64;

export class Fingerprinter {
  private constructor(private readonly ex: Executor, private readonly own: boolean, readonly minNodes: number) {}

  static async open(minNodes: number, opts: { executor?: Executor; sandbox?: SandboxChoice; workers?: number } = {}): Promise<Fingerprinter> {
    if (opts.executor) return new Fingerprinter(opts.executor, false, minNodes);
    const ex = await createExecutor({ ...opts.sandbox, workers: opts.workers ?? 1, pythonPath: [DECONTAM_PYTHON_DIR], preload: ['cf_decontam'] });
    return new Fingerprinter(ex, true, minNodes);
  }

  /** Prints of every function of each code (whatever its size), in order; a code that does not parse gets its error. */
  async prints(codes: string[]): Promise<Prints[]> {
    const batches: string[][] = [];
    for (let i = 0; i < codes.length; i += BATCH) batches.push(codes.slice(i, i + BATCH));
    const answers = await Promise.all(batches.map(async (batch) => {
      const r = await callTool<{ results: Prints[] }>(this.ex, 'cf_decontam', 'fingerprints', { codes: batch, min_nodes: 0 });
      return r.ok ? r.data.results : batch.map(() => ({ error: r.error }));
    }));
    return answers.flat();
  }

  async close(): Promise<void> {
    if (this.own) await this.ex.close();
  }
}

/** Benchmark functions by hash: the first item holding each. */
export class FunctionIndex {
  private readonly byHash = new Map<string, { item: number; name: string }>();
  /** Functions fingerprinted (of at least the minimum size) and codes that did not parse, per benchmark. */
  readonly functions: Record<string, number> = {};
  readonly unparsed: Record<string, number> = {};

  static async build(items: BenchmarkItem[], fp: Fingerprinter): Promise<FunctionIndex> {
    const index = new FunctionIndex();
    const owners = items.flatMap((it, item) => it.code.map(() => item));
    const prints = await fp.prints(items.flatMap((it) => it.code));
    prints.forEach((p, i) => {
      const bench = items[owners[i]].benchmark;
      if ('error' in p) { index.unparsed[bench] = (index.unparsed[bench] ?? 0) + 1; return; }
      for (const f of p.functions) {
        if (f.nodes < fp.minNodes) continue;
        index.functions[bench] = (index.functions[bench] ?? 0) + 1;
        if (!index.byHash.has(f.hash)) index.byHash.set(f.hash, { item: owners[i], name: f.name });
      }
    });
    return index;
  }

  get(hash: string): { item: number; name: string } | undefined {
    return this.byHash.get(hash);
  }
}
