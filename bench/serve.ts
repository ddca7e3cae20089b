// bench:serve. Two servers, each in its own process, under the same load from this one:
//   run_code_per_s, p50_ms, p99_ms   single trivial /run_code requests, 64 concurrent clients on
//                                    keep-alive connections, against `caseforge serve`
//   baseline_per_s                   the same load against serve-baseline.ts (a fresh python3 per
//                                    request, as SandboxFusion runs Python); the two alternate over
//                                    slices, so a drift of this shared machine weighs on both
//   verify_per_s                     completions verified per second: Case2Code test-set records
//                                    (by id, --data), 64 concurrent clients, each request 16
//                                    completions (gold programs in chatter, one in four wrong)
//   verify_cpu_ms                    CPU a verified completion cost, by process: the server's Node,
//                                    its sandbox (workers and the children they forked), this client;
//                                    verify_cpu_cap_per_s is what the machine's cores allow at that cost
// The last line printed is one JSON object.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATA = join(ROOT, '..', 'shared', 'data', 'case2code-test.jsonl');
const WORKERS = Number(process.env.BENCH_WORKERS ?? availableParallelism());
const CLIENTS = 64;
const BATCH = 16;
const RUN_N = Number(process.env.BENCH_RUN_N ?? 3000);
const BASE_N = Number(process.env.BENCH_BASE_N ?? 450);
const VERIFY_REQUESTS = Number(process.env.BENCH_VERIFY_REQUESTS ?? 640);
const SLICES = 3;

const log = (msg: string) => process.stderr.write(`bench:serve ${msg}\n`);
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

function start(args: string[]): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  return new Promise((resolve, reject) => {
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m) resolve({ proc, url: m[1] });
    });
    proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

function post(url: string, path: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url + path, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', (err) => reject(new Error(`POST ${url}${path}: ${err.message}`)));
    req.end(body);
  });
}

interface Load { seconds: number; latencies: number[]; bodies: string[] }

