// The executor: pools of warm, sandboxed Python workers per profile, call and program modes, and
// notebook sessions. Outcomes of user code are data (CallResult); only tool faults throw.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type {
  CallRequest, CallResult, ExecutorOptions, Isolation, Profile, ProgramRequest, ProgramResult, Session, SessionOptions,
} from './types.js';
import { normalizeOptions, type ResolvedOptions } from './options.js';
import { probeInterpreter, type InterpreterInfo } from './interpreter.js';
import { planSandbox, type SandboxPlan } from './sandbox.js';
import { workerEnvironment } from './environment.js';
import { resolveLimits } from './limits.js';
import { Pool } from './pool.js';
import type { WorkerSpec } from './worker-process.js';
import { toCallResult, toProgramResult } from './result.js';
import { NotebookSession } from './session.js';
import { ExecutorError } from './errors.js';
import { nextIdentity, runningAsRoot } from './identity.js';

export interface Executor {
  readonly isolation: Isolation;
  readonly python: string;
  readonly pythonVersion: string;
  run(req: CallRequest): Promise<CallResult>;
  runProgram(req: ProgramRequest): Promise<ProgramResult>;
  openSession(opts?: SessionOptions): Promise<Session>;
  /** Pool workers replaced since the executor started (died, or retired after maxRequestsPerWorker). */
  workerRestarts(): number;
  close(): Promise<void>;
}

const PYTHON_DIR = fileURLToPath(new URL('./python/', import.meta.url));
/** Extra seconds the Node-side watchdog allows beyond a request's own limits. */
const WATCHDOG_SLACK_MS = 30_000;
/** A step the wall deadline stopped while starved of CPU runs again with a longer deadline (the
 *  worker's STARVED_RETRIES times at most a request, each at most STARVED_MAX_FACTOR times longer). */
const STARVED_ALLOWANCE = 2 * 8;
class SandboxedExecutor implements Executor {
  readonly isolation: Isolation;
  private readonly pools = new Map<Profile, Pool>();
  private readonly sessions = new Set<NotebookSession>();
  private readonly hostTmp?: string;
  private closed = false;

  constructor(private readonly opts: ResolvedOptions, private readonly interp: InterpreterInfo, private readonly plan: SandboxPlan) {
    this.isolation = plan.isolation;
    if (plan.isolation === 'degraded') this.hostTmp = mkdtempSync(join(tmpdir(), 'caseforge-'));
  }

  get python(): string { return this.interp.path; }
  get pythonVersion(): string { return this.interp.version; }

  workerSpec(profile: Profile, session: boolean): WorkerSpec {
    const config: Record<string, unknown> = {
      tmp_dir: this.hostTmp ? join(this.hostTmp, `w${randomUUID()}`) : '/tmp/cf',
      child_uid: nextIdentity(),
      python_path: [PYTHON_DIR, ...this.opts.pythonPath],
      profile,
      preload: this.opts.preload,
      fixed_clock: this.opts.fixedClock ?? null,
      pid_namespace: this.plan.pidNamespace,
      session,
      seed: this.opts.seed,
    };
    return {
      argv: [...this.plan.prefix, this.interp.path, '-s', '-B', join(PYTHON_DIR, 'cf_worker.py')],
      env: workerEnvironment(process.env, { tz: this.opts.tz, locale: this.opts.locale, localeDir: this.opts.localeDir }),
      config,
      startTimeoutMs: 120_000,
    };
  }

  private pool(profile: Profile): Pool {
    if (this.closed) throw new ExecutorError('executor is closed', { code: 'internal' });
    let pool = this.pools.get(profile);
    if (!pool) {
      pool = new Pool({
        size: this.opts.workers,
        depth: 2,
        maxRequests: this.opts.maxRequestsPerWorker,
        spec: () => this.workerSpec(profile, false),
      });
      this.pools.set(profile, pool);
    }
    return pool;
  }

