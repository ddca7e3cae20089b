// Each rule on its own: what bigcode's substring rule catches and what its allow-list lets pass,
// n-gram overlap that is a copy versus one shared idiom, the renamed-AST match and its size floor,
// the record views of each pipeline's records, and the options' refusals.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { Decontaminator, DecontamError, codeTokens, normaliseDecontamOptions, parseAgainstFile, viewOf, type Match } from '../../src/decontam/index.js';
import { SHARED_DATA } from '../support/paths.js';

let checker: Decontaminator;
const humaneval = new Map<string, { prompt: string; canonical_solution: string }>(
  gunzipSync(readFileSync(join(SHARED_DATA, 'HumanEval.jsonl.gz'))).toString('utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as { task_id: string; prompt: string; canonical_solution: string }).map((r) => [r.task_id, r]),
);
const mbpp = new Map((JSON.parse(readFileSync(join(SHARED_DATA, 'mbpp-sanitized.json'), 'utf8')) as Array<{ task_id: number; code: string }>).map((r) => [r.task_id, r.code]));

before(async () => {
  checker = await Decontaminator.create({ sharedData: SHARED_DATA });
});
after(async () => {
  await checker.close();
});

async function matches(record: Record<string, unknown>): Promise<string[]> {
  const [m] = await checker.checkBatch([viewOf(record, 'test')]);
  return m.map((x: Match) => `${x.rule}:${x.benchmark}:${x.item}`);
}

test('substring: a benchmark docstring re-wrapped and in capitals is caught; allow-listed one-liners are not', async () => {
  const doc = /"""([\s\S]*?)"""/.exec(humaneval.get('HumanEval/0')!.prompt)![1].trim();
  const shouting = `Task:\n  ${doc.toUpperCase().replace(/\s+/g, '\n    ')}\nWrite it.`;
  assert.deepEqual(await matches({ id: 'a', prompt: shouting, completion: 'ok' }), ['substring:humaneval:HumanEval/0']);
  // HumanEval/53's whole solution is `return x + y`: too common to prove anything.
  assert.equal(humaneval.get('HumanEval/53')!.canonical_solution.trim(), 'return x + y');
  assert.deepEqual(await matches({ id: 'b', program: 'def plus(x, y):\n    return x + y\n' }), []);
  // An MBPP task text in a GIFT4Code-style intent.
  assert.deepEqual(await matches({ id: 'c', intent: 'Write a function to find the shared elements from the given two lists.', code: 'x = 1' }), ['substring:mbpp:Mbpp/2']);
});

test('n-gram: a copy with one line changed is caught; one shared idiom is not', async () => {
  const code = humaneval.get('HumanEval/10')!;
  const edited = (code.prompt + code.canonical_solution).replace('return string == string[::-1]', 'return string[::-1] == string');
  const got = await matches({ id: 'd', program: edited.replace(/"""[\s\S]*?"""/g, '') });
  assert.ok(got.includes('ngram:humaneval:HumanEval/10'), got.join(' '));
  // `for i in range(0, len(s), ...)` is in a Case2Code test program too; alone it is an idiom.
  const idiom = 'def chunks(s, k):\n    out = []\n    for i in range(0, len(s), k):\n        out.append(s[i:i + k])\n    return out\n';
  assert.deepEqual(await matches({ id: 'e', program: idiom }), []);
});

test('AST: renamed copies match, small functions are below the floor', async () => {
  // MBPP/2 with every name changed: too short for 2n shared tokens, but the same tree.
  assert.match(mbpp.get(2)!, /res = tuple\(set\(test_tup1\) & set\(test_tup2\)\)/);
  const renamed = 'def common(first, second):\n  shared = tuple(set(first) & set(second))\n  return (shared)\n';
  assert.deepEqual(await matches({ id: 'f', program: renamed }), ['ast:mbpp:Mbpp/2']);
  // HumanEval/23 (`return len(string)`) renamed is the same tree too, but under the 20-node floor.
  assert.deepEqual(await matches({ id: 'f2', program: 'def size(text):\n    return len(text)\n' }), []);
  const big = humaneval.get('HumanEval/13')!;
  const copy = (big.prompt + big.canonical_solution).replace(/greatest_common_divisor/g, 'gcd2').replace(/\ba\b/g, 'x').replace(/\bb\b/g, 'y').replace(/"""[\s\S]*?"""/, '');
  assert.deepEqual(await matches({ id: 'g', program: copy, shown: [], name: 'gcd2' }), ['ast:humaneval:HumanEval/13']);
  // The Case2Code record's own function is compared; a helper in its context is not.
  assert.deepEqual(await matches({ id: 'h', program: `${copy}\n\ndef other(n):\n    return n\n`, shown: [], name: 'other' }), []);
});

test('record views: Case2Code, GIFT4Code and chat records', () => {
  const c2c = viewOf({ id: 'x', name: 'f', original_name: 'mean', program: 'def f(xs):\n    return sum(xs)', prompt: 'p', completion: '```python\ndef f(xs):\n    return sum(xs)\n```', shown: [], messages: [{ role: 'user', content: 'p' }] }, 'w');
  assert.deepEqual(c2c.functions, ['f', 'mean']);
  assert.deepEqual(c2c.code.map((c) => c.field), ['program']);
  assert.deepEqual(c2c.texts.map((t) => t.field), ['prompt', 'completion', 'program']);
  assert.equal(c2c.label, 'mean');
  const g4c = viewOf({ id: 'y', intent: 'Average price', code: "df['price'].mean()", notebook: 'nb', messages: [{ role: 'assistant', content: 'zz' }] }, 'w');
  assert.deepEqual(g4c.code.map((c) => c.text), ["df['price'].mean()"]);
  assert.deepEqual(g4c.functions, []);
  assert.ok(g4c.texts.some((t) => t.field === 'messages.assistant'));
  const chat = viewOf({ messages: [{ role: 'assistant', content: 'x' }], completion: 'see\n```python\nprint(1)\n```' }, 'file:3');
  assert.equal(chat.id, 'file:3');
  assert.deepEqual(chat.code, [{ field: 'completion', text: 'print(1)\n' }]);
});

test('tokens: comments dropped, one quoting style, operators whole', () => {
  assert.deepEqual(codeTokens("x = 'a' # note\ny **= \"a\"  // 2"), ['x', '=', '"a"', 'y', '**=', '"a"', '//', '2']);
  assert.deepEqual(codeTokens('s = r"""doc""" + b\'x\''), ['s', '=', 'r"doc"', '+', 'b"x"']);
});

test('options: unknown benchmarks, bad file specs and out-of-range settings are refused with the reason', () => {
  assert.throws(() => normaliseDecontamOptions({ against: ['humaneval', 'apps'], sharedData: SHARED_DATA }), (e: Error) => e instanceof DecontamError && /unknown benchmark 'apps'/.test(e.message));
  assert.throws(() => parseAgainstFile('bench.jsonl'), /FILE:field/);
  assert.deepEqual(parseAgainstFile('/d/x:y.jsonl:prompt,code'), { path: '/d/x:y.jsonl', fields: ['prompt', 'code'] });
  assert.throws(() => normaliseDecontamOptions({ sharedData: SHARED_DATA, ngramShare: 0 }), /ngramShare/);
  assert.throws(() => normaliseDecontamOptions({ against: [], againstFiles: [] }), /nothing to decontaminate against/);
  assert.throws(() => normaliseDecontamOptions({ against: [], againstFiles: [{ path: '/no/such/file.jsonl', fields: ['a'] }] }), /no such file/);
});
