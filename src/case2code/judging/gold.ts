// Given mode's check against the reference: each of our outcomes is compared with the gold output,
// and a disagreement gets the cause that explains it where one can be read off the two outputs.
import type { GoldOutput } from '../inputs/given_inputs.js';
import { isMissingName, type CaseRun } from '../running/runs.js';
import type { GoldCheck } from '../types.js';

const ADDRESS = /\bat 0x[0-9a-fA-F]{4,}|0x[0-9a-fA-F]{8,}/;

const sortedChars = (s: string) => [...s].sort().join('');
const lastName = (t: string) => t.slice(t.lastIndexOf('.') + 1);

/** The cause of a disagreement, or null when the outcomes agree. */
export function goldCause(run: CaseRun, gold: GoldOutput): string | null {
  if (run.status === 'ok' && gold.status === 'ok') {
    if (run.repr === gold.text) return null;
    if (ADDRESS.test(gold.text)) return 'memory_address';
    // Same characters in another order: set (or dict-of-set, list-of-set) iteration order, which
    // follows the string hash seed of the run that printed it.
    if (sortedChars(gold.text) === sortedChars(run.repr ?? '')) return 'set_order';
    return 'different_value';
  }
  if (run.status === 'error' && gold.status === 'error') {
    const same = lastName(run.exception?.type ?? '') === gold.exception;
    if (same && (run.exception?.message ?? '') === gold.text) return null;
    if (same) return ADDRESS.test(gold.text) ? 'memory_address' : 'error_message';
    return 'different_exception';
  }
  if (gold.status === 'error' && gold.exception === 'NameError') return 'reference_missing_name';
  if (isMissingName(run)) return 'reference_shared_state';
  if (run.status !== 'ok' && run.status !== 'error') return run.status;
  return run.status === 'ok' ? 'reference_raised' : 'we_raised';
}

export function checkGold(runs: CaseRun[], gold: Array<GoldOutput | null>, maxExamples = 3): GoldCheck {
  const out: GoldCheck = { agree: 0, disagree: 0, causes: {}, examples: [] };
  runs.forEach((run, i) => {
    const g = gold[i];
    if (!g) {
      const cause = i >= gold.length ? 'no_gold_output' : 'unreadable_gold';
      out.causes[cause] = (out.causes[cause] ?? 0) + 1;
      out.disagree++;
      return;
    }
    const cause = goldCause(run, g);
    if (cause === null) { out.agree++; return; }
    out.disagree++;
    out.causes[cause] = (out.causes[cause] ?? 0) + 1;
    if (out.examples.length < maxExamples) {
      const ours = run.status === 'ok' ? run.repr ?? '' : `${run.exception?.type ?? run.status}: ${run.exception?.message ?? ''}`;
      const gtext = g.status === 'ok' ? g.text : `${g.exception}: ${g.text}`;
      out.examples.push({ call: run.call, ours: ours.slice(0, 200), gold: gtext.slice(0, 200), cause });
    }
  });
  return out;
}