  async run(req: CallRequest): Promise<CallResult> {
    const limits = resolveLimits(this.opts.limits, req.limits);
    const pool = this.pool(req.profile ?? 'plain');
    await pool.start();
    const raw = await pool.submit(
      {
        op: 'call', code: req.code, call: req.call ?? null, limits, seed: req.seed ?? this.opts.seed, trace: !!req.traceLines,
        ...(req.precompile?.length ? { precompile: req.precompile } : {}),
      },
      (1 + STARVED_ALLOWANCE) * limits.timeoutMs + WATCHDOG_SLACK_MS,
    );
    return toCallResult(raw);
  }

  async runProgram(req: ProgramRequest): Promise<ProgramResult> {
    const limits = resolveLimits(this.opts.limits, req.limits);
    const setup = req.setupLimits && resolveLimits(this.opts.limits, req.limits, req.setupLimits);
    const pool = this.pool(req.profile ?? 'plain');
    await pool.start();
    const raw = await pool.submit(
      {
        op: 'program', code: req.code, calls: req.calls, limits, seed: req.seed ?? this.opts.seed, trace: !!req.traceLines,
        ...(setup ? { setup_limits: setup } : {}),
        ...(req.stopAfter ? { stop_after: [req.stopAfter.calls, req.stopAfter.timeouts] } : {}),
        ...(req.stopAfter?.work ? { stop_work: [req.stopAfter.work.limit, req.stopAfter.work.perCall, req.stopAfter.work.perTimeout] } : {}),
      },
      (req.calls.length + 1 + STARVED_ALLOWANCE) * (Math.max(limits.timeoutMs, setup?.timeoutMs ?? 0) + 1000) + WATCHDOG_SLACK_MS,
    );
    return toProgramResult(raw, req.calls.length);
  }

  async openSession(sopts: SessionOptions = {}): Promise<Session> {
    if (this.closed) throw new ExecutorError('executor is closed', { code: 'internal' });
    const session = new NotebookSession(
      this.workerSpec(sopts.profile ?? 'datasci', true),
      resolveLimits(this.opts.limits, sopts.limits),
      sopts.seed ?? this.opts.seed,
      () => this.sessions.delete(session),
    );
    await session.start();
    this.sessions.add(session);
    return session;
  }

  workerRestarts(): number {
    let n = 0;
    for (const pool of this.pools.values()) n += pool.replaced;
    return n;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.pools.values()].map((p) => p.close()));
    await Promise.all([...this.sessions].map((s) => s.close()));
    if (this.hostTmp) rmSync(this.hostTmp, { recursive: true, force: true });
  }
}

let warned = false;

/** The checks every executor of this process shares, made once (the interpreter's facts, whether
 *  bubblewrap works: each a process started and waited for, blocking): a long-lived process (a queue
 *  worker) makes them while it waits, not when its first run starts. Throws what createExecutor would. */
export function probeSandbox(options: ExecutorOptions = {}): void {
  const opts = normalizeOptions(options);
  const interp = probeInterpreter(opts.python);
  planSandbox(opts.requireIsolation ? 'bwrap' : opts.isolation, [...interp.roots, PYTHON_DIR, ...opts.pythonPath, ...opts.readOnlyPaths], runningAsRoot());
}

export async function createExecutor(options: ExecutorOptions = {}): Promise<Executor> {
  const opts = normalizeOptions(options);
  const interp = probeInterpreter(opts.python);
  const readOnly = [...interp.roots, PYTHON_DIR, ...opts.pythonPath, ...opts.readOnlyPaths];
  const plan = planSandbox(opts.requireIsolation ? 'bwrap' : opts.isolation, readOnly, runningAsRoot());
  if (plan.isolation === 'degraded' && !warned) {
    warned = true;
    opts.onWarning(`isolation: degraded (${plan.reason}). Code runs with CPU, memory, process and output limits `
      + 'but WITHOUT network or filesystem isolation. Install bubblewrap, or pass --require-isolation to refuse to run.');
  }
  return new SandboxedExecutor(opts, interp, plan);
}
