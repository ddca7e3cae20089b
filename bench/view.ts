// bench:view: the viewer on a 100,000-record Case2Code dataset (records duplicated under new ids:
// the synthetic fixture's, or with --source DIR a real dataset's), served by `caseforge view` in a
// process of its own. Measured: the first page of the list (over the API, cold, and in headless
// Chromium until the rows are drawn), the index build, a filtered page, a text search, and the
// server's peak RSS; against the baseline of a viewer that loads the dataset whole before it can
// show anything (the same records read with readSplit into memory, in a process of its own). The
// last line is a JSON object with the ratios.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Case2CodeRecordSchema, type Case2CodeRecord } from '../src/case2code/records/record.js';
import { writeDataset } from '../src/store/dataset.js';
import { Catalog } from '../src/view/catalog.js';
import { case2codeRecord } from '../test/support/view_fixtures.js';
import { launch, newPage } from '../test/view/browser.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/src/cli/main.js');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const ROWS = Number(arg('rows') ?? 100_000);
const SOURCE = arg('source');
const BASE_ROWS = 1000;

async function baseRecords(): Promise<Case2CodeRecord[]> {
  if (!SOURCE) return Array.from({ length: BASE_ROWS }, (_, i) => case2codeRecord(i));
  const d = (await Catalog.open(SOURCE)).datasets.find((x) => x.name === '.');
  if (!d) throw new Error(`${SOURCE}: no dataset in the folder itself`);
  const out: Case2CodeRecord[] = [];
  for (const s of (await d.info()).splits) {
    for await (const batch of d.records(s.name)) for (const r of batch) { const ok = Case2CodeRecordSchema.safeParse(r); if (ok.success) out.push(ok.data); }
  }
  if (!out.length) throw new Error(`${SOURCE}: no Case2Code v2 records`);
  return out;
}

/** The fixture folder (kept between runs under the temp folder, keyed by what made it). */
async function fixture(): Promise<{ dir: string; bytes: number; seconds: number }> {
  const key = createHash('sha256').update(JSON.stringify({ ROWS, SOURCE: SOURCE ?? 'synthetic', v: 1 })).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `caseforge-view-bench-${key}`);
  const done = join(dir, '.complete');
  if (existsSync(done)) return JSON.parse(readFileSync(done, 'utf8')) as { dir: string; bytes: number; seconds: number };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const base = await baseRecords();
  const t0 = Date.now();
  // Duplicates under new ids; test every fifth copy so both splits are large.
  const records = function* () {
    for (let i = 0; i < ROWS; i++) {
      const b = base[i % base.length];
      const copy = Math.floor(i / base.length);
      yield { ...b, id: `${b.id}-${copy}`, split: (i % 5 === 0 ? 'test' : 'train') as 'train' | 'test' };
    }
  };
  const files = await writeDataset({ dir, schema: Case2CodeRecordSchema, records, jsonl: false, splitOrder: ['train', 'test'] });
  writeFileSync(join(dir, 'report.json'), JSON.stringify({ stages: { kept: ROWS }, splits: Object.fromEntries(files.splits.map((s) => [s.name, s.rows])) }));
  const info = { dir, bytes: files.splits.reduce((a, s) => a + s.bytes, 0), seconds: (Date.now() - t0) / 1000 };
  writeFileSync(done, JSON.stringify(info));
  return info;
}

/** Peak resident set of a process (VmHWM), in MB. */
function peakRss(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function startServer(dir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'view', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (b: Buffer) => { out += b.toString(); const m = /^(http:\/\/\S+)\n/m.exec(out); if (m) resolve({ child, url: m[1] }); });
    child.once('exit', (code) => reject(new Error(`view server exited (${code}) before listening`)));
  });
}

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await f();
  return { ms: performance.now() - t, value };
}

async function getJson(url: string): Promise<any> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** The baseline: load every record into memory (what a viewer without paging does), then page. */
const BASELINE = `
import { readSplit, datasetSplits } from ${JSON.stringify(join(ROOT, 'dist/src/store/read.js'))};
const t = performance.now();
const all = [];
for (const s of await datasetSplits(process.argv[1])) for await (const r of readSplit(process.argv[1], s.name)) all.push(r);
const first = all.slice(0, 50).map((r) => ({ id: r.id, name: r.name }));
const ms = performance.now() - t;
const hwm = /VmHWM:\\s+(\\d+) kB/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'))[1] / 1024;
process.stdout.write(JSON.stringify({ ms, rows: all.length, first: first.length, peak_rss_mb: hwm }) + '\\n');
`;

