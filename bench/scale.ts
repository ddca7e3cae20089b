// `npm run bench:scale`: memory stays flat as the corpus grows. Runs Case2Code on Debian's
// dist-packages (/usr/lib/python3/dist-packages) with --limit 2000 and --limit 20000 (bench/
// scale-settings.ts: fewer fuzz rounds and mutants), each in a child process, sampling from /proc
// every 250 ms the peak RSS of the caseforge process and, apart, its Python workers: the summed RSS
// of the warm workers (the child each forks per call shares the worker's pages, so adding its RSS
// would count them twice), and the summed PSS of all its descendants with those forks (shared pages
// split between the processes sharing them). The last line is one JSON
// object with the peaks, functions/s and cost figures of both runs and their ratios (large / small).
// Other sizes: `npm run bench:scale -- 2000 8000` (or CASEFORGE_SCALE_LIMITS=2000,8000); another
// corpus: CASEFORGE_SCALE_SOURCE. stderr gets the memory every 30 s of each run (to see a trend).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCALE_SETTINGS } from './scale-settings.js';

const SOURCE = process.env.CASEFORGE_SCALE_SOURCE ?? '/usr/lib/python3/dist-packages';
const LIMITS = process.argv.length > 2 ? process.argv.slice(2) : (process.env.CASEFORGE_SCALE_LIMITS ?? '2000,20000').split(',');
const [SMALL, LARGE] = LIMITS.map(Number);
if (LIMITS.length !== 2 || !(Number.isInteger(SMALL) && Number.isInteger(LARGE) && SMALL > 0 && LARGE > SMALL)) {
  throw new Error(`bench:scale takes two limits, the smaller first (e.g. 2000 20000), got ${LIMITS.join(' ')}`);
}
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

/** Proportional set size of a process in bytes (0 once it has ended). */
function pss(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

interface Sample { own: number; workers: number; workersPss: number }

const isWorker = (pid: number) => {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return /python/.test(argv[0]) && argv.some((a) => a.endsWith('cf_worker.py')); // not bwrap, whose arguments name it too
  } catch {
    return false;
  }
};

/** RSS of `root`; the summed RSS of its warm workers (cf_worker.py processes whose parent is not one:
 *  a worker runs under bwrap, and the child it forks per call has its command line); and the summed
 *  PSS of all its descendants (bwrap, workers, their forks), in bytes. */
function sample(root: number): Sample {
  const procs = processes();
  const children = new Map<number, number[]>();
  for (const [pid, p] of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  let workers = 0;
  let workersPss = 0;
  const stack = (children.get(root) ?? []).map((pid) => ({ pid, underWorker: false }));
  while (stack.length) {
    const { pid, underWorker } = stack.pop()!;
    const worker = isWorker(pid);
    if (worker && !underWorker) workers += procs.get(pid)?.rss ?? 0;
    workersPss += pss(pid);
    stack.push(...(children.get(pid) ?? []).map((c) => ({ pid: c, underWorker: underWorker || worker })));
  }
  return { own: procs.get(root)?.rss ?? 0, workers, workersPss };
}

const mb = (b: number) => Math.round((b / (1 << 20)) * 10) / 10;

async function run(limit: number): Promise<Record<string, unknown>> {
  const out = mkdtempSync(join(tmpdir(), `caseforge-scale-${limit}-`));
  try {
    const child = spawn(process.execPath, [RUN, SOURCE, String(limit), out], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    const peak: Sample = { own: 0, workers: 0, workersPss: 0 };
    const started = Date.now();
    let shown = started;
    const timer = setInterval(() => {
      const s = sample(child.pid!);
      peak.own = Math.max(peak.own, s.own);
      peak.workers = Math.max(peak.workers, s.workers);
      peak.workersPss = Math.max(peak.workersPss, s.workersPss);
      if (Date.now() - shown >= 30_000) {
        shown = Date.now();
        process.stderr.write(`bench:scale --limit ${limit} at ${Math.round((shown - started) / 1000)} s: caseforge ${mb(s.own)} MB (peak ${mb(peak.own)}), workers ${mb(s.workers)} MB RSS (peak ${mb(peak.workers)}), ${mb(s.workersPss)} MB PSS with forks (peak ${mb(peak.workersPss)})\n`);
      }
    }, 250);
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearInterval(timer);
    if (code !== 0) throw new Error(`the run with --limit ${limit} exited ${code}`);
    const result = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    const line = {
      limit, ...result, peak_rss_mb: mb(peak.own), workers_peak_rss_mb: mb(peak.workers), workers_peak_pss_mb: mb(peak.workersPss),
      load_at_start: load, load_at_end: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    };
    process.stdout.write(JSON.stringify(line) + '\n');
    return line;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const small = await run(SMALL);
const large = await run(LARGE);
const ratio = (a: unknown, b: unknown) => Math.round(((a as number) / (b as number)) * 1000) / 1000;
const FIELDS = ['limit', 'processed', 'kept', 'seconds', 'functions_per_s', 'peak_rss_mb', 'memory_peaks_mb', 'workers_peak_rss_mb', 'workers_peak_pss_mb', 'cost', 'load_at_start', 'load_at_end'];
const pick = (r: Record<string, unknown>) => Object.fromEntries(FIELDS.map((k) => [k, r[k]]));
process.stdout.write(JSON.stringify({
  source: SOURCE, settings: SCALE_SETTINGS, small: pick(small), large: pick(large),
  ratio_rss: ratio(large.peak_rss_mb, small.peak_rss_mb),
  ratio_workers_rss: ratio(large.workers_peak_rss_mb, small.workers_peak_rss_mb),
  ratio_workers_pss: ratio(large.workers_peak_pss_mb, small.workers_peak_pss_mb),
  // dist-packages gives 5,543 functions in all: a larger --limit processes the whole corpus.
  large_limit_reached: (large.processed as number) >= LARGE,
  within_10pct: [large.peak_rss_mb, large.workers_peak_rss_mb].every((v, i) => (v as number) < 1.1 * ([small.peak_rss_mb, small.workers_peak_rss_mb][i] as number)),
}) + '\n');
