// Case selection: a greedy cover over what a reader of the cases can learn from, each weighted by
// its share of the whole: distinct outputs, covered statement lines, killed mutants, and trivial
// explanations ruled out (informative.ts). Exceptions may be cases, but never more than
// `maxErrorShare` of the shown (or held-out) cases, and returns that echo an argument never half
// of the shown ones. When the greedy choice leaves a trivial explanation standing (or too few
// distinct outputs), a repair pass swaps in cases that break it; when none can, the selection says why.
import { auditShown, notInformative, PREDICATE_MIN_EACH, PREDICATE_MIN_SHOWN, type CaseFacts } from '../judging/informative.js';

export interface Choosable {
  /** Output key (distinct outputs count once). */
  key: string;
  isError: boolean;
  lines: number[];
  /** Indices of the mutants this case tells apart from the function. */
  kills: number[];
  /** Trivial programs (`kind:param`) that give this case's return (see informative.ts). */
  hyps?: string[];
  /** The return is one of the arguments unchanged. */
  echo?: boolean;
  /** An argument of a kind its parameter does not take (plausible.ts): chosen only for what it adds. */
  odd?: boolean;
  /** The call's arguments (`name=text`): a case repeating most of a chosen case's arguments shows less. */
  args?: string[];
}

export interface SelectOptions {
  shownMin: number;
  shownMax: number;
  heldoutMax: number;
  maxErrorShare: number;
  totalLines: number;
  totalMutants: number;
  /** Hold the shown cases to informative.ts's rules (false: cover outputs, lines and mutants only). */
  informative?: boolean;
  /** With `informative`: swap cases in when the greedy choice is not informative (default true). */
  repair?: boolean;
}

export interface Selection {
  shown: number[];
  heldout: number[];
  /** Why the shown cases could not be made informative (set only with `informative`). */
  uninformative?: string;
}

const W_OUTPUT = 1;
/** A new exception teaches less than a new return value. */
const W_ERROR_OUTPUT = 0.5;
const W_LINES = 1;
const W_MUTANTS = 2;
/** Ruling out trivial explanations still standing, as a share of them. */
const W_TRIVIAL = 1.5;
const REPAIR_STEPS = 40;
/** What an implausible case's gain counts for: a plausible case that teaches as much comes first. */
const ODD_FACTOR = 0.3;
/** What a case whose arguments were all shown already counts for (a mutant of a chosen case that
 *  changes one of seven arguments counts 1/7 of the way up from here): ten twins of one call that
 *  differ in a digit each cover as much as ten unlike calls, but show a reader far less. */
const TWIN_FACTOR = 0.5;

/** Arguments (`name=text`) the chosen cases show, and the share of a case's that are new. */
class SeenArgs {
  private seen = new Set<string>();

  add(c: Choosable): void {
    for (const a of c.args ?? []) this.seen.add(a);
  }

  novelty(c: Choosable): number {
    if (!c.args?.length) return 1;
    return c.args.filter((a) => !this.seen.has(a)).length / c.args.length;
  }

  factor(c: Choosable): number {
    return TWIN_FACTOR + (1 - TWIN_FACTOR) * this.novelty(c);
  }
}

function errorsAllowed(errors: number, size: number, opts: SelectOptions): boolean {
  return errors <= opts.maxErrorShare * Math.max(size, opts.shownMin);
}

/** Implausible cases stay at one in ten of the shown ones (none in fewer than ten) while plausible
 *  candidates are left: a reader learns a function from the calls its callers make, and one
 *  `_monthlen(year=[400, 0, 4])` among six cases, there only to kill a mutant, reads as a caller that
 *  does not exist. One that runs lines no plausible candidate runs (the function's own type check)
 *  shows behaviour nothing else can: those may be one in five (at least one). */
function oddsAllowed(odds: number, size: number, reachesMore: boolean): boolean {
  return odds <= (reachesMore ? Math.max(1, Math.floor(size / 5)) : Math.floor(size / 10));
}

