// The two passes over a whole dataset: building the index (only the columns it needs) and a text
// search (only the fields searched). Both read the shards a row group at a time, in the order of
// the index (splits in order, records in order). scan_worker.ts runs them off the server's thread.
import { IndexBuilder } from './indexer.js';
import { searchText, textMatches } from './shared/query.js';
import type { IndexData } from './shared/types.js';
import type { KindSpec } from './kinds.js';
import type { RowStore } from './rows.js';

export async function buildIndex(store: RowStore, spec: KindSpec): Promise<IndexData> {
  const b = new IndexBuilder(spec.columns);
  for (const { name } of await store.splits()) {
    let offset = 0;
    for await (const batch of store.scan(name, spec.indexFields)) for (const r of batch) b.add(name, offset++, r);
  }
  return b.finish();
}

/** 1 for each row (in index order) whose searched text holds every word. */
export async function searchRows(store: RowStore, spec: KindSpec, words: string[], n: number): Promise<Uint8Array> {
  const out = new Uint8Array(n);
  const fields = spec.searchFields.length ? spec.searchFields : undefined;
  let i = 0;
  for (const { name } of await store.splits()) {
    for await (const batch of store.scan(name, fields)) {
      for (const r of batch) {
        if (i < n && textMatches(words, searchText(r, spec.searchFields))) out[i] = 1;
        i++;
      }
    }
  }
  return out;
}
