// One dataset folder as the viewer serves it: its rows (records, or an eval run's tasks), the
// index of the list's columns built in one pass over only the columns it needs, text search over
// the shards a column at a time, pages, charts, and a record whole. The first page of a plain
// list is read straight from the shards, so it never waits for the index.
import type { Chart, DatasetInfo, IndexData, Page, Query, RecordPayload } from './shared/types.js';
import { chartsOf, matchRows, pageOf, searchWords } from './shared/query.js';
import { isPlain, PAGE_SIZE } from './shared/params.js';
import { scannerFor, type Scanner } from './scanner.js';
import type { KindColumn, KindSpec, Rec } from './kinds.js';
import type { RowStore } from './rows.js';

/** What the server and the bundle writer ask of a dataset, whatever its kind. */
export interface ViewDataset {
  readonly name: string;
  readonly dir: string;
  info(): Promise<DatasetInfo>;
  index(): Promise<IndexData>;
  query(q: Query): Promise<Page>;
  charts(q: Query): Promise<Chart[]>;
  record(split: string, offset: number): Promise<RecordPayload | undefined>;
  /** Row numbers of the index whose text holds every word of `q` (1 = match). */
  search(q: string): Promise<Uint8Array>;
  /** Whole records of a split, a batch at a time (the bundle writes them out in chunks). */
  records(split: string): AsyncGenerator<Rec[]>;
  /** Ends what the dataset runs in the background. */
  close(): Promise<void>;
  /** Reads the list's first page ahead of its request (the server does so once it listens). */
  prefetch?(): Promise<void>;
}

const SEARCH_CACHE = 4;

export class RecordDataset implements ViewDataset {
  private built?: Promise<IndexData>;
  private ready = false;
  private readonly searches = new Map<string, Promise<Uint8Array>>();
  /** The plain list's first page, read ahead (prefetch) for the page the viewer opens with. */
  private first?: Promise<Page>;

  private readonly scanner: Scanner;

  constructor(readonly name: string, readonly dir: string, readonly layout: DatasetInfo['layout'], readonly store: RowStore, readonly spec: KindSpec, private readonly hasDropped: boolean) {
    this.scanner = scannerFor(store, spec.kind);
  }

  private get listColumns(): KindColumn[] { return this.spec.columns.filter((c) => c.list); }

  async info(): Promise<DatasetInfo> {
    const splits = await this.store.splits();
    return {
      name: this.name, kind: this.spec.kind, layout: this.layout, splits,
      rows: splits.reduce((a, s) => a + s.rows, 0),
      columns: this.spec.columns.map(({ get: _get, ...c }) => c), hasDropped: this.hasDropped,
      ...(this.store.bad ? { skipped: this.store.bad } : {}),
    };
  }

  index(): Promise<IndexData> {
    this.built ??= this.scanner.index().then((index) => { this.ready = true; return index; });
    return this.built;
  }

  /** Starts building the index in the background (after a first page went out). */
  warm(): void { void this.index().catch(() => undefined); }

  search(q: string): Promise<Uint8Array> {
    const words = searchWords(q);
    const key = words.join(' ');
    let hit = this.searches.get(key);
    if (!hit) {
      hit = this.index().then((index) => this.scanner.search(words, index.n));
      this.searches.set(key, hit);
      hit.catch(() => this.searches.delete(key));
      if (this.searches.size > SEARCH_CACHE) this.searches.delete(this.searches.keys().next().value!);
    }
    return hit;
  }

  close(): Promise<void> { return this.scanner.close(); }

  /** The plain list's page straight from the shards (no index needed). */
  private async directPage(q: Query): Promise<Page> {
    const splits = (await this.store.splits()).filter((s) => q.split === undefined || s.name === q.split);
    const total = splits.reduce((a, s) => a + s.rows, 0);
    const rows: Page['rows'] = [];
    let base = 0;
    for (const s of splits) {
      const from = Math.max(q.offset - base, 0);
      const to = Math.min(q.offset + q.limit - base, s.rows);
      if (from < to) {
        const recs = await this.store.page(s.name, from, to - from, this.spec.listFields);
        recs.forEach((r, j) => {
          const values: Page['rows'][number]['values'] = {};
          for (const c of this.listColumns) { try { values[c.key] = c.get(r); } catch { values[c.key] = null; } }
          rows.push({ split: s.name, offset: from + j, values });
        });
      }
      base += s.rows;
    }
    return { total, offset: q.offset, rows };
  }

  async prefetch(): Promise<void> {
    this.first ??= this.directPage({ cats: {}, ranges: {}, offset: 0, limit: PAGE_SIZE });
    await this.first.catch(() => { this.first = undefined; });
  }

  async query(q: Query): Promise<Page> {
    const plain = isPlain({ ...q, split: undefined });
    // Until the index is there (it may be building), a plain page is read from the shards.
    if (plain && !this.ready) {
      const ahead = q.split === undefined && q.offset === 0 && q.limit === PAGE_SIZE ? this.first : undefined;
      const page = ahead ? await ahead.catch(() => this.directPage(q)) : await this.directPage(q);
      this.warm();
      return page;
    }
    const index = await this.index();
    const matches = q.q ? await this.search(q.q) : undefined;
    return pageOf(index, this.listColumns, q, matches);
  }

  async charts(q: Query): Promise<Chart[]> {
    const index = await this.index();
    const matches = q.q ? await this.search(q.q) : undefined;
    return chartsOf(index, this.spec.columns, matchRows(index, q, matches));
  }

  async record(split: string, offset: number): Promise<RecordPayload | undefined> {
    const [r] = await this.store.page(split, offset, 1);
    return r ? { split, offset, record: r } : undefined;
  }

  records(split: string): AsyncGenerator<Rec[]> {
    return this.store.scan(split);
  }
}
