import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEMPLATES, SYSTEM_PROMPTS } from '../../src/case2code/templates.js';
import { CASE_FORMATS } from '../../src/case2code/formats.js';
import { buildSample, CONTEXT_HEADER, type SampleInput } from '../../src/case2code/samples.js';
import { wholeProgram } from '../../src/case2code/job.js';
import { parseGold } from '../../src/case2code/given_inputs.js';
import { goldCause } from '../../src/case2code/gold.js';
import type { CaseRun } from '../../src/case2code/runs.js';
import type { Case } from '../../src/case2code/types.js';

const shown: Case[] = [
  { call: 'rot(num=12)', input: 'dict(num=12)', status: 'ok', output: '21', value: { t: 'int', v: 21 } },
  { call: 'rot(num=0)', input: 'dict(num=0)', status: 'error', output: 'ZeroDivisionError: division by zero', exception: 'ZeroDivisionError' },
];
const input = (functionId: string, seed = 1): SampleInput => ({
  functionId, name: 'rot', ...wholeProgram('def rot(num):\n    return 1 // num * 0 + 21\n', 'rot'), source: { path: 'x.py', line: 1 },
  shown, heldout: [], generator: 'fuzz', seed, coverage: 1, mutationScore: 0.5, testShare: 0.5, versions: { caseforge: '0.1.0', python: '3.11' },
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

test('samples are deterministic from the seed and vary across functions', () => {
  const a = buildSample(input('f1'));
  assert.deepEqual(buildSample(input('f1')), a);
  assert.equal(a.completion, '```python\ndef rot(num):\n    return 1 // num * 0 + 21\n```');
  assert.deepEqual(a.messages.map((m) => m.role), ['system', 'user', 'assistant']);
  assert.equal(a.messages[1].content, a.prompt);
  assert.ok(a.split === 'train' || a.split === 'test');
  const variants = new Set(Array.from({ length: 40 }, (_, i) => `${buildSample(input(`g${i}`)).metadata.template}|${buildSample(input(`g${i}`)).metadata.case_format}`));
  assert.ok(variants.size > 20, `only ${variants.size} template/format pairs`);
  const splits = new Set(Array.from({ length: 40 }, (_, i) => buildSample(input(`g${i}`)).split));
  assert.equal(splits.size, 2);
});

test('a function whose helpers are context: the prompt shows them, the completion is the function alone', () => {
  const context = 'import re\n\n\nWORD = re.compile(r"\\w+")\n';
  const completion = 'def rot(num):\n    return 1 // num * 0 + 21\n';
  const s = buildSample({ ...input('f1'), context, completion, program: `${context}\n\n${completion}`, completionLines: 2, targetLines: 2 });
  assert.equal(s.completion, '```python\ndef rot(num):\n    return 1 // num * 0 + 21\n```');
  assert.equal(s.context, context);
  assert.ok(s.prompt.startsWith(`${CONTEXT_HEADER}\n\n\`\`\`python\nimport re`), s.prompt.slice(0, 120));
  assert.deepEqual([s.metadata.completion_lines, s.metadata.target_lines], [2, 2]);
  const plain = buildSample(input('f1'));
  assert.equal(plain.context, '');
  assert.ok(!plain.prompt.includes(CONTEXT_HEADER));
});

test('gold outputs of the reference format are read, and disagreements get their cause', () => {
  assert.deepEqual(parseGold({ return: '"3012"' }), { status: 'ok', text: '3012' });
  assert.deepEqual(parseGold({ error: '<|EXCEPTION|> "<class \'IndexError\'>: string index out of range"' }), { status: 'error', text: 'string index out of range', exception: 'IndexError' });
  assert.deepEqual(parseGold({ error: 'printed first\n<|EXCEPTION|> "<class \'KeyError\'>: \'k\'"' }), { status: 'error', text: "'k'", exception: 'KeyError' });
  assert.equal(parseGold({ nothing: 1 }), null);
  const run = (repr: string): CaseRun => ({ cand: { args: [], origin: 't' }, call: 'f()', status: 'ok', repr, lines: [], wallMs: 0, cpuMs: 0 });
  const errRun = (type: string, message: string): CaseRun => ({ cand: { args: [], origin: 't' }, call: 'f()', status: 'error', exception: { type, message }, lines: [], wallMs: 0, cpuMs: 0 });
  assert.equal(goldCause(run('{1, 2}'), { status: 'ok', text: '{1, 2}' }), null);
  assert.equal(goldCause(run("{'a', 'b'}"), { status: 'ok', text: "{'b', 'a'}" }), 'set_order');
  assert.equal(goldCause(run('<f at 0x7f11>'), { status: 'ok', text: '<function <lambda> at 0x7f22aa00bb>' }), 'memory_address');
  assert.equal(goldCause(errRun('TypeError', 'new text'), { status: 'error', text: 'old text', exception: 'TypeError' }), 'error_message');
  assert.equal(goldCause(errRun('NameError', "name 'X' is not defined"), { status: 'ok', text: '1' }), 'reference_shared_state');
  assert.equal(goldCause(run('2'), { status: 'ok', text: '3' }), 'different_value');
});
