// Informative cases: the trivial explanations of a case (read from its text), the selection that
// rules them out (or says it cannot), which exceptions a record may show, and the entry name renamed
// through a program for an anonymous record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createExecutor, type Executor } from '../../../src/exec/executor.js';
import { PRELOAD, PYTHON_DIR, caseFacts, renameEntry } from '../../../src/case2code/tooling.js';
import { auditShown, notInformative, type CaseFacts } from '../../../src/case2code/judging/informative.js';
import { selectCases, type Choosable } from '../../../src/case2code/selection/selection.js';
import { errorSource } from '../../../src/case2code/judging/raised.js';
import { nameMismatch } from '../../../src/case2code/judging/audit.js';
import type { Case2CodeRecord } from '../../../src/case2code/records/record.js';

let ex: Executor;
before(async () => { ex = await createExecutor({ workers: 1, pythonPath: [PYTHON_DIR], preload: PRELOAD, onWarning: () => undefined }); });
after(async () => { await ex.close(); });

const facts = async (cases: Array<[string, string]>, params: string[]) => {
  const r = await caseFacts(ex, params, cases.map(([call, output]) => ({ call, output, ok: !output.startsWith('!') })));
  assert.ok(r.ok, JSON.stringify(r));
  return r.data.facts;
};

test('a builtin passed by name and handed back is an echo (its repr is the output)', async () => {
  const got = await facts([['g(object, [1])', "<class 'object'>"], ['g(len)', '<built-in function len>'], ['g(object)', "'object'"], ['g(obj)', "<class 'object'>"]], ['a', 'b']);
  assert.deepEqual(got.map((f) => f.echo), [true, true, false, false]);
  const pair = await facts([['g(None, value=3, tb=[1])', '(3, [1])'], ['g(1, 2, 3)', '[2, 3]'], ['g(1, 2, 3)', '(3, 2)']], ['exc', 'value', 'tb']);
  assert.ok(pair[0].hyps.includes('pair:value,tb'), JSON.stringify(pair[0]));
  assert.ok(pair[1].hyps.includes('pairlist:value,tb'));
  assert.ok(pair[2].hyps.includes('pair:tb,value'));
  assert.ok(!pair[0].echo);
  assert.ok(got[2].hyps.length === 0, 'a name is not its own text');
});

test('a case\'s trivial explanations are read from its call and output text', async () => {
  const got = await facts([
    ['g("abc")', "'abc'"], // the argument unchanged
    ['g(s="abc")', '3'], // len
    ['g("  x ")', "'x'"], // strip
    ['g([3, 1, 2])', '[1, 2, 3]'], // sorted
    ['g(7)', "'7'"], // str
    ['g(7)', '8'], // + 1
    ['g("abc")', "'cba'"], // nothing trivial
    ['g(lambda x: x)', '1'], // not a literal: nothing to compare
    ['g("abc")', '!ValueError: no'],
    ['g("caf\u00e9")', "b'caf\\xc3\\xa9'"], // its UTF-8 encoding
    ['g(b"ab")', "'ab'"], // decoded
  ], ['s']);
  assert.deepEqual(got.map((f) => f.echo), [true, false, false, false, false, false, false, false, false, false, false]);
  assert.ok(got[9].hyps.includes('encode:s'), JSON.stringify(got[9]));
  assert.ok(got[10].hyps.includes('decode:s'), JSON.stringify(got[10]));
  assert.ok(got[0].hyps.includes('id:s'));
  assert.ok(got[1].hyps.includes('len:s'));
  assert.ok(got[2].hyps.includes('strip:s'));
  assert.ok(got[3].hyps.includes('sorted:s'));
  assert.ok(got[4].hyps.includes('str:s'));
  assert.ok(got[5].hyps.includes('inc:s'));
  assert.deepEqual([got[6].hyps, got[7].hyps, got[8].hyps], [[], [], []]);
});

const f = (key: string, hyps: string[] = [], echo = false, isError = false): CaseFacts => ({ key, isError, hyps, echo });

