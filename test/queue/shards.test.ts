import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ShardPlanner } from '../../src/queue/shards.js';

/** The shards (as lists of orders) a planner forms from these orders, and when each was given out. */
function plan(size: number, tail: number, orders: number[]): { shards: number[][]; afterPush: number[] } {
  const p = new ShardPlanner<{ order: number }>(size, tail);
  const shards: number[][] = [];
  const afterPush: number[] = [];
  for (const order of orders) {
    for (const s of p.push({ order })) { shards.push(s.units.map((u) => u.order)); afterPush.push(order); }
    assert.ok(p.holding <= size + tail, `holds ${p.holding} units`);
  }
  for (const s of p.end()) shards.push(s.units.map((u) => u.order));
  return { shards, afterPush };
}

test('shards follow floor(order / size); the last `tail` units go one to a job', () => {
  const { shards, afterPush } = plan(4, 8, Array.from({ length: 22 }, (_, i) => i));
  assert.deepEqual(shards, [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11], [12, 13], [14], [15], [16], [17], [18], [19], [20], [21]]);
  // A full shard goes out as soon as `tail` units follow it, not at the end.
  assert.deepEqual(afterPush, [11, 15, 19]);
});

test('a resumed run\'s units (gaps where units were logged) keep the shards of their positions', () => {
  // Orders 2, 3, 9 and 10 were logged before a restart: shard 0 is {0, 1}, shard 2 is {8, 11}.
  const { shards } = plan(4, 2, [0, 1, 4, 5, 6, 7, 8, 11, 12, 13, 14]);
  assert.deepEqual(shards, [[0, 1], [4, 5, 6, 7], [8, 11], [12], [13], [14]]);
  // Without a tail: whole shards only, the last one partly filled.
  assert.deepEqual(plan(4, 0, [0, 1, 4, 5, 6, 7, 8, 11, 12, 13, 14]).shards, [[0, 1], [4, 5, 6, 7], [8, 11], [12, 13, 14]]);
  // Fewer units than the tail: all one to a job.
  assert.deepEqual(plan(4, 16, [0, 1, 2]).shards, [[0], [1], [2]]);
  assert.deepEqual(plan(4, 16, []).shards, []);
});
