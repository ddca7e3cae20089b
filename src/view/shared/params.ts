// A query of the sample list as URL parameters, one spelling for the page's address (so a filter
// can be linked) and the server's API: `split=test&q=word&f.template=a&f.template=b&r.coverage=0.5..1
// &sort=-mutation_score&offset=50&limit=50`.
import type { Query } from './types.js';

export const PAGE_SIZE = 50;
export const MAX_PAGE = 500;

function num(text: string): number | null {
  if (text === '') return null;
  const v = Number(text);
  return Number.isFinite(v) ? v : null;
}

export function queryFromParams(p: URLSearchParams): Query {
  const q: Query = { cats: {}, ranges: {}, offset: 0, limit: PAGE_SIZE };
  for (const [k, v] of p) {
    if (k === 'split') { if (v) q.split = v; }
    else if (k === 'q') { if (v.trim()) q.q = v; }
    else if (k.startsWith('f.')) (q.cats[k.slice(2)] ??= []).push(v);
    else if (k.startsWith('r.')) {
      const [lo, hi] = v.split('..');
      q.ranges[k.slice(2)] = [num(lo ?? ''), num(hi ?? '')];
    } else if (k === 'sort' && v) q.sort = v.startsWith('-') ? { key: v.slice(1), desc: true } : { key: v, desc: false };
    else if (k === 'offset') q.offset = Math.max(0, Math.floor(num(v) ?? 0));
    else if (k === 'limit') q.limit = Math.min(MAX_PAGE, Math.max(1, Math.floor(num(v) ?? PAGE_SIZE)));
  }
  return q;
}

export function paramsFromQuery(q: Partial<Query>): URLSearchParams {
  const p = new URLSearchParams();
  if (q.split) p.set('split', q.split);
  if (q.q) p.set('q', q.q);
  for (const [k, vs] of Object.entries(q.cats ?? {})) for (const v of vs) p.append(`f.${k}`, v);
  for (const [k, [lo, hi]] of Object.entries(q.ranges ?? {})) {
    if (lo === null && hi === null) continue;
    p.set(`r.${k}`, `${lo ?? ''}..${hi ?? ''}`);
  }
  if (q.sort) p.set('sort', `${q.sort.desc ? '-' : ''}${q.sort.key}`);
  if (q.offset) p.set('offset', String(q.offset));
  if (q.limit && q.limit !== PAGE_SIZE) p.set('limit', String(q.limit));
  return p;
}

/** Whether a query filters or sorts at all (the first page of an unfiltered list needs no index). */
export function isPlain(q: Query): boolean {
  return q.split === undefined && !q.q && !q.sort && Object.values(q.cats).every((v) => v.length === 0)
    && Object.values(q.ranges).every(([lo, hi]) => lo === null && hi === null);
}
