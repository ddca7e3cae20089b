// The three specification kinds of one kept run, in a fixed order: TypeDesc, I/O examples, I/O
// summary (the generator's LLM summary, or the deterministic offline one).
import type { Generator } from '../generator.js';
import type { Candidate, RunFacts, Spec } from '../types.js';
import type { WorkLog } from '../worklog.js';
import { ioExamples } from './examples.js';
import { offlineSummary } from './summary.js';
import { typeDesc } from './typedesc.js';

export { typeDesc, ioExamples, offlineSummary };

export type SpecOrDrop = Spec | { kind: Spec['kind']; reason: string; transient: boolean };

export async function buildSpecs(
  generator: Generator, candidate: Candidate, run: RunFacts, log: WorkLog, summaryKey: string, maxChars: number,
  kinds: readonly Spec['kind'][] = ['typedesc', 'examples', 'summary'],
): Promise<SpecOrDrop[]> {
  const specs: SpecOrDrop[] = [];
  if (kinds.includes('typedesc')) specs.push({ kind: 'typedesc', text: typeDesc(run) });
  if (kinds.includes('examples')) specs.push({ kind: 'examples', text: ioExamples(run, maxChars * 2) });
  if (kinds.includes('summary')) {
    if (generator.summarize) {
      const s = await generator.summarize(candidate.intent, candidate.code, run, log, summaryKey);
      specs.push(s.ok ? { kind: 'summary', text: s.text } : { kind: 'summary', reason: s.reason, transient: s.transient });
    } else {
      specs.push({ kind: 'summary', text: offlineSummary(run) });
    }
  }
  return specs;
}
