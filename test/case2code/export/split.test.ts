// The split over every record: by source file, near-duplicate and contained targets kept on one side,
// test records with enough held-out cases, and a check whose counts are 0 on a good plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FactsStore, RecordSplitter, bandKeys, hash52, minhashOf, planSplit, splitFactsOf, type SplitFacts } from '../../../src/case2code/export/split.js';
import { neutralText, topLevelDefs } from '../../../src/case2code/records/defs.js';
import type { Case2CodeRecord } from '../../../src/case2code/records/record.js';

const OPTS = { testShare: 0.3, seed: 0, minHeldout: 5 };

function fn(name: string, body: string): string {
  return `def ${name}(data):\n    ${body}\n`;
}

function record(i: number, file: string, code: string, name: string, heldout = 5, context = ''): Case2CodeRecord {
  const c = { call: `${name}(1)`, input: '(1,)', status: 'ok' as const, output: '1', exception: null, origin: null };
  return {
    schema_version: 2, id: `r${i}`, function_id: `fn${i}`, name, original_name: name, context,
    program: context ? `${context}\n\n\n${code}` : code, shown: [c, c, c], heldout: Array.from({ length: heldout }, () => c), values: '{}',
    prompt: `Write ${name}.`, completion: '```python\n' + code + '```', messages: [], split: 'train',
    metadata: {
      source: { path: file, line: 1, row: null, row_id: null, license: null }, generator: 'fuzz', seed: 0, template: 't', case_format: 'dict',
      anonymous: false, coverage: 1, mutation_score: 1, informativeness: 1, completion_lines: 2, target_lines: 2,
      environment: { caseforge: '0', python: '3.11', platform: 'x', tz: 'UTC', locale: 'C.UTF-8' },
    },
  };
}

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'sigma', 'kappa', 'theta', 'lambda_', 'zeta', 'iota', 'rho'];
const OPS = ['sorted', 'reversed', 'len', 'sum', 'max', 'min', 'set', 'list', 'tuple', 'any', 'all', 'str'];

/** Thirty files of three distinct functions each: the split of a plain corpus. */
function corpus(): Case2CodeRecord[] {
  const out: Case2CodeRecord[] = [];
  for (let f = 0; f < 30; f++) {
    for (let k = 0; k < 3; k++) {
      const name = `fn_${f}_${k}`;
      const [a, b, c] = [WORDS[(f + k) % 12], OPS[(f * 3 + k) % 12], OPS[(f + 5 * k + 1) % 12]];
      const body = `${a} = ${b}(data)\n    if ${a} and ${c}(data) != ${f * 10 + k}:\n        return ${c}(${a}) or ${k}\n    return ${f}.${k} * len(str(${a}))`;
      out.push(record(out.length, `pkg/mod${f}.py`, fn(name, body), name));
    }
  }
  return out;
}

const sides = (records: Case2CodeRecord[], opts = OPTS) => {
  const s = new RecordSplitter(opts);
  records.forEach((r, i) => s.observe(r, i));
  const of = s.finish();
  return { side: records.map((_, i) => of(i)), counts: s.plan!.counts };
};

test('whole files go to one side, about the test share of them, and the check finds nothing', () => {
  const records = corpus();
  const { side, counts } = sides(records);
  for (let f = 0; f < 30; f++) assert.equal(new Set(side.slice(f * 3, f * 3 + 3)).size, 1, `file ${f} split`);
  assert.ok(counts.test_groups >= 4 && counts.test_groups <= 16, JSON.stringify(counts));
  assert.equal(counts.records.test + counts.records.train, records.length);
  assert.deepEqual([counts.test_targets_in_train, counts.near_duplicates_across, counts.test_under_min_heldout], [0, 0, 0]);
  assert.equal(counts.files, 30);
});

test('test takes about the test share of the records, not of the groups, when groups differ in size', () => {
  // 60 files of 1 to 30 records each (a few large modules, many small ones), no joins between them.
  const facts: SplitFacts[] = [];
  let x = 12345;
  const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
  for (let f = 0; f < 60; f++) {
    const size = f % 10 === 0 ? 30 : 1 + (f % 4);
    for (let k = 0; k < size; k++) {
      facts.push({ id: `r${facts.length}`, group: `mod${f}.py`, target: facts.length + 1, contains: [], signature: Array.from({ length: 32 }, rand), heldout: 5 });
    }
  }
  for (const share of [0.1, 0.3]) {
    const plan = planSplit(() => facts, { ...OPTS, testShare: share });
    const { test: t, train } = plan.counts.records;
    assert.equal(t + train, facts.length);
    // Within half the largest group of the share.
    assert.ok(Math.abs(t - share * facts.length) <= 15, `share ${share}: ${t} of ${facts.length} in test`);
    const bySide = new Map<string, Set<string>>();
    for (const f of facts) (bySide.get(f.group) ?? bySide.set(f.group, new Set()).get(f.group)!).add(plan.sideOf(f));
    assert.ok([...bySide.values()].every((v) => v.size === 1), 'a file on one side');
  }
});

