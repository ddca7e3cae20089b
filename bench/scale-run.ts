// One Case2Code run of `npm run bench:scale` (a child process, so its peak memory is its own):
// `node dist/bench/scale-run.js SOURCE LIMIT OUT`. Prints the run's report figures as one JSON line.
import { runCase2Code } from '../src/case2code/index.js';
import { SCALE_SETTINGS } from './scale-settings.js';

const [source, limit, out] = process.argv.slice(2);
const started = Date.now();
const report = await runCase2Code({ sources: [source], out, limit: Number(limit), ...SCALE_SETTINGS, progress: process.stderr.isTTY ?? false });
process.stdout.write(JSON.stringify({
  seconds: (Date.now() - started) / 1000, processed: report.stages.processed, kept: report.stages.kept, samples: report.stages.samples,
  failed: report.units.failed, functions_per_s: report.timing.functions_per_s, cost: report.cost, dropped: report.dropped,
}) + '\n');
