// A worker thread that runs the whole-dataset passes (scan.ts) so the server's own thread keeps
// answering pages while an index is built or a search reads every record. It opens the dataset
// the same way the server did (its layout and kind), and answers one message per request.
import { parentPort, workerData } from 'node:worker_threads';
import { KINDS } from './kinds.js';
import { buildIndex, searchRows } from './scan.js';
import { storeFor, type StoreSpec } from './rows.js';
import type { DatasetKind } from './shared/types.js';

export interface ScanRequest { id: number; op: 'index' | 'search'; words?: string[]; n?: number }

function buffersOf(v: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const walk = (x: unknown): void => {
    if (ArrayBuffer.isView(x)) { if (x.buffer instanceof ArrayBuffer) out.add(x.buffer); }
    else if (Array.isArray(x)) { if (x.length && ArrayBuffer.isView(x[0])) x.forEach(walk); }
    else if (x && typeof x === 'object') Object.values(x).forEach(walk);
  };
  walk(v);
  return [...out];
}

const { store: spec, kind } = workerData as { store: StoreSpec; kind: DatasetKind };
const store = storeFor(spec);

parentPort!.on('message', (m: ScanRequest) => {
  const run = m.op === 'index' ? buildIndex(store, KINDS[kind]) : searchRows(store, KINDS[kind], m.words ?? [], m.n ?? 0);
  run.then(
    // The index's typed arrays move to the server's thread rather than being copied.
    (result) => parentPort!.postMessage({ id: m.id, ok: true, result }, buffersOf(result)),
    (err: unknown) => parentPort!.postMessage({ id: m.id, ok: false, error: (err as Error).message ?? String(err) }),
  );
});
