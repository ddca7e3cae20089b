// Flags shared by every command that runs code: interpreter and isolation (all of them), plus
// workers and default limits (`exec`; the pipelines set their own limits per stage).
import type { Command } from 'commander';
import type { ExecutorOptions, SandboxChoice } from '../exec/types.js';

export function addSandboxOptions(cmd: Command): Command {
  return cmd
    .option('--python <path>', 'Python interpreter (default: Debian\'s /usr/bin/python3; env CASEFORGE_PYTHON)', process.env.CASEFORGE_PYTHON)
    .option('--isolation <mode>', 'auto | bwrap | none', 'auto')
    .option('--require-isolation', 'refuse to run without bubblewrap', false);
}

export function sandboxFrom(o: Record<string, unknown>): SandboxChoice {
  return {
    python: (o.python as string | undefined) || undefined, // an empty CASEFORGE_PYTHON means the default
    isolation: o.isolation as SandboxChoice['isolation'],
    requireIsolation: Boolean(o.requireIsolation),
  };
}

export function addExecutorOptions(cmd: Command): Command {
  return addSandboxOptions(cmd)
    .option('--workers <n>', 'workers per profile (default: number of cores)', (v) => parseInt(v, 10))
    .option('--timeout-ms <ms>', 'default wall deadline per call', (v) => parseInt(v, 10))
    .option('--memory-mb <mb>', 'default memory per call, beyond the worker\'s own size', (v) => parseInt(v, 10))
    .option('--fixed-clock <unix-seconds>', 'freeze time.time() and datetime.now() in every call', (v) => Number(v));
}

export function executorOptionsFrom(o: Record<string, unknown>): ExecutorOptions {
  return {
    ...sandboxFrom(o),
    workers: o.workers as number | undefined,
    fixedClock: o.fixedClock as number | undefined,
    limits: { timeoutMs: o.timeoutMs as number | undefined, memoryMb: o.memoryMb as number | undefined },
  };
}
