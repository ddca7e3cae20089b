// `caseforge view DIR --bundle OUT`: the same page as a static folder that works from any file
// server or opened from disk (file://), offline. A page opened from disk may not fetch(), so the
// data travels as scripts that hand their JSON to the page (`__cf(key, value)`): the catalog (every
// dataset's info, summary and dropped units), each dataset's index, and its records in chunks the
// page loads as it needs them. Filters, sort and charts run in the page on the index (the same code
// as the server's); a text search loads the chunks one after another.
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ASSETS, asset, pageHtml } from './assets.js';
import { Catalog } from './catalog.js';
import { summaryOf } from './summary.js';
import { indexToJSON } from './shared/wire.js';
import { CaseforgeError } from '../errors.js';
import { KINDS } from './kinds.js';
import type { RecordDataset } from './dataset.js';

/** Records a chunk file holds. */
export const CHUNK_ROWS = 100;
/** Dropped units the bundle lists at most. */
const MAX_DROPPED = 50_000;

export interface BundleCatalog {
  title: string;
  datasets: Array<{
    info: Awaited<ReturnType<RecordDataset['info']>>;
    summary: ReturnType<typeof summaryOf>;
    dropped: Awaited<ReturnType<ReturnType<Catalog['dropped']>['page']>> | null;
    searchFields: string[];
    /** Folder of this dataset's data scripts, relative to the bundle. */
    path: string;
    chunkRows: number;
  }>;
}

const script = (key: string, value: unknown) => `__cf(${JSON.stringify(key)},${JSON.stringify(value)});\n`;

export interface BundleResult { out: string; datasets: number; records: number; files: number }

export async function writeBundle(dir: string, out: string): Promise<BundleResult> {
  const catalog = await Catalog.open(dir);
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(join(out, 'caseforge-view.json'))) {
    throw new CaseforgeError('conflict', `${out} is not empty and holds no caseforge view bundle; give a new folder`);
  }
  const tmp = join(dirname(out), `.${out.split('/').filter(Boolean).pop()}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'assets'), { recursive: true });
  for (const a of ASSETS) writeFileSync(join(tmp, 'assets', a), asset(a));
  let files = ASSETS.length + 1;
  let records = 0;
  const title = dir.split('/').filter(Boolean).pop() ?? dir;
  const cat: BundleCatalog = { title, datasets: [] };
  for (const [n, d] of catalog.datasets.entries()) {
    const path = `data/${n}`;
    mkdirSync(join(tmp, path), { recursive: true });
    const info = await d.info();
    const index = await d.index();
    writeFileSync(join(tmp, path, 'index.js'), script(`index:${d.name}`, indexToJSON(index)));
    files++;
    for (const s of info.splits) {
      let chunk = 0;
      let buf: unknown[] = [];
      const flush = () => {
        if (!buf.length) return;
        writeFileSync(join(tmp, path, `${s.name}-${chunk}.js`), script(`chunk:${d.name}:${s.name}:${chunk}`, buf));
        files++;
        chunk++;
        buf = [];
      };
      for await (const batch of d.records(s.name)) {
        for (const r of batch) { buf.push(r); records++; if (buf.length === CHUNK_ROWS) flush(); }
      }
      flush();
    }
    const dropped = info.hasDropped ? await catalog.dropped(d).page(0, MAX_DROPPED) : null;
    const searchFields = info.kind === 'eval' ? ['task_id', 'error', 'error_kind'] : KINDS[info.kind].searchFields;
    cat.datasets.push({ info, summary: summaryOf(d.dir, info), dropped, searchFields, path, chunkRows: CHUNK_ROWS });
  }
  await catalog.close();
  writeFileSync(join(tmp, 'data', 'catalog.js'), script('catalog', cat));
  writeFileSync(join(tmp, 'index.html'), pageHtml(title, ['data/catalog.js']));
  writeFileSync(join(tmp, 'caseforge-view.json'), JSON.stringify({ source: dir, datasets: cat.datasets.length, records }, null, 2) + '\n');
  files += 3;
  rmSync(out, { recursive: true, force: true });
  renameSync(tmp, out);
  return { out, datasets: cat.datasets.length, records, files };
}
