// Where the page gets its data: the viewer's server (fetch of /api/...), or a static bundle's data
// scripts (loaded by <script> tags, since a page opened from disk may not fetch) with the query
// engine run here on the bundle's index.
import type { Chart, DatasetInfo, DroppedPage, IndexData, Page, Query, RecordPayload, Summary } from '../shared/types.js';
import { paramsFromQuery } from '../shared/params.js';
import { chartsOf, matchRows, pageOf, searchText, searchWords, textMatches } from '../shared/query.js';
import { indexFromJSON, type IndexJSON } from '../shared/wire.js';

export interface Backend {
  readonly mode: 'server' | 'bundle';
  datasets(): Promise<DatasetInfo[]>;
  summary(ds: string): Promise<Summary>;
  rows(ds: string, q: Query): Promise<Page>;
  charts(ds: string, q: Query): Promise<Chart[]>;
  record(ds: string, split: string, offset: number): Promise<RecordPayload>;
  dropped(ds: string, offset: number, limit: number, reason?: string): Promise<DroppedPage>;
}

async function getJson<T>(path: string, params: URLSearchParams): Promise<T> {
  const res = await fetch(`${path}?${params}`);
  const body = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `${res.status} ${res.statusText}`);
  return body;
}

function withDs(ds: string, p: URLSearchParams = new URLSearchParams()): URLSearchParams {
  p.set('ds', ds);
  return p;
}

export class HttpBackend implements Backend {
  readonly mode = 'server' as const;
  datasets() { return getJson<DatasetInfo[]>('api/datasets', new URLSearchParams()); }
  summary(ds: string) { return getJson<Summary>('api/summary', withDs(ds)); }
  rows(ds: string, q: Query) { const p = paramsFromQuery(q); p.set('offset', String(q.offset)); p.set('limit', String(q.limit)); return getJson<Page>('api/rows', withDs(ds, p)); }
  charts(ds: string, q: Query) { return getJson<Chart[]>('api/charts', withDs(ds, paramsFromQuery({ ...q, offset: 0 }))); }
  record(ds: string, split: string, offset: number) { return getJson<RecordPayload>('api/record', withDs(ds, new URLSearchParams({ split, offset: String(offset) }))); }
  dropped(ds: string, offset: number, limit: number, reason?: string) {
    const p = new URLSearchParams({ offset: String(offset), limit: String(limit) });
    if (reason) p.set('reason', reason);
    return getJson<DroppedPage>('api/dropped', withDs(ds, p));
  }
}

interface BundleDataset {
  info: DatasetInfo;
  summary: Summary;
  dropped: DroppedPage | null;
  searchFields: string[];
  path: string;
  chunkRows: number;
}

declare global {
  interface Window {
    __cfData?: Record<string, unknown>;
    __cfWait?: Record<string, Array<(v: unknown) => void>>;
  }
}

/** A data script's value: loaded once, by a script tag. */
function load<T>(key: string, src: string): Promise<T> {
  const data = window.__cfData!;
  if (key in data) return Promise.resolve(data[key] as T);
  return new Promise<T>((resolve, reject) => {
    const wait = window.__cfWait!;
    const first = !wait[key];
    (wait[key] ??= []).push((v) => resolve(v as T));
    if (!first) return;
    const s = document.createElement('script');
    s.src = src;
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(s);
  });
}

export class BundleBackend implements Backend {
  readonly mode = 'bundle' as const;
  private readonly indexes = new Map<string, Promise<IndexData>>();
  private readonly searches = new Map<string, Promise<Uint8Array>>();
  constructor(private readonly catalog: { title: string; datasets: BundleDataset[] }) {}

  private ds(name: string): BundleDataset {
    const d = this.catalog.datasets.find((x) => x.info.name === name);
    if (!d) throw new Error(`no dataset ${name} in this bundle`);
    return d;
  }

  private index(name: string): Promise<IndexData> {
    let p = this.indexes.get(name);
    if (!p) this.indexes.set(name, (p = load<IndexJSON>(`index:${name}`, `${this.ds(name).path}/index.js`).then(indexFromJSON)));
    return p;
  }

  private chunk(name: string, split: string, n: number): Promise<Array<Record<string, unknown>>> {
    return load(`chunk:${name}:${split}:${n}`, `${this.ds(name).path}/${split}-${n}.js`);
  }

  private search(name: string, q: string): Promise<Uint8Array> {
    const key = `${name}\n${searchWords(q).join(' ')}`;
    let p = this.searches.get(key);
    if (!p) {
      p = (async () => {
        const d = this.ds(name);
        const index = await this.index(name);
        const out = new Uint8Array(index.n);
        const words = searchWords(q);
        let i = 0;
        for (const s of d.info.splits) {
          for (let c = 0; c * d.chunkRows < s.rows; c++) {
            for (const r of await this.chunk(name, s.name, c)) {
              if (textMatches(words, searchText(r, d.searchFields))) out[i] = 1;
              i++;
            }
          }
        }
        return out;
      })();
      this.searches.set(key, p);
    }
    return p;
  }

  async datasets() { return this.catalog.datasets.map((d) => d.info); }
  async summary(ds: string) { return this.ds(ds).summary; }

  async rows(ds: string, q: Query): Promise<Page> {
    const d = this.ds(ds);
    const index = await this.index(ds);
    const cols = d.info.columns.filter((c) => c.list);
    return pageOf(index, cols, d.info.kind === 'eval' ? { ...q, split: undefined } : q, q.q ? await this.search(ds, q.q) : undefined);
  }

  async charts(ds: string, q: Query): Promise<Chart[]> {
    const d = this.ds(ds);
    const index = await this.index(ds);
    return chartsOf(index, d.info.columns, matchRows(index, d.info.kind === 'eval' ? { ...q, split: undefined } : q, q.q ? await this.search(ds, q.q) : undefined));
  }

  async record(ds: string, split: string, offset: number): Promise<RecordPayload> {
    const d = this.ds(ds);
    const rows = await this.chunk(ds, split, Math.floor(offset / d.chunkRows));
    const record = rows[offset % d.chunkRows];
    if (!record) throw new Error(`no record ${split}/${offset}`);
    return { split, offset, record };
  }

  async dropped(ds: string, offset: number, limit: number, reason?: string): Promise<DroppedPage> {
    const all = this.ds(ds).dropped;
    if (!all) return { total: 0, offset, reasons: [], rows: [], source: 'none' };
    const rows = reason ? all.rows.filter((r) => r.reason === reason) : all.rows;
    return { ...all, total: rows.length, offset, rows: rows.slice(offset, offset + limit) };
  }
}

export function pickBackend(): Backend {
  const cat = window.__cfData?.catalog as { title: string; datasets: BundleDataset[] } | undefined;
  return cat ? new BundleBackend(cat) : new HttpBackend();
}
