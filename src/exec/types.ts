// The executor's public data: options, limits, requests and results. Outcomes are data (one shape
// for success and failure); only faults of the tool itself throw (ExecutorError).
import type { CanonicalValue } from '../values/types.js';

/** `plain`: no heavy imports. `datasci`: pandas and numpy preloaded, one BLAS/OpenMP thread. */
export type Profile = 'plain' | 'datasci';

export type CallStatus = 'ok' | 'error' | 'timeout' | 'memory' | 'output_limit' | 'crash';

export interface Limits {
  /** Wall deadline; past it the call's whole process group gets SIGKILL. */
  timeoutMs: number;
  /** CPU time of the call. */
  cpuMs: number;
  /** Address space the call may add on top of the worker's own size. */
  memoryMb: number;
  /** Cap on captured stdout and on stderr (each); over it the status is `output_limit`. */
  outputBytes: number;
  /** Cap on the repr and typed value of the result; over it they are cut and flagged. */
  valueBytes: number;
  /** Processes (and threads) the call may have at once, itself included. */
  maxProcesses: number;
  /** Largest file the call may write in its private directory. */
  fileBytes: number;
  /** Interpreter steps the call may take (absent: no limit): lines run in the program's code plus
   *  8 for each Python frame entered anywhere. Past it the call is a `timeout`, as on a busy machine
   *  as on a quiet one (CPU time varies with the load; steps do not). */
  steps?: number;
}

export interface ExceptionInfo {
  /** Qualified name, e.g. `ZeroDivisionError` or `json.decoder.JSONDecodeError`. */
  type: string;
  message: string;
  traceback: string;
  /** Where it was raised (the innermost frame), when the traceback could be read. */
  origin?: ExceptionOrigin;
}

export interface ExceptionOrigin {
  /** `raise`: a raise or assert statement; `interpreter`: an operation or a C function refused its operands. */
  kind: 'raise' | 'interpreter';
  /** `program`: the request's code; `call`: the call expression; `library`: a module it imported. */
  where: 'program' | 'call' | 'library';
  /** Line of the raising frame (in the program when `where` is `program`). */
  line: number;
  /** The exception is a ValueError or ArithmeticError (a value refused, not a type). */
  value_error: boolean;
}

export interface CallResult {
  status: CallStatus;
  /** Present when status is `ok` and there was a value (a `call`, or a last expression). */
  value?: CanonicalValue;
  exception?: ExceptionInfo;
  stdout: string;
  stderr: string;
  /** Set when stdout/stderr were cut at `outputBytes`. */
  outputTruncated?: boolean;
  cpuMs: number;
  wallMs: number;
  /** Executed line numbers of the program's code (1-based), when `traceLines` was asked for. */
  lines?: number[];
  /** Interpreter steps the call took (see `Limits.steps`), when it was traced or step-limited. */
  steps?: number;
}

/** One call-mode request: fresh process state, forked from a warm worker. */
export interface CallRequest {
  code: string;
  /** A Python expression evaluated after `code` runs; without it the code's last expression is the value. */
  call?: string;
  profile?: Profile;
  limits?: Partial<Limits>;
  /** Seed for `random` and numpy in this call (default: the executor's seed). */
  seed?: number;
  traceLines?: boolean;
  /** Source texts the warm worker compiles (exec mode) before it forks, each bound in the call's
   *  globals under `name`: its code object, or the exception compiling it raised, for the call to
   *  run or report as it sees fit. A harness that runs a program under its own rules takes it so,
   *  sparing the child the compiler's copy-on-write faults. */
  precompile?: PrecompiledSource[];
}

export interface PrecompiledSource {
  /** The global the code object (or the compile error) is bound to. */
  name: string;
  source: string;
  /** The file name its code and tracebacks carry, e.g. `<candidate>`. */
  filename: string;
}

