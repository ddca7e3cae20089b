import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEMPLATES, SYSTEM_PROMPTS } from '../../../src/case2code/records/templates.js';
import { CASE_FORMATS } from '../../../src/case2code/records/formats.js';
import { buildRecord, CONTEXT_HEADER, presentationOf, type RecordInput } from '../../../src/case2code/records/samples.js';
import { parseGold } from '../../../src/case2code/inputs/given_inputs.js';
import { goldCause } from '../../../src/case2code/judging/gold.js';
import { Case2CodeRecordSchema, type Case2CodeCase } from '../../../src/case2code/records/record.js';
import type { CaseRun } from '../../../src/case2code/running/runs.js';

const shown: Case2CodeCase[] = [
  { call: 'rot(num=12)', input: 'dict(num=12)', status: 'ok', output: '21', exception: null, origin: null },
  { call: 'rot(num=0)', input: 'dict(num=0)', status: 'error', output: 'ZeroDivisionError: division by zero', exception: 'ZeroDivisionError', origin: 'interpreter:program:value' },
];
const run = (args: string, status: 'ok' | 'error', repr?: string): CaseRun => ({
  cand: { args: [['num', args]], origin: 't' }, call: `rot(num=${args})`, status, lines: [], wallMs: 0, cpuMs: 0, workMs: 0,
  ...(status === 'ok' ? { repr, value: { t: 'int', v: Number(repr) } } : { exception: { type: 'ZeroDivisionError', message: 'division by zero', origin: { kind: 'interpreter', where: 'program', line: 2, value_error: true } } }),
});
const input = (functionId: string, seed = 1, entry = 'rot'): RecordInput => ({
  functionId, originalName: 'rot', entry, context: '', code: 'def rot(num):\n    return 1 // num * 0 + 21\n', source: { path: 'x.py', line: 1 },
  shown: [run('12', 'ok', '21'), run('0', 'error')], heldout: [run('3', 'ok', '21')], presentation: presentationOf(seed, functionId),
  generator: 'fuzz', seed, coverage: 1, mutationScore: 0.5, informativeness: 0.5, targetLines: 2,
  environment: { caseforge: '0.1.0', python: '3.11.2', platform: 'Linux-x86_64-glibc2.36', tz: 'UTC', locale: 'C.UTF-8' },
});

test('at least 20 distinct instruction phrasings and 10 case formats', () => {
  assert.ok(TEMPLATES.length >= 20);
  assert.equal(new Set(TEMPLATES.map((t) => t.text)).size, TEMPLATES.length);
  assert.ok(TEMPLATES.every((t) => t.text.includes('{cases}')));
  assert.ok(TEMPLATES.some((t) => t.text.includes('{name}')) && TEMPLATES.some((t) => !t.text.includes('{name}')));
  assert.ok(CASE_FORMATS.length >= 10);
  assert.ok(SYSTEM_PROMPTS.length >= 1);
  for (const f of CASE_FORMATS) {
    const text = f.render(shown, 'rot');
    assert.ok(text.includes('21') && text.includes('ZeroDivisionError'), f.id);
    assert.ok(text.includes('num=12'), f.id);
  }
});

test('records follow schema v2, are deterministic from the seed and vary across functions', () => {
  const a = buildRecord(input('f1'));
  assert.deepEqual(buildRecord(input('f1')), a);
  assert.ok(Case2CodeRecordSchema.safeParse(a).success);
  assert.equal(a.completion, '```python\ndef rot(num):\n    return 1 // num * 0 + 21\n```');
  assert.deepEqual(a.messages.map((m) => m.role), ['system', 'user', 'assistant']);
  assert.equal(a.messages[1].content, a.prompt);
  assert.deepEqual(a.shown.map((c) => [c.call, c.output, c.exception, c.origin]), [
    ['rot(num=12)', '21', null, null], ['rot(num=0)', 'ZeroDivisionError: division by zero', 'ZeroDivisionError', 'interpreter:program:value'],
  ]);
  assert.deepEqual(JSON.parse(a.values), { shown: [{ t: 'int', v: 21 }, null], heldout: [{ t: 'int', v: 21 }] });
  const variants = new Set(Array.from({ length: 40 }, (_, i) => `${buildRecord(input(`g${i}`)).metadata.template}|${buildRecord(input(`g${i}`)).metadata.case_format}`));
  assert.ok(variants.size > 20, `only ${variants.size} template/format pairs`);
});

test('an anonymous record uses its entry name in the prompt and every case; a named one says its name', () => {
  const anon = buildRecord({ ...input('a1'), entry: 'f', code: 'def f(num):\n    return 1 // num * 0 + 21\n' });
  assert.equal(anon.name, 'f');
  assert.equal(anon.original_name, 'rot');
  assert.ok(anon.metadata.anonymous && anon.metadata.template.endsWith('+anonymous'));
  assert.ok([...anon.shown, ...anon.heldout].every((c) => c.call.startsWith('f(')));
  assert.doesNotMatch(anon.prompt, /\brot\b/);
  const named = buildRecord(input('a1'));
  assert.ok(!named.metadata.anonymous && named.prompt.includes('rot'));
  const withContext = buildRecord({ ...input('a2'), context: 'def helper(x):\n    return x\n', code: 'def rot(num):\n    return helper(21)\n' });
  assert.ok(withContext.prompt.startsWith(`${CONTEXT_HEADER}\n\n\`\`\`python\ndef helper(x)`), withContext.prompt.slice(0, 120));
  assert.ok(!named.prompt.includes(CONTEXT_HEADER));
  assert.equal(withContext.program, 'def helper(x):\n    return x\n\n\ndef rot(num):\n    return helper(21)\n');
  assert.equal(withContext.completion, '```python\ndef rot(num):\n    return helper(21)\n```');
});

test('gold outputs of the reference format are read, and disagreements get their cause', () => {
  assert.deepEqual(parseGold({ return: '"3012"' }), { status: 'ok', text: '3012' });
  assert.deepEqual(parseGold({ error: '<|EXCEPTION|> "<class \'IndexError\'>: string index out of range"' }), { status: 'error', text: 'string index out of range', exception: 'IndexError' });
  assert.deepEqual(parseGold({ error: 'printed first\n<|EXCEPTION|> "<class \'KeyError\'>: \'k\'"' }), { status: 'error', text: "'k'", exception: 'KeyError' });
  assert.equal(parseGold({ nothing: 1 }), null);
  const run = (repr: string): CaseRun => ({ cand: { args: [], origin: 't' }, call: 'f()', status: 'ok', repr, lines: [], wallMs: 0, cpuMs: 0, workMs: 0 });
  const errRun = (type: string, message: string): CaseRun => ({ cand: { args: [], origin: 't' }, call: 'f()', status: 'error', exception: { type, message }, lines: [], wallMs: 0, cpuMs: 0, workMs: 0 });
  assert.equal(goldCause(run('{1, 2}'), { status: 'ok', text: '{1, 2}' }), null);
  assert.equal(goldCause(run("{'a', 'b'}"), { status: 'ok', text: "{'b', 'a'}" }), 'set_order');
  assert.equal(goldCause(run('<f at 0x7f11>'), { status: 'ok', text: '<function <lambda> at 0x7f22aa00bb>' }), 'memory_address');
  assert.equal(goldCause(errRun('TypeError', 'new text'), { status: 'error', text: 'old text', exception: 'TypeError' }), 'error_message');
  assert.equal(goldCause(errRun('NameError', "name 'X' is not defined"), { status: 'ok', text: '1' }), 'reference_shared_state');
  assert.equal(goldCause(run('2'), { status: 'ok', text: '3' }), 'different_value');
});
