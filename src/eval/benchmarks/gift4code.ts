// GIFT4Code test splits written by `caseforge gift4code` (record schema v2; a dataset folder or one
// of its JSONL/Parquet files): intent (+ I/O
// specification of the chosen kind) -> code in a data-science context. The prompt is the one the
// training records hold, made by the same builder. The context's cells run once per context in a
// session, with DATA_ROOT pointed at the data (`--data-root`, or the installed vega-datasets for the
// default set); every answer runs in a child forked from it and its output is compared, by ARCADE's
// fuzzy rules, with the output the record carries. Rows that are not v2 records are skipped and
// reported with their place and reason.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runnableCells } from '../../gift4code/contexts.js';
import { vegaDataDir } from '../../gift4code/datasets.js';
import { buildPrompt } from '../../gift4code/prompts.js';
import { Gift4CodeRecordSchema, type Gift4CodeRecord } from '../../gift4code/record.js';
import { recordValue } from '../../gift4code/samples.js';
import { CaseforgeError } from '../../errors.js';
import type { CanonicalValue } from '../../values/types.js';
import { firstCodeBlock } from '../extract.js';
import type { ChatMessage } from '../../llm/transport.js';
import type { AdapterOptions, Benchmark, Task, Verdict } from '../types.js';
import { SessionCache, judgeOutput, runForOutput } from './notebook.js';
import { taskRowsAt } from './rows.js';

export interface Gift4CodeTask extends Task {
  contextId: string;
  /** The context's cells as they run here, joined. */
  context: string;
  messages: ChatMessage[];
  expected: CanonicalValue;
}

const LIMITS = { timeoutMs: 60_000, cpuMs: 60_000, memoryMb: 4096 };

/** The expected output of a record, or why it has none (its JSON text does not parse). */
function expectedOf(row: Gift4CodeRecord): CanonicalValue | string {
  try {
    return recordValue(row);
  } catch (err) {
    return `field 'output.value': not JSON (${(err as Error).message})`;
  }
}

function pick(rows: Gift4CodeRecord[], spec: string): Gift4CodeRecord[] {
  const tests = rows.filter((r) => r.split === 'test');
  if (spec !== 'none') return tests.filter((r) => r.spec_kind === spec);
  const seen = new Set<string>();
  return tests.filter((r) => (seen.has(r.solution_id) ? false : (seen.add(r.solution_id), true)));
}

/**
 * Where a record's data lives here: `given` holds it, or holds one folder per data-root label (a
 * run over several folders); without `given`, the installed copy of the default set.
 */
export function dataRootFor(label: string, given: string | undefined): string {
  if (given !== undefined) {
    const sub = join(given, label);
    return existsSync(sub) && statSync(sub).isDirectory() ? sub : given;
  }
  if (label === 'vega-datasets') return vegaDataDir();
  throw new CaseforgeError('input', `gift4code records read data from a folder labelled '${label}'; say where it is with --data-root`);
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
      const place = new Map<Gift4CodeRecord, { line?: number; row?: number }>();
      let bad = 0;
      for (const { line, item, row } of await taskRowsAt(path, Gift4CodeRecordSchema, (b) => { bad++; onBad(b); })) {
        place.set(row, line !== undefined ? { line } : { row: item });
      }
      // Not one record: the file is of another kind (an older schema), not a file with bad rows.
      if (place.size === 0 && bad > 0) throw new CaseforgeError('input', `${path}: no row is a GIFT4Code record of schema version 2 (${bad} rows)`);
      // Only the records scored are unpacked; one whose output does not parse is reported, not run.
      const expected = new Map<Gift4CodeRecord, CanonicalValue>();
      const rows = pick([...place.keys()], spec).filter((r) => {
        const value = expectedOf(r);
        if (typeof value === 'string') { onBad({ file: path, ...place.get(r), reason: 'invalid', detail: value }); return false; }
        expected.set(r, value);
        return true;
      });
      const rootOf = new Map<string, string>();
      for (const r of rows) if (!rootOf.has(r.context.data_root.label)) rootOf.set(r.context.data_root.label, dataRootFor(r.context.data_root.label, opts.dataRoot));
      roots = [...new Set(rootOf.values())];
      const tasks = rows.map((r): Gift4CodeTask => ({
        id: spec === 'none' ? `${r.context.id}/${r.solution_id}` : r.id,
        subsets: { spec, source: r.context.data_root.label, steps: String(Math.min(r.metadata.steps.length, 3)) },
        gold: r.code, contextId: r.context.id,
        context: runnableCells(r.context.cells, rootOf.get(r.context.data_root.label)!).join('\n\n'),
        messages: buildPrompt({ cells: r.context.cells, schema: r.context.schema, intent: r.intent, spec: spec === 'none' ? null : r.spec }).messages,
        expected: expected.get(r)!,
      }));
      const counts = new Map<string, number>();
      for (const t of tasks) counts.set(t.contextId, (counts.get(t.contextId) ?? 0) + 1);
      sessions = new SessionCache(counts, LIMITS);
      return tasks;
    },
    groupOf: (task) => task.contextId,
    prompt: (task) => task.messages,
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
