// `npm run bench:queue`: what the queue costs. The Case2Code test set with --inputs fuzz, run
// locally with 2 sandbox workers, and the same command through a Redis queue (a redis-server of
// its own on a free loopback port, AOF on) with two `caseforge worker` processes of 1 sandbox
// worker each on this machine; two runs of each, local, queued, queued, local. Every output must be
// equal, byte for byte (see outputBytes). The workers are started (idle) before the first run, as
// long-lived workers are; they start a run's executors when they join it, inside the queued run's
// clock, as the local run starts its own inside its clock. Last line: one JSON object with local_s
// and queued_s (the mean of each kind's two runs), overhead (queued / local - 1) and jobs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outputBytes } from '../test/support/queue.js';
import { SHARED_DATA } from '../test/support/paths.js';
import { TestRedis } from '../test/support/redis.js';

const MAIN = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const ARGS = ['case2code', '--source', join(SHARED_DATA, 'case2code-test.jsonl'), '--inputs', 'fuzz', '--no-progress'];

function caseforge(args: string[]): { done: Promise<void>; kill: () => void; stderr: () => string } {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b: Buffer) => { err += b.toString(); });
  const done = new Promise<void>((resolve, reject) => child.on('exit', (code, signal) => {
    if (code === 0 || signal === 'SIGTERM') resolve();
    else reject(new Error(`caseforge ${args[0]} exited ${code ?? signal}: ${err.slice(-1500)}`));
  }));
  return { done, kill: () => child.kill('SIGTERM'), stderr: () => err };
}

async function timed(args: string[]): Promise<number> {
  const t0 = process.hrtime.bigint();
  await caseforge(args).done;
  return Number(process.hrtime.bigint() - t0) / 1e9;
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
  const jobsSoFar = () => workers.reduce((n, w) => n + [...w.stderr().matchAll(/: job \S+: \d+ units/g)].length, 0);
  // Two of each, in the order local, queued, queued, local: a change in the machine's load while the
  // bench runs (other people's work outside the heavy slots) weighs on both sides alike.
  const local: number[] = [];
  const queued: number[] = [];
  const outs: string[] = [];
  let jobs = 0;
  for (const [i, kind] of (['local', 'queued', 'queued', 'local'] as const).entries()) {
    const out = join(root, `${kind}-${i}`);
    outs.push(out);
    if (kind === 'local') local.push(await timed([...ARGS, '--out', out, '--workers', '2']));
    else {
      const before = jobsSoFar();
      // The coordinator only reads the test file: one sandbox worker for its own executor.
      queued.push(await timed([...ARGS, '--out', out, '--workers', '1', '--queue', redis.url]));
      jobs = jobsSoFar() - before;
    }
    console.error(`bench:queue: ${kind} run ${i + 1}/4: ${round((kind === 'local' ? local : queued).at(-1)!)} s`);
  }
  for (const w of workers) w.kill(); // drain and exit
  await Promise.all(workers.map((w) => w.done));

  // The dataset and its card (but for the card's count of candidate calls at the edge of their
  // limits, which may follow the machine's load: see outputBytes), all four runs alike.
  const expected = outputBytes(outs[0]);
  const identical = outs.every((o) => outputBytes(o).equals(expected));
  const report = JSON.parse(readFileSync(join(outs[1], 'report.json'), 'utf8'));
  console.log(JSON.stringify({ functions: report.stages.processed, kept: report.stages.kept, units: report.units, local_runs_s: local.map(round), queued_runs_s: queued.map(round) }, null, 2));
  if (!identical) console.error('bench:queue: the datasets of the four runs are not all the same');
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
