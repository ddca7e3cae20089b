// `npm run bench:queue`: what the queue costs. The Case2Code test set with --inputs fuzz, run
// locally with 2 sandbox workers, then the same command through a Redis queue (a redis-server of
// its own on a free loopback port, AOF on) with two `caseforge worker` processes of 1 sandbox
// worker each on this machine. Both outputs must be equal, byte for byte (see outputBytes). The workers are started
// (idle) before the queued run's clock starts, as long-lived workers are; their executors start
// with their first job, inside the clock, as the local run's do. Last line: one JSON object with
// local_s, queued_s, overhead (queued / local - 1) and jobs.
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
try {
  const localOut = join(root, 'local');
  const local_s = await timed([...ARGS, '--out', localOut, '--workers', '2']);

  const workers = [0, 1].map(() => caseforge(['worker', '--queue', redis.url, '--workers', '1']));
  // Long-lived workers are up and waiting for runs before a run starts: on a loaded machine node's
  // start alone can take over a second.
  while (!workers.every((w) => /taking jobs from/.test(w.stderr()))) await new Promise((r) => setTimeout(r, 50));
  const queuedOut = join(root, 'queued');
  // The coordinator only reads the test file: one sandbox worker for its own executor.
  const queued_s = await timed([...ARGS, '--out', queuedOut, '--workers', '1', '--queue', redis.url]);
  for (const w of workers) w.kill(); // drain and exit
  await Promise.all(workers.map((w) => w.done));
  const jobs = workers.reduce((n, w) => n + [...w.stderr().matchAll(/: job \S+: \d+ units/g)].length, 0);

  // The dataset and its card (but for the card's count of candidate calls at the edge of their
  // limits, which follows the machine's load in local runs too: see outputBytes).
  const identical = outputBytes(localOut).equals(outputBytes(queuedOut));
  const report = JSON.parse(readFileSync(join(queuedOut, 'report.json'), 'utf8'));
  console.log(JSON.stringify({ functions: report.stages.processed, kept: report.stages.kept, units: report.units }, null, 2));
  if (!identical) console.error('bench:queue: the queued dataset differs from the local one');
  console.log(JSON.stringify({
    local_s: Math.round(local_s * 100) / 100,
    queued_s: Math.round(queued_s * 100) / 100,
    overhead: Math.round((queued_s / local_s - 1) * 10000) / 10000,
    jobs,
    identical,
  }));
  if (!identical) process.exitCode = 1;
} finally {
  await redis.stop();
  rmSync(root, { recursive: true, force: true });
}
