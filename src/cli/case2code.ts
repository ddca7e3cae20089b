// `caseforge case2code`: parsing and progress only; the work is runCase2Code's.
import type { Command } from 'commander';
import { CaseforgeError } from '../errors.js';
import { intFlag } from './flags.js';
import { addSandboxOptions, sandboxFrom } from './executor-options.js';
import { LlmClient } from '../llm/client.js';
import { addEndpointOptions, endpointFromOptions } from '../llm/options.js';
import { runCase2Code, type InputSource } from '../case2code/index.js';
import type { OverCap } from '../sources/index.js';
import { join } from 'node:path';
import { addDecontaminateOptions, decontaminateAfterRun, decontaminationFromFlags } from './decontaminate.js';
import { TASK_FAMILIES } from '../case2code/families/families.js';
import { writeFamilies } from '../case2code/families/family_dataset.js';

/** `--tasks case2code,output,input`: the families asked for (Case2Code records are always written: they are the cases' source). */
function tasksOf(v: string): Array<'output' | 'input'> {
  const names = v.split(',').map((x) => x.trim()).filter(Boolean);
  const bad = names.filter((n) => !(TASK_FAMILIES as readonly string[]).includes(n));
  if (bad.length || !names.length) throw new CaseforgeError('usage', `--tasks takes ${TASK_FAMILIES.join(',')}, got '${v}'`);
  return names.filter((n): n is 'output' | 'input' => n === 'output' || n === 'input');
}

const collect = (v: string, prev: string[]) => [...prev, v];
const int = intFlag;

export function registerCase2CodeCommand(program: Command): Command {
  const cmd = program
    .command('case2code')
    .description('Case2Code samples: run real functions on generated inputs and ask for the function from its cases')
    .option('--source <path>', 'Python file, folder, JSONL/Parquet corpus or (with --inputs given) Case2Code test file; repeatable (default: the standard library)', collect, [])
    .option('--inputs <kind>', 'fuzz | llm | hybrid | given', 'fuzz')
    .requiredOption('--out <dir>', 'output folder: a Hub dataset (data/, jsonl/, README.md, report.json); rerun to resume')
    .option('--seed <n>', 'seed', int('seed'), 0)
    .option('--limit <n>', 'stop after N functions', int('limit'))
    .option('--workers <n>', 'sandbox workers', int('workers'), 2)
    .option('--in-flight <n>', 'functions processed at once', int('in-flight'))
    .option('--tasks <list>', `task families written from the same cases: ${TASK_FAMILIES.join(',')}`, 'case2code')
    .option('--max-completion-lines <n>', 'longest completion: the function with what it needs (default 150)', int('max-completion-lines'))
    .option('--over-cap <what>', 'a function longer than that: context (its helpers go in the prompt, the completion is the function alone) | drop (default context)')
    .option('--max-context-lines <n>', 'longest context a prompt shows; a function needing more is dropped as too_large (default 400)', int('max-context-lines'))
    .option('--queue <url>', 'run the functions on `caseforge worker`s through this Redis (redis://HOST:PORT[/DB]); sources are read here')
    .option('--shard-size <n>', 'functions in one queue job (default 4)', int('shard-size'))
    .option('--force', 'start over in an --out that holds a run made with other arguments')
    .option('--budget-ms <n>', 'work one function may spend (ms, counted in interpreter steps plus 2 a call, so alike under any load); past shares of it optional stages are skipped (default 1000; 0: none)', int('budget-ms'))
    .option('--no-progress', 'no progress lines');
  addEndpointOptions(cmd);
  addSandboxOptions(cmd);
  addDecontaminateOptions(cmd);
  cmd.action(async (o: Record<string, unknown>) => {
    const inputs = o.inputs as InputSource;
    const decontamination = decontaminationFromFlags(o);
    const families = tasksOf(o.tasks as string);
    let llm: LlmClient | undefined;
    if (inputs === 'llm' || inputs === 'hybrid') {
      const endpoint = endpointFromOptions(o, process.env, 'default', { requireModel: true });
      llm = new LlmClient(endpoint, { cacheDir: join(o.out as string, '.work', 'llm-cache') });
    }
    const report = await runCase2Code({
      sources: o.source as string[], inputs, out: o.out as string, seed: o.seed as number,
      limit: o.limit as number | undefined, workers: o.workers as number,
      ...(o.inFlight !== undefined ? { inFlight: o.inFlight as number } : {}), progress: o.progress !== false, force: o.force === true,
      ...(o.maxCompletionLines !== undefined ? { maxCompletionLines: o.maxCompletionLines as number } : {}),
      ...(o.overCap !== undefined ? { overCap: o.overCap as OverCap } : {}),
      ...(o.maxContextLines !== undefined ? { maxContextLines: o.maxContextLines as number } : {}),
      ...(o.budgetMs !== undefined ? { budgetMs: o.budgetMs as number } : {}),
    }, {
      llm, sandbox: sandboxFrom(o),
      ...(o.queue !== undefined ? { queue: { url: o.queue as string, shardSize: o.shardSize as number | undefined } } : {}),
    });
    const s = report.stages;
    process.stderr.write(`case2code: kept ${s.kept} of ${s.processed} functions (${s.samples} samples) in ${report.timing.seconds}s; dropped ${JSON.stringify(report.dropped)}\n`);
    await decontaminateAfterRun(o.out as string, decontamination, o);
    if (families.length) {
      const f = await writeFamilies(o.out as string, { families, options: { seed: o.seed as number }, sandbox: sandboxFrom(o) });
      for (const family of families) process.stderr.write(`case2code: ${family} prediction: ${Object.entries(f.records[family]).map(([k, v]) => `${k} ${v}`).join(', ')} records (${f.without[family]} of ${f.sources} functions gave none) -> ${join(o.out as string, family)}\n`);
    }
    process.stdout.write(`${o.out as string}\n`);
  });
  return cmd;
}
