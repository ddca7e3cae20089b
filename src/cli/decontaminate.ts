// `caseforge decontaminate DIR`, and the `--decontaminate` flags every pipeline takes: parsing and
// progress only; the work is src/decontam's.
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { addSandboxOptions, sandboxFrom } from './executor-options.js';
import { BENCHMARKS, DecontamError, RULES, decontaminateDataset, decontaminateFolders, normaliseDecontamOptions, parseAgainstFile, type DecontamOptions, type DecontamReport, type Rule } from '../decontam/index.js';

/** The project's `../shared/data` (from dist/src/cli/). */
export const SHARED_DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));

const collect = (v: string, prev: string[]) => [...prev, v];
const list = (v: string) => v.split(',').map((x) => x.trim()).filter(Boolean);
const num = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new DecontamError(`not a number: ${v}`);
  return n;
};

/** One line for the terminal. */
export function formatDecontam(r: DecontamReport): string {
  const per = Object.entries(r.by_benchmark).filter(([, c]) => c.records).map(([b, c]) => `${b} ${c.records}`).join(', ');
  return `decontaminate: ${r.removed} of ${r.records} records removed${per ? ` (${per})` : ''}`;
}

function optionsFrom(o: Record<string, unknown>, against: string[] | undefined): DecontamOptions {
  return {
    against, sharedData: o.sharedData as string,
    againstFiles: ((o.againstFile as string[] | undefined) ?? []).map(parseAgainstFile),
    rules: o.rules as Rule[] | undefined, ngram: o.ngram as number | undefined, ngramShare: o.ngramShare as number | undefined,
    minTokens: o.minTokens as number | undefined, astMinNodes: o.astMinNodes as number | undefined,
  };
}

/** The tuning flags, shared by the command and the pipelines' `--decontaminate`. */
function addRuleOptions(cmd: Command, prefix: string): Command {
  return cmd
    .option(`--${prefix}against-file <file:fields>`, 'also check against a JSONL/JSON/Parquet file\'s fields (FILE:field,field); repeatable', collect, [])
    .option(`--${prefix}rules <list>`, `rules to apply (${RULES.join(',')})`, list)
    .option(`--${prefix}ngram <n>`, 'tokens per n-gram (default 10)', num)
    .option(`--${prefix}ngram-share <x>`, 'share of a benchmark item\'s tokens that shared n-grams must cover (default 0.5)', num)
    .option(`--${prefix}min-tokens <n>`, 'benchmark strings with fewer words and symbols are allow-listed (default 8)', num)
    .option(`--${prefix}ast-min-nodes <n>`, 'smallest function (AST nodes) the renamed match compares (default 20)', num);
}

/** `--decontaminate [list]` and its tuning flags, for a pipeline command. */
export function addDecontaminateOptions(cmd: Command): Command {
  cmd.option('--decontaminate [benchmarks]', `remove records matching benchmarks (default all: ${BENCHMARKS.join(',')})`);
  addRuleOptions(cmd, 'decontaminate-');
  return cmd.option('--shared-data <dir>', 'folder of the public benchmark files', SHARED_DATA);
}

/** The pipeline's `--decontaminate` flags as options, checked before the run starts (a typo in a
 *  benchmark name should not wait for the end of a long run); undefined when not asked. */
export function decontaminationFromFlags(o: Record<string, unknown>): DecontamOptions | undefined {
  if (o.decontaminate === undefined || o.decontaminate === false) return undefined;
  const against = typeof o.decontaminate === 'string' ? list(o.decontaminate) : undefined;
  const flags = Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/^decontaminate(.)/, (_, c: string) => c.toLowerCase()), v]));
  const options = optionsFrom({ ...flags, sharedData: o.sharedData }, against);
  normaliseDecontamOptions(options);
  return options;
}

/** After a pipeline wrote DIR: its records were just rewritten, so decontamination starts fresh. */
export async function decontaminateAfterRun(dir: string, options: DecontamOptions | undefined, o: Record<string, unknown>): Promise<void> {
  if (!options) return;
  const report = await decontaminateDataset(dir, options, { fresh: true, sandbox: sandboxFrom(o) });
  process.stderr.write(formatDecontam(report) + '\n');
}

export function registerDecontaminateCommand(program: Command): Command {
  const cmd = program
    .command('decontaminate')
    .description('remove the records of a dataset folder that match benchmark prompts, solutions or functions')
    .argument('<dir>', 'dataset folder written by caseforge (samples.jsonl, ...)')
    .option('--against <list>', `benchmarks (${BENCHMARKS.join(',')}; default all of them)`, list)
    .option('--dry-run', 'count only; change nothing', false)
    .option('--shared-data <dir>', 'folder of the public benchmark files', SHARED_DATA);
  addRuleOptions(cmd, '');
  addSandboxOptions(cmd);
  cmd.action(async (dir: string, o: Record<string, unknown>) => {
    const done = await decontaminateFolders(dir, optionsFrom(o, o.against as string[] | undefined), {
      dryRun: Boolean(o.dryRun), sandbox: sandboxFrom(o),
      onProgress: (n, removed) => process.stderr.write(`decontaminate: ${n} records checked, ${removed} removed\n`),
    });
    for (const { dir: d, report } of done) process.stdout.write(`${done.length > 1 ? `${d}: ` : ''}${formatDecontam(report)}\n`);
  });
  return cmd;
}
