// One Case2Code run of `npm run bench:scale` (a child process, so its peak memory is its own):
// `node dist/bench/scale-run.js SOURCE LIMIT OUT`. Prints the run's report figures as one JSON line,
// with the peaks of its own memory by kind (sampled every 250 ms): V8's heap (total and used), the
// memory V8 holds outside its heap (`external`, with Buffers' `arrayBuffers`), and the RSS they are
// part of, so a peak RSS that moves between runs can be told apart (a grown heap, or buffers).
import { runCase2Code } from '../src/case2code/index.js';
import { SCALE_SETTINGS } from './scale-settings.js';

const [source, limit, out] = process.argv.slice(2);
const started = Date.now();
const mb = (b: number) => Math.round((b / (1 << 20)) * 10) / 10;
const memory = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
let shown = started;
const timer = setInterval(() => {
  const m = process.memoryUsage();
  for (const k of Object.keys(memory) as Array<keyof typeof memory>) memory[k] = Math.max(memory[k], m[k]);
  if (Date.now() - shown >= 30_000) {
    shown = Date.now();
    process.stderr.write(`bench:scale --limit ${limit} at ${Math.round((shown - started) / 1000)} s: heap ${mb(m.heapUsed)} of ${mb(m.heapTotal)} MB, external ${mb(m.external)} MB (buffers ${mb(m.arrayBuffers)}), rss ${mb(m.rss)} MB\n`);
  }
}, 250);
timer.unref();
const report = await runCase2Code({ sources: [source], out, limit: Number(limit), ...SCALE_SETTINGS, progress: process.stderr.isTTY ?? false });
clearInterval(timer);
process.stdout.write(JSON.stringify({
  seconds: (Date.now() - started) / 1000, processed: report.stages.processed, kept: report.stages.kept, samples: report.stages.samples,
  failed: report.units.failed, functions_per_s: report.timing.functions_per_s, cost: report.cost, dropped: report.dropped,
  memory_peaks_mb: Object.fromEntries(Object.entries(memory).map(([k, v]) => [k, mb(v)])),
}) + '\n');
