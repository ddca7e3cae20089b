// `caseforge worker`: takes jobs of every run on a Redis queue and runs them in this machine's
// sandbox; SIGTERM (or Ctrl-C) drains, a second one gives the jobs back at once.
import type { Command } from 'commander';
import { intFlag } from './flags.js';
import { addSandboxOptions, sandboxFrom } from './executor-options.js';
import { HANDLERS } from '../queue/pipelines.js';
import { QueueWorker } from '../queue/worker.js';

const int = intFlag;

export function registerWorkerCommand(program: Command): Command {
  const cmd = program
    .command('worker')
    .description('take jobs from every caseforge run on a Redis queue and run them here')
    .requiredOption('--queue <url>', 'redis://HOST:PORT[/DB]')
    .option('--concurrency <n>', 'jobs taken at once from each run (default 2)', int('concurrency'))
    .option('--workers <n>', 'sandbox workers of each run\'s executor (default 2)', int('workers'))
    .option('--units-in-flight <n>', 'units run at once over all jobs (default: three per sandbox worker)', int('units-in-flight'))
    .option('--idle-exit <seconds>', 'exit once no run has been on the queue for this long (default: never)', int('idle-exit'))
    .option('--no-progress', 'no log lines');
  addSandboxOptions(cmd);
  cmd.action(async (o: Record<string, unknown>) => {
    const worker = new QueueWorker({
      url: o.queue as string, concurrency: o.concurrency as number | undefined, workers: o.workers as number | undefined,
      unitsInFlight: o.unitsInFlight as number | undefined, progress: o.progress !== false,
      idleExitMs: o.idleExit !== undefined ? (o.idleExit as number) * 1000 : undefined,
    }, HANDLERS, sandboxFrom(o));
    const stop = () => worker.stop();
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    try {
      await worker.run();
    } finally {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
    }
  });
  return cmd;
}