/** Echoing returns stay under half of the shown cases, whatever size the selection reaches. */
function echoesAllowed(echoes: number, size: number, min: number): boolean {
  return 2 * echoes < Math.max(size, min);
}

const factsOf = (c: Choosable): CaseFacts => ({ key: c.key, isError: c.isError, hyps: c.hyps ?? [], echo: !!c.echo });

/** Trivial explanations the chosen returns all agree with, and ruling out any of them. */
class Standing {
  private agree = new Map<string, number>();
  private returns = 0;

  add(c: Choosable): void {
    if (c.isError) return;
    this.returns++;
    for (const h of c.hyps ?? []) this.agree.set(h, (this.agree.get(h) ?? 0) + 1);
  }

  /** Share of the explanations still standing that `c` rules out (0 before any return is chosen). */
  gain(c: Choosable): number {
    if (c.isError || this.returns === 0) return 0;
    const has = new Set(c.hyps ?? []);
    let standing = 0;
    let broken = 0;
    for (const [h, n] of this.agree) {
      if (n !== this.returns) continue;
      standing++;
      if (!has.has(h)) broken++;
    }
    return standing ? broken / standing : 0;
  }
}

/** Greedy choice of `count` cases from `order` (indices into cases), largest gain first, ties by order. */
function greedy(cases: Choosable[], order: number[], max: number, min: number, opts: SelectOptions, alsoSeen?: Set<string>): number[] {
  const chosen: number[] = [];
  const keys = new Set<string>(alsoSeen);
  const lines = new Set<number>();
  const kills = new Set<number>();
  const standing = new Standing();
  const seen = new SeenArgs();
  let errors = 0;
  let echoes = 0;
  let odds = 0;
  const left = new Set(order);
  const plainLines = new Set<number>();
  for (const i of order) if (!cases[i].odd) cases[i].lines.forEach((l) => plainLines.add(l));
  while (chosen.length < max && left.size > 0) {
    let best = -1;
    let bestGain = -1;
    // An odd case past the cap, taken only when nothing else can be.
    let spare = -1;
    let spareGain = -1;
    for (const i of order) {
      if (!left.has(i)) continue;
      const c = cases[i];
      if (c.isError && !errorsAllowed(errors + 1, chosen.length + 1, opts)) continue;
      if (opts.informative && c.echo && !echoesAllowed(echoes + 1, chosen.length + 1, min)) continue;
      let gain = keys.has(c.key) ? 0 : c.isError ? W_ERROR_OUTPUT : W_OUTPUT;
      if (opts.totalLines > 0) gain += (W_LINES * c.lines.filter((l) => !lines.has(l)).length) / opts.totalLines;
      if (opts.totalMutants > 0) gain += (W_MUTANTS * c.kills.filter((m) => !kills.has(m)).length) / opts.totalMutants;
      if (opts.informative) gain += W_TRIVIAL * standing.gain(c);
      if (c.odd) gain *= ODD_FACTOR;
      gain *= seen.factor(c);
      if (c.odd && !oddsAllowed(odds + 1, Math.max(chosen.length + 1, min), c.lines.some((l) => !plainLines.has(l)))) {
        if (gain > spareGain) { spare = i; spareGain = gain; }
      } else if (gain > bestGain) { best = i; bestGain = gain; }
    }
    if (best < 0) { best = spare; bestGain = spareGain; }
    if (best < 0 || (bestGain <= 0 && chosen.length >= min)) break;
    const c = cases[best];
    chosen.push(best);
    left.delete(best);
    keys.add(c.key);
    c.lines.forEach((l) => lines.add(l));
    c.kills.forEach((m) => kills.add(m));
    standing.add(c);
    seen.add(c);
    if (c.isError) errors++;
    if (c.echo) echoes++;
    if (c.odd) odds++;
  }
  return chosen;
}

/** How far `shown` is from informative (each rule it breaks adds a whole step); within a step, less
 *  informative and then less coverage and fewer killed mutants count against it. */
