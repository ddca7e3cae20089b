// Which executed solutions become samples. Screening (before the order check): the solution ran and
// gave a bounded, reproducible answer that is neither trivial (None, empty, an object) nor degenerate
// (a zero or NaN scalar, a table of one row where a table was asked for, all-NaN or constant
// columns). Selection (after it): one intent text in one context has one gold (solutions that
// disagree make the intent ambiguous), results are not duplicated across intents, caps hold. Among
// solutions of one intent with the same result, the one adding the most API names not yet used in
// the context is preferred, so the kept set spreads over the pandas API.
import { canonicalJson, sha256 } from '../store/hash.js';
import { compareValues } from '../values/compare.js';
import type { Value } from '../values/types.js';
import type { Outcome } from './types.js';

/** pandas/Python API names a cell uses: method calls, `pd.`/`np.` functions, accessors and indexers. */
export function apisOf(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/\.(str|dt)\.([A-Za-z_]\w*)/g)) found.add(`${m[1]}.${m[2]}`);
  for (const m of code.matchAll(/(?<!\b(?:pd|np|str|dt))\.([A-Za-z_]\w*)\s*\(/g)) found.add(m[1]);
  for (const m of code.matchAll(/\b(pd|np)\.([A-Za-z_]\w*)/g)) found.add(`${m[1]}.${m[2]}`);
  for (const m of code.matchAll(/\.(loc|iloc|at|iat)\s*\[/g)) found.add(m[1]);
  return [...found].sort();
}

/** Why a value is not a useful answer, or undefined when it is. */
export function trivialReason(v: Value): string | undefined {
  switch (v.t) {
    case 'none': return 'trivial:none';
    case 'str': return v.v.trim() === '' ? 'trivial:empty' : undefined;
    case 'float': return v.v === 'nan' ? 'trivial:nan' : undefined;
    case 'list': case 'tuple': case 'set': case 'frozenset': case 'dict': return v.items.length === 0 ? 'trivial:empty' : undefined;
    case 'series': return v.values.length === 0 ? 'trivial:empty' : undefined;
    case 'dataframe': return v.columns.length === 0 || v.index.length === 0 ? 'trivial:empty' : undefined;
    case 'ndarray': return v.shape.some((d) => d === 0) ? 'trivial:empty' : undefined;
    case 'npscalar': return trivialReason(v.v);
    case 'object': return /^<.* object/.test(v.repr) ? 'trivial:object' : undefined;
    case 'truncated': return 'too_large';
    default: return undefined;
  }
}

function leaf(v: Value): Value {
  return v.t === 'npscalar' ? v.v : v;
}

function isNan(v: Value): boolean {
  const l = leaf(v);
  return (l.t === 'float' && l.v === 'nan') || l.t === 'none';
}

function isZero(v: Value): boolean {
  const l = leaf(v);
  return (l.t === 'int' && Number(l.v) === 0) || (l.t === 'float' && l.v === 0);
}

function allSame(cells: Value[]): boolean {
  if (cells.length < 2) return false;
  const first = canonicalJson(cells[0]);
  return cells.every((c) => canonicalJson(c) === first);
}

/**
 * Why an answer says too little for the question its program stands for: `shape` is what the
 * offline program meant to return (absent for LLM solutions, which are judged on NaN and constant
 * columns only, never on size).
 */
export function degenerateReason(v: Value, shape?: string): string | undefined {
  const l = leaf(v);
  if (shape === 'scalar' && isZero(l)) return 'degenerate:zero';
  let columns: Value[][] = [];
  let rows = 0;
  if (l.t === 'series') { columns = [l.values]; rows = l.values.length; }
  else if (l.t === 'dataframe') { columns = l.data; rows = l.index.length; }
  else if ((l.t === 'list' || l.t === 'tuple') && l.items.every((x) => leaf(x).t !== 'list')) { columns = [l.items]; rows = l.items.length; }
  else return undefined;
  if ((shape === 'series' || shape === 'table') && rows < 2) return 'degenerate:single_row';
  const cells = columns.flat();
  if (cells.length && columns.some((c) => c.length > 0 && c.every(isNan))) return 'degenerate:all_nan';
  if (cells.length && cells.filter(isNan).length / cells.length > 0.25) return 'degenerate:mostly_nan';
  if (rows >= 2 && columns.length > 0 && columns.every(allSame)) return 'degenerate:constant';
  return undefined;
}

export function resultKey(v: Value): string {
  return sha256(canonicalJson(v)).slice(0, 24);
}

/** Marks outcomes that are failures, unbounded, trivial or degenerate (in place); returns the rest. */
export function screen(outcomes: Outcome[]): Outcome[] {
  for (const o of outcomes) {
    if (o.dropped || !o.value) continue;
    if (o.value.flags.address) o.dropped = 'unreproducible:address';
    else if (o.value.flags.truncated) o.dropped = 'too_large';
    else o.dropped = trivialReason(o.value.value) ?? degenerateReason(o.value.value, o.candidate.shape);
  }
  return outcomes.filter((o) => !o.dropped && o.value);
}

export interface KeepOptions {
  maxKeptPerIntent: number;
  maxSolutionsPerContext: number;
}

function novelty(apis: string[], used: Set<string>): number {
  return apis.filter((a) => !used.has(a)).length;
}

/** The intent's text as a person reads it: case and spacing do not make two intents different. */
export function intentKey(intent: string): string {
  return intent.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * One gold per intent text (marks the others in place) and returns the solutions that may be kept,
 * in candidate order. Solutions are grouped by intent text: when their answers disagree, the strict
 * majority answer is the gold (the others are `disagrees_with_majority`); with no strict majority
 * the intent is ambiguous. A gold equal to an earlier intent's is a `duplicate_result`.
 */
export function choose(outcomes: Outcome[], opts: Pick<KeepOptions, 'maxKeptPerIntent'>): Outcome[] {
  const byIntent = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    if (o.dropped || !o.value) continue;
    const key = intentKey(o.candidate.intent);
    byIntent.set(key, [...(byIntent.get(key) ?? []), o]);
  }
  const first = (list: Outcome[]) => Math.min(...list.map((o) => o.candidate.intentIndex));
  const intents = [...byIntent.values()].sort((a, b) => first(a) - first(b));
  const seenResults = new Set<string>();
  const used = new Set<string>();
  const kept: Outcome[] = [];
  for (const list of intents) {
    const ranked = [...answerClasses(list).entries()].sort((a, b) => b[1].length - a[1].length);
    if (ranked.length > 1 && ranked[0][1].length === ranked[1][1].length) {
      for (const o of list) o.dropped = 'ambiguous_intent';
      continue;
    }
    const [goldKey, gold] = ranked[0];
    for (const [, others] of ranked.slice(1)) for (const o of others) o.dropped = 'disagrees_with_majority';
    if (seenResults.has(goldKey)) {
      for (const o of gold) o.dropped = 'duplicate_result';
      continue;
    }
    seenResults.add(goldKey);
    const pending = [...gold];
    let keptHere = 0;
    const codes = new Set<string>();
    while (pending.length) {
      let best = 0;
      for (let i = 1; i < pending.length; i++) if (novelty(pending[i].apis, used) > novelty(pending[best].apis, used)) best = i;
      const o = pending.splice(best, 1)[0];
      if (codes.has(o.candidate.code.trim())) { o.dropped = 'duplicate_code'; continue; }
      if (keptHere >= opts.maxKeptPerIntent) { o.dropped = 'over_intent_cap'; continue; }
      codes.add(o.candidate.code.trim());
      for (const a of o.apis) used.add(a);
      kept.push(o);
      keptHere++;
    }
  }
  return kept.sort(byCandidate);
}

/**
 * Solutions of one intent grouped by answer: two answers the evaluation would take for one another
 * (its fuzzy comparison, both ways) are one answer, so a series name or a column header does not
 * split a majority. Keyed by the first member's exact result.
 */
function answerClasses(list: Outcome[]): Map<string, Outcome[]> {
  const classes = new Map<string, Outcome[]>();
  for (const o of list) {
    const home = [...classes.values()].find((c) => {
      const a = c[0].value!;
      const b = o.value!;
      return compareValues(a, b, 'fuzzy').equal && compareValues(b, a, 'fuzzy').equal;
    });
    if (home) home.push(o);
    else classes.set(resultKey(o.value!.value), [o]);
  }
  return classes;
}

function byCandidate(a: Outcome, b: Outcome): number {
  return a.candidate.intentIndex - b.candidate.intentIndex || a.candidate.solutionIndex - b.candidate.solutionIndex;
}

/**
 * At most `cap` of the solutions: first, in order, those that bring an API name or an operation
 * family the chosen ones lack (so a cap keeps the spread), then the rest in order. The others are
 * marked `over_context_cap`.
 */
export function capContext(outcomes: Outcome[], cap: number): Outcome[] {
  if (outcomes.length <= cap) return outcomes;
  const apis = new Set<string>();
  const steps = new Set<string>();
  const chosen = new Set<Outcome>();
  for (const o of outcomes) {
    if (chosen.size >= cap) break;
    const novel = o.apis.some((a) => !apis.has(a)) || o.candidate.steps.some((f) => !steps.has(f));
    if (!novel) continue;
    chosen.add(o);
    for (const a of o.apis) apis.add(a);
    for (const f of o.candidate.steps) steps.add(f);
  }
  for (const o of outcomes) {
    if (chosen.size >= cap) break;
    chosen.add(o);
  }
  for (const o of outcomes) if (!chosen.has(o)) o.dropped = 'over_context_cap';
  return outcomes.filter((o) => chosen.has(o));
}

/** choose, then capContext: the kept solutions of a context, in candidate order. */
export function selectKept(outcomes: Outcome[], opts: KeepOptions): Outcome[] {
  return capContext(choose(outcomes, opts), opts.maxSolutionsPerContext);
}
