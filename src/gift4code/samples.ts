// Training records: one per (solution, spec kind), built from the context as it ran, the solution,
// its output and one specification. The text forms come from the one prompt builder (prompts.ts).
import { contentId } from '../store/hash.js';
import type { CanonicalValue } from '../values/types.js';
import { buildPrompt, withSolution } from './prompts.js';
import { GIFT4CODE_SCHEMA_VERSION, type Gift4CodeRecord, type RecordContext } from './record.js';
import type { Candidate, GeneratorKind, RunContext, Spec } from './types.js';

export function solutionId(contextId: string, intent: string, code: string): string {
  return contentId({ contextId, intent, code });
}

/** The record's context: portable cells (DATA_ROOT holds its placeholder), never this machine's paths. */
export function recordContext(run: RunContext): RecordContext {
  const s = run.spec;
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    cells: run.cells,
    history_cells: run.historyCells,
    schema: run.schema,
    datasets: s.datasets.map((d) => ({ name: d.name, file: d.file, format: d.format, variable: d.variable, parse_dates: d.parseDates ?? [] })),
    data_root: { label: s.root.label, placeholder: s.root.label },
  };
}

export interface RecordInput {
  context: RecordContext;
  run: RunContext;
  candidate: Candidate;
  apis: string[];
  value: CanonicalValue;
  head: string;
  spec: Spec;
  generator: GeneratorKind;
  models?: { intents?: string; solutions?: string; summaries?: string };
  seed: number;
}

export function buildRecord(r: RecordInput): Gift4CodeRecord {
  const c = r.candidate;
  const sol = solutionId(r.context.id, c.intent, c.code);
  const prompt = buildPrompt({ cells: r.context.cells, schema: r.context.schema, intent: c.intent, spec: r.spec });
  const { notebook, messages } = withSolution(prompt, c.code);
  return {
    schema_version: GIFT4CODE_SCHEMA_VERSION,
    id: contentId({ sol, spec: r.spec.kind }),
    solution_id: sol,
    spec_kind: r.spec.kind,
    context: r.context,
    intent: c.intent,
    spec: r.spec,
    code: c.code,
    output: { repr: r.value.repr, type: r.value.type, value: JSON.stringify(r.value.value), head: r.head },
    // Decided for the whole run once every record is known (splits.ts).
    split: 'train',
    prompt: prompt.text,
    notebook,
    messages,
    metadata: {
      generator: r.generator,
      seed: r.seed,
      family: c.family,
      steps: c.steps,
      template: c.template,
      apis: r.apis,
      datasets: r.context.datasets.map((d) => d.name),
      context_name: r.context.name,
      uses_history: c.usesHistory,
      models: { intents: r.models?.intents ?? null, solutions: r.models?.solutions ?? null, summaries: r.models?.summaries ?? null },
      environment: r.run.environment,
    },
  };
}

/** The canonical value a record's output holds. */
export function recordValue(rec: Pick<Gift4CodeRecord, 'output'>): CanonicalValue {
  return { repr: rec.output.repr, type: rec.output.type, value: JSON.parse(rec.output.value), flags: { address: false, truncated: false } };
}
