// `npm run bench:queue`: what the queue costs. The Case2Code test set with --inputs fuzz, run
// locally with 2 sandbox workers, and the same command through a Redis queue (a redis-server of
// its own on a free loopback port, AOF on) with two `caseforge worker` processes of 1 sandbox
// worker each on this machine; two runs of each, local, queued, queued, local. Every output must be
// equal, byte for byte (see outputBytes); where one is not, what differs is printed, function by
// function. The workers are started (idle) before the first run, as long-lived workers are; they
// start a run's executors when they join it, inside the queued run's clock, as the local run starts
// its own inside its clock. Besides the times, where the CPU went (each process tree, from /proc)
// and the queued runs' timeline (first job, each worker's last job, the coordinator's end) are
// printed. Last line: one JSON object with local_s and queued_s (the mean of each kind's two runs),
// overhead (queued / local - 1) and jobs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outputBytes, outputDifference } from '../test/support/queue.js';
import { SHARED_DATA } from '../test/support/paths.js';
import { TestRedis } from '../test/support/redis.js';

const MAIN = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const ARGS = ['case2code', '--source', join(SHARED_DATA, 'case2code-test.jsonl'), '--inputs', 'fuzz', '--no-progress'];

const now = () => Number(process.hrtime.bigint()) / 1e9;

interface Child { child: ChildProcess; done: Promise<void>; kill: () => void; stderr: () => string; lines: Array<[number, string]> }

function caseforge(args: string[]): Child {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  let partial = '';
  const lines: Array<[number, string]> = [];
  child.stderr!.on('data', (b: Buffer) => {
    err += b.toString();
    partial += b.toString();
    const parts = partial.split('\n');
    partial = parts.pop()!;
    for (const l of parts) lines.push([now(), l]);
  });
  const done = new Promise<void>((resolve, reject) => child.on('exit', (code, signal) => {
    if (code === 0 || signal === 'SIGTERM') resolve();
    else reject(new Error(`caseforge ${args[0]} exited ${code ?? signal}: ${err.slice(-1500)}`));
  }));
  return { child, done, kill: () => child.kill('SIGTERM'), stderr: () => err, lines };
}

