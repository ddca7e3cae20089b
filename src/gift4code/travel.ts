// A context on the queue (`gift4code --queue`): what a worker needs to process it as the local run
// would, and the worker's side of it. The cells are portable already (DATA_ROOT holds a
// placeholder); the data travel with the job through Redis (queue/files.ts): a dataset context's
// data files, or a notebook context's whole folder (its cells may read any file there, as they may
// in the local sandbox). The worker writes them under a folder of its own, points DATA_ROOT there,
// and processes the context with the local run's own function (unit.ts).
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CaseforgeError } from '../errors.js';
import type { SandboxChoice } from '../exec/types.js';
import { MAX_TRAVEL_BYTES, sha256File, type LocalFile, type TravelFile } from '../queue/files.js';
import { contentId } from '../store/hash.js';
import type { UnitLine } from '../store/unitlog.js';
import type { ResolvedOptions } from './options.js';
import type { ContextSpec } from './types.js';
import { contextExecutor, contextUnit, generatorFor, workLogPath, type ContextUnit } from './unit.js';

/** A context as a job carries it: no path of the coordinator's machine. */
export interface ContextJob {
  ctx: Omit<ContextSpec, 'root'> & { root: { label: string; key: string } };
  files: TravelFile[];
}

/** A worker's answer: the unit line, the executions it took, and the folder the context's data
 *  were in there (the coordinator puts its own in its place in any text that names it). */
export interface QueuedContext {
  line: UnitLine<ContextUnit>;
  executions: number;
  root: string;
}

/** A worker's folder: `caseforge-gift4code-PID-XXXXXX` under the system's temporary folder. */
const FOLDER_PREFIX = 'caseforge-gift4code-';

/** Folders of workers that died without closing (SIGKILL): their copies of the data go. */
function removeOrphans(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(new RegExp(`^${FOLDER_PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try { process.kill(pid, 0); } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

/** Folder depth a notebook context's files are carried to (its folder is depth 0). */
const NOTEBOOK_DEPTH = 4;

/** The files a context's cells may read: its datasets, or everything in a notebook's folder (but
 *  hidden entries, such as `.ipynb_checkpoints`). */
export function contextFiles(ctx: ContextSpec): string[] {
  if (ctx.kind === 'datasets') return ctx.datasets.map((d) => d.file);
  const out: string[] = [];
  const walk = (rel: string, depth: number) => {
    for (const name of readdirSync(join(ctx.root.path, rel)).sort()) {
      if (name.startsWith('.')) continue;
      const r = rel ? `${rel}/${name}` : name;
      let s;
      try { s = statSync(join(ctx.root.path, r)); } catch { continue; } // a dangling link: nothing to read there either
      if (s.isDirectory()) { if (depth < NOTEBOOK_DEPTH) walk(r, depth + 1); }
      else if (s.isFile()) out.push(r);
    }
  };
  walk('', 0);
  return out;
}

/** The coordinator's side: a context to its job and the files to upload (each file hashed once). */
export class ContextPacker {
  private readonly hashed = new Map<string, { sha: string; bytes: number }>();

  pack(ctx: ContextSpec): { job: ContextJob; files: LocalFile[] } {
    const travel: TravelFile[] = [];
    const files: LocalFile[] = [];
    for (const path of contextFiles(ctx)) {
      const source = join(ctx.root.path, path);
      let h = this.hashed.get(source);
      if (!h) {
        const size = statSync(source).size;
        if (size > MAX_TRAVEL_BYTES) throw new CaseforgeError('input', `${source} is ${size} bytes, over the ${MAX_TRAVEL_BYTES} a queued run carries (run this context without --queue)`);
        h = sha256File(source);
        this.hashed.set(source, h);
      }
      travel.push({ path, ...h });
      files.push({ sha: h.sha, source });
    }
    const { root, ...rest } = ctx;
    return { job: { ctx: { ...rest, root: { label: root.label, key: contentId(root.path) } }, files: travel }, files };
  }
}

/** Text of `line` with the worker's data folder named as this machine's (an error that quotes a
 *  data file's path reads as the local run's). */
export function relocate(q: QueuedContext, localRoot: string): UnitLine<ContextUnit> {
  const esc = (p: string) => JSON.stringify(p).slice(1, -1);
  const text = JSON.stringify(q.line);
  return text.includes(esc(q.root)) ? JSON.parse(text.split(esc(q.root)).join(esc(localRoot))) as UnitLine<ContextUnit> : q.line;
}

export interface ContextWorkerEnv {
  workers: number;
  sandbox: SandboxChoice;
  fetchFile: (sha: string) => Promise<Buffer>;
}

/** A worker's processing of one run's contexts: the local run's executor settings and generator,
 *  over a folder of this machine that receives the data as jobs name them. */
export async function openContextWorker(opts: ResolvedOptions, env: ContextWorkerEnv): Promise<{ process: (job: ContextJob, order: number) => Promise<QueuedContext>; close: () => Promise<void> }> {
  removeOrphans();
  const dir = mkdtempSync(join(tmpdir(), `${FOLDER_PREFIX}${process.pid}-`));
  const data = join(dir, 'data');
  const workDir = join(dir, 'contexts');
  mkdirSync(data);
  let ex;
  try {
    ex = await contextExecutor(opts, [data], env.sandbox, { workers: env.workers });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const generator = generatorFor(opts, {});
  // What each path holds now, written or being written (two contexts of one folder at once).
  const written = new Map<string, { sha: string; done: Promise<void> }>();
  const place = (path: string, f: TravelFile): Promise<void> => {
    const w = written.get(path);
    if (w?.sha === f.sha) return w.done;
    const done = (w?.done ?? Promise.resolve()).catch(() => undefined).then(async () => {
      const bytes = await env.fetchFile(f.sha);
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.part`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, path);
    });
    written.set(path, { sha: f.sha, done });
    done.catch(() => { if (written.get(path)?.done === done) written.delete(path); });
    return done;
  };
  const executor = ex;
  return {
    async process(job, order) {
      const root = join(data, job.ctx.root.key);
      await Promise.all(job.files.map((f) => place(join(root, ...f.path.split('/')), f)));
      const ctx: ContextSpec = { ...job.ctx, root: { label: job.ctx.root.label, path: root } };
      // The job's answer carries the context's outcome: its log here only serves this attempt.
      rmSync(workLogPath(workDir, ctx.id), { force: true });
      const stats = { executions: 0 };
      const line = await contextUnit(ctx, order, { ex: executor, opts, generator, workDir, stats });
      rmSync(workLogPath(workDir, ctx.id), { force: true });
      return { line, executions: stats.executions, root };
    },
    async close() {
      await executor.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
