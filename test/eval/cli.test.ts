// The `caseforge eval` command end to end on the built package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './support.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

test('caseforge eval humaneval --gold writes results, summary.json and summary.md', () => {
  const out = tempDir('cli');
  const stdout = execFileSync(process.execPath, [MAIN, 'eval', 'humaneval', '--gold', '--limit', '5', '--k', '1', '--out', out], { encoding: 'utf8' });
  assert.match(stdout, /humaneval: 5 tasks scored, 5\/5 samples passed {2}pass@1 100\.0/);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.equal(summary.tasks.scored, 5);
  assert.equal(readFileSync(join(out, 'results.jsonl'), 'utf8').trim().split('\n').length, 5);
  assert.match(readFileSync(join(out, 'summary.md'), 'utf8'), /^# humaneval: gold/);
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
