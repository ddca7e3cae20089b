// GIFT4Code test splits written by `caseforge gift4code`: intent (+ I/O specification of the chosen
// kind) -> code in a data-science context. The context's cells run once per context in a session;
// every answer runs in a child forked from it and its output is compared, by ARCADE's fuzzy rules,
// with the output the record carries.
import { z } from 'zod';
import { outputValue } from '../../gift4code/dataset.js';
import { repointContext } from '../../gift4code/contexts.js';
import type { Gift4CodeSample } from '../../gift4code/types.js';
import type { CanonicalValue } from '../../values/types.js';
import { firstCodeBlock } from '../extract.js';
import type { AdapterOptions, Benchmark, Task, Verdict } from '../types.js';
import { SessionCache, judgeOutput, runForOutput } from './notebook.js';
import { taskRowsAt } from './rows.js';

export interface Gift4CodeTask extends Task {
  contextId: string;
  context: string;
  schema: string;
  intent: string;
  specText?: string;
  expected: CanonicalValue;
}

const LIMITS = { timeoutMs: 60_000, cpuMs: 60_000, memoryMb: 4096 };
const SYSTEM = 'You are a data scientist working in a Jupyter notebook. Write the code of the next cell for the '
  + 'request, in one ```python block; make its last line an expression whose value is the answer.';

/** What scoring reads of a GIFT4Code record (the output value as JSON text, or the tree itself in
 *  the older samples.jsonl); loose, so the record passes on whole. */
const RecordRow = z.looseObject({
  id: z.string().min(1),
  split: z.string(),
  intent: z.string().min(1),
  code: z.string().min(1),
  spec: z.looseObject({ kind: z.string(), text: z.string() }),
  context: z.looseObject({ id: z.string().min(1), code: z.string(), schema: z.string(), dataRoot: z.looseObject({ path: z.string(), label: z.string() }) }),
  metadata: z.looseObject({ solutionId: z.string().min(1) }),
  output: z.looseObject({ value: z.union([z.string().min(1), z.looseObject({ repr: z.string() })]) }),
});

/** The expected output of a record, or why it has none (its JSON text does not parse). */
function expectedOf(row: Gift4CodeSample): CanonicalValue | string {
  try {
    return outputValue(row.output);
  } catch (err) {
    return `field 'output.value': not JSON (${(err as Error).message})`;
  }
}

function pick(rows: Gift4CodeSample[], spec: string): Gift4CodeSample[] {
  const tests = rows.filter((r) => r.split === 'test');
  if (spec !== 'none') return tests.filter((r) => r.spec.kind === spec);
  const seen = new Set<string>();
  return tests.filter((r) => {
    const key = `${r.context.id}\u0000${r.intent}\u0000${r.metadata.solutionId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function createGift4Code(opts: AdapterOptions = {}): Benchmark<Gift4CodeTask> {
  const spec = opts.spec ?? 'none';
  let sessions: SessionCache | undefined;
  let roots: string[] = [];
  return {
    name: 'gift4code',
    profile: 'datasci',
    executorOptions: () => ({ limits: LIMITS, readOnlyPaths: roots }),
    async load(path, onBad = () => undefined) {
      const place = new Map<Gift4CodeSample, { line?: number; row?: number }>();
      for (const { line, item, row } of await taskRowsAt(path, RecordRow, onBad)) {
        place.set(row as unknown as Gift4CodeSample, line !== undefined ? { line } : { row: item });
      }
      // Only the records scored are unpacked; one whose output does not parse is reported, not run.
      const expected = new Map<Gift4CodeSample, CanonicalValue>();
      const picked = pick([...place.keys()], spec).filter((r) => {
        const value = expectedOf(r);
        if (typeof value === 'string') { onBad({ file: path, ...place.get(r), reason: 'invalid', detail: value }); return false; }
        expected.set(r, value);
        return true;
      });
      // A copy of the data elsewhere: every context reads from it (dataset contexts set DATA_ROOT once).
      const root = opts.dataRoot;
      roots = root !== undefined ? [root] : [...new Set(picked.map((r) => r.context.dataRoot.path))];
      const tasks = picked.map((r): Gift4CodeTask => ({
        id: spec === 'none' ? `${r.context.id}/${r.metadata.solutionId}` : r.id,
        subsets: { spec, source: r.context.dataRoot.label },
        gold: r.code, contextId: r.context.id,
        context: root !== undefined ? repointContext(r.context.code, root) : r.context.code, schema: r.context.schema, intent: r.intent,
        specText: spec === 'none' ? undefined : r.spec.text, expected: expected.get(r)!,
      }));
      const counts = new Map<string, number>();
      for (const t of tasks) counts.set(t.contextId, (counts.get(t.contextId) ?? 0) + 1);
      sessions = new SessionCache(counts, LIMITS);
      return tasks;
    },
    groupOf: (task) => task.contextId,
    prompt: (task) => [
      { role: 'system', content: SYSTEM },
      {
        role: 'user',
        content: `# In[ ]:\n${task.context}\n\n# Data:\n${task.schema}\n\n# Request: ${task.intent}\n`
          + (task.specText ? `# Specification:\n${task.specText}\n` : ''),
      },
    ],
    extract: (_task, reply) => firstCodeBlock(reply) ?? reply,
    fromPrediction(task, text, field) {
      return field === 'raw' ? this.extract(task, text) : text;
    },
    async score(task, answers, ctx): Promise<Verdict[]> {
      try {
        const state = await sessions!.ensure(ctx.executor, task.contextId, '', task.context);
        if ('error' in state) return answers.map(() => ({ status: 'error', passed: false, error: state.error }));
        const out: Verdict[] = [];
        for (const a of answers) out.push(judgeOutput(task.expected, await runForOutput(state.session, a, undefined, LIMITS)));
        return out;
      } finally {
        await sessions!.done(task.contextId);
      }
    },
    async close() {
      await sessions?.closeAll();
    },
  };
}
