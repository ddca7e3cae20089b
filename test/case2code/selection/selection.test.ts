import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectCases, coverageOf, mutationScoreOf, type Choosable } from '../../../src/case2code/selection/selection.js';

const base = { shownMin: 3, shownMax: 10, heldoutMax: 5, maxErrorShare: 0.3 };
const c = (key: string, lines: number[], kills: number[] = [], isError = false): Choosable => ({ key, lines, kills, isError });

test('selection prefers cases that add outputs, lines and killed mutants over repeats', () => {
  const cases = [
    c('ok:1', [1], [0]), c('ok:1', [1], [0]), c('ok:1', [1], [0]),
    c('ok:2', [1, 2], [1]), c('ok:3', [1, 3], [2, 3]), c('ok:4', [1], []),
  ];
  const sel = selectCases(cases, { ...base, shownMax: 4, heldoutMax: 2, totalLines: 3, totalMutants: 4 });
  assert.deepEqual([...sel.shown].sort(), [0, 3, 4, 5]);
  assert.equal(coverageOf(cases, sel.shown, 3), 1);
  assert.equal(mutationScoreOf(cases, sel.shown, 4), 1);
  assert.ok(sel.heldout.every((i) => !sel.shown.includes(i)));
});

test('exceptions never exceed the configured share of shown or held-out cases', () => {
  const cases = [
    ...Array.from({ length: 8 }, (_, i) => c(`error:E${i}`, [1, i + 2], [i], true)),
    c('ok:a', [1], []), c('ok:b', [1], []), c('ok:c', [1], []), c('ok:d', [1], []),
  ];
  const sel = selectCases(cases, { ...base, totalLines: 10, totalMutants: 8 });
  const errs = sel.shown.filter((i) => cases[i].isError).length;
  assert.ok(sel.shown.length >= 3);
  assert.ok(errs <= 0.3 * sel.shown.length, `${errs} errors in ${sel.shown.length}`);
  const heldErrs = sel.heldout.filter((i) => cases[i].isError).length;
  assert.ok(heldErrs <= 0.3 * Math.max(sel.heldout.length, 1));
});

test('selection fills up to the minimum even when nothing new is gained', () => {
  const cases = [c('ok:1', [1]), c('ok:1', [1]), c('ok:1', [1]), c('ok:1', [1])];
  const sel = selectCases(cases, { ...base, totalLines: 1, totalMutants: 0 });
  assert.equal(sel.shown.length, 3);
  assert.deepEqual(sel.shown, [0, 1, 2]);
});

test('an informative selection shows at least six cases where the held-out cases can spare them, plausible ones first', () => {
  // Three outputs cover everything, and no trivial program explains them.
  const cases: Choosable[] = [
    { ...c('ok:True', [1, 2]), hyps: [] }, { ...c('ok:NotImplemented', [1, 3]), hyps: [] }, { ...c('ok:False', [1, 4]), hyps: [] },
    ...Array.from({ length: 12 }, (_, i): Choosable => ({ ...c(['ok:True', 'ok:False', 'ok:NotImplemented'][i % 3], [1]), hyps: [], odd: i < 4 })),
  ];
  const sel = selectCases(cases, { ...base, totalLines: 4, totalMutants: 0, informative: true });
  assert.equal(sel.uninformative, undefined);
  assert.equal(sel.shown.length, 6, JSON.stringify(sel));
  assert.deepEqual(sel.shown.slice(3), [7, 8, 9], 'the top-up takes plausible cases before odd ones');
  assert.equal(sel.heldout.length, 5);
  // Too few candidates to spare: the held-out cases keep their five.
  const few = selectCases(cases.slice(0, 9), { ...base, totalLines: 4, totalMutants: 0, informative: true });
  assert.equal(few.shown.length, 4);
  assert.equal(few.heldout.length, 5);
});