function baseline(dir: string): Promise<{ ms: number; rows: number; peak_rss_mb: number; failed?: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', BASELINE, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => { out += b; });
    child.stderr.on('data', (b: Buffer) => { err += b; });
    child.on('exit', (code) => {
      try { resolve(JSON.parse(out)); } catch { resolve({ ms: NaN, rows: 0, peak_rss_mb: NaN, failed: `exit ${code}: ${err.slice(-300)}` }); }
    });
  });
}

async function main(): Promise<void> {
  const fx = await fixture();
  console.error(`bench:view: ${ROWS.toLocaleString('en-US')} records, ${(fx.bytes / 2 ** 20).toFixed(0)} MB of JSON in ${fx.dir} (made in ${fx.seconds.toFixed(1)} s)`);
  if (process.argv.includes('--fixture-only')) return;
  const { child, url } = await startServer(fx.dir);
  try {
    const first = await timed(() => getJson(`${url}api/rows?ds=.&limit=50`));
    if (first.value.total !== ROWS || first.value.rows.length !== 50) throw new Error(`first page: ${first.value.total} rows, ${first.value.rows.length} on the page`);
    const index = await timed(() => getJson(`${url}api/rows?ds=.&split=test&r.mutation_score=0.3..0.7&sort=-coverage&limit=50`));
    const filtered = await timed(() => getJson(`${url}api/rows?ds=.&split=train&r.coverage=0.6..0.9&f.template=teacher&limit=50`));
    const charts = await timed(() => getJson(`${url}api/charts?ds=.&split=test`));
    const record = await timed(() => getJson(`${url}api/record?ds=.&split=train&offset=${Math.floor(ROWS / 2)}`));
    const word = String(first.value.rows[0].values.name);
    const search = await timed(() => getJson(`${url}api/rows?ds=.&q=${encodeURIComponent(word)}&limit=50`));
    const serverPeak = peakRss(child.pid!);
    // The page in a browser, on a fresh server started as a user starts it (it reads the first
    // page ahead while the browser starts): from navigation to the first rows drawn. The API
    // figure above is the cold one: asked the moment the server listens.
    child.kill();
    const fresh = await startServer(fx.dir);
    const browser = await launch();
    let browserMs = NaN;
    let freshPeak = NaN;
    try {
      const page = await newPage(browser);
      const t = performance.now();
      await page.goto(`${fresh.url}#/d/./samples`);
      await page.locator('table.list tbody tr').nth(49).waitFor();
      browserMs = performance.now() - t;
      await page.locator('[data-testid="total"]', { hasText: ROWS.toLocaleString('en-US') }).waitFor();
      await page.goto(`${fresh.url}#/d/./charts`);
      await page.locator('figure.chart svg rect').first().waitFor({ timeout: 120_000 });
      freshPeak = peakRss(fresh.child.pid!);
    } finally {
      await browser.close();
      fresh.child.kill();
    }
    const base = await baseline(fx.dir);
    const peak = Math.max(serverPeak, freshPeak);
    const result = {
      bench: 'view', rows: ROWS, source: SOURCE ?? 'synthetic', dataset_mb: Math.round(fx.bytes / 2 ** 20),
      first_page_api_ms: Math.round(first.ms), first_page_browser_ms: Math.round(browserMs),
      index_then_filtered_page_ms: Math.round(index.ms), filtered_page_ms: Math.round(filtered.ms), charts_ms: Math.round(charts.ms),
      record_ms: Math.round(record.ms), search_ms: Math.round(search.ms), search_word: word, search_hits: search.value.total,
      server_peak_rss_mb: Math.round(peak),
      baseline_whole_load_ms: Math.round(base.ms), baseline_peak_rss_mb: Math.round(base.peak_rss_mb), ...(base.failed ? { baseline_failed: base.failed } : {}),
      ratio_first_page_vs_whole_load: Number((base.ms / first.ms).toFixed(1)),
      ratio_rss_vs_whole_load: Number((base.peak_rss_mb / peak).toFixed(2)),
      first_page_under_1s: browserMs < 1000 && first.ms < 1000, rss_under_300mb: peak < 300,
    };
    console.log(JSON.stringify(result));
  } finally {
    child.kill();
  }
}

await main();
