// One record, one definition: the README's main command (standard library, fuzzed inputs) on a
// small limit, then `caseforge eval case2code --gold` over every record of every split: each passes,
// and the run's own quality counts are 0.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCase2Code } from '../../../src/case2code/index.js';
import { Case2CodeRecordSchema, type Case2CodeRecord } from '../../../src/case2code/records/record.js';
import { evaluate } from '../../../src/eval/run.js';
import { recordsOf } from '../../support/dataset.js';

let dir: string;
before(() => { dir = mkdtempSync(join(tmpdir(), 'c2c-gold-')); });
after(() => rmSync(dir, { recursive: true, force: true }));

test('the main command\'s records pass `eval case2code --gold` in every split, and its quality counts are 0', async () => {
  const out = join(dir, 'run');
  const report = await runCase2Code({ out, limit: 40, progress: false, testShare: 0.3 });
  assert.ok(report.stages.kept >= 10, JSON.stringify(report.dropped));
  const records = recordsOf<Case2CodeRecord>(out);
  for (const r of records) assert.ok(Case2CodeRecordSchema.safeParse(r).success, r.id);
  assert.ok(records.some((r) => r.metadata.anonymous) && records.some((r) => !r.metadata.anonymous), 'both kinds of prompt');
  const c = report.checks;
  assert.deepEqual(
    [c.trivial_explained, c.echo_half_or_more, c.too_few_distinct_outputs, c.name_mismatches, c.mistyped_exceptions_shown, c.test_targets_in_train, c.near_duplicates_across_split, c.test_under_min_heldout],
    [0, 0, 0, 0, 0, 0, 0, 0], JSON.stringify(c.examples),
  );
  assert.ok(records.filter((r) => r.split === 'test').every((r) => r.heldout.length >= 5));
  assert.equal(report.environment.records.tz, 'UTC');
  // Each split's shard as the dataset holds it, scored whole.
  for (const split of ['train', 'test'] as const) {
    const mine = records.filter((r) => r.split === split);
    if (mine.length === 0) continue;
    const shards = readdirSync(join(out, 'jsonl')).filter((f) => f.startsWith(`${split}-`));
    assert.equal(shards.length, 1);
    const s = await evaluate({ bench: 'case2code', data: join(out, 'jsonl', shards[0]), source: { kind: 'gold' }, out: join(dir, `eval-${split}`) });
    assert.equal(s.tasks.scored, mine.length, split);
    assert.deepEqual(s.failures, [], split);
    assert.equal(s.passed_samples, mine.length, split);
  }
});