test('the audit finds the trivial program, the echoes and too few outputs; informativeness is what the likeliest explanation gets wrong', () => {
  const lenOnly = auditShown([f('ok:1', ['len:s']), f('ok:2', ['len:s']), f('ok:3', ['len:s'])]);
  assert.equal(lenOnly.trivial, 'len:s');
  assert.equal(lenOnly.informativeness, 0);
  assert.match(notInformative(lenOnly)!, /trivial program/);
  const echoes = auditShown([f('ok:a', ['id:s'], true), f('ok:b', ['id:s'], true), f('ok:c'), f('ok:d')]);
  assert.equal(echoes.trivial, null);
  assert.match(notInformative(echoes)!, /unchanged/);
  assert.equal(auditShown([f('ok:None'), f('ok:None'), f('error:E', [], false, true)]).trivial, 'none');
  const pred = auditShown([f('ok:True'), f('ok:False'), f('ok:True'), f('ok:False'), f('ok:True')]);
  assert.ok(pred.predicate && !pred.enoughOutputs);
  const good = auditShown([f('ok:1', ['len:s']), f('ok:5'), f('ok:9'), f('ok:2', ['len:s'])]);
  assert.equal(notInformative(good), null);
  assert.equal(good.informativeness, 0.5);
});

const c = (key: string, lines: number[], hyps: string[] = [], echo = false, isError = false): Choosable => ({ key, lines, kills: [], isError, hyps, echo });
const OPTS = { shownMin: 3, shownMax: 4, heldoutMax: 2, maxErrorShare: 0.3, totalLines: 3, totalMutants: 0, informative: true };

test('selection swaps in cases that rule out a trivial explanation the greedy choice left standing', () => {
  // The first four cover every line, but each is the argument unchanged; two later ones are not.
  const cases = [
    c('ok:a', [1], ['id:s'], true), c('ok:b', [2], ['id:s'], true), c('ok:c', [3], ['id:s'], true), c('ok:d', [1], ['id:s'], true),
    c('ok:x', [1]), c('ok:y', [1]), c('ok:z', [1]),
  ];
  const sel = selectCases(cases, OPTS);
  assert.equal(sel.uninformative, undefined);
  const audit = auditShown(sel.shown.map((i) => ({ key: cases[i].key, isError: false, hyps: cases[i].hyps!, echo: cases[i].echo! })));
  assert.equal(audit.trivial, null);
  assert.ok(audit.echoShare < 0.5);
  // Without informative rules, the same cases are chosen for lines alone.
  assert.ok(selectCases(cases, { ...OPTS, informative: false }).shown.some((i) => cases[i].echo));
});

test('selection says why when no choice is informative, and a predicate gets six cases with both answers', () => {
  const trivial = [c('ok:1', [1], ['len:s']), c('ok:2', [1], ['len:s']), c('ok:3', [1], ['len:s']), c('ok:4', [1], ['len:s'])];
  assert.match(selectCases(trivial, OPTS).uninformative!, /len:s/);
  const bools = Array.from({ length: 10 }, (_, i) => c(i % 3 === 0 ? 'ok:True' : 'ok:False', [1 + (i % 3)]));
  const sel = selectCases(bools, { ...OPTS, shownMax: 10 });
  assert.equal(sel.uninformative, undefined);
  assert.ok(sel.shown.length >= 6);
  assert.deepEqual(new Set(sel.shown.map((i) => bools[i].key)), new Set(['ok:True', 'ok:False']));
  // One True early, a second only at the end of the candidates: greedy's lines alone would show one.
  const rare = [c('ok:True', [1]), ...Array.from({ length: 8 }, (_, i) => c('ok:False', [1 + (i % 3)])), c('ok:True', [1])];
  const six = selectCases(rare, { ...OPTS, shownMax: 6 });
  assert.equal(six.shown.filter((i) => rare[i].key === 'ok:True').length, 2, JSON.stringify(six));
  assert.equal(six.shown.length, 6);
  // With a single True among the candidates, it is kept with one.
  const single = selectCases(rare.slice(0, 9), { ...OPTS, shownMax: 6 });
  assert.equal(single.uninformative, undefined);
  assert.equal(single.shown.filter((i) => rare[i].key === 'ok:True').length, 1);
});

test('a record may show exceptions its own checks raise and refused values, never Python rejecting a mistyped operand', () => {
  assert.equal(errorSource('ValueError', 'raise:program:value'), 'own');
  assert.equal(errorSource('TypeError', 'raise:program'), 'own');
  assert.equal(errorSource('email.errors.HeaderParseError', 'raise:library'), 'own');
  assert.equal(errorSource('TypeError', 'raise:library'), 'mistyped');
  assert.equal(errorSource('ValueError', 'interpreter:program:value'), 'value');
  assert.equal(errorSource('TypeError', 'interpreter:program'), 'mistyped');
  assert.equal(errorSource('AttributeError', 'interpreter:library'), 'mistyped');
  assert.equal(errorSource('KeyError', 'interpreter:program'), 'mistyped');
  assert.equal(errorSource('TypeError', 'interpreter:call'), 'mistyped');
  assert.equal(errorSource('ValueError', null), 'mistyped');
});

