// `npm run bench:scale`: memory stays flat as the corpus grows. Runs Case2Code on Debian's
// dist-packages (/usr/lib/python3/dist-packages) with --limit 2000 and --limit 20000 (bench/
// scale-settings.ts: fewer fuzz rounds and mutants), each in a child process, sampling from /proc
// the peak RSS of the caseforge process and, apart, the summed RSS of its Python workers. The last
// line is one JSON object with both peaks of both runs and their ratios (large / small).
// CASEFORGE_SCALE_LIMITS=200,2000 runs other sizes (a quick check); CASEFORGE_SCALE_SOURCE another corpus.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCALE_SETTINGS } from './scale-settings.js';

const SOURCE = process.env.CASEFORGE_SCALE_SOURCE ?? '/usr/lib/python3/dist-packages';
const [SMALL, LARGE] = (process.env.CASEFORGE_SCALE_LIMITS ?? '2000,20000').split(',').map(Number);
const RUN = fileURLToPath(new URL('./scale-run.js', import.meta.url));

interface Proc { ppid: number; rss: number }

function processes(): Map<number, Proc> {
  const out = new Map<number, Proc>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), { ppid: Number(f[1]), rss: Number(f[21]) * 4096 });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** RSS of `root` itself, and the sum over all its descendants (the sandbox workers), in bytes. */
function sample(root: number): { own: number; workers: number } {
  const procs = processes();
  const children = new Map<number, number[]>();
  for (const [pid, p] of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  let workers = 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    workers += procs.get(pid)?.rss ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return { own: procs.get(root)?.rss ?? 0, workers };
}

const mb = (b: number) => Math.round((b / (1 << 20)) * 10) / 10;

async function run(limit: number): Promise<Record<string, unknown>> {
  const out = mkdtempSync(join(tmpdir(), `caseforge-scale-${limit}-`));
  try {
    const child = spawn(process.execPath, [RUN, SOURCE, String(limit), out], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    let own = 0;
    let workers = 0;
    const timer = setInterval(() => {
      const s = sample(child.pid!);
      own = Math.max(own, s.own);
      workers = Math.max(workers, s.workers);
    }, 250);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearInterval(timer);
    if (code !== 0) throw new Error(`the run with --limit ${limit} exited ${code}`);
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    const line = { limit, ...result, peak_rss_mb: mb(own), workers_peak_rss_mb: mb(workers) };
    process.stdout.write(JSON.stringify(line) + '\n');
    return line;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const small = await run(SMALL);
const large = await run(LARGE);
const ratio = (a: unknown, b: unknown) => Math.round(((a as number) / (b as number)) * 1000) / 1000;
process.stdout.write(JSON.stringify({
  source: SOURCE, settings: SCALE_SETTINGS,
  small: { limit: SMALL, functions_per_s: small.functions_per_s, seconds: small.seconds, peak_rss_mb: small.peak_rss_mb, workers_peak_rss_mb: small.workers_peak_rss_mb },
  large: { limit: LARGE, functions_per_s: large.functions_per_s, seconds: large.seconds, peak_rss_mb: large.peak_rss_mb, workers_peak_rss_mb: large.workers_peak_rss_mb },
  ratio_rss: ratio(large.peak_rss_mb, small.peak_rss_mb),
  ratio_workers_rss: ratio(large.workers_peak_rss_mb, small.workers_peak_rss_mb),
}) + '\n');
