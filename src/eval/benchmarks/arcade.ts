// ARCADE (Yin et al., 2022): NL-to-code turns in data-science notebooks, read from the `dataset.json`
// episode format of the ARCADE repository (episodes with `notebook_name`, `work_dir` and `turns`,
// each turn with `intent.value`, `code.value` and the notebook's `code_context`). The notebook's
// earlier cells run once per episode in a session (cwd: the episode's work_dir); the reference and
// every answer run in children forked from that state; outputs are compared by ARCADE's fuzzy rules.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { checkRow } from '../../store/badinput.js';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { pyStr } from '../../values/pyliteral.js';
import { firstCodeBlock } from '../extract.js';
import type { Benchmark, Task, Verdict } from '../types.js';
import { SessionCache, judgeOutput, runForOutput } from './notebook.js';
import { jsonListRows, type OnBad, type PlacedRow } from './rows.js';

export interface ArcadeTask extends Task {
  episode: string;
  workDir: string;
  context: string;
  intent: string;
  outputVars?: string[];
  input?: string;
}

const Turn = z.object({
  intent: z.object({ value: z.string().min(1), output_variables: z.array(z.string()).optional() }),
  code: z.object({ value: z.string().min(1) }),
  code_context: z.string().optional(),
});

/** One episode of ARCADE's `dataset.json`; a turn is `{input?, turn: {...}}` or the turn itself. */
const Episode = z.object({
  notebook_name: z.string().min(1).optional(),
  work_dir: z.string().optional(),
  metadata: z.object({ split: z.string().optional() }).optional(),
  turns: z.array(z.record(z.string(), z.unknown())).min(1),
});
type Episode = z.output<typeof Episode>;

const LIMITS = { timeoutMs: 60_000, cpuMs: 60_000, memoryMb: 4096 };
const SYSTEM = 'You are a data scientist working in a Jupyter notebook. Write the code of the next cell for the '
  + 'request, in one ```python block; make its last line an expression whose value is the answer.';

function workDirOf(root: string, dir: string | undefined): string {
  if (!dir) return root;
  if (isAbsolute(dir)) return dir;
  const candidates = [join(root, 'artifacts', dir), join(root, dir)];
  return candidates.find((p) => existsSync(p)) ?? candidates[1];
}

/** Tasks of validated episodes (`item` is each episode's place in the file); a bad turn goes to `onBad`. */
export function arcadeTasks(path: string, episodes: Array<PlacedRow<Episode>>, onBad: OnBad): ArcadeTask[] {
  const root = dirname(resolve(path));
  const tasks: ArcadeTask[] = [];
  const ids = new Set<string>();
  for (const { item, row: ep } of episodes) {
    const e = (item ?? 1) - 1;
    const name = ep.notebook_name ?? `episode-${e}`;
    const split = ep.metadata?.split ?? basename(root);
    const workDir = workDirOf(root, ep.work_dir);
    ep.turns.forEach((wrapped, t) => {
      const checked = checkRow(Turn, wrapped.turn ?? wrapped);
      const input = typeof wrapped.input === 'string' ? wrapped.input : undefined;
      if (!checked.ok) { onBad({ file: path, row: e + 1, reason: checked.reason, detail: `turn ${t + 1}: ${checked.detail}` }); return; }
      const turn = checked.row;
      let id = `${name}#${t}`;
      if (ids.has(id)) id = `${e}:${id}`;
      ids.add(id);
      tasks.push({
        id, subsets: { split }, episode: `${e}:${name}`, workDir, context: turn.code_context ?? '',
        intent: turn.intent.value, outputVars: turn.intent.output_variables, input, gold: turn.code.value,
      });
    });
  }
  return tasks;
}

export function createArcade(): Benchmark<ArcadeTask> {
  let sessions: SessionCache | undefined;
  return {
    name: 'arcade',
    profile: 'datasci',
    executorOptions: (_tasks, dataPath) => ({ limits: LIMITS, readOnlyPaths: [dirname(resolve(dataPath))] }),
    async load(path, onBad = () => undefined) {
      const tasks = arcadeTasks(path, await jsonListRows(path, Episode, onBad, 'a list of episodes (ARCADE dataset.json)'), onBad);
      const counts = new Map<string, number>();
      for (const t of tasks) counts.set(t.episode, (counts.get(t.episode) ?? 0) + 1);
      sessions = new SessionCache(counts, LIMITS);
      return tasks;
    },
    groupOf: (task) => task.episode,
    prompt: (task) => [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: task.input ?? `# In[ ]:\n${task.context}\n\n# In[ ]:\n# ${task.intent}\n` },
    ],
    extract: (_task, reply) => firstCodeBlock(reply) ?? reply,
    fromPrediction(task, text, field) {
      return field === 'raw' ? this.extract(task, text) : text;
    },
    async score(task, answers, ctx): Promise<Verdict[]> {
      const setup = `import os\nos.chdir(${pyStr(task.workDir)})\n`;
      try {
        const state = await sessions!.ensure(ctx.executor, task.episode, setup, task.context);
        if ('error' in state) return answers.map(() => ({ status: 'error', passed: false, error: state.error }));
        const ref = await runForOutput(state.session, task.gold ?? '', task.outputVars, LIMITS);
        if (ref.status !== 'ok' || !ref.value) {
          const why = ref.status === 'ok' ? 'no output value' : ref.exception?.message ?? ref.status;
          return answers.map(() => ({ status: 'error', passed: false, error: `reference failed: ${why}` }));
        }
        const out: Verdict[] = [];
        for (const a of answers) out.push(judgeOutput(ref.value, await runForOutput(state.session, a, task.outputVars, LIMITS)));
        return out;
      } finally {
        await sessions!.done(task.episode);
      }
    },
    async close() {
      await sessions?.closeAll();
    },
  };
}