test('the entry function is renamed everywhere it is meant (recursion, helpers, docstring examples), or not at all', async () => {
  const program = 'import re\n\ndef helper(x):\n    return fact(x) if x else 0\n\n\ndef fact(n):\n    """Factorial.\n\n    >>> fact(3)\n    6\n    """\n    return 1 if n <= 1 else n * fact(n - 1)\n';
  const context = 'import re\n\ndef helper(x):\n    return fact(x) if x else 0\n';
  const r = await renameEntry(ex, program, context, 'fact', 'f');
  assert.ok(r.ok && r.data.ok, JSON.stringify(r));
  if (!r.ok || !r.data.ok) return;
  assert.equal(r.data.program, program.replaceAll('fact(', 'f('));
  assert.equal(r.data.context, context.replace('fact(', 'f('));
  const taken = await renameEntry(ex, 'def g(x):\n    return f(x)\n\ndef f(y):\n    return y\n', '', 'g', 'f');
  assert.ok(taken.ok && !taken.data.ok && /already a name/.test(taken.data.why));
  const shadowed = await renameEntry(ex, 'def g(x):\n    return x\n\ndef h(g):\n    return g\n', '', 'g', 'f');
  assert.ok(shadowed.ok && !shadowed.data.ok && /bound as param/.test(shadowed.data.why));
});

const rec = (over: Partial<Case2CodeRecord>): Case2CodeRecord => ({
  schema_version: 2, id: 'x', function_id: 'x', name: 'f', original_name: 'parse', context: '', program: 'def f(s):\n    return s\n',
  shown: [{ call: 'f(1)', input: '(1,)', status: 'ok', output: '1', exception: null, origin: null }], heldout: [], values: '{}',
  prompt: 'Write it.', completion: '', messages: [], split: 'train',
  metadata: {
    source: { path: 'a.py', line: 1, row: null, row_id: null, license: null }, generator: 'fuzz', seed: 0, template: 't+anonymous', case_format: 'call',
    anonymous: true, coverage: 1, mutation_score: 1, informativeness: 1, completion_lines: 2, target_lines: 2,
    environment: { caseforge: '0', python: '3.11', platform: 'x', tz: 'UTC', locale: 'C.UTF-8' },
  },
  ...over,
});

test('a name mismatch is found wherever it is: the definition, a case, a leftover call of the old name', () => {
  assert.equal(nameMismatch(rec({})), null);
  assert.match(nameMismatch(rec({ program: 'def parse(s):\n    return s\n' }))!, /does not define f/);
  assert.match(nameMismatch(rec({ heldout: [{ call: 'parse(2)', input: '(2,)', status: 'ok', output: '2', exception: null, origin: null }] }))!, /does not call f/);
  assert.match(nameMismatch(rec({ program: 'def f(s):\n    return parse(s[1:]) if s else s\n' }))!, /still calls parse/);
  assert.equal(nameMismatch(rec({ program: 'def f(s):\n    raise ValueError("parse(): bad")\n' })), null, 'a call in a string is text');
  assert.equal(nameMismatch(rec({ program: 'def f(s):\n    return """ usage:\n  parse(s): read it\n""" if s else s  # parse(s) too\n' })), null, 'a call in a triple-quoted string or a comment is text');
  assert.match(nameMismatch(rec({ program: 'def f(s):\n    t = """x"""\n    return parse(t)\n' }))!, /still calls parse/, 'code after a closed string is code');
  assert.match(nameMismatch(rec({ name: 'parse', original_name: 'parse', program: 'def parse(s):\n    return s\n', shown: [], metadata: { ...rec({}).metadata, anonymous: false } }))!, /prompt does not name/);
});

test('a string taken apart character by character is marked walked', async () => {
  const got = await facts([
    ["g(fields='no-cache')", "['n', 'o', '-', 'c', 'a', 'c', 'h', 'e']"],
    ["g(fields=['no-cache', 'gzip'])", "['no-cache', 'gzip']"],
    ["g(chunk='abc', fn=str)", "['a', 'b', 'c']"],
    ["g(s='abcd')", "['ab', 'cd']"],
    ["g(s='ab')", "['a', 'b']"], // too short to say
    ["g(s='abc')", '!ValueError'],
  ], ['fields']);
  assert.deepEqual(got.map((f) => f.walked), [true, false, true, false, false, false]);
});
