// DS-1000 (Lai et al., 2023): 1,000 data-science problems. Each problem's `code_context` defines
// `test_execution(solution)` (and sometimes `test_string(solution)`); an answer passes when the
// program DS-1000's own harness assembles (context + `code = repr(answer)` + the test calls) runs
// clean. Here each program runs in a child forked from a warm worker with the heavy libraries already
// imported, instead of a fresh interpreter per problem.
import { z } from 'zod';
import { pyStr } from '../../values/pyliteral.js';
import { ds1000Postprocess, firstCodeBlock } from '../extract.js';
import { verdictOf } from '../verdict.js';
import type { Executor } from '../../exec/executor.js';
import type { Benchmark, ScoreContext, Task, Verdict } from '../types.js';
import { missingModules, requiredModules } from './ds1000-modules.js';
import { LibraryExecutors } from './ds1000-executors.js';
import { jsonlTaskRows, uniqueIds } from './rows.js';

export interface Ds1000Task extends Task {
  prompt: string;
  codeContext: string;
  modules: string[];
}

const Row = z.object({
  prompt: z.string().min(1),
  reference_code: z.string(),
  code_context: z.string().min(1),
  metadata: z.object({ problem_id: z.union([z.number().int(), z.string().min(1)]), library: z.string().min(1), perturbation_type: z.string() }),
});

/** DS-1000's harness gives each program 120 s. */
const LIMITS = { timeoutMs: 120_000, cpuMs: 120_000, memoryMb: 4096, fileBytes: 64 << 20 };

const SYSTEM = 'Complete the solution in the code where it says BEGIN SOLUTION. Reply with only the code that goes '
  + 'there, ending with </code>.';

/** Data loaders that download on first use; the sandbox has no network. */
const DOWNLOADS = /\b(?:sns|seaborn)\.load_dataset\(\s*["'][\w-]+["']\s*\)|\bfetch_[a-z_0-9]+\(/;

/** Why a problem's own test context cannot run offline (any answer then fails), if it cannot. */
export function offlineDefect(codeContext: string): string | undefined {
  const m = DOWNLOADS.exec(codeContext);
  if (!m) return undefined;
  const call = m[0].endsWith('(') ? `${m[0]})` : m[0];
  return `its test context downloads data (${call}) and the sandbox has no network`;
}

/** The program DS-1000's harness runs for one answer. */
export function ds1000Program(codeContext: string, answer: string): string {
  const tests = 'test_execution(code)\n' + (codeContext.includes('test_string(') ? 'test_string(code)\n' : '');
  // No plotting setup here: workers run with MPLBACKEND=Agg, and importing matplotlib in every
  // problem (most never plot) cost ~120 ms each.
  return `${codeContext}\ncode = ${pyStr(answer)}\n${tests}`;
}

/** Judges one answer on an executor that preloads its library (`LIBRARY_PRELOAD`). */
export async function scoreDs1000Answer(ex: Executor, task: Ds1000Task, answer: string): Promise<Verdict> {
  return verdictOf(await ex.run({ code: ds1000Program(task.codeContext, answer), profile: 'datasci', limits: LIMITS }));
}

export function createDs1000(): Benchmark<Ds1000Task> {
  let executors: LibraryExecutors | undefined;
  return {
    name: 'ds1000',
    profile: 'datasci',
    defaultData: 'ds1000.jsonl.gz',
    stop: ['</code>', '# SOLUTION END'],
    executorOptions: () => ({ limits: LIMITS }),
    async load(path, onBad = () => undefined) {
      const rows = uniqueIds(await jsonlTaskRows(path, Row, onBad), (r) => String(r.metadata.problem_id), path, onBad);
      return rows.map(({ row: r }) => {
        const m = r.metadata;
        const task: Ds1000Task = {
          id: String(m.problem_id), subsets: { library: m.library, perturbation: m.perturbation_type },
          gold: r.reference_code, prompt: r.prompt, codeContext: r.code_context, modules: requiredModules(r.code_context),
        };
        if (m.library === 'Tensorflow') task.skip = 'TensorFlow is not installable here';
        const offline = offlineDefect(r.code_context);
        if (offline) task.defects = [offline];
        return task;
      });
    },
    async prepare(tasks, ctx: ScoreContext) {
      const counts = new Map<string, number>();
      const missing = await missingModules(ctx.executor, [...new Set(tasks.flatMap((t) => t.modules))]);
      for (const t of tasks) {
        const absent = t.modules.filter((m) => missing.has(m));
        if (!t.skip && absent.length) t.skip = `needs ${absent.join(', ')}, not installed here`;
        if (!t.skip) counts.set(t.subsets.library, (counts.get(t.subsets.library) ?? 0) + 1);
      }
      executors = new LibraryExecutors({ ...ctx.sandbox, workers: ctx.workers, limits: LIMITS }, counts);
    },
    prompt: (task) => [{ role: 'system', content: SYSTEM }, { role: 'user', content: task.prompt }],
    extract: (_task, reply) => ds1000Postprocess(firstCodeBlock(reply) ?? reply),
    fromPrediction(_task, text, field) {
      if (field === 'answer') return text;
      return ds1000Postprocess(field === 'raw' ? firstCodeBlock(text) ?? text : text);
    },
    async score(task, answers): Promise<Verdict[]> {
      const library = task.subsets.library;
      try {
        const ex = await executors!.get(library);
        return await Promise.all(answers.map((answer) => scoreDs1000Answer(ex, task, answer)));
      } finally {
        await executors!.done(library);
      }
    },
    async close() {
      await executors?.closeAll();
    },
  };
}
