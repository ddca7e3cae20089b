// ARCADE (Yin et al., 2022): NL-to-code turns in data-science notebooks, read from the `dataset.json`
// episode format of the ARCADE repository (episodes with `notebook_name`, `work_dir` and `turns`,
// each turn with `intent.value`, `code.value` and the notebook's `code_context`). The notebook's
// earlier cells run once per episode in a session (cwd: the episode's work_dir); the reference and
// every answer run in children forked from that state; outputs are compared by ARCADE's fuzzy rules.
import { CaseforgeError } from '../../errors.js';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { pyStr } from '../../values/pyliteral.js';
import { firstCodeBlock } from '../extract.js';
import type { Benchmark, Task, Verdict } from '../types.js';
import { SessionCache, judgeOutput, runForOutput } from './notebook.js';

export interface ArcadeTask extends Task {
  episode: string;
  workDir: string;
  context: string;
  intent: string;
  outputVars?: string[];
  input?: string;
}

interface RawTurn {
  intent?: { value?: string; output_variables?: string[] };
  code?: { value?: string };
  code_context?: string;
}

interface RawEpisode {
  notebook_name?: string;
  work_dir?: string;
  metadata?: { split?: string };
  turns?: Array<{ input?: string; turn?: RawTurn } & RawTurn>;
}

const LIMITS = { timeoutMs: 60_000, cpuMs: 60_000, memoryMb: 4096 };
const SYSTEM = 'You are a data scientist working in a Jupyter notebook. Write the code of the next cell for the '
  + 'request, in one ```python block; make its last line an expression whose value is the answer.';

function workDirOf(root: string, dir: string | undefined): string {
  if (!dir) return root;
  if (isAbsolute(dir)) return dir;
  const candidates = [join(root, 'artifacts', dir), join(root, dir)];
  return candidates.find((p) => existsSync(p)) ?? candidates[1];
}

export function parseArcade(path: string, json: unknown): ArcadeTask[] {
  if (!Array.isArray(json)) throw new CaseforgeError('input', `${path}: an ARCADE dataset.json holds a list of episodes`);
  const root = dirname(resolve(path));
  const tasks: ArcadeTask[] = [];
  const ids = new Set<string>();
  (json as RawEpisode[]).forEach((ep, e) => {
    const name = ep.notebook_name ?? `episode-${e}`;
    const split = ep.metadata?.split ?? basename(root);
    const workDir = workDirOf(root, ep.work_dir);
    (ep.turns ?? []).forEach((wrapped, t) => {
      const turn = wrapped.turn ?? wrapped;
      let id = `${name}#${t}`;
      if (ids.has(id)) id = `${e}:${id}`;
      ids.add(id);
      tasks.push({
        id, subsets: { split }, episode: `${e}:${name}`, workDir, context: turn.code_context ?? '',
        intent: turn.intent?.value ?? '', outputVars: turn.intent?.output_variables, input: wrapped.input,
        gold: turn.code?.value ?? '',
      });
    });
  });
  return tasks;
}

export function createArcade(): Benchmark<ArcadeTask> {
  let sessions: SessionCache | undefined;
  return {
    name: 'arcade',
    profile: 'datasci',
    executorOptions: (_tasks, dataPath) => ({ limits: LIMITS, readOnlyPaths: [dirname(resolve(dataPath))] }),
    async load(path) {
      const tasks = parseArcade(path, JSON.parse(readFileSync(path, 'utf8')));
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
