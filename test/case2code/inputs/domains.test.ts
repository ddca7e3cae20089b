import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createExecutor, type Executor } from '../../../src/exec/executor.js';
import { PRELOAD, PYTHON_DIR, callTool } from '../../../src/case2code/tooling.js';

let ex: Executor;
before(async () => { ex = await createExecutor({ workers: 2, pythonPath: [PYTHON_DIR], preload: PRELOAD }); });
after(async () => { await ex.close(); });

type Table = { params: Record<string, Array<[string, number, string | null]>> };
const explain = (program: string, name: string) => callTool<Table>(ex, 'cf_fuzz', 'explain', { program, name });

// Functions whose parameters reach every kind of inference: annotations, defaults, docstrings, names,
// access paths (items, records, tokens, slices, lengths, digits), membership and None checks.
const PROGRAMS: Array<[string, string]> = [
  ['def names(rows):\n    out = []\n    for r in rows:\n        if r[0] > 0:\n            out.append(r[1].upper())\n    return out\n', 'names'],
  ["def full(p):\n    return p['first'].title() + ' ' + p['last'].title()\n", 'full'],
  ["def command(line):\n    a = line.split()\n    if a[0] == 'Enter':\n        return a[1]\n    return None\n", 'command'],
  ['def hexval(c):\n    if ord(c) >= 97 and ord(c) <= 102:\n        return ord(c) - 87\n    return -1\n', 'hexval'],
  ["def tail(s, n: int = 3, *, sep=', ', key=None):\n    \"\"\":param s: str\"\"\"\n    if key is not None and len(s) > 5:\n        return sep.join(sorted(s, key=key))\n    return s[-n:] == 'ing'\n", 'tail'],
  ['def digits(n):\n    s = str(n)\n    return [int(s[i]) for i in range(len(s))]\n', 'digits'],
  ['def pairs(points, lookup):\n    for i, (x, y) in enumerate(points):\n        if x in lookup and lookup[x] == y:\n            return i\n    return -1\n', 'pairs'],
];

test('every domain the fuzzer infers is well formed by the grammar (cf_grammar)', async () => {
  let total = 0;
  for (const [program, name] of PROGRAMS) {
    const t = await explain(program, name);
    assert.ok(t.ok, t.ok ? '' : t.error);
    for (const [param, rows] of Object.entries(t.data.params)) {
      assert.ok(rows.length > 0, `${name}.${param} has no domain`);
      for (const [key, , problem] of rows) {
        total++;
        assert.equal(problem, null, `${name}.${param}: ${key}`);
      }
    }
  }
  assert.ok(total > 40, `${total} domains checked`);
});

test('the grammar rejects a malformed domain and documents every kind it accepts', async () => {
  const bad = await callTool<{ problems: Array<string | null> }>(ex, 'cf_grammar', 'check_all', {
    domains: ["('tok', ' ', ('word',), (), 1)", "('tok', ' ', ('word',))", "('list',)", "('str', ('a',), (('middle', 'x'),))", "('nope',)", "('sized', (3, -1), ('str',))"],
  });
  assert.ok(bad.ok, bad.ok ? '' : bad.error);
  assert.equal(bad.data.problems[0], null);
  assert.ok(bad.data.problems.slice(1).every((p) => typeof p === 'string' && p.length > 0), JSON.stringify(bad.data.problems));
  const doc = readFileSync(new URL('../../../../src/case2code/python/cf_grammar.py', import.meta.url), 'utf8');
  const kinds = [...doc.matchAll(/^ {4}'(\w+)': \(/gm)].map((m) => m[1]);
  assert.ok(kinds.length >= 20, kinds.join(','));
  for (const k of kinds) assert.ok(doc.includes(`('${k}'`), `kind ${k} is in the table but not in the documented grammar`);
});
