// Queued runs in tests: the caseforge CLI as coordinator and as workers (separate processes, as on
// separate machines), a look at the queue's active jobs, and network namespaces for workers that
// reach Redis over a veth pair only.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { PREFIX, RUNS_KEY } from '../../src/queue/protocol.js';
import { datasetBytes, recordsOf } from './dataset.js';

export const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

export interface Proc {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

/** `caseforge ARGS...`, optionally under a prefix command (`ip netns exec NS`). */
export function caseforge(args: string[], prefix: string[] = []): Proc {
  const cmd = prefix.length ? prefix[0] : process.execPath;
  const argv = prefix.length ? [...prefix.slice(1), process.execPath, MAIN, ...args] : [MAIN, ...args];
  const child = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (b: Buffer) => { err += b.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, stderr: () => err };
}

/** A worker of one sandbox process that leaves once no run has been on the queue for 60 s. */
export function worker(url: string, prefix: string[] = [], extra: string[] = []): Proc {
  return caseforge(['worker', '--queue', url, '--workers', '1', '--idle-exit', '60', ...extra], prefix);
}

export const alive = (p: Proc): boolean => p.child.exitCode === null && p.child.signalCode === null;

export async function stopAll(procs: Proc[]): Promise<void> {
  for (const p of procs) if (alive(p)) p.child.kill('SIGKILL');
  await Promise.all(procs.map((p) => p.exited));
}

/** Lines in a unit log (0 while it does not exist). */
export const logLines = (path: string): number => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).length : 0);

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The queue's active jobs with the pid of the worker holding each (its name is HOST-PID) and the
 *  times the job was given back after its worker died. */
export async function activeJobs(url: string): Promise<Array<{ id: string; pid: number; stalled: number }>> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const out: Array<{ id: string; pid: number; stalled: number }> = [];
    for (const name of await redis.smembers(RUNS_KEY)) {
      const q = new Queue(name, { connection: { url, maxRetriesPerRequest: 1 }, prefix: PREFIX });
      try {
        for (const j of await q.getActive()) {
          const pid = Number(/-(\d+)$/.exec(j.processedBy ?? '')?.[1]);
          if (j.id && pid) out.push({ id: j.id, pid, stalled: j.stalledCounter ?? 0 });
        }
      } finally {
        await q.close();
      }
    }
    return out;
  } finally {
    redis.disconnect();
  }
}

/** Network namespaces with a veth pair each, host side 10.231.N.1, namespace side 10.231.N.2; only
 *  a root on Linux with iproute2 can make them. */
export class NetNamespaces {
  readonly names: string[] = [];
  readonly hostAddresses: string[] = [];

  static available(): string | undefined {
    if (process.getuid?.() !== 0) return 'not root: cannot make network namespaces';
    if (spawnSync('ip', ['netns', 'list']).status !== 0) return 'no `ip netns` (install iproute2)';
    return undefined;
  }

