// Options of `caseforge view`: one DEFAULTS object and one normalising function (undefined means
// the default).
import { resolve } from 'node:path';
import { CaseforgeError } from '../errors.js';
import { defined } from '../options.js';

export interface ViewOptions {
  /** The output folder to look at. */
  dir: string;
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  /** Address to listen on (the loopback address unless asked). */
  host?: string;
  /** Open the page in the desktop's browser. */
  open?: boolean;
  /** Write a static bundle to this folder instead of serving. */
  bundle?: string;
}

export interface ResolvedViewOptions {
  dir: string;
  port: number;
  host: string;
  open: boolean;
  bundle?: string;
}

export const DEFAULTS = { port: 8737, host: '127.0.0.1', open: false };

export function normaliseViewOptions(o: ViewOptions): ResolvedViewOptions {
  const r = { ...DEFAULTS, ...defined(o) };
  if (!Number.isInteger(r.port) || r.port < 0 || r.port > 65535) throw new CaseforgeError('usage', `--port must be a whole number from 0 to 65535, got ${o.port}`);
  return { dir: resolve(o.dir), port: r.port, host: r.host, open: r.open, bundle: r.bundle === undefined ? undefined : resolve(r.bundle) };
}
