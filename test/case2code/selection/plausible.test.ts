// Plausible arguments: a parameter whose default or annotation says its kind gets values of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oddArgs, oddRuns } from '../../../src/case2code/selection/plausible.js';
import type { Arg } from '../../../src/case2code/types.js';
import type { ParamShape } from '../../../src/case2code/tooling.js';

const p = (name: string, extra: Partial<ParamShape> = {}): ParamShape => ({ name, kind: 'positional_or_keyword', ...extra });

test('an argument of another kind than its parameter\'s default or annotation is odd; None and unknown kinds are not', () => {
  const params = [p('param'), p('value', { default: 'None' }), p('quote', { default: 'True' }), p('n', { annotation: 'int' }),
    p('sep', { default: "','" }), p('data', { default: "b''" })];
  assert.equal(oddArgs(params, [['param', '[1, 2]'], ['value', '[3]']]), false, 'no default kind to go by');
  assert.equal(oddArgs(params, [['quote', 'False'], ['quote', 'None']]), false);
  assert.equal(oddArgs(params, [['quote', "['utf-8', '123']"]]), true);
  assert.equal(oddArgs(params, [['quote', '1']]), true, 'a number where a flag is asked for');
  assert.equal(oddArgs(params, [['n', '-3'], ['n', '0x1f']]), false);
  assert.equal(oddArgs(params, [['n', '2.5e3']]), true, 'a float where the annotation says int');
  assert.equal(oddArgs(params, [['n', "'3'"]]), true);
  assert.equal(oddArgs(params, [['sep', "'; '"], ['data', "b'\\x00'"]]), false);
  assert.equal(oddArgs(params, [['sep', "b';'"]]), true, 'bytes where the default is str');
  assert.equal(oddArgs(params, [['data', 'lambda x: x']]), true);
  // Positional arguments are matched to parameters by position.
  assert.equal(oddArgs(params, [[null, "'k'"], [null, "'v'"], [null, '[0]']]), true);
  assert.equal(oddArgs(params, [[null, "'k'"], [null, "'v'"], [null, 'True']]), false);
});

test('without a default or annotation, a name that says text, a flag or several things sets the kind', () => {
  const params = [p('name'), p('tz_str'), p('is_open'), p('items')];
  assert.equal(oddArgs(params, [['name', "'__x__'"], ['tz_str', "b'UTC'"], ['is_open', 'True'], ['items', '[1, 2]']]), false);
  assert.equal(oddArgs(params, [['name', "['_', '_']"]]), true);
  assert.equal(oddArgs(params, [['is_open', "'yes'"]]), true);
  assert.equal(oddArgs(params, [['items', '[1]']]), false);
  assert.equal(oddArgs(params, [['items', "'abc'"]]), true, 'a plural of things takes several');
  assert.equal(oddArgs([p('libnames')], [['libnames', "('libssl.so.3', 'libssl.so.1.1')"]]), false);
  assert.equal(oddArgs([p('data')], [['data', "'abc'"], ['data', '[1]']]), false, 'no kind to go by');
  // A name that says several things: the product of a split, a chunk of work.
  assert.equal(oddArgs([p('split_command')], [['split_command', "'ls -l /tmp'"]]), true);
  assert.equal(oddArgs([p('split_command')], [['split_command', "['ls', '-l']"]]), false);
  assert.equal(oddArgs([p('chunk')], [['chunk', "'abc'"]]), true);
  assert.equal(oddArgs([p('checklist')], [['checklist', "'abc'"]]), false, 'a word ending in list is not a list');
});

test('a name of a whole number (calendar field, count, position) takes an int; a float or a list is odd', () => {
  const params = [p('year'), p('month'), p('pos'), p('line_count')];
  assert.equal(oddArgs(params, [['year', '2024'], ['month', '-1'], ['pos', '0x1e'], ['line_count', 'None']]), false);
  assert.equal(oddArgs(params, [['year', '2024.5']]), true, 'a float year');
  assert.equal(oddArgs(params, [['month', '1e3']]), true);
  assert.equal(oddArgs(params, [['year', '[400, 0, 4]']]), true, 'a list year');
  assert.equal(oddArgs(params, [['pos', "'3'"]]), true);
  assert.equal(oddArgs([p('maxlinelen')], [['maxlinelen', '8.76']]), true, 'a line length is whole');
  assert.equal(oddArgs([p('iso_weekday')], [['iso_weekday', '0.75']]), true, 'a prefixed calendar field is whole too');
  assert.equal(oddArgs([p('year', { default: '1.5' })], [['year', '2.5']]), false, 'a float default says floats are fine');
});

