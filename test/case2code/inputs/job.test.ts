// A test-format row's program is its completion as it is; its target lines are read from the text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jobOfMined, lineCount, wholeProgram } from '../../../src/case2code/inputs/job.js';
import type { MinedFunction } from '../../../src/sources/index.js';

test('wholeProgram: the completion is the program; the target is the def, its decorators and its body', () => {
  const program = [
    'import math',
    '',
    '',
    '@functools.cache',
    'def area(r):',
    '    """Area of a circle.',
    '',
    'Column 0 inside the docstring.',
    '"""',
    '    return math.pi * r ** 2',
    '',
    '',
    'print(area(1))',
    '',
  ].join('\n');
  const s = wholeProgram(program, 'area');
  assert.deepEqual(s, { program, completion: program, context: '', completionLines: 13, targetLines: 7 });
  assert.equal(wholeProgram('def f(x):\n    return x\n', 'f').targetLines, 2);
  assert.equal(wholeProgram('x = 1\n', 'missing').targetLines, 1, 'no def found: all of it');
  assert.equal(lineCount(''), 0);
});

test('jobOfMined carries the scope mining chose', () => {
  const fn: MinedFunction = {
    id: 'a', name: 'g', params: [], program: 'H = 1\n\n\ndef g():\n    return H\n', completion: 'def g():\n    return H\n',
    context: 'H = 1\n', completionLines: 2, targetLines: 2, source: 'def g():\n    return H', imports: [], origin: { path: 'm.py', line: 4 },
  };
  const job = jobOfMined(fn);
  assert.deepEqual([job.program, job.completion, job.context, job.completionLines, job.targetLines], [fn.program, fn.completion, fn.context, 2, 2]);
});
