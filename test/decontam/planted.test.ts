// The planted fixture: HumanEval and CRUXEval functions slipped into a small corpus, one of them
// renamed, go through `caseforge case2code --decontaminate`; every planted function is removed with
// its benchmark and item named, the ordinary ones are kept, and the card and report say so. A
// second `caseforge decontaminate` on the folder, with a user's benchmark file, adds to the removals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DecontamReport, RemovedRow } from '../../src/decontam/index.js';
import { recordsOf } from '../support/dataset.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/decontam/', import.meta.url));

const jsonl = <T>(path: string): T[] => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);

test('planted benchmark functions are all caught, the renamed one by its AST, with the benchmark named', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'cf-decontam-')), 'planted');
  const run = spawnSync(process.execPath, [MAIN, 'case2code', '--source', join(FIXTURES, 'planted'), '--out', out, '--no-progress', '--decontaminate'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /decontaminate: 3 of 6 records removed \(humaneval 2, cruxeval 1\)/);
  const removed = jsonl<RemovedRow>(join(out, 'decontamination', 'removed.jsonl'));
  const byName = Object.fromEntries(removed.map((r) => [r.label, r.matches.map((m) => `${m.rule}:${m.benchmark}:${m.item}`)]));
  assert.deepEqual(Object.keys(byName).sort(), ['f', 'greatest_common_divisor', 'keep_singletons']);
  assert.deepEqual(byName.greatest_common_divisor, ['substring:humaneval:HumanEval/13', 'ngram:humaneval:HumanEval/13', 'ast:humaneval:HumanEval/13']);
  assert.deepEqual(byName.f, ['substring:cruxeval:sample_0', 'ngram:cruxeval:sample_0', 'ast:cruxeval:sample_0']);
  // Renamed, docstring and annotations gone, its import moved: only the structure gives it away.
  assert.deepEqual(byName.keep_singletons, ['ast:humaneval:HumanEval/26']);
  const substring = removed.find((r) => r.label === 'greatest_common_divisor')!.matches[0];
  assert.match(substring.matched, /return a greatest common divisor of two integers a and b/);

  // A record that hides the name calls the function `f`; `original_name` is the source's.
  const kept = recordsOf<{ name: string; original_name?: string }>(out).map((r) => r.original_name ?? r.name).sort();
  assert.deepEqual(kept, ['clamp_all', 'run_lengths', 'title_words']);
  const report = JSON.parse(readFileSync(join(out, 'decontamination', 'report.json'), 'utf8')) as DecontamReport;
  assert.equal(report.records, 6);
  assert.equal(report.removed, 3);
  assert.deepEqual(report.by_benchmark.humaneval, { records: 2, substring: 1, ngram: 1, ast: 2 });
  assert.deepEqual(report.by_benchmark.cruxeval, { records: 1, substring: 1, ngram: 1, ast: 1 });
  assert.equal(report.by_benchmark.mbpp.records, 0);
  const card = readFileSync(join(out, 'README.md'), 'utf8');
  const section = card.slice(card.indexOf('## Decontamination'), card.indexOf('## Licence'));
  assert.match(section, /Removed 3 of 6 records/);
  assert.match(section, /\| humaneval \| 2 \| 1 \| 1 \| 2 \|/);
  assert.match(section, /keep_singletons .*\| humaneval HumanEval\/26 \| ast \|/);

  // A user's benchmark file (bad rows skipped and counted) removes one more; earlier removals stay.
  const stdout = execFileSync(process.execPath, [MAIN, 'decontaminate', out, '--against', 'humaneval', '--against-file', `${join(FIXTURES, 'bad-benchmark.jsonl')}:prompt,solution`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  assert.match(stdout, /decontaminate: 4 of 6 records removed \(humaneval 2, bad-benchmark 1, cruxeval 1\)/);
  const again = JSON.parse(readFileSync(join(out, 'decontamination', 'report.json'), 'utf8')) as DecontamReport;
  assert.equal(again.benchmarks['bad-benchmark'].items, 2);
  assert.deepEqual(again.benchmarks['bad-benchmark'].bad_rows, { bad_row: 3, not_json: 1 });
  assert.deepEqual(recordsOf<{ name: string; original_name?: string }>(out).map((r) => r.original_name ?? r.name).sort(), ['clamp_all', 'title_words']);
  const rle = jsonl<RemovedRow>(join(out, 'decontamination', 'removed.jsonl')).find((r) => r.label === 'run_lengths')!;
  assert.ok(rle.matches.some((m) => `${m.rule}:${m.benchmark}:${m.item}` === 'ast:bad-benchmark:mine/1'), JSON.stringify(rle.matches));
  assert.equal(readFileSync(join(out, 'README.md'), 'utf8').split('## Decontamination').length, 2, 'one section, replaced');
});
