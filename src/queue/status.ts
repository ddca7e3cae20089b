// `caseforge queue status`: the runs on a Redis, each with its queue's job counts and workers.
import { Queue } from 'bullmq';
import { PREFIX, RUNS_KEY, assertReachable, connect, readRunInfo, redisOptions, type RunInfo, workerOf } from './protocol.js';

export interface RunStatus {
  queue: string;
  info?: RunInfo;
  counts: Record<string, number>;
  workers: string[];
}

export async function queueStatus(url: string): Promise<RunStatus[]> {
  await assertReachable(url);
  const redis = connect(url);
  try {
    const out: RunStatus[] = [];
    for (const name of (await redis.smembers(RUNS_KEY)).sort()) {
      const queue = new Queue(name, { connection: redisOptions(url), prefix: PREFIX });
      try {
        const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed');
        const workers = [...new Set((await queue.getWorkers()).map(workerOf))];
        // The run's options are for workers; the status names the run.
        const { config: _config, ...info } = (await readRunInfo(redis, name)) ?? {};
        out.push({ queue: name, info: 'pipeline' in info ? info as RunInfo : undefined, counts, workers });
      } finally {
        await queue.close();
      }
    }
    return out;
  } finally {
    redis.disconnect();
  }
}

/** One block per run: what it is, its counts (completed: results not yet collected) and its workers. */
export function formatStatus(url: string, runs: RunStatus[]): string {
  if (runs.length === 0) return `${url}: no runs on the queue\n`;
  return runs.map((r) => {
    const c = r.counts;
    const head = r.info ? `${r.queue}  ${r.info.pipeline} -> ${r.info.out} (coordinator on ${r.info.host}, since ${new Date(r.info.started).toISOString()})` : `${r.queue}  (no run information)`;
    return `${head}\n  jobs: waiting ${(c.waiting ?? 0) + (c.prioritized ?? 0)}, delayed ${c.delayed ?? 0}, active ${c.active ?? 0}, finished and not yet collected ${c.completed ?? 0}, failed ${c.failed ?? 0}\n  workers: ${r.workers.length}${r.workers.length ? ` (${r.workers.join(', ')})` : ''}\n`;
  }).join('');
}
