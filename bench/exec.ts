// Executor benchmark. Every ratio is measured in this one run, against its baseline run beside it:
//   trivial_per_s / spawn_per_s    call mode (fork per call) vs a fresh python3 per call
//   pandas_per_s                   call mode, datasci profile, a small groupby per call
//   program_calls_per_s / baseline_calls_per_s
//                                  the Case2Code test set (500 functions, all ~30 inputs each) in
//                                  program mode vs the reference's way: one fresh python3 per
//                                  program running all its calls, no limits (the two alternate
//                                  over five slices of the set)
// The last line printed is one JSON object.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism, loadavg } from 'node:os';
import pLimit from 'p-limit';
import { createExecutor, type Executor } from '../src/exec/executor.js';
import { DEFAULT_PYTHON } from '../src/exec/interpreter.js';
import { descendants } from '../test/support/processes.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATA = join(ROOT, '..', 'shared', 'data', 'case2code-test.jsonl');
const WORKERS = Number(process.env.BENCH_WORKERS ?? availableParallelism());
const TRIVIAL_N = Number(process.env.BENCH_TRIVIAL_N ?? 4000);
const PANDAS_N = Number(process.env.BENCH_PANDAS_N ?? 600);
const SPAWN_N = Number(process.env.BENCH_SPAWN_N ?? 300);

const log = (msg: string) => process.stderr.write(`bench:exec ${msg}\n`);
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

async function timed<T>(n: number, concurrency: number, fn: (i: number) => Promise<T>): Promise<{ perS: number; results: T[] }> {
  const limit = pLimit(concurrency);
  const t0 = process.hrtime.bigint();
  const results = await Promise.all(Array.from({ length: n }, (_, i) => limit(() => fn(i))));
  return { perS: n / seconds(t0), results };
}

function runPython(args: string[], input?: string, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const p = spawn(DEFAULT_PYTHON, args, { stdio: ['pipe', 'pipe', 'ignore'], timeout: timeoutMs, env: { PATH: '/usr/bin:/bin', PYTHONHASHSEED: '0' } });
    let stdout = '';
    p.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    p.on('close', (code) => resolve({ code, stdout }));
    p.stdin.end(input ?? '');
  });
}

function workerRssMb(): number {
  let max = 0;
  for (const p of descendants()) {
    if (!p.cmd.includes('cf_worker.py') || p.cmd.includes('bwrap')) continue;
    try {
      const status = readFileSync(`/proc/${p.pid}/status`, 'utf8');
      max = Math.max(max, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    } catch { /* gone */ }
  }
  return Math.round(max * 10) / 10;
}

interface Program { code: string; func: string; examples: string; n: number }

function loadPrograms(): Program[] {
  return readFileSync(DATA, 'utf8').trim().split('\n').map((line) => {
    const r = JSON.parse(line) as { code: string; func_name: string; example_str: string; example_outputs: unknown[] };
    return { code: r.code, func: r.func_name, examples: r.example_str, n: r.example_outputs.length };
  });
}

/** The reference's way: one fresh interpreter per program, all its calls, no limits. */
function baselineScript(p: Program): string {
  return `${p.code}\n${p.examples}\nimport json\nfor _a in examples:\n    try:\n        _o = repr(${p.func}(**_a))\n    except Exception as _e:\n        _o = repr(_e)\n    print(json.dumps(_o))\n`;
}

async function programMode(ex: Executor, programs: Program[]): Promise<{ perS: number; calls: number; ok: number }> {
  const limit = pLimit(WORKERS * 2);
  let calls = 0;
  let ok = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(programs.map((p) => limit(async () => {
    const r = await ex.runProgram({
      code: `${p.code}\n${p.examples}\n`,
      calls: Array.from({ length: p.n }, (_, i) => `${p.func}(**examples[${i}])`),
      limits: { timeoutMs: 5000 },
    });
    calls += r.calls.length;
    ok += r.calls.filter((c) => c.status === 'ok').length;
  })));
  return { perS: calls / seconds(t0), calls, ok };
}

async function main(): Promise<void> {
  const load = loadavg()[0];
  log(`workers=${WORKERS}, load average ${load.toFixed(2)} (numbers are only comparable within this run)`);
  const ex = await createExecutor({ workers: WORKERS, onWarning: log });
  try {
    await ex.run({ code: '0' });

    const trivial = await timed(TRIVIAL_N, WORKERS * 4, () => ex.run({ code: '1 + 1' }));
    log(`call mode trivial: ${trivial.perS.toFixed(0)}/s`);
    const rss = workerRssMb(); // only the plain pool exists yet
    await ex.run({ code: '0', profile: 'datasci' });

    const groupby = "import pandas as pd\ndf = pd.DataFrame({'k': ['a', 'b', 'a', 'c'] * 5, 'v': range(20)})\ndf.groupby('k')['v'].sum()";
    const pandas = await timed(PANDAS_N, WORKERS * 4, () => ex.run({ code: groupby, profile: 'datasci' }));
    const pandasOk = pandas.results.every((r) => r.status === 'ok');
    log(`call mode pandas groupby: ${pandas.perS.toFixed(0)}/s (all ok: ${pandasOk})`);

    const spawnRun = await timed(SPAWN_N, WORKERS, () => runPython(['-c', 'print(1 + 1)']));
    log(`spawn per call: ${spawnRun.perS.toFixed(0)}/s`);

    // The two ways alternate over five slices of the set, so a drift in the machine's speed (these
    // machines are shared) weighs on both alike.
    const programs = loadPrograms();
    const slices = 5;
    let progS = 0;
    let baseS = 0;
    const prog = { calls: 0, ok: 0 };
    const baseLimit = pLimit(WORKERS);
    for (let i = 0; i < slices; i++) {
      const part = programs.slice(Math.floor((i * programs.length) / slices), Math.floor(((i + 1) * programs.length) / slices));
      const mine = await programMode(ex, part);
      progS += mine.calls / mine.perS;
      prog.calls += mine.calls;
      prog.ok += mine.ok;
      const t0 = process.hrtime.bigint();
      await Promise.all(part.map((p) => baseLimit(() => runPython(['-'], baselineScript(p), 30_000))));
      baseS += seconds(t0);
    }
    const progPerS = prog.calls / progS;
    log(`program mode: ${prog.calls} calls, ${progPerS.toFixed(0)} calls/s (${prog.ok} ok)`);
    const baseline = prog.calls / baseS;
    log(`baseline (fresh python3 per program, no limits): ${baseline.toFixed(0)} calls/s`);

    const out = {
      workers: WORKERS,
      isolation: ex.isolation,
      load_average_1m: Math.round(load * 100) / 100,
      trivial_per_s: Math.round(trivial.perS),
      pandas_per_s: Math.round(pandas.perS),
      spawn_per_s: Math.round(spawnRun.perS),
      ratio_vs_spawn: Math.round((trivial.perS / spawnRun.perS) * 100) / 100,
      program_calls: prog.calls,
      program_calls_per_s: Math.round(progPerS),
      baseline_calls_per_s: Math.round(baseline),
      ratio_vs_baseline: Math.round((progPerS / baseline) * 100) / 100,
      worker_rss_mb: rss,
      worker_rss_datasci_mb: workerRssMb(),
    };
    console.log(JSON.stringify(out));
  } finally {
    await ex.close();
  }
}

await main();