/** `n` requests from CLIENTS concurrent clients, each sending its next one when answered. */
async function drive(url: string, path: string, n: number, body: (i: number) => string): Promise<Load> {
  let next = 0;
  const latencies: number[] = [];
  const bodies: string[] = new Array(n);
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (next < n) {
      const i = next++;
      const s = performance.now();
      const r = await post(url, path, body(i));
      latencies.push(performance.now() - s);
      if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status}: ${r.text.slice(0, 300)}`);
      bodies[i] = r.text;
    }
  }));
  return { seconds: (performance.now() - t0) / 1000, latencies, bodies };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] * 10) / 10;
}

/** CPU seconds of a process (utime + stime), and with `reaped` those of the children it reaped. */
function cpuSeconds(pid: number, reaped = false): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12]) + (reaped ? Number(f[13]) + Number(f[14]) : 0)) / 100;
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    let kids: string[] = [];
    try {
      kids = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean);
    } catch {
      continue; // the thread ended
    }
    for (const k of kids) out.push(Number(k), ...descendants(Number(k)));
  }
  return out;
}

/** CPU seconds of the server's sandbox: its workers (alive through the run: none is recycled before
 *  20,000 requests) with every call's child they forked and reaped. */
function sandboxSeconds(serverPid: number): number {
  let sum = 0;
  for (const pid of descendants(serverPid)) {
    try {
      sum += cpuSeconds(pid, true);
    } catch {
      // ended between the listing and the read
    }
  }
  return sum;
}

async function main(): Promise<void> {
  const load = loadavg()[0];
  log(`workers=${WORKERS}, clients=${CLIENTS}, load average ${load.toFixed(2)}`);
  const cli = join(ROOT, 'dist', 'src', 'cli', 'main.js');
  const ours = await start([cli, 'serve', '--port', '0', '--workers', String(WORKERS), '--data', DATA, '--max-queue', '100000']);
  const base = await start([join(ROOT, 'dist', 'bench', 'serve-baseline.js')]);
  try {
    const trivial = JSON.stringify({ code: 'print(1 + 1)', language: 'python', run_timeout: 10 });
    for (const s of [ours, base]) await drive(s.url, '/run_code', CLIENTS, () => trivial); // warm both
    let oursS = 0;
    let baseS = 0;
    const latencies: number[] = [];
    for (let i = 0; i < SLICES; i++) {
      const a = await drive(ours.url, '/run_code', RUN_N / SLICES, () => trivial);
      oursS += a.seconds;
      latencies.push(...a.latencies);
      if (!a.bodies.every((b) => (JSON.parse(b) as { run_result: { stdout: string } }).run_result.stdout === '2\n')) throw new Error('a /run_code answer was wrong');
      const b = await drive(base.url, '/run_code', BASE_N / SLICES, () => trivial);
      baseS += b.seconds;
      log(`slice ${i + 1}: caseforge ${(a.latencies.length / a.seconds).toFixed(0)}/s, baseline ${(b.latencies.length / b.seconds).toFixed(0)}/s`);
    }
    const runPerS = RUN_N / oursS;
    const basePerS = BASE_N / baseS;

    const rows = readFileSync(DATA, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; code: string; func_name: string });
    const completion = (k: number): { completion: string; task: string } => {
      const r = rows[k % rows.length];
      const wrong = k % 4 === 3;
      const code = wrong ? `def ${r.func_name}(*args, **kwargs):\n    return ('wrong answer',)` : r.code;
      return { completion: `Looking at the examples, the function is:\n\n\`\`\`python\n${code}\n\`\`\`\n\nThat reproduces them.`, task: r.id };
    };
    const verifyBody = (i: number) => JSON.stringify({ items: Array.from({ length: BATCH }, (_, j) => completion(i * BATCH + j)) });
    await drive(ours.url, '/verify', CLIENTS, verifyBody); // warm
    const cpu0 = cpuSeconds(ours.proc.pid!);
    const sandbox0 = sandboxSeconds(ours.proc.pid!);
    const client0 = process.cpuUsage();
    const v = await drive(ours.url, '/verify', VERIFY_REQUESTS, verifyBody);
    const serverCpu = cpuSeconds(ours.proc.pid!) - cpu0;
    const sandboxCpu = sandboxSeconds(ours.proc.pid!) - sandbox0;
    const clientUsage = process.cpuUsage(client0);
    const clientCpu = (clientUsage.user + clientUsage.system) / 1e6;
    const items = VERIFY_REQUESTS * BATCH;
    let passed = 0;
    let wrongPassed = 0;
    v.bodies.forEach((b, i) => (JSON.parse(b) as { results: Array<{ passed: boolean }> }).results.forEach((r, j) => {
      if (r.passed) passed++;
      if (r.passed && (i * BATCH + j) % 4 === 3) wrongPassed++;
    }));
    if (wrongPassed) throw new Error(`${wrongPassed} wrong completions passed`);
    const verifyPerS = items / v.seconds;
    const perItem = (seconds: number) => Math.round((1000 * seconds / items) * 100) / 100;
    const cpuMs = { server_node: perItem(serverCpu), sandbox: perItem(sandboxCpu), client: perItem(clientCpu) };
    const cores = availableParallelism();
    const capPerS = Math.round((cores * 1000) / (cpuMs.server_node + cpuMs.sandbox + cpuMs.client));
    log(`verify: ${items} completions in ${v.seconds.toFixed(1)} s, ${passed} passed; CPU a completion: server Node ${cpuMs.server_node} ms, `
      + `sandbox ${cpuMs.sandbox} ms, this client ${cpuMs.client} ms (${cores} cores at that cost: ${capPerS}/s)`);

    const out = {
      workers: WORKERS,
      clients: CLIENTS,
      batch: BATCH,
      load_average_1m: Math.round(load * 100) / 100,
      run_code_per_s: Math.round(runPerS),
      p50_ms: pct(latencies, 0.5),
      p99_ms: pct(latencies, 0.99),
      baseline_per_s: Math.round(basePerS),
      ratio_vs_baseline: Math.round((runPerS / basePerS) * 100) / 100,
      verify_per_s: Math.round(verifyPerS),
      verify_passed: passed,
      verify_completions: items,
      verify_p50_ms: pct(v.latencies, 0.5),
      verify_p99_ms: pct(v.latencies, 0.99),
      verify_cpu_ms: cpuMs,
      verify_cpu_cap_per_s: capPerS,
    };
    process.stdout.write(JSON.stringify(out) + '\n');
  } finally {
    for (const s of [ours, base]) s.proc.kill('SIGTERM');
    agent.destroy();
  }
}

await main();
