// What a mined function's sample holds: a completion that is the function plus only what it needs,
// under the cap (helpers become context, or the function is dropped as too_large), and globals
// restored as the module holds them after import (or the function dropped as unrestorable_global).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Executor } from '../../src/exec/executor.js';
import type { MinedFunction } from '../../src/sources/index.js';
import { resolveMineOptions } from '../../src/sources/index.js';
import { FIXTURES, examples, mineAll, openMiningExecutor } from './helpers.js';

let ex: Executor;
before(async () => {
  ex = await openMiningExecutor();
});
after(async () => ex.close());

const byName = (fns: MinedFunction[], name: string) => {
  const fn = fns.find((f) => f.name === name);
  assert.ok(fn, `${name} was not kept`);
  return fn;
};

async function reprOf(code: string, call: string): Promise<string> {
  const r = await ex.run({ code, call });
  assert.equal(r.status, 'ok', `${call}: ${r.exception?.type} ${r.exception?.message}`);
  return r.value!.repr;
}

test('a global built at import by later statements is restored with them: the function computes what it does in its module', async () => {
  // The module as an import runs it: the sandbox runs code as __main__, so its main block is cut off.
  const module = readFileSync(join(FIXTURES, 'globals.py'), 'utf8').split("if __name__ == '__main__':")[0];
  const { functions, stats } = await mineAll([join(FIXTURES, 'globals.py')], ex);
  const calls: Record<string, string[]> = {
    is_prime: ['is_prime(2)', 'is_prime(9)', 'is_prime(97)', 'sorted(primes)'],
    handle: ["handle('title', 'ab cd')", "handle('upper', 'ab')", 'sorted(_handlers)'],
    kind_of: ['kind_of(1)', "kind_of('a')", 'kind_of(1.5)'],
    letter_value: ["letter_value('c')", "letter_value('z')"],
    count_of: ['count_of(3)', 'COUNTS'],
    exported: ["exported('kind_of')", "exported('nope')"],
    total: ['total([1, 2])'],
    describe: ['describe(1)', "describe('a')"],
    shout: ["shout('hi')"],
  };
  for (const [name, list] of Object.entries(calls)) {
    const fn = byName(functions, name);
    for (const call of list) assert.equal(await reprOf(fn.program, call), await reprOf(module, call), `${name}: ${call}`);
  }
  // Before this, the sieve was restored as its first assignment only: 2 missing, 9 and 15 "prime".
  const sieve = byName(functions, 'is_prime');
  assert.deepEqual(sieve.changedGlobals, ['primes']);
  for (const line of ['primes.add(2)', 'primes.discard(j)']) assert.ok(sieve.program.includes(line), `lacks ${line}`);
  assert.ok(!sieve.program.includes('primes.add(1)'), 'the __main__ block does not run at import');
  assert.deepEqual(byName(functions, 'letter_value').changedGlobals, ['_table'], '`global` in a function called at import');
  assert.deepEqual(byName(functions, 'kind_of').changedGlobals, ['_dispatch'], 'a change through an alias (`_dispatch = d = {}`)');
  assert.ok(byName(functions, 'handle').program.includes("@handles('title')"), 'defs registered by a decorator');
  assert.equal(byName(functions, 'total').changedGlobals, undefined);
  assert.deepEqual(byName(functions, 'describe').changedGlobals, ['describe'], 'a singledispatch target brings its registered defs');
  assert.equal(byName(functions, 'shout').changedGlobals, undefined, 'neither a call it is passed to (a registration) nor its __doc__ changes it');
  assert.ok(byName(functions, 'total').program.includes('from _caseforge_no_such_module import fast_sum'),
    'an import this interpreter lacks behind `except ImportError` is allowed: the fallback runs, as in the module');
  // is_prime, handles and the two defs it registers, handle, kind_of, letter_value, count_of, exported,
  // describe and the def it registers.
  assert.equal(stats.functions.get('globals_changed_at_import'), 11);
});

