// From chosen cases to a written record: the entry name (`f` when the seed hides the name, the
// program renamed to match; the source's name when renaming is refused), the record itself, and its
// check: the record's program must reproduce every case, shown and held out, run as `caseforge eval
// case2code --gold` runs it (one child, in order), in the determinism re-run's environment (another
// clock, time zone, locale and seed). A record that fails is not written.
import { auditRecord, type RecordChecks } from '../judging/audit.js';
import { CHECK_LIMITS, checkCases } from '../running/check.js';
import type { Case2CodeRecord } from './record.js';
import type { CaseRun } from '../running/runs.js';
import { ANONYMOUS_NAME, buildRecord, presentationOf } from './samples.js';
import { renameEntry } from '../tooling.js';
import type { Context } from '../context.js';
import type { FunctionJob } from '../inputs/job.js';
import type { FunctionDrop } from '../types.js';

export interface Quality {
  coverage: number;
  mutationScore: number;
  informativeness: number;
}

export type Finished = { record: Case2CodeRecord; checks: RecordChecks; note?: string } | { drop: FunctionDrop };

export async function finishRecord(
  ctx: Context, job: FunctionJob, params: string[], shown: CaseRun[], heldout: CaseRun[], q: Quality,
): Promise<Finished> {
  const o = ctx.opts;
  const presentation = presentationOf(o.seed, job.id);
  const build = (entry: string, code: string, context: string) => buildRecord({
    functionId: job.id, originalName: job.name, entry, context, code, source: { ...job.origin, license: job.license ?? job.origin.license },
    shown, heldout, presentation, generator: o.inputs, seed: o.seed,
    coverage: q.coverage, mutationScore: q.mutationScore, informativeness: q.informativeness,
    targetLines: job.targetLines, environment: ctx.environment,
  });
  const context = job.context;
  const tries: Array<() => Promise<Case2CodeRecord | string>> = [];
  if (!presentation.named) {
    tries.push(async () => {
      // The program is the context, then the completion (job.ts): renamed whole, cut where it was.
      const renamed = await renameEntry(ctx.ex, job.program, context, job.name, ANONYMOUS_NAME);
      if (!renamed.ok) return renamed.error;
      if (!renamed.data.ok) return renamed.data.why;
      return build(ANONYMOUS_NAME, renamed.data.program.slice(renamed.data.context.length), renamed.data.context);
    });
  }
  tries.push(async () => build(job.name, job.completion, context));
  let note: string | undefined;
  let failure = '';
  for (const attempt of tries) {
    const got = await attempt();
    if (typeof got === 'string') { note = `kept its name: ${got}`; continue; }
    const check = await checkCases(ctx.recheck, got.program, [...got.shown, ...got.heldout], CHECK_LIMITS);
    if (check.passed) {
      const checks = await auditRecord(ctx.ex, got, params);
      return { record: got, checks, ...(note ? { note } : {}) };
    }
    failure = check.setupError !== undefined
      ? `the record's program fails: ${check.setupError}`
      : `${check.mismatch!.call}: recorded ${check.mismatch!.expected.slice(0, 100)}, reproduced ${check.mismatch!.got.slice(0, 100)}`;
    note = `renamed record did not reproduce (${failure})`;
  }
  return { drop: { reason: 'unreproducible', detail: failure.slice(0, 300) } };
}