  static make(count: number): NetNamespaces {
    const n = new NetNamespaces();
    const tag = (process.pid % 10000).toString(36);
    try {
      for (let i = 0; i < count; i++) {
        const ns = `cfq-${tag}-${i}`;
        const host = `cfh${tag}${i}`;
        const peer = `cfn${tag}${i}`;
        const net = 10 + ((process.pid + i * 7) % 200);
        const run = (...args: string[]) => {
          const r = spawnSync('ip', args, { encoding: 'utf8' });
          if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr.trim()}`);
        };
        run('netns', 'add', ns);
        n.names.push(ns);
        run('link', 'add', host, 'type', 'veth', 'peer', 'name', peer, 'netns', ns);
        run('addr', 'add', `10.231.${net}.1/30`, 'dev', host);
        run('link', 'set', host, 'up');
        run('netns', 'exec', ns, 'ip', 'addr', 'add', `10.231.${net}.2/30`, 'dev', peer);
        run('netns', 'exec', ns, 'ip', 'link', 'set', peer, 'up');
        run('netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up');
        n.hostAddresses.push(`10.231.${net}.1`);
      }
    } catch (err) {
      n.remove();
      throw err;
    }
    return n;
  }

  /** The prefix that runs a command inside namespace `i`. */
  exec(i: number): string[] {
    return ['ip', 'netns', 'exec', this.names[i]];
  }

  remove(): void {
    // Deleting a namespace deletes its end of the veth pair, and with it the host's end.
    for (const ns of this.names) spawnSync('ip', ['netns', 'del', ns]);
  }
}

/** A prefix that runs a command in a mount namespace of its own where `dir` is an empty tmpfs: a
 *  process that must not read a folder of the coordinator's, on the same machine. Root only. */
export function hidden(dir: string): { prefix: string[] } | { why: string } {
  if (process.getuid?.() !== 0) return { why: 'not root: cannot make mount namespaces' };
  if (spawnSync('unshare', ['--version']).status !== 0) return { why: 'no unshare (util-linux)' };
  return { prefix: ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs none "$0" && exec "$@"', dir] };
}

/**
 * The dataset's bytes (data/, jsonl/, the card) with one section of the card left out: "Candidate
 * cases removed, by reason" counts candidate calls at the edge of their limits (memory, timeout,
 * output size), which end one way or another with the machine's load: two local runs differ there
 * too. No such call is ever part of a record.
 */
export function outputBytes(dir: string): Buffer {
  const text = datasetBytes(dir).toString('latin1');
  return Buffer.from(text.replace(/Candidate cases removed, by reason:[\s\S]*?\n## /, '## '), 'latin1');
}

/** The records alone: every file of data/ and jsonl/, named and concatenated. */
export function recordBytes(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const sub of ['data', 'jsonl']) {
    if (!existsSync(join(dir, sub))) continue;
    for (const f of readdirSync(join(dir, sub)).sort()) parts.push(Buffer.from(`${sub}/${f}\n`), readFileSync(join(dir, sub, f)));
  }
  return Buffer.concat(parts);
}

/** The first path at which two JSON values differ, with both values (shortened); undefined when
 *  they are equal. */
export function firstDifference(x: unknown, y: unknown, path = ''): string | undefined {
  if (JSON.stringify(x) === JSON.stringify(y)) return undefined;
  if (x && y && typeof x === 'object' && typeof y === 'object') {
    if (Array.isArray(x) !== Array.isArray(y)) return `${path || '.'}: an array on one side only`;
    if (Array.isArray(x) && Array.isArray(y) && x.length !== y.length) return `${path || '.'}: ${x.length} items vs ${y.length}`;
    const a = x as Record<string, unknown>;
    const b = y as Record<string, unknown>;
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], Array.isArray(x) ? `${path}[${k}]` : `${path}.${k}`);
      if (d) return d;
    }
  }
  const show = (v: unknown) => (JSON.stringify(v) ?? 'absent').slice(0, 160);
  return `${path || '.'}: ${show(x)} vs ${show(y)}`;
}

/** A unit's statistics that follow the machine, not the run (times, the calls cut at their limits):
 *  left out when outcomes are compared. */
const MACHINE_STATS = ['seconds', 'cpu_ms', 'sandbox_ms', 'removed'];

function unitOutcomes(dir: string): Map<string, UnitOutcomeLine> {
  const path = join(dir, '.work', 'functions.jsonl');
  const m = new Map<string, UnitOutcomeLine>();
  if (!existsSync(path)) return m;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    // An object's address in a repr (in a gold check's example) is the process's, not the run's.
    const u = JSON.parse(line.replace(/ at 0x[0-9a-f]+/g, ' at 0x?'));
    const data = u.data ? { ...u.data, stats: Object.fromEntries(Object.entries(u.data.stats ?? {}).filter(([k]) => !MACHINE_STATS.includes(k))) } : undefined;
    m.set(u.key, { order: u.order, status: u.status, reason: u.reason, data });
  }
  return m;
}

type UnitOutcomeLine = { order: number; status: string; reason?: string; data?: Record<string, unknown> };
/** What of a logged unit decides the dataset: its status and reason, verdict and records. */
const outcomeOf = (w: UnitOutcomeLine) => ({ status: w.status, reason: w.reason, kept: w.data?.kept, drop: w.data?.drop, samples: w.data?.samples });

/** The functions (log keys) whose outcome (verdict, records) differs between two run folders, or
 *  that only one of them logged. */
export function outcomeDifferences(a: string, b: string): Set<string> {
  const x = unitOutcomes(a);
  const y = unitOutcomes(b);
  const out = new Set<string>();
  for (const k of new Set([...x.keys(), ...y.keys()])) {
    const u = x.get(k);
    const v = y.get(k);
    if (!u || !v || firstDifference(outcomeOf(u), outcomeOf(v))) out.add(k);
  }
  return out;
}

/**
 * Why two case2code run folders' datasets differ, function by function: each function (by id and
 * name) whose logged outcome differs, with the first field that does, then the first record and the
 * card lines that differ. `labels` name the two runs. Machine-dependent statistics (times, removal
 * counts) are left out of the comparison, as outputBytes leaves their card section out.
 */
export function outputDifference(a: string, b: string, labels: [string, string] = ['a', 'b'], max = 5): string {
  const parts: string[] = [];
  const x = unitOutcomes(a);
  const y = unitOutcomes(b);
  // Functions whose records or verdict differ come first; then those that differ in statistics only.
  const functions: Array<[number, string]> = [];
  for (const k of new Set([...x.keys(), ...y.keys()])) {
    const u = x.get(k);
    const v = y.get(k);
    const name = String(u?.data?.name ?? v?.data?.name ?? '');
    if (!u || !v) { functions.push([0, `${k} (${name}) logged in ${u ? labels[0] : labels[1]} only`]); continue; }
    const d = firstDifference(outcomeOf(u), outcomeOf(v));
    const s = d ? undefined : firstDifference(u.data?.stats, v.data?.stats, '.stats');
    if (d || s) functions.push([d ? 0 : 1, `function ${k} (${name}, #${u.order}) ${d ?? s}`]);
  }
  functions.sort((p, q) => p[0] - q[0]);
  if (functions.length) parts.push(`${functions.length} function(s) differ (${labels[0]} vs ${labels[1]}; ${functions.filter(([r]) => r === 0).length} in records or verdict): ${functions.slice(0, max).map(([, t]) => t).join('; ')}`);
  const rx = recordsOf(a);
  const ry = recordsOf(b);
  if (rx.length !== ry.length) parts.push(`${rx.length} records in ${labels[0]}, ${ry.length} in ${labels[1]}`);
  else {
    const i = rx.findIndex((r, j) => JSON.stringify(r) !== JSON.stringify(ry[j]));
    if (i >= 0) parts.push(`first differing record #${i} (function ${String(rx[i].function_id)}, ${String(rx[i].name)}): ${firstDifference(rx[i], ry[i])}`);
  }
  const card = (dir: string) => outputBytes(dir).toString('latin1').split('\n');
  if (!parts.length && existsSync(join(a, 'README.md')) && existsSync(join(b, 'README.md'))) {
    const ca = readFileSync(join(a, 'README.md'), 'utf8').split('\n');
    const cb = readFileSync(join(b, 'README.md'), 'utf8').split('\n');
    const lines = ca.map((l, i) => (l !== cb[i] ? `card line ${i + 1}: '${l.slice(0, 120)}' vs '${(cb[i] ?? '').slice(0, 120)}'` : '')).filter(Boolean);
    parts.push(lines.length ? `the records are the same; ${lines.slice(0, max).join('; ')}` : card(a).length === card(b).length ? 'the same records and card in other bytes' : 'the card differs in length');
  }
  return parts.join('; ') || 'no difference found';
}
