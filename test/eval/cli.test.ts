// The `caseforge eval` command end to end on the built package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDataset } from '../support/duckdb.js';
import { fileURLToPath } from 'node:url';
import { tempDir } from './support.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

test('caseforge eval humaneval --gold writes its results as a dataset, report.json and the card', async () => {
  const out = tempDir('cli');
  const stdout = execFileSync(process.execPath, [MAIN, 'eval', 'humaneval', '--gold', '--limit', '5', '--k', '1', '--out', out], { encoding: 'utf8' });
  assert.match(stdout, /humaneval: 5 tasks scored, 5\/5 samples passed {2}pass@1 100\.0/);
  const summary = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  assert.equal(summary.tasks.scored, 5);
  assert.equal(summary.cost.units, 5);
  assert.match(readFileSync(join(out, 'README.md'), 'utf8'), /^---\n[\s\S]*\n---\n\n# humaneval: gold/);
  // The results as a trainer's loader (DuckDB) and the Hub (the card's YAML) read them.
  const duck = await checkDataset(out, { splits: { test: 5 }, types: { passed: 'BOOLEAN', subsets: 'STRUCT(name VARCHAR, value VARCHAR)[]', wall_ms: 'BIGINT' } });
  assert.ok(duck.sample.every((r) => r.passed === true));
  // Another run into the same folder is refused in one line naming what differs; --force starts over.
  const again = spawnSync(process.execPath, [MAIN, 'eval', 'humaneval', '--gold', '--limit', '3', '--out', out], { encoding: 'utf8' });
  assert.equal(again.status, 4, 'an --out holding another run: exit status 4');
  assert.match(again.stderr, /^caseforge eval: .* \(limit: 5 there, 3 here\); .*--force to start over\n$/);
  execFileSync(process.execPath, [MAIN, 'eval', 'humaneval', '--gold', '--limit', '3', '--out', out, '--force'], { encoding: 'utf8' });
  assert.equal(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).tasks.scored, 3);
});

test('caseforge eval refuses two answer sources and unknown benchmarks', () => {
  const out = tempDir('cli');
  const both = spawnSync(process.execPath, [MAIN, 'eval', 'humaneval', '--gold', '--predictions', 'x.jsonl', '--out', out], { encoding: 'utf8' });
  assert.equal(both.status, 2);
  assert.match(both.stderr, /exactly one of --predictions FILE, --model NAME or --gold/);
  const unknown = spawnSync(process.execPath, [MAIN, 'eval', 'apps', '--gold', '--out', out], { encoding: 'utf8' });
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown benchmark 'apps'/);
});
