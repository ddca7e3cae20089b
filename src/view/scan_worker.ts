// A worker thread that runs the whole-dataset passes (scan.ts) so the server's own thread keeps
// answering pages while an index is built or a search reads every record. It opens the dataset
// the same way the server did (its layout and kind), and answers one message per request.
import { parentPort, workerData } from 'node:worker_threads';
import { KINDS } from './kinds.js';
import { buildIndex, searchRows } from './scan.js';
import { storeFor, type StoreSpec } from './rows.js';
import type { DatasetKind } from './shared/types.js';

export interface ScanRequest { id: number; op: 'index' | 'search'; words?: string[]; n?: number }

const { store: spec, kind } = workerData as { store: StoreSpec; kind: DatasetKind };
const store = storeFor(spec);

parentPort!.on('message', (m: ScanRequest) => {
  const run = m.op === 'index' ? buildIndex(store, KINDS[kind]) : searchRows(store, KINDS[kind], m.words ?? [], m.n ?? 0);
  run.then(
    (result) => parentPort!.postMessage({ id: m.id, ok: true, result }),
    (err: unknown) => parentPort!.postMessage({ id: m.id, ok: false, error: (err as Error).message ?? String(err) }),
  );
});
