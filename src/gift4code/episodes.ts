// Multi-turn episodes in the shape of ARCADE's dataset.json: several intents in one notebook, each
// turn seeing the earlier turns' code. Made from a context's verified solutions, a few turns each,
// and checked by execution: turn k runs after turns 1..k-1 in a fork of a fresh session of the
// context, and must give the output its record holds; an episode ends before its first turn that
// does not (and is dropped with fewer than two turns).
import type { Executor } from '../exec/executor.js';
import type { Limits } from '../exec/types.js';
import type { Counts } from '../store/counts.js';
import { contentId } from '../store/hash.js';
import { compareValues } from '../values/compare.js';
import type { CanonicalValue } from '../values/types.js';
import { failureReason } from './probe.js';
import { commentBlock, linearise } from './prompts.js';
import { GIFT4CODE_SCHEMA_VERSION, type Gift4CodeEpisode, type RecordContext } from './record.js';
import { solutionId } from './samples.js';

export interface EpisodeInput {
  context: RecordContext;
  /** The context's cells as they run here. */
  runnable: string[];
  /** Verified solutions in candidate order. */
  solutions: Array<{ intent: string; code: string; value: CanonicalValue; head: string }>;
  /** Turns per episode; 0 writes none. */
  turns: number;
  seed: number;
  limits: Partial<Limits>;
  contextLimits: Partial<Limits>;
}

/** The notebook before a turn: the context's cells, then each earlier turn's intent and code. */
export function codeContext(cells: string[], earlier: Array<{ intent: string; code: string }>): string {
  return linearise([...cells, ...earlier.flatMap((t) => [commentBlock(t.intent), t.code])]).trimEnd();
}

export async function buildEpisodes(ex: Executor, input: EpisodeInput, stats: { executions: number }, counts: Counts): Promise<Gift4CodeEpisode[]> {
  if (input.turns < 2 || input.solutions.length < 2) return [];
  const chunks: EpisodeInput['solutions'][] = [];
  for (let i = 0; i + 1 < input.solutions.length; i += input.turns) chunks.push(input.solutions.slice(i, i + input.turns));
  const session = await ex.openSession({ profile: 'datasci', seed: input.seed });
  const out: Gift4CodeEpisode[] = [];
  try {
    for (const cell of input.runnable) {
      const r = await session.runCell(cell, input.contextLimits);
      stats.executions++;
      if (r.status !== 'ok') { counts.add(`episodes_skipped:context_failed:${failureReason(r)}`); return []; }
    }
    for (const chunk of chunks) {
      const turns: Gift4CodeEpisode['turns'] = [];
      for (const [k, s] of chunk.entries()) {
        const before = chunk.slice(0, k).map((t) => t.code).join('\n');
        const r = await session.runIsolated(before ? `${before}\n${s.code}` : s.code, undefined, input.limits);
        stats.executions++;
        const same = r.status === 'ok' && r.value && compareValues(s.value, r.value, 'exact').equal && r.value.repr === s.value.repr;
        if (!same) { counts.add('episode_turns_dropped:changed_by_earlier_turns', 1, `${input.context.name}: ${s.code.split('\n').pop()}`); break; }
        turns.push({
          intent: { value: s.intent }, code: { value: s.code }, code_context: codeContext(input.context.cells, chunk.slice(0, k)),
          solution_id: solutionId(input.context.id, s.intent, s.code),
          output: { repr: s.value.repr, type: s.value.type, value: JSON.stringify(s.value.value), head: s.head },
        });
      }
      if (turns.length < 2) continue;
      out.push({
        schema_version: GIFT4CODE_SCHEMA_VERSION,
        id: contentId({ context: input.context.id, turns: turns.map((t) => t.solution_id) }),
        notebook_name: `${input.context.name}#${out.length + 1}`,
        work_dir: '.',
        context_id: input.context.id,
        split: 'train',
        metadata: { split: 'train', context_name: input.context.name, datasets: input.context.datasets.map((d) => d.name) },
        turns,
      });
      counts.add('episodes');
      counts.add('episode_turns', turns.length);
    }
  } finally {
    await session.close();
  }
  return out;
}
