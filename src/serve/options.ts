// Server options: one DEFAULTS object and one normalising function. Nothing here reads the
// environment: the CLI reads the token's variable once and hands the value in.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { SandboxChoice } from '../exec/types.js';
import { Secret } from '../llm/secret.js';
import { ServeError } from './errors.js';

export interface ServeOptions {
  host?: string;
  /** 0 picks a free port (see `address` of the started server). */
  port?: number;
  /** Workers per executor pool. */
  workers?: number;
  /** Start the pandas/numpy pool and allow data-science work (`profile: datasci`, DS-1000). */
  datasci?: boolean;
  /** When set, every route but /health needs `Authorization: Bearer <token>`. */
  token?: Secret;
  /** Executions that may wait for a worker, all requests together; past it a request gets 429. */
  maxQueue?: number;
  maxBodyMb?: number;
  /** Items (executions) one request may carry; more is 413. */
  maxBatch?: number;
  /** A caseforge output folder, or a JSONL file `caseforge eval` reads, whose records /verify finds by id. */
  data?: string;
  /** The longest `run_timeout` / `timeout_ms` a request may ask for. */
  maxRunTimeoutS?: number;
  /** Items still waiting this long after their request arrived are answered without running. */
  requestTimeoutS?: number;
  /** On SIGTERM, in-flight work gets this long before the executors are closed under it. */
  drainTimeoutS?: number;
  sandbox?: SandboxChoice;
  /** Lines for the operator (startup, drain); default stderr. */
  log?: (line: string) => void;
}

export interface ResolvedServeOptions {
  host: string;
  port: number;
  workers: number;
  datasci: boolean;
  token?: Secret;
  maxQueue: number;
  maxBodyBytes: number;
  maxBatch: number;
  data?: string;
  maxRunTimeoutS: number;
  requestTimeoutS: number;
  drainTimeoutS: number;
  sandbox: SandboxChoice;
  log: (line: string) => void;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  datasci: false,
  maxQueue: 4096,
  maxBodyMb: 32,
  maxBatch: 1024,
  maxRunTimeoutS: 300,
  requestTimeoutS: 600,
  drainTimeoutS: 60,
};

function positive(name: string, v: number, integer = true): number {
  if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new ServeError('usage', `${name} must be a positive ${integer ? 'integer' : 'number'}, got ${v}`);
  }
  return v;
}

export function normalizeServeOptions(o: ServeOptions): ResolvedServeOptions {
  const port = o.port ?? DEFAULTS.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ServeError('usage', `--port must be 0-65535, got ${port}`);
  return {
    host: o.host ?? DEFAULTS.host,
    port,
    workers: positive('--workers', o.workers ?? availableParallelism()),
    datasci: o.datasci ?? DEFAULTS.datasci,
    token: o.token,
    maxQueue: positive('--max-queue', o.maxQueue ?? DEFAULTS.maxQueue),
    maxBodyBytes: Math.round(positive('--max-body-mb', o.maxBodyMb ?? DEFAULTS.maxBodyMb, false) * 2 ** 20),
    maxBatch: positive('--max-batch', o.maxBatch ?? DEFAULTS.maxBatch),
    data: o.data === undefined ? undefined : resolve(o.data),
    maxRunTimeoutS: positive('--max-run-timeout-s', o.maxRunTimeoutS ?? DEFAULTS.maxRunTimeoutS, false),
    requestTimeoutS: positive('--request-timeout-s', o.requestTimeoutS ?? DEFAULTS.requestTimeoutS, false),
    drainTimeoutS: positive('--drain-timeout-s', o.drainTimeoutS ?? DEFAULTS.drainTimeoutS, false),
    sandbox: o.sandbox ?? {},
    log: o.log ?? ((line) => process.stderr.write(`caseforge serve: ${line}\n`)),
  };
}
