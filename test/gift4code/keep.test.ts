import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apisOf, degenerateReason, screen, selectKept, trivialReason } from '../../src/gift4code/keep.js';
import type { Candidate, Outcome } from '../../src/gift4code/types.js';
import type { CanonicalValue, Value } from '../../src/values/types.js';

const cv = (value: Value, repr = 'x'): CanonicalValue => ({ repr, value, type: 'builtins.object', flags: { address: false, truncated: false } });
const cand = (intentIndex: number, solutionIndex: number, code: string, intent = `q${intentIndex}`, shape?: string): Candidate =>
  ({ intent, code, family: 'llm', steps: [], template: 'llm', usesHistory: false, intentIndex, solutionIndex, ...(shape ? { shape } : {}) });
const out = (c: Candidate, value?: Value, dropped?: string): Outcome => ({ candidate: c, apis: apisOf(c.code), ...(value ? { value: cv(value) } : {}), ...(dropped ? { dropped } : {}) });
const int = (v: number): Value => ({ t: 'int', v });
const flt = (v: number | 'nan'): Value => ({ t: 'float', v });
const series = (values: Value[]): Value => ({ t: 'series', dtype: 'float64', name: { t: 'none' }, index: values.map((_, i) => int(i)), values });

test('apisOf finds methods, pandas functions, accessors and indexers', () => {
  assert.deepEqual(apisOf("df.loc[df['a'] > 1].groupby('b')['c'].agg(['mean'])\npd.crosstab(x, y)\ns.str.upper()\nd.dt.year"),
    ['agg', 'dt.year', 'groupby', 'loc', 'pd.crosstab', 'str.upper']);
});

test('trivialReason flags None, empties, NaN and plain objects, and passes real answers', () => {
  assert.equal(trivialReason({ t: 'none' }), 'trivial:none');
  assert.equal(trivialReason({ t: 'list', items: [] }), 'trivial:empty');
  assert.equal(trivialReason({ t: 'dataframe', columns: [{ t: 'str', v: 'a' }], dtypes: ['int64'], index: [], data: [[]] }), 'trivial:empty');
  assert.equal(trivialReason({ t: 'npscalar', dtype: 'float64', v: flt('nan') }), 'trivial:nan');
  assert.equal(trivialReason({ t: 'object', type: 'x.GroupBy', repr: '<pandas.core.groupby.DataFrameGroupBy object>' }), 'trivial:object');
  assert.equal(trivialReason(int(0)), undefined);
  assert.equal(trivialReason({ t: 'bool', v: false }), undefined);
});

test('degenerateReason: zero scalars, one-row tables, all-NaN, mostly-NaN and constant columns', () => {
  assert.equal(degenerateReason(int(0), 'scalar'), 'degenerate:zero');
  assert.equal(degenerateReason({ t: 'npscalar', dtype: 'float64', v: flt(0) }, 'scalar'), 'degenerate:zero');
  assert.equal(degenerateReason(int(0)), undefined, 'an LLM answer of 0 is not judged by shape');
  assert.equal(degenerateReason(series([flt(1.5)]), 'series'), 'degenerate:single_row');
  assert.equal(degenerateReason(series([flt(1.5)])), undefined);
  assert.equal(degenerateReason(series([flt('nan'), flt('nan'), flt('nan')]), 'series'), 'degenerate:all_nan');
  assert.equal(degenerateReason(series([flt('nan'), flt(2), flt('nan'), flt(1)]), 'series'), 'degenerate:mostly_nan');
  assert.equal(degenerateReason(series([flt(3), flt(3), flt(3)]), 'series'), 'degenerate:constant');
  assert.equal(degenerateReason({ t: 'dataframe', columns: [{ t: 'str', v: 'a' }, { t: 'str', v: 'b' }], dtypes: ['int64', 'int64'], index: [int(0), int(1)], data: [[int(1), int(1)], [int(2), int(2)]] }, 'table'), 'degenerate:constant');
  assert.equal(degenerateReason(series([flt(3), flt(4), flt(3)]), 'series'), undefined);
  assert.equal(degenerateReason(int(7), 'scalar'), undefined);
});

test('screen drops failures, unbounded, trivial and degenerate answers', () => {
  const a = out(cand(0, 0, 'object()'), { t: 'object', type: 'builtins.object', repr: '<object at 0x7f>' });
  a.value!.flags.address = true;
  const b = out(cand(1, 0, 'big'), int(5));
  b.value!.flags.truncated = true;
  const c = out(cand(2, 0, 'x', 'q2', 'scalar'), int(0));
  const d = out(cand(3, 0, 'y', 'q3', 'scalar'), int(7));
  const e = out(cand(4, 0, 'z'), undefined, 'error:KeyError');
  assert.deepEqual(screen([a, b, c, d, e]), [d]);
  assert.deepEqual([a, b, c, d, e].map((o) => o.dropped ?? 'kept'), ['unreproducible:address', 'too_large', 'degenerate:zero', 'kept', 'error:KeyError']);
});

test('selectKept: one gold per intent text (a strict majority, or the intent is ambiguous), distinct results, novel APIs, caps', () => {
  const same = int(42);
  const outcomes = [
    out(cand(0, 0, 'len(df)'), same),
    out(cand(0, 1, 'df.shape[0]'), same),
    out(cand(0, 2, "df.groupby('a').size().sum()"), same), // same result, most new APIs: preferred
    out(cand(0, 3, 'df.a.count()'), int(41)), // the minority of its intent
    out(cand(1, 0, 'df.a.max()'), same), // another intent with the same result: a duplicate
    out(cand(2, 0, 'df.a.sum()'), int(1)),
    out(cand(2, 1, 'df.a.min()'), int(2)), // two solutions, two answers, no majority: ambiguous
    out(cand(3, 0, 'df.b.sum()'), int(9)),
    out(cand(4, 0, 'df.c.sum()', 'Q3'), int(10)), // the same intent text as 3 up to case, another gold: ambiguous
  ];
  const kept = selectKept(outcomes, { maxKeptPerIntent: 2, maxSolutionsPerContext: 10 });
  assert.deepEqual(kept.map((o) => o.candidate.code), ['len(df)', "df.groupby('a').size().sum()"]);
  assert.deepEqual(outcomes.map((o) => o.dropped ?? 'kept'), ['kept', 'over_intent_cap', 'kept', 'disagrees_with_majority', 'duplicate_result',
    'ambiguous_intent', 'ambiguous_intent', 'ambiguous_intent', 'ambiguous_intent']);
});

test('selectKept caps a context', () => {
  const list = [0, 1, 2].map((i) => out(cand(i, 0, `x${i}`), int(i + 1)));
  const kept = selectKept(list, { maxKeptPerIntent: 2, maxSolutionsPerContext: 2 });
  assert.equal(kept.length, 2);
  assert.equal(list[2].dropped, 'over_context_cap');
});