/** Program mode: one forked child defines `code` once and runs `calls` in order. */
export interface ProgramRequest {
  code: string;
  /** Python expressions, each evaluated in the program's globals with its own limits and output. */
  calls: string[];
  profile?: Profile;
  limits?: Partial<Limits>;
  /** Limits of defining `code` (its imports), over `limits`: a caller that holds the calls to tight
   *  limits need not hold the program's imports to them. */
  setupLimits?: Partial<Limits>;
  /** A probe: the `timeouts`-th timeout among the first `calls` calls ends the request there, and
   *  `ProgramResult.calls` lists only the calls run. `work`: a budget in steps (deterministic, unlike
   *  time): the call that brings the calls' work past `limit` is the last one run, a call's work being
   *  its steps plus `perCall`, or `perTimeout` if it timed out (the steps it reached before a CPU or
   *  wall limit follow the machine). The definition is not counted. */
  stopAfter?: { calls: number; timeouts: number; work?: { limit: number; perCall: number; perTimeout: number } };
  seed?: number;
  /** Record executed lines of `code` per call (slower; for coverage). */
  traceLines?: boolean;
}

export interface ProgramResult {
  /** How defining the program went; if it failed, every call carries the same failure. */
  setup: CallResult;
  /** One a call, in order (fewer only where `stopAfter` ended the request). */
  calls: CallResult[];
  /** Children forked for this program (1, plus one per call that killed its child). */
  forks: number;
  /** How long the request held its worker (forks, definition, every call, reporting). */
  wallMs: number;
}

export type IsolationMode = 'auto' | 'bwrap' | 'none';

export interface ExecutorOptions {
  /** Interpreter; default Debian's /usr/bin/python3 (PATH's python3 may be a shim without pandas). */
  python?: string;
  /** Workers per profile pool (default: number of cores). */
  workers?: number;
  /** `auto`: bubblewrap when it works, else degraded with a loud warning. */
  isolation?: IsolationMode;
  /** Refuse to run without bubblewrap instead of degrading. */
  requireIsolation?: boolean;
  limits?: Partial<Limits>;
  seed?: number;
  /** Freeze time.time()/datetime.now() at this Unix time (seconds) in every call, and the monotonic,
   *  performance and CPU-time counters at values that follow it. */
  fixedClock?: number;
  /** The time zone calls see (`TZ`; default `UTC`). */
  tz?: string;
  /** The locale calls see (`LANG`, `LC_ALL`; default `C.UTF-8`). */
  locale?: string;
  /** A folder of compiled locales (glibc's `LOCPATH`) holding `locale`, mounted read-only in the sandbox. */
  localeDir?: string;
  /** Host paths mounted read-only inside the sandbox at the same path (data for contexts). */
  readOnlyPaths?: string[];
  /** Extra directories on the workers' sys.path (read-only inside the sandbox), e.g. a module's python/ folder. */
  pythonPath?: string[];
  /** Modules imported once in each warm worker before any fork, so calls that use them pay nothing. */
  preload?: string[];
  /** Recycle a worker after this many requests (guards against slow leaks in the parent). */
  maxRequestsPerWorker?: number;
  /** Called once with a warning the user must see (e.g. degraded isolation). */
  onWarning?: (message: string) => void;
}

export type Isolation = 'bwrap' | 'degraded';

/** The user's choice of interpreter and isolation, handed through pipelines to every executor they start. */
export type SandboxChoice = Pick<ExecutorOptions, 'python' | 'isolation' | 'requireIsolation'>;

/** A stateful notebook-like session: cells share state; sessions are isolated from each other. */
export interface Session {
  readonly id: string;
  /** Run a cell; its last expression (if any) is the value. State persists on success or error. */
  runCell(code: string, limits?: Partial<Limits>): Promise<CallResult>;
  /** Evaluate an expression in the session's state without changing it (runs in a forked child). */
  inspect(expr: string, limits?: Partial<Limits>): Promise<CallResult>;
  /** Run code in a child forked from the session's current state; the session itself is untouched. */
  runIsolated(code: string, call?: string, limits?: Partial<Limits>): Promise<CallResult>;
  /** False once a cell killed the session (timeout, memory, crash); later cells then get `crash`. */
  readonly alive: boolean;
  close(): Promise<void>;
}

export interface SessionOptions {
  profile?: Profile;
  limits?: Partial<Limits>;
  seed?: number;
}