function shortfall(cases: Choosable[], shown: number[], opts: SelectOptions): number {
  const a = auditShown(shown.map((i) => factsOf(cases[i])));
  const cover = coverageOf(cases, shown, opts.totalLines) + mutationScoreOf(cases, shown, opts.totalMutants);
  // Implausible cases past their allowance count a step and a half each: a repair takes a plausible
  // case where one does as well, and breaks an echo with one implausible case at most (a function
  // shown echoing lists can not be made informative by showing it strings its callers never pass).
  const odds = shown.filter((i) => cases[i].odd).length;
  const excess = Math.max(0, odds - Math.max(1, Math.floor(shown.length / 5)));
  return (a.trivial ? 4 : 0) + (a.echoShare >= 0.5 ? 2 : 0) + (a.enoughOutputs ? 0 : 1) + excess * 1.5
    + (1 - a.informativeness) * 0.5 + (2 - cover) * 0.05;
}

/** Adds or swaps in the case that brings the shown ones closest to informative, step by step. */
function repair(cases: Choosable[], shown: number[], order: number[], opts: SelectOptions): number[] {
  let cur = [...shown];
  let score = shortfall(cases, cur, opts);
  for (let step = 0; step < REPAIR_STEPS && notInformative(auditShown(cur.map((i) => factsOf(cases[i])))); step++) {
    const rest = order.filter((i) => !cur.includes(i));
    let best: number[] | null = null;
    let bestScore = score;
    const consider = (next: number[]) => {
      const errs = next.filter((i) => cases[i].isError).length;
      if (!errorsAllowed(errs, next.length, opts)) return;
      const s = shortfall(cases, next, opts);
      if (s < bestScore - 1e-9) { best = next; bestScore = s; }
    };
    for (const add of rest) {
      if (cur.length < opts.shownMax) consider([...cur, add]);
      else for (let k = 0; k < cur.length; k++) consider([...cur.slice(0, k), ...cur.slice(k + 1), add]);
    }
    if (!best) break;
    cur = best;
    score = bestScore;
  }
  return cur;
}

/** A predicate's rarer answer shown at least PREDICATE_MIN_EACH times where the candidates have it:
 *  added while there is room, else swapped in for the last-chosen case of the commoner answer. */
function balancePredicate(cases: Choosable[], shown: number[], opts: SelectOptions): number[] {
  const cur = [...shown];
  const count = (k: string) => cur.filter((i) => cases[i].key === k).length;
  const rare = count('ok:True') <= count('ok:False') ? 'ok:True' : 'ok:False';
  const common = rare === 'ok:True' ? 'ok:False' : 'ok:True';
  const spare = cases.map((_, i) => i).filter((i) => cases[i].key === rare && !cur.includes(i));
  while (count(rare) < PREDICATE_MIN_EACH && spare.length > 0) {
    const add = spare.shift()!;
    if (cur.length < opts.shownMax) { cur.push(add); continue; }
    let k = -1;
    for (let j = cur.length - 1; j >= 0; j--) if (cases[cur[j]].key === common) { k = j; break; }
    if (k < 0 || count(common) <= PREDICATE_MIN_EACH) break;
    cur.splice(k, 1, add);
  }
  return cur;
}

/** Shown cases a reader should have even when the cover is complete with fewer (three cases of
 *  `a <= b` pin down little); more only while the held-out cases still get their full count. */
export const PREFER_SHOWN = 6;

/** `shown` filled up to PREFER_SHOWN with further cases: plausible returns that echo no argument
 *  first, and among those the call least like the ones already shown; never past the error and echo
 *  shares, never at the held-out cases' expense. */