test('twins of a chosen call (one argument changed) come after unlike calls that teach as much', () => {
  const call = (y: number, d: number, hh: number) => [`y=${y}`, `d=${d}`, `hh=${hh}`];
  // Every case has its own output and covers the same line: only how alike the calls are differs.
  const cases: Choosable[] = [
    { ...c('ok:a', [1]), hyps: [], args: call(6, 9, 7) },
    { ...c('ok:b', [1]), hyps: [], args: call(6, 9, 8) },
    { ...c('ok:c', [1]), hyps: [], args: call(6, 4, 7) },
    { ...c('ok:d', [1]), hyps: [], args: call(7, 9, 7) },
    { ...c('ok:e', [1]), hyps: [], args: call(2024, 29, 23) },
    { ...c('ok:f', [1]), hyps: [], args: call(1999, 31, 0) },
    { ...c('ok:g', [1]), hyps: [], args: call(1, 1, 12) },
    ...Array.from({ length: 8 }, (_, i): Choosable => ({ ...c(`ok:h${i}`, [1]), hyps: [], args: call(6, 9, 10 + i) })),
  ];
  const sel = selectCases(cases, { ...base, shownMax: 4, heldoutMax: 5, totalLines: 1, totalMutants: 0, informative: true });
  assert.deepEqual(sel.shown, [0, 4, 5, 6], JSON.stringify(sel));
  // The top-up past the greedy cover takes the least alike call too.
  const more = selectCases(cases, { ...base, shownMin: 3, shownMax: 10, heldoutMax: 5, totalLines: 1, totalMutants: 0, informative: true });
  assert.ok([4, 5, 6].every((i) => more.shown.includes(i)), JSON.stringify(more));
});

test('implausible cases stay at one in ten of the shown ones while plausible candidates are left', () => {
  // Odd cases kill mutants no plausible one does, on lines plausible ones run too; they still may not
  // crowd the plausible ones out.
  const cases: Choosable[] = [
    ...Array.from({ length: 6 }, (_, i): Choosable => ({ ...c(`ok:odd${i}`, [1], [i]), hyps: [], odd: true })),
    // Three plausible outputs: past them, only the odd cases gain anything.
    ...Array.from({ length: 8 }, (_, i): Choosable => ({ ...c(`ok:p${i % 3}`, [1]), hyps: [] })),
  ];
  const sel = selectCases(cases, { ...base, shownMin: 6, shownMax: 6, heldoutMax: 5, totalLines: 2, totalMutants: 6, informative: true });
  const odd = sel.shown.filter((i) => cases[i].odd).length;
  assert.equal(sel.shown.length, 6);
  assert.equal(odd, 0, JSON.stringify(sel));
  // Ten shown cases leave room for one.
  const more = [...cases, ...Array.from({ length: 6 }, (_, i): Choosable => ({ ...c(`ok:q${i % 3}`, [1]), hyps: [] }))];
  const ten = selectCases(more, { ...base, shownMin: 10, shownMax: 10, heldoutMax: 0, totalLines: 2, totalMutants: 6, informative: true });
  assert.equal(ten.shown.filter((i) => more[i].odd).length, 1, JSON.stringify(ten));
  // An odd case that runs a line no plausible one does (the function's own type check) is shown.
  const check: Choosable[] = [...cases.slice(6), { ...c('err:TypeError', [1, 3]), hyps: [], odd: true, isError: true }];
  const withCheck = selectCases(check, { ...base, shownMin: 6, shownMax: 6, heldoutMax: 0, totalLines: 3, totalMutants: 0, informative: true });
  assert.ok(withCheck.shown.includes(check.length - 1), JSON.stringify(withCheck));
  // With nothing plausible to show, odd cases are all there is.
  const only = selectCases(cases.slice(0, 6), { ...base, shownMin: 3, shownMax: 6, heldoutMax: 0, totalLines: 2, totalMutants: 6, informative: true });
  assert.ok(only.shown.length >= 3);
});
