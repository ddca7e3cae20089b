// What a researcher checks before training on the records, measured on the records written: how
// many solutions have several steps, how many intent templates, operation families and pandas calls
// they span, how many use the context's earlier analysis cells, and the checks that must be zero:
// prompts holding a machine path, intent texts with two different golds in one context (answers the
// evaluation's comparison tells apart; a series name alone does not make two golds).
import { compareValues } from '../values/compare.js';
import type { Value } from '../values/types.js';
import type { Gift4CodeRecord } from './record.js';
import { intentKey } from './keep.js';

export interface QualityFigures {
  samples: number;
  solutions: number;
  contexts: number;
  multi_step_solutions: number;
  multi_step_share: number;
  /** Solutions by number of steps. */
  steps: Record<string, number>;
  intent_templates: number;
  operation_families: number;
  /** Solutions per operation family (a family counts once per solution that has it). */
  operation_family_counts: Record<string, number>;
  pandas_calls: number;
  solutions_using_history: number;
  prompts_with_absolute_path: number;
  intents_with_two_golds: number;
}

/** A quoted absolute path (`'/home/...'`, `"C:\..."`) or an installed package's folder. */
const MACHINE_PATH = /['"](?:\/[\w.-]+\/|[A-Za-z]:\\)|node_modules/;

export function hasMachinePath(r: Gift4CodeRecord): boolean {
  return MACHINE_PATH.test(r.prompt) || MACHINE_PATH.test(r.notebook) || r.messages.some((m) => MACHINE_PATH.test(m.content))
    || r.context.cells.some((c) => MACHINE_PATH.test(c));
}

/** Answers that the evaluation would not take for one another (fuzzy comparison, both ways). */
function distinctAnswers(values: string[]): number {
  const classes: Value[] = [];
  for (const text of values) {
    const v = JSON.parse(text) as Value;
    if (!classes.some((c) => compareValues(c, v, 'fuzzy').equal && compareValues(v, c, 'fuzzy').equal)) classes.push(v);
  }
  return classes.length;
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

function sorted(map: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The figures accumulated record by record (the export streams its records): per solution its
 * steps, template and API names, per intent text of a context the distinct answers.
 */
export class QualityCounter {
  private samples = 0;
  private readonly contexts = new Set<string>();
  private readonly solutions = new Set<string>();
  private readonly steps: Record<string, number> = {};
  private readonly families: Record<string, number> = {};
  private readonly templates = new Set<string>();
  private readonly apis = new Set<string>();
  private multi = 0;
  private history = 0;
  private machinePaths = 0;
  private readonly golds = new Map<string, Set<string>>();

  add(r: Gift4CodeRecord): void {
    this.samples++;
    this.contexts.add(r.context.id);
    if (hasMachinePath(r)) this.machinePaths++;
    const key = `${r.context.id}\u0000${intentKey(r.intent)}`;
    this.golds.set(key, (this.golds.get(key) ?? new Set()).add(r.output.value));
    if (this.solutions.has(r.solution_id)) return;
    this.solutions.add(r.solution_id);
    bump(this.steps, String(r.metadata.steps.length));
    for (const f of new Set(r.metadata.steps)) bump(this.families, f);
    this.templates.add(r.metadata.template);
    for (const a of r.metadata.apis) this.apis.add(a);
    if (r.metadata.steps.length >= 2) this.multi++;
    if (r.metadata.uses_history) this.history++;
  }

  figures(): QualityFigures {
    const n = this.solutions.size;
    return {
      samples: this.samples,
      solutions: n,
      contexts: this.contexts.size,
      multi_step_solutions: this.multi,
      multi_step_share: n ? Math.round((this.multi / n) * 1000) / 1000 : 0,
      steps: sorted(this.steps),
      intent_templates: this.templates.size,
      operation_families: Object.keys(this.families).length,
      operation_family_counts: sorted(this.families),
      pandas_calls: this.apis.size,
      solutions_using_history: this.history,
      prompts_with_absolute_path: this.machinePaths,
      intents_with_two_golds: [...this.golds.values()].filter((g) => g.size > 1 && distinctAnswers([...g]) > 1).length,
    };
  }
}

export function qualityFigures(records: Gift4CodeRecord[]): QualityFigures {
  const q = new QualityCounter();
  for (const r of records) q.add(r);
  return q.figures();
}
