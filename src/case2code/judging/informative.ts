// What shown cases tell a reader: whether a trivial program explains their returns (a constant,
// only None, an argument unchanged or its str()/repr()/len()/..., see python/cf_trivial.py), how many
// of them echo an argument, whether they have enough distinct outputs (3, of which 2 returns; a
// predicate: 6 cases with both True and False), and one figure for it all, `informativeness`: the
// share of the shown returns that the likeliest trivial explanation gets wrong (0: one explains
// them all). Case selection optimises it; the audit of written records reports it.

/** A case as this module sees it: its output key and the trivial programs its return agrees with. */
export interface CaseFacts {
  key: string;
  isError: boolean;
  /** Trivial programs (`kind:param`) that give this return; empty for an error. */
  hyps: string[];
  /** The return is one of the arguments unchanged. */
  echo: boolean;
}

export const PREDICATE_MIN_SHOWN = 6;
/** Case selection shows each of a predicate's answers at least this often where the candidates
 *  allow: one True among five False is nearly the constant False, and says little about when the
 *  answer is True. (Not a rule: a predicate whose candidates hold one True is kept with it.) */
export const PREDICATE_MIN_EACH = 2;
export const MIN_DISTINCT_OUTPUTS = 3;
export const MIN_DISTINCT_RETURNS = 2;

const BOOLS = new Set(['ok:True', 'ok:False']);

export interface ShownAudit {
  /** The trivial explanation the shown returns fit (`constant`, `none`, `id:x`, `len:s`, ...), or null. */
  trivial: string | null;
  /** Share of shown cases whose return is an argument unchanged. */
  echoShare: number;
  distinctOutputs: number;
  distinctReturns: number;
  /** Every return is True or False. */
  predicate: boolean;
  /** Enough distinct outputs (or, for a predicate, enough cases with both values). */
  enoughOutputs: boolean;
  informativeness: number;
}

export function auditShown(cases: CaseFacts[]): ShownAudit {
  const ok = cases.filter((c) => !c.isError);
  const keys = new Set(cases.map((c) => c.key));
  const returns = new Map<string, number>();
  for (const c of ok) returns.set(c.key, (returns.get(c.key) ?? 0) + 1);
  const predicate = ok.length > 0 && ok.every((c) => BOOLS.has(c.key));
  const enoughOutputs = predicate
    ? cases.length >= PREDICATE_MIN_SHOWN && returns.has('ok:True') && returns.has('ok:False')
    : keys.size >= MIN_DISTINCT_OUTPUTS && returns.size >= MIN_DISTINCT_RETURNS;
  const echoShare = cases.length ? cases.filter((c) => c.echo).length / cases.length : 0;
  if (ok.length === 0) return { trivial: 'constant', echoShare, distinctOutputs: keys.size, distinctReturns: 0, predicate, enoughOutputs, informativeness: 0 };
  // Each explanation's misses: the constant (the commonest return), and every trivial program of one argument.
  const misses = new Map<string, number>([['constant', ok.length - Math.max(...returns.values())]]);
  const agree = new Map<string, number>();
  for (const c of ok) for (const h of c.hyps) agree.set(h, (agree.get(h) ?? 0) + 1);
  for (const [h, n] of agree) misses.set(h, ok.length - n);
  let trivial: string | null = null;
  let least = Infinity;
  for (const [h, m] of misses) {
    if (m < least) { least = m; if (m === 0) trivial = h; }
  }
  if (trivial === 'constant' && ok.every((c) => c.key === 'ok:None')) trivial = 'none';
  const informativeness = Math.round((least / ok.length) * 10000) / 10000;
  return { trivial, echoShare, distinctOutputs: keys.size, distinctReturns: returns.size, predicate, enoughOutputs, informativeness };
}

/** Why these shown cases are not informative enough, or null when they are. */
export function notInformative(a: ShownAudit): string | null {
  if (a.trivial) return `a trivial program explains every shown return (${a.trivial})`;
  if (a.echoShare >= 0.5) return `${Math.round(a.echoShare * 100)}% of shown cases return an argument unchanged`;
  if (!a.enoughOutputs) {
    return a.predicate
      ? `a predicate needs ${PREDICATE_MIN_SHOWN} shown cases with both True and False`
      : `${a.distinctOutputs} distinct outputs (${a.distinctReturns} returns) among the shown cases`;
  }
  return null;
}
