// `caseforge gift4code`: GIFT4Code training data from datasets and notebooks. Parsing and progress
// only; the work is runGift4Code. Two LLM endpoints for `--generator llm`: `generalist` (intents,
// summaries; flags --generalist-*) and `code` (solutions; flags --code-*).
import type { Command } from 'commander';
import { addSandboxOptions, sandboxFrom } from './executor-options.js';
import { runGift4Code } from '../gift4code/index.js';
import { CaseforgeError } from '../errors.js';
import { addEndpointOptions, endpointFromOptions, LlmClient } from '../llm/index.js';
import { addDecontaminateOptions, decontaminateAfterRun, decontaminationFromFlags } from './decontaminate.js';

interface Gift4CodeFlags extends Record<string, unknown> {
  data?: string[];
  notebooks?: string[];
  generator: string;
  out: string;
  seed: string;
  limit?: string;
  intents?: string;
  solutions?: string;
  candidates?: string;
  concurrency?: string;
  split?: string;
  specKinds?: string;
  history?: string;
  episodeTurns?: string;
  cacheDir?: string;
  queue?: string;
  shardSize?: string;
  progress: boolean;
  force?: boolean;
}

const int = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new CaseforgeError('usage', `--${name} must be an integer, got '${v}'`);
  return n;
};

async function action(flags: Gift4CodeFlags): Promise<void> {
  const env = process.env;
  if (flags.generator !== 'llm' && flags.generator !== 'offline') throw new CaseforgeError('usage', `--generator must be llm or offline, got '${flags.generator}'`);
  const decontamination = decontaminationFromFlags(flags);
  let generalist: LlmClient | undefined;
  let coder: LlmClient | undefined;
  if (flags.generator === 'llm') {
    generalist = new LlmClient(endpointFromOptions(flags, env, 'generalist'), { cacheDir: flags.cacheDir });
    coder = new LlmClient(endpointFromOptions(flags, env, 'code'), { cacheDir: flags.cacheDir });
  }
  const result = await runGift4Code({
    out: flags.out, data: flags.data, notebooks: flags.notebooks, generator: flags.generator, seed: int('seed', flags.seed),
    limit: int('limit', flags.limit), intentsPerContext: int('intents', flags.intents), solutionsPerIntent: int('solutions', flags.solutions),
    candidatesPerContext: int('candidates', flags.candidates), concurrency: int('concurrency', flags.concurrency), progress: flags.progress,
    force: flags.force === true,
    split: flags.split as 'context' | 'template' | undefined, specKinds: flags.specKinds as 'all' | 'one' | undefined,
    historyCells: int('history', flags.history), episodeTurns: int('episode-turns', flags.episodeTurns),
  }, {
    generalist, coder,
    ...(flags.queue !== undefined ? { queue: { url: flags.queue, shardSize: int('shard-size', flags.shardSize) } } : {}),
    sandbox: sandboxFrom(flags as unknown as Record<string, unknown>), onWarning: (m) => process.stderr.write(`warning: ${m}\n`) });
  const r = result.report;
  process.stderr.write(`gift4code: ${result.samples} samples from ${r.contexts.ok}/${r.contexts.total} contexts `
    + `(${Object.entries(r.samples.by_spec).map(([k, v]) => `${k} ${v}`).join(', ')}) in ${r.run.seconds}s -> ${result.out}\n`);
  await decontaminateAfterRun(result.out, decontamination, flags);
}

export function registerGift4CodeCommand(program: Command): Command {
  const cmd = program
    .command('gift4code')
    .description('GIFT4Code data: intents, solutions and I/O specifications grounded by execution in data-science contexts')
    .option('--data <dir...>', 'data directories or files (CSV, TSV, JSON, Parquet); default: the bundled vega-datasets set')
    .option('--notebooks <dir...>', 'directories or .ipynb files; contexts are the code cells before cut points')
    .option('--generator <kind>', 'llm | offline', 'offline')
    .requiredOption('--out <dir>', 'output folder: a Hub dataset (data/, jsonl/, README.md, report.json); rerun to resume')
    .option('--seed <n>', 'run seed', '0')
    .option('--limit <n>', 'process at most N contexts')
    .option('--intents <k>', 'llm: intents per context')
    .option('--solutions <n>', 'llm: solutions sampled per intent')
    .option('--candidates <n>', 'offline: programs enumerated per context')
    .option('--concurrency <n>', 'contexts processed at once')
    .option('--split <by>', 'test split holds out whole datasets (context) or whole template families (template)')
    .option('--spec-kinds <which>', 'all: a record per spec kind for every solution; one: one kind per solution, chosen by the seed')
    .option('--history <n>', 'earlier analysis cells added to dataset contexts, at most (0: none)')
    .option('--episode-turns <n>', 'turns per multi-turn episode in episodes.json (0: none)')
    .option('--cache-dir <dir>', 'llm: response cache directory')
    .option('--queue <url>', 'process the contexts on `caseforge worker`s through this Redis (redis://HOST:PORT[/DB]); offline generator; the data files travel with the jobs')
    .option('--shard-size <n>', 'contexts in one queue job (default 1)')
    .option('--force', 'start over in an --out that holds a run made with other arguments')
    .option('--no-progress', 'no progress lines');
  addEndpointOptions(cmd, 'generalist');
  addEndpointOptions(cmd, 'code');
  addSandboxOptions(cmd);
  addDecontaminateOptions(cmd);
  cmd.action(action);
  return cmd;
}
