// `caseforge queue status redis://...`: the runs on a queue and their counts.
import type { Command } from 'commander';
import { formatStatus, queueStatus } from '../queue/status.js';

export function registerQueueCommand(program: Command): Command {
  const cmd = program.command('queue').description('look at the runs on a Redis queue');
  cmd
    .command('status')
    .description('print each run on the queue: its pipeline, output folder, job counts and workers')
    .argument('<url>', 'redis://HOST:PORT[/DB]')
    .option('--json', 'JSON instead of text')
    .action(async (url: string, o: { json?: boolean }) => {
      const runs = await queueStatus(url);
      process.stdout.write(o.json ? JSON.stringify(runs, null, 2) + '\n' : formatStatus(url, runs));
    });
  return cmd;
}
