// Describing a result costs what its size cap allows, not what the whole value would: a huge
// container's repr is built only up to the cap, and what is kept is exactly the head of repr().
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createExecutor, type Executor } from '../../src/exec/executor.js';

let ex: Executor;
before(async () => { ex = await createExecutor({ workers: 1, onWarning: () => undefined }); });
after(async () => { await ex.close(); });

// Deadlines here are CPU limits (the sandbox gives describing a value its own CPU budget, the
// call's): on this shared machine wall time follows the load, CPU time hardly does. The wall-clock
// figure (`caseforge exec` with timeout_ms 2000, quiet machine) is bench:values'.
test('list(range(10**7)) comes back ok, cut at the cap and flagged, describing it within 600 ms of CPU', async () => {
  // Describing it used to start with its whole repr: 89 MB and ~0.6 s of CPU on its own.
  const r = await ex.run({ code: 'list(range(10**7))', limits: { timeoutMs: 20_000, cpuMs: 600 } });
  assert.equal(r.status, 'ok', `${r.status} ${r.exception?.message ?? ''}`);
  const v = r.value!;
  assert.equal(v.flags.truncated, true);
  assert.equal(v.type, 'builtins.list');
  assert.equal(v.repr.length, 1_000_000); // the default valueBytes cap
  assert.ok(v.repr.startsWith('[0, 1, 2, 3, '));
  assert.equal(v.repr, Array.from({ length: 200_000 }, (_, i) => i).join(', ').replace(/^/, '[').slice(0, 1_000_000));
  assert.equal(v.value.t, 'list');
});

test('a value whose whole repr is hundreds of megabytes is described at the cost of its cap', async () => {
  // A million references to one 301-digit int: cheap to make; repr() of all of it is 303 MB and over
  // a second of CPU, but only its first 1 MB is ever kept.
  const r = await ex.run({ code: '[10**300] * 10**6', limits: { timeoutMs: 20_000, cpuMs: 500 } });
  assert.equal(r.status, 'ok', `${r.status} ${r.exception?.message ?? ''}`);
  assert.equal(r.value!.flags.truncated, true);
  assert.equal(r.value!.repr.length, 1_000_000);
  assert.ok(r.value!.repr.startsWith(`[1${'0'.repeat(300)}, 1${'0'.repeat(300)}, `));
});

test('the bounded repr is repr() itself, or exactly its head, for every kind of container', async () => {
  // Each value is compared, inside the sandbox, with repr() cut at several caps.
  const code = `
import cf_values
class R:
    def __repr__(self):
        return 'R!'
l = [1, 2]; l.append(l)
d = {'a': 1}; d['b'] = d
values = [[], (), set(), frozenset(), {}, (1,), ((1,),), [(1,)], frozenset({1, 2}), {1, 2, 3}, l, d, (l,),
          {'k': [1, 2, (3,)]}, [[i] * 20 for i in range(100)], list(range(100)), {i: str(i) * 40 for i in range(200)},
          [None, True, 1.5, 1j, 'x' * 300, b'y' * 30, float('nan')], [['a' * 10] * 17], tuple(range(30)), set(range(40)),
          frozenset(range(40)), [{1: 2}] * 30, [R()] * 40, [b'q' * 5000, 'it''s' * 10]]
bad = []
for i, v in enumerate(values):
    full = repr(v)
    for cap in (1, 5, 50, 1000, 100000):
        want = (full, False) if len(full) <= cap else (full[:cap], True)
        if cf_values.bounded_repr(v, cap) != want:
            bad.append((i, cap))
bad`;
  const r = await ex.run({ code });
  assert.equal(r.status, 'ok', `${r.status} ${r.exception?.message ?? ''}`);
  assert.equal(r.value!.repr, '[]');
});

test('a value cut by the bounded repr keeps its typed tree within the budget', async () => {
  const r = await ex.run({ code: '[list(range(1000)) for _ in range(10000)]', limits: { timeoutMs: 5000, valueBytes: 50_000 } });
  assert.equal(r.status, 'ok');
  assert.equal(r.value!.flags.truncated, true);
  assert.equal(r.value!.repr.length, 50_000);
  assert.ok(JSON.stringify(r.value!.value).length < 50_000 * 4);
});
