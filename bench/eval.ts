// `npm run bench:eval`: --gold runs of every public benchmark with per-benchmark seconds and problems
// per second, and DS-1000 against its own harness's way of running (a fresh `python3` per problem
// executing code_context + the answer, two at a time on this 2-core machine), measured in the same
// run on the same problems. The last line printed is one JSON object.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pLimit from 'p-limit';
import { evaluate, loadBenchmark, type BenchName } from '../src/eval/index.js';
import type { Ds1000Task } from '../src/eval/benchmarks/ds1000.js';

const SHARED = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const PYTHON = '/usr/bin/python3';
const WORKERS = 2;
const quick = process.argv.includes('--quick');

function officialProgram(codeContext: string, answer: string): string {
  // DS-1000's harness: code_context + `code = repr(answer)` + the test calls (repr via JSON is a valid literal).
  const tests = 'test_execution(code)\n' + (codeContext.includes('test_string(') ? 'test_string(code)\n' : '\n');
  return `${codeContext}\ncode = ${JSON.stringify(answer)}\n${tests}`;
}

function runFresh(program: string): Promise<boolean> {
  const cwd = mkdtempSync(join(tmpdir(), 'cf-ds1000-base-'));
  return new Promise((resolve) => {
    const child = spawn(PYTHON, ['-c', program], { cwd, stdio: 'ignore', env: { ...process.env, MPLBACKEND: 'Agg', OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' } });
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(cwd, { recursive: true, force: true });
      resolve(code === 0);
    });
  });
}

async function gold(bench: BenchName, ids?: string[]): Promise<{ s: number; n: number; passed: number; scored: number; skipped: string[] }> {
  const out = mkdtempSync(join(tmpdir(), `cf-bench-${bench}-`));
  const t0 = performance.now();
  const sum = await evaluate({ bench, sharedData: SHARED, source: { kind: 'gold' }, out, workers: WORKERS, ids, limit: quick ? 60 : undefined });
  const s = (performance.now() - t0) / 1000;
  console.log(`${bench}: ${sum.passed_samples}/${sum.tasks.scored} passed, ${sum.tasks.skipped} skipped, ${s.toFixed(1)} s`);
  const skipped = Object.values(sum.skipped).flat();
  rmSync(out, { recursive: true, force: true });
  return { s, n: sum.tasks.scored, passed: sum.passed_samples, scored: sum.tasks.scored, skipped };
}

const result: Record<string, number | string> = {};
for (const bench of ['humaneval', 'mbpp', 'cruxeval-o', 'cruxeval-i', 'case2code'] as const) {
  const r = await gold(bench);
  const key = bench.replace('-', '_');
  result[`${key}_s`] = Math.round(r.s * 100) / 100;
  result[`${key}_per_s`] = Math.round((r.n / r.s) * 10) / 10;
  result[`${key}_passed`] = `${r.passed}/${r.scored}`;
}
const ds = await gold('ds1000');
result.ds1000_s = Math.round(ds.s * 10) / 10;
result.ds1000_per_s = Math.round((ds.n / ds.s) * 100) / 100;
result.ds1000_passed = `${ds.passed}/${ds.scored}`;
result.ds1000_skipped = ds.skipped.length;

const bench = await loadBenchmark('ds1000');
const skipped = new Set(ds.skipped);
let tasks = (await bench.load(join(SHARED, 'ds1000.jsonl.gz'))) as Ds1000Task[];
tasks = tasks.filter((t) => !skipped.has(t.id)).slice(0, quick ? 60 : undefined);
const limit = pLimit(WORKERS);
const t0 = performance.now();
const passes = await Promise.all(tasks.map((t) => limit(() => runFresh(officialProgram(t.codeContext, t.gold!)))));
const base = (performance.now() - t0) / 1000;
console.log(`ds1000 baseline (fresh python3 per problem): ${passes.filter(Boolean).length}/${tasks.length} passed, ${base.toFixed(1)} s`);
result.ds1000_baseline_s = Math.round(base * 10) / 10;
result.ds1000_baseline_passed = `${passes.filter(Boolean).length}/${tasks.length}`;
result.ratio_vs_baseline = Math.round((base / ds.s) * 100) / 100;
console.log(JSON.stringify(result));