test('the static evidence sets the kind last: a number, and bytes where a sequence is read', () => {
  assert.equal(oddArgs([p('baselen', { evidence: 'number' })], [['baselen', '0.25']]), false);
  assert.equal(oddArgs([p('baselen', { evidence: 'number' })], [['baselen', '[-10, 1]']]), true);
  assert.equal(oddArgs([p('input', { evidence: 'seq' })], [['input', "b'\\xef\\xbb\\xbfabc'"]]), false, 'bytes are a sequence');
  assert.equal(oddArgs([p('input', { evidence: 'seq' })], [['input', "'abc'"]]), true);
  assert.equal(oddArgs([p('max', { evidence: 'int' })], [['max', '100.25']]), true, 'a float where ord(c) < max is compared');
  assert.equal(oddArgs([p('max', { evidence: 'int' })], [['max', '128']]), false);
  assert.equal(oddArgs([p('function', { evidence: 'callable' })], [['function', '[10, 14]']]), true, 'a list where the body calls it');
  assert.equal(oddArgs([p('function', { evidence: 'callable' })], [['function', "'max'"]]), true, 'a string is no callable');
  assert.equal(oddArgs([p('function', { evidence: 'callable' })], [['function', 'lambda x, y: x + y'], ['function', 'max'], ['function', 'None']]), false);
  // A name says more than evidence: `year` stays whole whatever the evidence.
  assert.equal(oddArgs([p('year', { evidence: 'number' })], [['year', '2.5']]), true);
});

test('self and other of unlike kinds are odd: a binary operation\'s operands are alike', () => {
  const params = [p('self'), p('other')];
  assert.equal(oddArgs(params, [['self', '10'], ['other', '9']]), false);
  assert.equal(oddArgs(params, [['self', '[15, 10]'], ['other', '[1]']]), false);
  assert.equal(oddArgs(params, [['self', '[15, 10]'], ['other', '15']]), true);
  assert.equal(oddArgs(params, [[null, "'123'"], [null, '10']]), true, 'positional arguments too');
  assert.equal(oddArgs(params, [['self', '3'], ['other', 'None']]), false, 'None is no kind');
  assert.equal(oddArgs([p('a'), p('b')], [['a', '3'], ['b', "'x'"]]), false, 'only self and other say so');
});

test('an expectation no successful call meets is set aside: only the others make a run odd', () => {
  const params = [p('dt'), p('legacy', { default: 'False' })];
  const date = "__import__('datetime').date(2024, 2, 29)";
  // The docstring made `dt` text, but only date objects return: `dt` says nothing, `legacy` still does.
  const runs = [
    { args: [['dt', date], ['legacy', 'False']] as Arg[], ok: true },
    { args: [['dt', date], ['legacy', date]] as Arg[], ok: true },
    { args: [['dt', "'2024-02-29'"]] as Arg[], ok: false },
  ];
  const withText = [{ ...params[0], evidence: 'text' as const }, params[1]];
  assert.deepEqual(oddRuns(withText, runs), [false, true, false]);
  // Met by one successful call, the expectation holds for all.
  const met = [...runs, { args: [['dt', "'2024-02-29'"]] as Arg[], ok: true }];
  assert.deepEqual(oddRuns(withText, met), [true, true, false, false]);
});

test('a parameter nothing gives a kind takes the kind most successful calls pass; the others are odd', () => {
  const runs = (texts: string[], ok = true) => texts.map((t) => ({ args: [['b', t]] as Arg[], ok }));
  const lists = runs(['[1, 2]', '[7, 0, 1]', '[8, 42]', "b'\\xff\\xfe'", 'None', "b'ab'"]);
  assert.deepEqual(oddRuns([p('b')], lists), [false, false, false, true, false, true], 'lists are the usual kind; None is never odd');
  // Failed calls do not vote, and with no kind ahead of the others (and passed by two calls in five) none is usual.
  assert.deepEqual(oddRuns([p('b')], [...runs(['1', '2']), ...runs(["'a'", "'b'", "'c'"], false)]), [false, false, false, false, false]);
  assert.deepEqual(oddRuns([p('x')], [{ args: [['x', '1']], ok: true }, { args: [['x', "'a'"]], ok: true }, { args: [['x', '[1]']], ok: true }]), [false, false, false]);
  assert.deepEqual(oddRuns([p('x')], runs(['1', '2', "'a'", "'b'", '[1]']).map((r) => ({ ...r, args: [['x', r.args[0][1]]] as Arg[] }))), [false, false, false, false, false], 'a tie');
  assert.deepEqual(oddRuns([p('x')], runs(['1', '2', "'a'", '[1]', 'len']).map((r) => ({ ...r, args: [['x', r.args[0][1]]] as Arg[] }))), [false, false, true, true, true], 'two in five, ahead of the rest');
  // A parameter whose name says its kind is judged by that, not by the usual kind.
  const named = [{ args: [['name', '[1]']] as Arg[], ok: true }, { args: [['name', '[2]']] as Arg[], ok: true }, { args: [['name', "'x'"]] as Arg[], ok: true }];
  assert.deepEqual(oddRuns([p('name')], named), [true, true, false]);
});
