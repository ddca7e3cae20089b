// `caseforge eval BENCH`: score a model, a predictions file or the reference answers on a benchmark
// by execution. Parsing and progress only; the work is src/eval's.
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { addSandboxOptions, sandboxFrom } from './executor-options.js';
import { addEndpointOptions, endpointFromOptions, LlmClient } from '../llm/index.js';
import { BENCH_NAMES, EvalError, evaluate, isBenchName, type AnswerSource, type EvalSummary, type SpecChoice } from '../eval/index.js';

interface EvalFlags {
  data?: string;
  predictions?: string;
  model?: string;
  gold?: boolean;
  n?: string;
  k: string;
  out: string;
  workers?: string;
  spec: SpecChoice;
  dataRoot?: string;
  limit?: string;
  sharedData?: string;
  cacheDir?: string;
  temperature?: string;
  maxTokens?: string;
  force?: boolean;
  queue?: string;
  shardSize?: string;
  [key: string]: unknown;
}

/** The project's `../shared/data` (from dist/src/cli/). */
const SHARED_DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new EvalError(`${name} must be an integer, got '${v}'`);
  return n;
}

function sourceOf(flags: EvalFlags, env: NodeJS.ProcessEnv): AnswerSource {
  const chosen = [flags.predictions !== undefined, flags.model !== undefined, flags.gold === true].filter(Boolean).length;
  if (chosen !== 1) throw new EvalError('give exactly one of --predictions FILE, --model NAME or --gold');
  if (flags.gold) return { kind: 'gold' };
  if (flags.predictions) return { kind: 'predictions', path: flags.predictions };
  const endpoint = endpointFromOptions(flags, env, 'default', { requireModel: true });
  const client = new LlmClient(endpoint, { cacheDir: flags.cacheDir });
  return { kind: 'model', client, temperature: endpoint.sampling?.temperature, maxTokens: endpoint.sampling?.maxTokens };
}

export function formatSummary(s: EvalSummary): string {
  const ks = Object.entries(s.pass_at_k).map(([k, v]) => `${k} ${(100 * v).toFixed(1)}`).join('  ');
  const skipped = s.tasks.skipped ? `, ${s.tasks.skipped} skipped` : '';
  return `${s.bench}: ${s.tasks.scored} tasks scored${skipped}, ${s.passed_samples}/${s.samples} samples passed  ${ks}  (${s.seconds} s)`;
}

export function registerEvalCommand(program: Command): Command {
  const cmd = program
    .command('eval')
    .description('score a model, a predictions file or the reference answers on a benchmark, by execution')
    .argument('<bench>', `benchmark: ${BENCH_NAMES.join(', ')}`)
    .option('--data <file>', 'benchmark data (default: the public file in ../shared/data, where there is one)')
    .option('--predictions <file>', 'answers to score: caseforge/evalplus JSONL, DS-1000 answers, CRUXEval generations')
    .option('--gold', 'score the reference answers (a self-check of data and harness)')
    .option('--n <n>', 'samples per task asked of the model', '1')
    .option('--k <list>', 'pass@k values to report', '1,5,10')
    .requiredOption('--out <dir>', 'output folder: results as a dataset (data/, jsonl/), report.json, README.md; rerun to resume')
    .option('--workers <n>', 'sandbox workers')
    .addOption(new Option('--spec <kind>', 'gift4code: which I/O specification the prompt shows').choices(['none', 'typedesc', 'examples', 'summary']).default('none'))
    .option('--data-root <dir>', 'gift4code: the records\' data folder (or a folder holding one folder per data-root label); default for the bundled set: its installed copy')
    .option('--limit <n>', 'only the first n tasks')
    .option('--shared-data <dir>', 'folder of the public benchmark files', SHARED_DATA)
    .option('--cache-dir <dir>', 'LLM response cache folder')
    .option('--queue <url>', 'judge on `caseforge worker`s through this Redis (redis://HOST:PORT[/DB]); --gold or --predictions')
    .option('--shard-size <n>', 'tasks in one queue job (default 16)')
    .option('--force', 'start over in an --out that holds another run\'s results');
  addEndpointOptions(cmd);
  addSandboxOptions(cmd);
  cmd.action(async (bench: string, flags: EvalFlags) => {
    if (!isBenchName(bench)) throw new EvalError(`unknown benchmark '${bench}' (one of ${BENCH_NAMES.join(', ')})`);
    const summary = await evaluate({
      bench, data: flags.data, sharedData: flags.sharedData, source: sourceOf(flags, process.env), out: flags.out,
      n: int('--n', flags.n), ks: flags.k.split(',').map((k) => Number(k.trim())), workers: int('--workers', flags.workers),
      spec: flags.spec, dataRoot: flags.dataRoot, limit: int('--limit', flags.limit), progress: true, force: flags.force === true,
      sandbox: sandboxFrom(flags as unknown as Record<string, unknown>),
      ...(flags.queue !== undefined ? { queue: { url: flags.queue, shardSize: int('--shard-size', flags.shardSize) } } : {}),
    });
    process.stdout.write(formatSummary(summary) + '\n');
  });
  return cmd;
}
