// Runs the whole-dataset passes (index, search) in a worker thread of the dataset's own
// (scan_worker.ts), so that the server's thread stays free for pages; inline where the store
// cannot be opened again in a worker.
import { Worker } from 'node:worker_threads';
import type { DatasetKind, IndexData } from './shared/types.js';
import { KINDS } from './kinds.js';
import { buildIndex, searchRows } from './scan.js';
import { specOf, type RowStore } from './rows.js';

export interface Scanner {
  index(): Promise<IndexData>;
  search(words: string[], n: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function scannerFor(store: RowStore, kind: DatasetKind): Scanner {
  const spec = specOf(store);
  if (!spec) return { index: () => buildIndex(store, KINDS[kind]), search: (w, n) => searchRows(store, KINDS[kind], w, n), close: async () => undefined };
  let worker: Worker | undefined;
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const fail = (err: Error) => { for (const w of waiting.values()) w.reject(err); waiting.clear(); worker = undefined; };
  const ask = <T>(msg: object): Promise<T> => {
    if (!worker) {
      worker = new Worker(new URL('./scan_worker.js', import.meta.url), { workerData: { store: spec, kind } });
      worker.unref();
      worker.on('message', (m: { id: number; ok: boolean; result?: unknown; error?: string }) => {
        const w = waiting.get(m.id);
        waiting.delete(m.id);
        if (m.ok) w?.resolve(m.result); else w?.reject(new Error(m.error));
      });
      worker.on('error', fail);
      worker.on('exit', (code) => { if (waiting.size) fail(new Error(`the scan worker stopped (exit ${code})`)); });
    }
    const id = next++;
    return new Promise<T>((resolve, reject) => { waiting.set(id, { resolve: resolve as (v: unknown) => void, reject }); worker!.postMessage({ id, ...msg }); });
  };
  return {
    index: () => ask<IndexData>({ op: 'index' }),
    search: (words, n) => ask<Uint8Array>({ op: 'search', words, n }),
    close: async () => { const w = worker; worker = undefined; if (w) await w.terminate(); },
  };
}