test('a near-duplicate of a function in another file, and a file that carries another file\'s target, join its group', () => {
  const records = corpus();
  const { side } = sides(records);
  const testFile = side.findIndex((s) => s === 'test');
  const target = records[testFile];
  // A copy in another file, one constant changed (vendored code): a near-duplicate.
  const twin = record(500, 'vendor/copy.py', target.program.replace(/\+ (\d+) for/, '+ 99 for'), target.name);
  // A file whose completion carries the test target as a helper of its own function.
  const helperCode = `${target.program}\n\ndef user(data):\n    return ${target.name}(data)\n`;
  const carrier = record(501, 'other/uses.py', helperCode, 'user');
  const all = [...records, twin, carrier];
  const { side: s2, counts } = sides(all);
  assert.equal(s2[all.length - 2], s2[testFile], 'the twin is on its original\'s side');
  assert.equal(s2[all.length - 1], s2[testFile], 'the carrier is on the side of the target it holds');
  assert.deepEqual([counts.test_targets_in_train, counts.near_duplicates_across], [0, 0]);
  // Other groups may change sides (the fill counts records), but never a file in halves.
  for (let f = 0; f < 30; f++) assert.equal(new Set(s2.slice(f * 3, f * 3 + 3)).size, 1, `file ${f} split`);
});

test('an anonymous copy (renamed f) still counts as the same target', () => {
  const a = record(0, 'a.py', fn('parse', 'return data.split(",")'), 'parse');
  const b = record(1, 'b.py', fn('f', 'return data.split(",")'), 'f');
  assert.equal(splitFactsOf(a).target, splitFactsOf(b).target);
  assert.deepEqual(neutralText(topLevelDefs(a.program)[0]).replace('\u0000', 'X'), 'def X(data):\n    return data.split(",")');
});

test('a group with a record under the held-out minimum stays in train', () => {
  const records = corpus();
  const { side } = sides(records);
  const t = side.findIndex((s) => s === 'test');
  const short = records.map((r, i) => (i === t ? record(i, r.metadata.source.path, r.program, r.name, 2) : r));
  const { side: s2, counts } = sides(short);
  assert.equal(s2[t], 'train');
  assert.equal(new Set(s2.slice(t - (t % 3), t - (t % 3) + 3)).size, 1, 'its whole file with it');
  assert.ok(counts.groups_kept_in_train >= 1);
  assert.equal(counts.test_under_min_heldout, 0);
});

test('the check counts what a bad plan would leak (facts made to disagree with the grouping)', () => {
  // Pass 1 and 2 see one stream, the check another where a train record holds a test target: a
  // check that trusts nothing finds it.
  const facts: SplitFacts[] = corpus().map(splitFactsOf);
  const plan = planSplit(() => facts, OPTS);
  const testFact = facts.find((f) => plan.sideOf(f) === 'test')!;
  const trainFact = facts.find((f) => plan.sideOf(f) === 'train')!;
  let pass = 0;
  const planned = planSplit(() => {
    pass++;
    return pass <= 2 ? facts : facts.map((f) => (f === trainFact ? { ...f, contains: [testFact.target], signature: testFact.signature } : f));
  }, OPTS);
  assert.equal(planned.counts.test_targets_in_train, 1);
  assert.equal(planned.counts.near_duplicates_across, 1);
});

test('facts are kept compactly and read back as they were given', () => {
  const store = new FactsStore();
  const facts = corpus().map(splitFactsOf);
  for (const f of facts) store.push(f);
  assert.equal(store.length, facts.length);
  assert.deepEqual({ ...store.at(17), id: facts[17].id }, facts[17]);
  assert.equal(bandKeys(minhashOf('def a(x):\n    return x')).length, 8);
  assert.ok(Number.isSafeInteger(hash52('x')));
});
