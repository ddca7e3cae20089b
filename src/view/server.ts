// The viewer's local HTTP server: the page, its two built files, and a JSON API over the catalog
// (datasets, summary, a page of rows, charts, one record, dropped units). It listens on the
// loopback address only; every answer is computed from the shards a page at a time.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ASSETS, asset, pageHtml } from './assets.js';
import { Catalog } from './catalog.js';
import { CaseforgeError } from '../errors.js';
import { queryFromParams } from './shared/params.js';
import { summaryOf } from './summary.js';
import type { ViewDataset } from './dataset.js';

export interface ViewServer {
  url: string;
  port: number;
  server: Server;
  catalog: Catalog;
  close(): Promise<void>;
}

/** Datasets whose first page is read ahead once the server listens. */
const PREFETCH = 8;

class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

const json = (res: ServerResponse, v: unknown) => send(res, 200, 'application/json; charset=utf-8', JSON.stringify(v));

function intParam(p: URLSearchParams, name: string, dflt: number): number {
  const v = p.get(name);
  if (v === null) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new HttpError(400, `${name} must be a whole number >= 0, got ${v}`);
  return n;
}

async function api(catalog: Catalog, path: string, p: URLSearchParams): Promise<unknown> {
  if (path === '/api/datasets') return Promise.all(catalog.datasets.map((d) => d.info()));
  const name = p.get('ds') ?? '.';
  const d: ViewDataset | undefined = catalog.get(name);
  if (!d) throw new HttpError(404, `no dataset ${name} here`);
  switch (path) {
    case '/api/summary': return summaryOf(d.dir, await d.info());
    case '/api/rows': return d.query(queryFromParams(p));
    case '/api/charts': return d.charts(queryFromParams(p));
    case '/api/record': {
      const r = await d.record(p.get('split') ?? '', intParam(p, 'offset', 0));
      if (!r) throw new HttpError(404, `no record ${p.get('split')}/${p.get('offset')} in ${name}`);
      return r;
    }
    case '/api/dropped': return catalog.dropped(d).page(intParam(p, 'offset', 0), Math.min(intParam(p, 'limit', 50), 500), p.get('reason') ?? undefined);
    default: throw new HttpError(404, `no such API: ${path}`);
  }
}

async function handle(catalog: Catalog, title: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'only GET');
  if (url.pathname === '/' || url.pathname === '/index.html') return send(res, 200, 'text/html; charset=utf-8', pageHtml(title));
  const file = /^\/assets\/(.+)$/.exec(url.pathname)?.[1];
  const known = ASSETS.find((a) => a === file);
  if (known) return send(res, 200, known.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8', asset(known));
  if (url.pathname.startsWith('/api/')) return json(res, await api(catalog, url.pathname, url.searchParams));
  throw new HttpError(404, `not found: ${url.pathname}`);
}

export async function startViewServer(dir: string, opts: { port?: number; host?: string } = {}): Promise<ViewServer> {
  const catalog = await Catalog.open(dir);
  const title = dir.split('/').filter(Boolean).pop() ?? dir;
  const server = createServer((req, res) => {
    handle(catalog, title, req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (!res.headersSent) send(res, status, 'application/json; charset=utf-8', JSON.stringify({ error: (err as Error).message ?? String(err) }));
      else res.end();
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE'
      ? new CaseforgeError('usage', `port ${opts.port} on ${host} is in use; give another --port (0 picks a free one)`)
      : err.code === 'EACCES' ? new CaseforgeError('usage', `may not listen on port ${opts.port} of ${host}`) : err));
    server.listen(opts.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  // While the browser starts, read each list's first page (a few datasets, one at a time), so the
  // page the viewer opens with is ready when asked for.
  void (async () => { for (const d of catalog.datasets.slice(0, PREFETCH)) await d.prefetch?.(); })();
  return {
    url: `http://${host}:${port}/`, port, server, catalog,
    close: async () => {
      await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
      await catalog.close();
    },
  };
}