test('a global whose later change needs what a program cannot have drops the function as unrestorable_global', async () => {
  const { functions, stats } = await mineAll([join(FIXTURES, 'globals.py')], ex);
  assert.ok(!functions.some((f) => f.name === 'has_word'));
  assert.equal(stats.skips.get('unrestorable_global'), 1);
  assert.match(examples(stats, 'unrestorable_global'), /has_word .*globals\.py:\d+ \(WORDS \(changed at line 101\): io:open\)/);
});

test('what does not change a global is not carried: constants passed to calls, loop variables, reads, main blocks', async () => {
  const { functions } = await mineAll([join(FIXTURES, 'globals.py')], ex);
  const count = byName(functions, 'count_of');
  assert.deepEqual(count.changedGlobals, ['COUNTS']);
  assert.ok(count.program.includes('COUNTS += [3]') && count.program.includes('COUNTS.append(TOTAL)'));
  assert.ok(!count.program.includes('LIMIT'), 'an immutable constant passed to range() is not changed by it');
  const sieve = byName(functions, 'is_prime');
  assert.ok(!sieve.program.includes('SEP'), 'nothing unrelated');
  assert.equal(sieve.program.match(/^for /gm)?.length, 1, 'one loop: the loop variables i and j bring no other loop');
});

test('a completion within the cap is the function with what it needs; over it, helpers become context', async () => {
  const path = join(FIXTURES, 'scoping.py');
  const { functions, stats } = await mineAll([path], ex, { maxCompletionLines: 12, maxContextLines: 40 });
  const tokens = byName(functions, 'tokens');
  assert.equal(tokens.context, '');
  assert.equal(tokens.completion, tokens.program);
  assert.deepEqual([tokens.completionLines, tokens.targetLines], [10, 2]);
  const vocab = byName(functions, 'vocab_size');
  assert.equal(vocab.completion, vocab.source + '\n');
  assert.deepEqual([vocab.completionLines, vocab.targetLines], [5, 5]);
  for (const helper of ['import re', 'from collections import Counter', 'WORD = re.compile', 'def _norm', 'def tokens', 'class Vocabulary']) {
    assert.ok(vocab.context.includes(helper), `context lacks ${helper}`);
  }
  assert.equal(vocab.program, `${vocab.context}\n\n${vocab.completion}`);
  assert.equal(await reprOf(vocab.program, "vocab_size('a b a', 'c')"), '3');
  assert.equal(stats.functions.get('helpers_as_context'), 1);
  // A method named `top` once made Python 3.11's symtable report its parameters as globals.
  assert.equal(stats.skips.get('unresolved_name'), 0);
  assert.match(examples(stats, 'too_large'), /spelled .*\(the function alone is 14 lines, cap 12\)/);
});

test('too_large: a function alone over the cap, a context over its cap, helpers that call the function back, or over-cap drop', async () => {
  const path = join(FIXTURES, 'scoping.py');
  const tight = await mineAll([path], ex, { maxCompletionLines: 4, maxContextLines: 40 });
  assert.deepEqual(tight.functions.map((f) => f.name), ['_norm', 'tokens']);
  assert.match(examples(tight.stats, 'too_large'), /is_even .*helpers at lines \[44\] call the function/);
  assert.ok(tight.functions.every((f) => f.completionLines <= 4));
  const smallContext = await mineAll([path], ex, { maxCompletionLines: 12, maxContextLines: 10 });
  assert.match(examples(smallContext.stats, 'too_large'), /vocab_size .*context 27 lines, cap 10/);
  const drop = await mineAll([path], ex, { maxCompletionLines: 12, overCap: 'drop' });
  assert.ok(!drop.functions.some((f) => f.name === 'vocab_size'));
  assert.ok(drop.functions.every((f) => f.context === ''));
  assert.match(examples(drop.stats, 'too_large'), /vocab_size .*\(33 lines with what it needs, cap 12\)/);
});

test('the cap options are validated', () => {
  assert.deepEqual(
    [resolveMineOptions().maxCompletionLines, resolveMineOptions().overCap, resolveMineOptions().maxContextLines],
    [150, 'context', 400],
  );
  assert.throws(() => resolveMineOptions({ maxCompletionLines: 0 }), /maxCompletionLines/);
  assert.throws(() => resolveMineOptions({ overCap: 'keep' as never }), /overCap/);
});
