// The embedded default source: the interpreter's standard library, found by asking the interpreter,
// mined through the sandbox with the default exclusions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createExecutor, type Executor } from '../../src/exec/executor.js';
import { STDLIB_EXCLUDES, stdlibSource, type MinedFunction } from '../../src/sources/index.js';
import { REPO_ROOT } from '../support/paths.js';
import { mineAll, openMiningExecutor } from './helpers.js';

let ex: Executor;
let root: string;
let mined: Awaited<ReturnType<typeof mineAll>>;
before(async () => {
  ex = await openMiningExecutor();
  const src = await stdlibSource(ex);
  root = src.inputs[0];
  mined = await mineAll(src.inputs, ex, { exclude: src.exclude });
});
after(async () => ex.close());

test('the standard library yields well over 1,000 runnable candidates, with reasons for the rest', { timeout: 180_000 }, async () => {
  const src = await stdlibSource(ex);
  assert.match(src.inputs[0], /python3\.\d+$/);
  assert.ok(STDLIB_EXCLUDES.every((name) => src.exclude.includes(name)));
  const { functions, stats } = mined;
  const counts = stats.functions.toJSON();
  assert.ok(counts.seen > 2500, `seen ${counts.seen}`);
  assert.ok(counts.candidates > 1800, `candidates ${counts.candidates}`);
  assert.ok(functions.length > 1300, `kept ${functions.length}`);
  assert.equal(stats.sources.get('bad:syntax_error'), 0);
  assert.ok(!functions.some((f) => /\/(test|idlelib|tkinter|lib2to3)\//.test(f.origin.path)));
  const skips = stats.skips.toJSON();
  for (const reason of ['no_params', 'no_return', 'generator', 'io:open', 'io:fs', 'proc:subprocess', 'dynamic:exec', 'too_large', 'unrestorable_global']) {
    assert.ok(skips[reason] > 0, `no ${reason} skips`);
  }
  const quote = functions.find((f) => f.name === 'quote' && f.origin.path.endsWith('/shlex.py'));
  assert.ok(quote, 'shlex.quote is kept');
  assert.ok(quote.program.includes('_find_unsafe = re.compile'), 'with the module constant it needs');
  assert.ok(new Set(functions.map((f) => f.id)).size === functions.length, 'ids are unique after dedup');
});

test('every completion is within the cap; over it, the helpers are context and the program is context then completion', () => {
  const { functions } = mined;
  const over = functions.filter((f) => f.completionLines > 150);
  assert.deepEqual(over.map((f) => f.name), []);
  const withContext = functions.filter((f) => f.context);
  assert.ok(withContext.length > 50, `${withContext.length} with context`);
  for (const f of functions) {
    assert.equal(f.program, f.context ? `${f.context}\n\n${f.completion}` : f.completion, f.name);
    assert.ok(f.targetLines <= f.completionLines, f.name);
  }
  // decimal's 6,000-line class: no completion or context can hold it.
  assert.ok(!functions.some((f) => f.name === '_convert_other' && f.origin.path.endsWith('_pydecimal.py')));
});

/**
 * Globals a program cannot match, and why: the clock read at import; a cache filled through a local
 * alias inside a function; modules the interpreter injects from outside (importlib's `_setup`);
 * Debian's setuptools shim, which replaces distutils at import (its levels are logging's).
 */
const KNOWN_DIFFERENT: Record<string, string[]> = {
  logging: ['_startTime'],
  hashlib: ['__builtin_constructor_cache'],
  'importlib._bootstrap': ['_bootstrap_external', '_thread', '_warnings', '_weakref'],
  'importlib._bootstrap_external': ['_bootstrap'],
  'distutils.log': ['DEBUG', 'ERROR', 'FATAL', 'INFO', 'WARN', '_global_log'],
};

function moduleOf(fn: MinedFunction): string {
  return fn.origin.path.slice(root.length + 1).replace(/\.py$/, '').replace(/\/__init__$/, '').split('/').join('.');
}

test('globals as the module holds them: what a mined program\'s functions read holds the module\'s value after import', { timeout: 300_000 }, async () => {
  const check = await createExecutor({ workers: 2, pythonPath: [join(REPO_ROOT, 'test', 'support')], onWarning: () => undefined });
  const differing: string[] = [];
  let compared = 0;
  try {
    const queue = [...mined.functions];
    await Promise.all([0, 1, 2, 3].map(async () => {
      for (let fn = queue.shift(); fn; fn = queue.shift()) {
        const mod = moduleOf(fn);
        const arg = Buffer.from(JSON.stringify([fn.program, mod])).toString('base64');
        const r = await check.run({
          code: 'import base64, json, globals_check',
          call: `json.dumps(globals_check.differing_globals(*json.loads(base64.b64decode('${arg}'))))`,
          limits: { timeoutMs: 20_000, cpuMs: 20_000, memoryMb: 1024 },
        });
        assert.equal(r.status, 'ok', `${mod}.${fn.name}: ${r.exception?.type} ${r.exception?.message}`);
        const tree = r.value!.value;
        assert.equal(tree.t, 'str');
        const names = JSON.parse((tree as { v: string }).v) as string[] | null;
        if (names === null) continue;
        compared++;
        const unexplained = names.filter((n) => !(KNOWN_DIFFERENT[mod] ?? []).includes(n));
        if (unexplained.length) differing.push(`${mod}.${fn.name}: ${unexplained.join(', ')}`);
      }
    }));
  } finally {
    await check.close();
  }
  assert.ok(compared > 1300, `${compared} compared`);
  assert.deepEqual(differing.sort(), []);
});
