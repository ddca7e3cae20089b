// A server for the serve tests, started in this process on a free port, and a small JSON client.
import { startServer, type CaseforgeServer } from '../../src/serve/server.js';
import type { ServeOptions } from '../../src/serve/options.js';

export interface Reply {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- the tests read what they check
}

export async function testServer(opts: ServeOptions = {}): Promise<CaseforgeServer> {
  return startServer({ port: 0, workers: 2, log: () => undefined, ...opts });
}

export async function post(server: CaseforgeServer, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(server.url + path, { method: 'POST', body: raw, headers: { 'content-type': 'application/json', ...headers } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export async function get(server: CaseforgeServer, path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(server.url + path, { headers });
  return { status: res.status, text: await res.text() };
}
