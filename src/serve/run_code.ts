// POST /run_code: SandboxFusion's request and response, so a tool written for SandboxFusion works
// unchanged. The code runs as a script (cf_serve_run.py) in one call forked from a warm worker; the
// sandbox's outcome is told the way SandboxFusion tells a process's: `Finished` with the exit status,
// `TimeLimitExceeded`, and, beyond SandboxFusion's statuses, `MemoryLimitExceeded` and
// `OutputLimitExceeded` where it would have let the process take the machine's memory.
import { z } from 'zod';
import type { CallRequest, CallResult, Profile } from '../exec/types.js';
import { pyStr } from '../values/pyliteral.js';
import { RequestFault, parseOr400 } from './errors.js';

const FileName = z.string().min(1).refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), {
  message: 'must be a relative path inside the working directory (no leading /, no ..)',
});

export const RunCodeSchema = z.object({
  code: z.string(),
  language: z.string(),
  run_timeout: z.number().positive().optional(),
  /** Compiled languages only in SandboxFusion; accepted and unused here. */
  compile_timeout: z.number().optional(),
  /** -1 (SandboxFusion's default) or absent: the server's default limit. */
  memory_limit_MB: z.number().optional(),
  stdin: z.string().nullable().optional(),
  files: z.record(FileName, z.base64().nullable()).optional(),
  fetch_files: z.array(z.string().min(1)).optional(),
  /** caseforge's own: which warm pool runs the code (default: datasci when it imports pandas or numpy and the server has that pool). */
  profile: z.enum(['plain', 'datasci']).optional(),
});
export type RunCodeRequest = z.infer<typeof RunCodeSchema>;

export type RunStatus = 'Finished' | 'TimeLimitExceeded' | 'MemoryLimitExceeded' | 'OutputLimitExceeded' | 'Error';

export interface CommandRunResult {
  status: RunStatus;
  execution_time: number;
  return_code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunCodeResponse {
  status: 'Success' | 'Failed' | 'SandboxError';
  message: string;
  compile_result: null;
  run_result: CommandRunResult | null;
  executor_pod_name: null;
  files: Record<string, string>;
}

export const DEFAULT_RUN_TIMEOUT_S = 10;
const DATASCI_IMPORT = /^\s*(?:import|from)\s+(?:pandas|numpy|scipy|sklearn|matplotlib)\b/m;
/** Fetched files travel back inside the call's value; room for them up to this size. */
const FETCH_BYTES = 64 << 20;

export interface RunCodePlan {
  call: CallRequest;
  profile: Profile;
}

/** Checks a request and turns it into one sandbox call; throws a 400 naming the field at fault. */
export function planRunCode(body: unknown, opts: { maxRunTimeoutS: number; datasci: boolean }): RunCodePlan {
  const req = parseOr400(RunCodeSchema, body);
  if (req.language !== 'python' && req.language !== 'python3') {
    throw new RequestFault(400, `language: '${req.language}' is not supported: caseforge serve runs Python only (language "python")`, 'language');
  }
  const timeoutS = req.run_timeout ?? DEFAULT_RUN_TIMEOUT_S;
  if (timeoutS > opts.maxRunTimeoutS) {
    throw new RequestFault(400, `run_timeout: ${timeoutS} s is over this server's limit of ${opts.maxRunTimeoutS} s`, 'run_timeout');
  }
  const profile: Profile = req.profile ?? (opts.datasci && DATASCI_IMPORT.test(req.code) ? 'datasci' : 'plain');
  if (profile === 'datasci' && !opts.datasci) {
    throw new RequestFault(400, 'profile: datasci needs a server started with --datasci', 'profile');
  }
  const memory = req.memory_limit_MB !== undefined && req.memory_limit_MB > 0 ? req.memory_limit_MB : undefined;
  const payload = JSON.stringify({ code: req.code, stdin: req.stdin ?? null, files: req.files ?? {}, fetch_files: req.fetch_files ?? [] });
  return {
    profile,
    call: {
      code: `__import__('cf_serve_run').run(${pyStr(payload)})`,
      profile,
      limits: { timeoutMs: timeoutS * 1000, cpuMs: timeoutS * 1000, memoryMb: memory, valueBytes: FETCH_BYTES },
    },
  };
}

function seconds(r: CallResult): number {
  return Math.round(r.wallMs) / 1000;
}

/** stderr with the MemoryError the executor caught, printed as the interpreter prints it for a
 * script (frames from the script on; the script runner's own are left out). */
function withMemoryError(r: CallResult): string {
  const tb = r.exception?.traceback ?? '';
  const at = tb.indexOf('  File "main.py"');
  if (at < 0) return r.stderr + (tb || 'MemoryError\n');
  return `${r.stderr}Traceback (most recent call last):\n${tb.slice(at)}`;
}

/** `exited with code 3 without a result` -> 3; `killed by signal SIGSEGV` -> -11 (subprocess's convention). */
function crashStatus(message: string): number | undefined {
  const exit = /exited with code (\d+)/.exec(message);
  if (exit) return Number(exit[1]);
  const sig = /killed by signal (\w+)/.exec(message);
  if (!sig) return undefined;
  const names: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGXCPU: 24, SIGXFSZ: 25, SIGSYS: 31 };
  const n = /^\d+$/.test(sig[1]) ? Number(sig[1]) : names[sig[1]];
  return n === undefined ? undefined : -n;
}

function response(status: RunCodeResponse['status'], run: CommandRunResult | null, message = '', files: Record<string, string> = {}): RunCodeResponse {
  return { status, message, compile_result: null, run_result: run, executor_pod_name: null, files };
}

function finished(r: CallResult, code: number, stderr = r.stderr, files: Record<string, string> = {}): RunCodeResponse {
  const run: CommandRunResult = { status: 'Finished', execution_time: seconds(r), return_code: code, stdout: r.stdout, stderr };
  return response(code === 0 ? 'Success' : 'Failed', run, '', files);
}

function limited(r: CallResult, status: RunStatus, stderr = r.stderr): RunCodeResponse {
  return response('Failed', { status, execution_time: seconds(r), return_code: null, stdout: r.stdout, stderr });
}

/** The sandbox's result of a /run_code call, told in SandboxFusion's terms. */
export function runCodeResponse(r: CallResult): RunCodeResponse {
  switch (r.status) {
    case 'ok': {
      const v = r.value;
      if (v?.value.t !== 'str' || v.flags?.truncated) {
        return response('SandboxError', null, v?.flags?.truncated ? `fetched files exceed ${FETCH_BYTES >> 20} MB` : 'the script runner returned no result');
      }
      const out = JSON.parse(v.value.v) as { return_code: number; files: Record<string, string> };
      return finished(r, out.return_code, r.stderr, out.files);
    }
    case 'timeout': return limited(r, 'TimeLimitExceeded');
    case 'memory': return limited(r, 'MemoryLimitExceeded', withMemoryError(r));
    case 'output_limit': return limited(r, 'OutputLimitExceeded');
    case 'error':
      // A BaseException the script runner lets through (KeyboardInterrupt, GeneratorExit...): the
      // interpreter would print it and exit 1.
      return finished(r, 1, r.stderr + (r.exception?.traceback ?? ''));
    case 'crash': {
      const message = r.exception?.message ?? 'crashed';
      const code = r.exception?.type === 'Crash' ? crashStatus(message) : undefined;
      if (code !== undefined) return finished(r, code);
      return response('SandboxError', null, `the sandbox lost this run: ${message}`);
    }
  }
}