// CPU seconds from /proc (Linux), sampled every half second: each process of a tree is seen while it
// lives, so a process's CPU counts even when nobody reaps it (an executor's Python workers exit
// with their caseforge). Node's reaped children are such Python workers, already counted; the others'
// (a sandbox worker's forked calls, redis's AOF rewrite) are counted through their parent.
const TICKS = 100;
interface ProcStat { ppid: number; node: boolean; own: number; reaped: number }
function procStat(pid: string): ProcStat | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), node: s.slice(s.indexOf('(') + 1, s.lastIndexOf(')')) === 'node', own: (Number(f[11]) + Number(f[12])) / TICKS, reaped: (Number(f[13]) + Number(f[14])) / TICKS };
  } catch {
    return undefined; // gone in between
  }
}
class CpuSampler {
  private readonly seen = new Map<number, Map<number, number>>();
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly roots: () => number[]) {
    this.timer = setInterval(() => this.sample(), 500);
  }
  sample(): void {
    const all = new Map<number, ProcStat>();
    for (const d of readdirSync('/proc')) if (/^\d+$/.test(d)) { const s = procStat(d); if (s) all.set(Number(d), s); }
    for (const root of this.roots()) {
      const cpu = this.seen.get(root) ?? new Map<number, number>();
      this.seen.set(root, cpu);
      const stack = [root];
      while (stack.length) {
        const p = stack.pop()!;
        const s = all.get(p);
        if (s) cpu.set(p, s.own + (s.node ? 0 : s.reaped));
        for (const [c, cs] of all) if (cs.ppid === p) stack.push(c);
      }
    }
  }
  /** CPU seconds of a root's tree so far. */
  total(root: number): number {
    this.sample();
    return [...(this.seen.get(root)?.values() ?? [])].reduce((a, b) => a + b, 0);
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

/** Seconds from `t0` until a unit log first had a line and last grew (looked at every 50 ms). */
function watchLog(path: string, t0: number): { first: number; last: number; stop: () => void } {
  const w = { first: NaN, last: NaN, stop: () => clearInterval(timer) };
  let size = 0;
  const timer = setInterval(() => {
    let bytes = 0;
    try { bytes = statSync(path).size; } catch { return; }
    if (bytes > size) {
      size = bytes;
      const t = now() - t0;
      if (Number.isNaN(w.first)) w.first = t;
      w.last = t;
    }
  }, 50);
  return w;
}

const root = mkdtempSync(join(tmpdir(), 'caseforge-bench-queue-'));
const redis = await TestRedis.start();
const round = (x: number) => Math.round(x * 100) / 100;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
try {
  // Long-lived workers are up and waiting for runs before a run starts (on a loaded machine node's
  // start alone can take over a second); they idle through the local runs.
  const workers = [0, 1].map(() => caseforge(['worker', '--queue', redis.url, '--workers', '1']));
  while (!workers.every((w) => /taking jobs from/.test(w.stderr()))) await new Promise((r) => setTimeout(r, 50));
  const redisPid = redis.pid;
  const jobLines = (w: Child, from: number) => w.lines.filter(([t, l]) => t >= from && /: job \S+: \d+ units in/.test(l))
    .map(([t, l]) => ({ end: t, seconds: Number(/ units in ([\d.]+)s/.exec(l)![1]), units: Number(/: (\d+) units/.exec(l)![1]) }));
  // Two of each, in the order local, queued, queued, local: a change in the machine's load while the
  // bench runs (other people's work outside the heavy slots) weighs on both sides alike.
  const local: number[] = [];
  const queued: number[] = [];
  const kinds = ['local', 'queued', 'queued', 'local'] as const;
  const outs: string[] = [];
  const cpu = { local: [] as number[], coordinator: [] as number[], workers: [] as number[], redis: [] as number[] };
  const timelines: unknown[] = [];
  // When each run logged its first and its last unit, and ended: its start, its span of work and its
  // export, alike for both kinds.
  const phases = { local: [] as unknown[], queued: [] as unknown[] };
  let jobs = 0;
  for (const [i, kind] of kinds.entries()) {
    const out = join(root, `${kind}-${i}`);
    outs.push(out);
    let current: number | undefined;
    const sampler = new CpuSampler(() => [...workers.map((w) => w.child.pid!), ...(redisPid ? [redisPid] : []), ...(current ? [current] : [])]);
    const workers0 = workers.map((w) => sampler.total(w.child.pid!));
    const redis0 = redisPid ? sampler.total(redisPid) : 0;
    const t0 = now();
    // Queued, the coordinator only reads the test file: one sandbox worker for its own executors.
    const run = caseforge([...ARGS, '--out', out, ...(kind === 'local' ? ['--workers', '2'] : ['--workers', '1', '--queue', redis.url])]);
    current = run.child.pid!;
    const logged = watchLog(join(out, '.work', 'functions.jsonl'), t0);
    await run.done;
    const t1 = now();
    logged.stop();
    phases[kind].push({ first_logged_s: round(logged.first), last_logged_s: round(logged.last), end_s: round(t1 - t0) });
    (kind === 'local' ? local : queued).push(t1 - t0);
    (kind === 'local' ? cpu.local : cpu.coordinator).push(sampler.total(current));
    if (kind === 'queued') {
      // The workers leave the run within their look-again interval and close its sandboxes.
      await new Promise((r) => setTimeout(r, 1500));
      cpu.workers.push(workers.reduce((n, w, k) => n + sampler.total(w.child.pid!) - workers0[k], 0));
      cpu.redis.push(redisPid ? sampler.total(redisPid) - redis0 : 0);
      const each = workers.map((w) => jobLines(w, t0));
      jobs = each.reduce((n, j) => n + j.length, 0);
      const all = each.flat();
      timelines.push({
        first_job_start_s: round(Math.min(...all.map((j) => j.end - j.seconds)) - t0),
        last_job_end_s: each.map((j) => round(Math.max(...j.map((x) => x.end)) - t0)),
        jobs: each.map((j) => j.length),
        units: each.map((j) => j.reduce((n, x) => n + x.units, 0)),
        job_seconds: each.map((j) => round(j.reduce((n, x) => n + x.seconds, 0))),
        end_s: round(t1 - t0),
      });
    }
    sampler.stop();
    console.error(`bench:queue: ${kind} run ${i + 1}/4: ${round((kind === 'local' ? local : queued).at(-1)!)} s`);
  }
  for (const w of workers) w.kill(); // drain and exit
  await Promise.all(workers.map((w) => w.done));

  // The dataset and its card (but for the card's count of candidate calls at the edge of their
  // limits, which may follow the machine's load: see outputBytes), all four runs alike.
  const expected = outputBytes(outs[0]);
  const same = outs.map((o) => outputBytes(o).equals(expected));
  const identical = same.every(Boolean);
  const report = JSON.parse(readFileSync(join(outs[1], 'report.json'), 'utf8'));
  console.log(JSON.stringify({
    functions: report.stages.processed, kept: report.stages.kept, units: report.units,
    local_runs_s: local.map(round), queued_runs_s: queued.map(round),
    // CPU seconds per run: the local run's whole tree; the queued run's coordinator tree, both
    // workers' trees (Node and sandboxes) and redis-server.
    cpu_s: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v.map(round)])),
    phases,
    queued_timeline: timelines,
  }, null, 2));
  if (!identical) {
    // Which function and field differ, for each pair: a difference between runs of one kind (two
    // local runs) is the machine's, not the queue's.
    const label = (i: number) => `${kinds[i]} run ${i + 1}`;
    for (const [a, b] of [[0, 3], [1, 2], [0, 1], [0, 2]] as const) {
      if (outputBytes(outs[a]).equals(outputBytes(outs[b]))) console.error(`bench:queue: ${label(a)} == ${label(b)}`);
      else console.error(`bench:queue: ${label(a)} != ${label(b)}: ${outputDifference(outs[a], outs[b], [label(a), label(b)])}`);
    }
  }
  const local_s = mean(local);
  const queued_s = mean(queued);
  console.log(JSON.stringify({
    local_s: round(local_s),
    queued_s: round(queued_s),
    overhead: Math.round((queued_s / local_s - 1) * 10000) / 10000,
    jobs,
    identical,
  }));
  if (!identical) process.exitCode = 1;
} finally {
  await redis.stop();
  rmSync(root, { recursive: true, force: true });
}
