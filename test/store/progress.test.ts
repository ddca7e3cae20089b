// Progress lines: an ETA from the item total when it is known, else from the share of the input a
// streaming run has consumed; none when neither is known.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Progress } from '../../src/store/progress.js';

test('a stream without an item total gets its ETA from the share of input consumed', () => {
  let share: number | undefined;
  let clock = 1_000_000;
  const p = new Progress({ label: 'run', unit: 'functions', enabled: false, fraction: () => share, now: () => clock });
  p.tick(3);
  assert.doesNotMatch(p.line(), /ETA/, 'no share known yet');
  clock += 1100;
  share = 0.25;
  const line = p.line();
  assert.match(line, /^run: 3 functions, 2\.7\/s, 25% of input, ETA (\d+)s$/);
  const eta = Number(/ETA (\d+)s/.exec(line)![1]);
  assert.equal(eta, 3, `1.1 s elapsed at 25% leaves 3.3 s, got ${eta}`);
  share = 1;
  assert.match(p.line(), /100% of input, ETA 0s/);
});

test('an item total takes precedence over the input share', () => {
  let clock = 0;
  const p = new Progress({ label: 'run', total: 10, enabled: false, fraction: () => 0.5, now: () => clock });
  clock += 2000;
  p.tick(5);
  assert.match(p.line(), /^run: 5\/10 items, 2\.5\/s, ETA 2s$/);
});
