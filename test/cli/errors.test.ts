// What the CLI does with a request it cannot carry out: one line naming the command and the reason,
// no stack trace, and the exit status of the error's code (src/errors.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES } from '../../src/errors.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cf-cli-errors-'));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', input: '', env: { ...process.env, CASEFORGE_PYTHON: undefined } });
  return { status: r.status, stderr: r.stderr, lines: r.stderr.trim().split('\n').filter((l) => !/^\s*$/.test(l)) };
}

function expectOneLine(args: string[], code: keyof typeof ERROR_CODES, pattern: RegExp) {
  const r = run(args);
  assert.equal(r.status, ERROR_CODES[code], r.stderr);
  assert.equal(r.lines.length, 1, r.stderr);
  assert.match(r.lines[0], pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

test('a bad flag value is a usage error of its command', () => {
  expectOneLine(['case2code', '--limit', 'x', '--out', join(dir, 'a')], 'usage', /^caseforge case2code: --limit must be an integer, got 'x'$/);
  expectOneLine(['gift4code', '--seed', '1.5', '--out', join(dir, 'b')], 'usage', /^caseforge gift4code: --seed must be an integer/);
  expectOneLine(['eval', 'no-such-bench', '--gold', '--out', join(dir, 'c')], 'usage', /^caseforge eval: unknown benchmark 'no-such-bench'/);
  expectOneLine(['case2code', '--tasks', 'case2code,nope', '--out', join(dir, 'c2')], 'usage', /^caseforge case2code: --tasks takes /);
});

test('missing LLM settings are a config error, recognised by class, not by message text', () => {
  expectOneLine(['gift4code', '--generator', 'llm', '--out', join(dir, 'd')], 'config', /^caseforge gift4code: no model for endpoint 'generalist'/);
  expectOneLine(['case2code', '--inputs', 'llm', '--out', join(dir, 'e')], 'config', /^caseforge case2code: no model for endpoint 'default'/);
});

test('an input that cannot be used at all is an input error', () => {
  expectOneLine(['gift4code', '--data', join(dir, 'no-such-folder'), '--out', join(dir, 'f')], 'input', /data path not found: .*no-such-folder/);
  const py = join(dir, 'plain.jsonl');
  writeFileSync(py, '{"content": "def f(x):\\n    return x\\n"}\n');
  expectOneLine(['case2code', '--inputs', 'given', '--source', py, '--out', join(dir, 'g')], 'input', /reads only the Case2Code test format/);
  expectOneLine(['export', join(dir, 'no-dataset'), '--format', 'trl-sft', '--out', join(dir, 'x')], 'input', /^caseforge export: .*not a caseforge dataset folder/);
});

test('a machine without the interpreter is a setup error', () => {
  expectOneLine(['exec', '--python', join(dir, 'no-python')], 'setup', /^caseforge exec: cannot run Python interpreter/);
});
