// Runs the whole-dataset passes (index, search) in a worker thread of the dataset's own
// (scan_worker.ts), so that the server's thread stays free for pages; inline where the store
// cannot be opened again in a worker. The worker's heap is bounded: left to itself V8 lets the
// garbage of decoded row groups pile up past 300 MB on a 100,000-record dataset (bench:view),
// while a pass holds only one row group and the index's columns. A dataset that needs more (row
// groups of huge records, millions of rows) gets a worker without the bound when the bounded one
// runs out, so the bound costs time on such data, never an answer.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { DatasetKind, IndexData } from './shared/types.js';
import { KINDS } from './kinds.js';
import { buildIndex, searchRows } from './scan.js';
import { specOf, type RowStore } from './rows.js';

export interface Scanner {
  index(): Promise<IndexData>;
  search(words: string[], n: number): Promise<Uint8Array>;
  close(): Promise<void>;
  /** Whether the worker still runs under the heap bound (false once a pass outgrew it). */
  readonly bounded: boolean;
}

/** The bounded worker's heap (MB): young generation small so garbage is collected early. */
export const SCAN_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 };

type Waiting = { msg: object; resolve: (v: unknown) => void; reject: (e: Error) => void };

export function scannerFor(store: RowStore, kind: DatasetKind, heap: ResourceLimits = SCAN_HEAP): Scanner {
  const spec = specOf(store);
  if (!spec) return { index: () => buildIndex(store, KINDS[kind]), search: (w, n) => searchRows(store, KINDS[kind], w, n), close: async () => undefined, bounded: false };
  let worker: Worker | undefined;
  let bounded = true;
  let next = 0;
  const waiting = new Map<number, Waiting>();
  const fail = (err: Error & { code?: string }) => {
    worker = undefined;
    const pending = [...waiting.values()];
    waiting.clear();
    if (bounded && err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      bounded = false;
      for (const w of pending) send(w);
    } else for (const w of pending) w.reject(err);
  };
  const send = (w: Waiting): void => {
    if (!worker) {
      const own = new Worker(new URL('./scan_worker.js', import.meta.url), { workerData: { store: spec, kind }, ...(bounded ? { resourceLimits: heap } : {}) });
      own.unref();
      own.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: string }) => {
        const x = waiting.get(m.id);
        waiting.delete(m.id);
        if (m.ok) x?.resolve(m.result); else x?.reject(new Error(m.error));
      });
      // Events of a worker already replaced (after it ran out of memory) are no news.
      own.on('error', (err) => { if (worker === own) fail(err); });
      own.on('exit', (code) => { if (worker === own && waiting.size) fail(new Error(`the scan worker stopped (exit ${code})`)); });
      worker = own;
    }
    const id = next++;
    waiting.set(id, w);
    worker.postMessage({ id, ...w.msg });
  };
  const ask = <T>(msg: object): Promise<T> => new Promise<T>((resolve, reject) => send({ msg, resolve: resolve as (v: unknown) => void, reject }));
  return {
    get bounded() { return bounded; },
    index: () => ask<IndexData>({ op: 'index' }),
    search: (words, n) => ask<Uint8Array>({ op: 'search', words, n }),
    close: async () => {
      const w = worker;
      worker = undefined;
      for (const x of waiting.values()) x.reject(new Error('the viewer is closing'));
      waiting.clear();
      if (w) await w.terminate();
    },
  };
}
