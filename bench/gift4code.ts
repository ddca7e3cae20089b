// Benchmark: the offline GIFT4Code default (the bundled vega-datasets contexts, every candidate
// executed and order-checked, every record re-checked in fresh sessions) into a temporary
// directory, then the order re-check of the finished run: every kept solution re-run with the rows
// of every frame in a random order no stage of the run used, counting the golds that change.
// Prints, last, one JSON object: the run's seconds and rates, the quality figures of report.json,
// and the re-check's counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecutor } from '../src/exec/executor.js';
import { readRowsAt } from '../src/store/read.js';
import {
  GIFT4CODE_PYTHON_DIR, GIFT4CODE_PYTHON_MODULES, recheckOrder, runGift4Code, vegaDataDir, type Gift4CodeRecord,
} from '../src/gift4code/index.js';

const keep = process.env.CASEFORGE_BENCH_KEEP === '1';
const out = mkdtempSync(join(tmpdir(), 'caseforge-g4c-bench-'));
const started = Date.now();
try {
  const { report } = await runGift4Code({ out, generator: 'offline', seed: 0 }, { onWarning: (m) => process.stderr.write(`warning: ${m}\n`) });
  const seconds = (Date.now() - started) / 1000;
  const peak = Math.max(report.run.peak_rss_mb, Math.round(process.resourceUsage().maxRSS / 1024));
  process.stderr.write(`contexts ${report.contexts.ok}/${report.contexts.total}, by spec ${JSON.stringify(report.samples.by_spec)}, out ${keep ? out : '(removed)'}\n`);
  const records = await readRowsAt<Gift4CodeRecord>(out);
  const recheckStarted = Date.now();
  const ex = await createExecutor({ pythonPath: [GIFT4CODE_PYTHON_DIR], preload: GIFT4CODE_PYTHON_MODULES, readOnlyPaths: [vegaDataDir()], seed: 0, fixedClock: 1_700_000_000 });
  let recheck;
  try {
    recheck = await recheckOrder(ex, records, { rootOf: () => vegaDataDir(), seed: 20_261_201 });
  } finally {
    await ex.close();
  }
  const q = report.quality;
  console.log(JSON.stringify({
    seconds: Math.round(seconds * 10) / 10,
    samples: report.samples.total,
    contexts: q.contexts,
    samples_per_s: Math.round((report.samples.total / seconds) * 10) / 10,
    executions_per_s: Math.round((report.run.executions / seconds) * 10) / 10,
    peak_rss_mb: peak,
    multi_step_share: q.multi_step_share,
    intent_templates: q.intent_templates,
    operation_families: q.operation_families,
    pandas_calls: q.pandas_calls,
    prompts_with_absolute_path: q.prompts_with_absolute_path,
    intents_with_two_golds: q.intents_with_two_golds,
    dropped_ambiguous_order: q.dropped_ambiguous_order,
    shuffled_recheck: { solutions: recheck.solutions, checked: recheck.checked, changed: recheck.changed, failed: recheck.failed, seconds: Math.round((Date.now() - recheckStarted) / 100) / 10 },
  }));
  if (recheck.examples.length) process.stderr.write(`recheck: ${recheck.examples.join('\n')}\n`);
} finally {
  if (!keep) rmSync(out, { recursive: true, force: true });
}