function topUp(cases: Choosable[], shown: number[], order: number[], opts: SelectOptions): number[] {
  const cur = [...shown];
  const seen = new SeenArgs();
  cur.forEach((i) => seen.add(cases[i]));
  const rank = (c: Choosable) => (c.odd ? 4 : 0) + (c.isError ? 2 : 0) + (c.echo ? 1 : 0);
  const rest = new Set(order.filter((i) => !cur.includes(i)));
  while (cur.length < Math.min(PREFER_SHOWN, opts.shownMax) && cases.length - cur.length - 1 >= opts.heldoutMax) {
    let best = -1;
    for (const i of rest) {
      const next = [...cur, i];
      if (!errorsAllowed(next.filter((j) => cases[j].isError).length, next.length, opts)) continue;
      if (!echoesAllowed(next.filter((j) => cases[j].echo).length, next.length, opts.shownMin)) continue;
      if (best < 0) { best = i; continue; }
      const d = rank(cases[i]) - rank(cases[best]) || seen.novelty(cases[best]) - seen.novelty(cases[i]);
      if (d < 0 || (d === 0 && i < best)) best = i;
    }
    if (best < 0) break;
    cur.push(best);
    rest.delete(best);
    seen.add(cases[best]);
  }
  return cur;
}

export function selectCases(cases: Choosable[], opts: SelectOptions): Selection {
  const order = cases.map((_, i) => i);
  // A predicate needs more cases to show both of its answers often enough.
  const okKeys = new Set(cases.filter((c) => !c.isError).map((c) => c.key));
  const predicate = opts.informative && okKeys.size > 0 && [...okKeys].every((k) => k === 'ok:True' || k === 'ok:False');
  const min = predicate ? Math.min(Math.max(opts.shownMin, PREDICATE_MIN_SHOWN), opts.shownMax) : opts.shownMin;
  let shown = greedy(cases, order, opts.shownMax, min, opts);
  let uninformative: string | undefined;
  if (opts.informative) {
    if (opts.repair !== false) shown = repair(cases, shown, order, opts);
    if (predicate) {
      // Kept only if it leaves the cases as informative as they were (a swap could let `not x` fit).
      const balanced = balancePredicate(cases, shown, opts);
      const before = notInformative(auditShown(shown.map((i) => factsOf(cases[i]))));
      if (before || !notInformative(auditShown(balanced.map((i) => factsOf(cases[i]))))) shown = balanced;
    }
    uninformative = notInformative(auditShown(shown.map((i) => factsOf(cases[i])))) ?? undefined;
    if (!uninformative) {
      const more = topUp(cases, shown, order, opts);
      if (!notInformative(auditShown(more.map((i) => factsOf(cases[i]))))) shown = more;
    }
  }
  const rest = order.filter((i) => !shown.includes(i));
  const shownKeys = new Set(shown.map((i) => cases[i].key));
  // Held-out cases: new outputs first (they test generalisation), then anything left.
  const fresh = rest.filter((i) => !shownKeys.has(cases[i].key));
  const heldout = greedy(cases, fresh, opts.heldoutMax, 0, { ...opts, shownMin: 1, informative: false });
  if (heldout.length < opts.heldoutMax) {
    for (const i of rest) {
      if (heldout.length >= opts.heldoutMax) break;
      if (heldout.includes(i)) continue;
      const errs = heldout.filter((j) => cases[j].isError).length + (cases[i].isError ? 1 : 0);
      if (errorsAllowed(errs, heldout.length + 1, { ...opts, shownMin: 1 })) heldout.push(i);
    }
  }
  return uninformative ? { shown, heldout, uninformative } : { shown, heldout };
}

/** Which of `lines` the chosen cases execute, as a share. */
export function coverageOf(cases: Choosable[], chosen: number[], totalLines: number): number {
  if (totalLines === 0) return 1;
  const hit = new Set<number>();
  for (const i of chosen) cases[i].lines.forEach((l) => hit.add(l));
  return hit.size / totalLines;
}

export function mutationScoreOf(cases: Choosable[], chosen: number[], totalMutants: number): number {
  if (totalMutants === 0) return 1;
  const killed = new Set<number>();
  for (const i of chosen) cases[i].kills.forEach((m) => killed.add(m));
  return killed.size / totalMutants;
}
