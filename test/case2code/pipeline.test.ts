import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExecutor, type Executor } from '../../src/exec/executor.js';
import { minerExecutorOptions } from '../../src/sources/index.js';
import { runCase2Code } from '../../src/case2code/index.js';
import { PRELOAD, PYTHON_DIR } from '../../src/case2code/tooling.js';
import { Case2CodeRecordSchema, type Case2CodeRecord } from '../../src/case2code/records/record.js';
import { checkDataset } from '../support/duckdb.js';
import { datasetBytes, recordsOf } from '../support/dataset.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/case2code/', import.meta.url));
let ex: Executor;
const dirs: string[] = [];
const tmp = () => { const d = mkdtempSync(join(tmpdir(), 'c2c-')); dirs.push(d); return d; };
const samplesOf = (dir: string) => recordsOf<Case2CodeRecord>(dir);
/** The typed value trees of a record's shown cases. */
const shownValues = (s: Case2CodeRecord) => (JSON.parse(s.values) as { shown: Array<{ t: string } | null> }).shown;

before(async () => {
  const m = minerExecutorOptions();
  ex = await createExecutor({ workers: 2, pythonPath: [PYTHON_DIR, ...m.pythonPath], preload: [...PRELOAD, ...m.preload] });
});
after(async () => { await ex.close(); for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

test('given inputs: gold agreement, drops by reason, duplicates, and every output file', async () => {
  const out = tmp();
  const report = await runCase2Code({ sources: [join(FIXTURES, 'given.jsonl')], inputs: 'given', out, progress: false }, { executor: ex });
  assert.equal(report.stages.duplicates, 1);
  // first_char's returns are its argument's first item, and its one exception is Python's IndexError
  // on an empty string: nothing in them tells it from `s[0]`.
  assert.deepEqual(report.dropped, { constant_output: 1, memory_address: 1, missing_name: 1, trivial_cases: 1 });
  assert.equal(report.stages.kept, 4);
  // Every gold output agrees except the set written in another order and the lambda's address,
  // each named with its cause.
  assert.equal(report.gold?.disagree, 4);
  assert.deepEqual(report.gold?.programs.map((p) => [p.name, p.causes, p.kept]), [['uniq', { set_order: 1 }, true], ['boxed', { memory_address: 3 }, false]]);
  const samples = samplesOf(out);
  assert.deepEqual(samples.map((s) => s.original_name).sort(), ['checked_div', 'double', 'sign', 'uniq']);
  for (const s of samples) {
    assert.ok(s.shown.length >= 3 && s.shown.length <= 10);
    assert.ok(s.shown.every((c) => c.call.startsWith(`${s.name}(`) && c.input.startsWith('dict(')));
    assert.ok(Case2CodeRecordSchema.safeParse(s).success);
    assert.ok([...s.shown, ...s.heldout].every((c) => !/NameError|at 0x/.test(c.output)));
    assert.equal(s.metadata.generator, 'given');
    assert.ok(s.prompt.length > 0 && s.completion.includes(`def ${s.name}(`));
  }
  const div = samples.find((s) => s.original_name === 'checked_div')!;
  const errorCase = [...div.shown, ...div.heldout].find((c) => c.status === 'error');
  assert.deepEqual(errorCase && [errorCase.output, errorCase.exception, errorCase.origin], ['ValueError: b must not be zero', 'ValueError', 'raise:program:value']);
  assert.ok(shownValues(samples.find((s) => s.original_name === 'double')!).some((v) => v?.t === 'int'));
  assert.equal(shownValues(div).length, div.shown.length);
  // The dataset as a trainer's loader sees it (DuckDB reads the Parquet and JSONL files, PyYAML the card).
  const duck = await checkDataset(out, {
    splits: report.splits,
    types: {
      messages: 'STRUCT(role VARCHAR, content VARCHAR)[]',
      shown: 'STRUCT(call VARCHAR, input VARCHAR, status VARCHAR, output VARCHAR, exception VARCHAR, origin VARCHAR)[]',
      values: 'VARCHAR',
    },
  });
  assert.ok(duck.types.metadata.startsWith('STRUCT(source STRUCT(path VARCHAR, line BIGINT'), duck.types.metadata);
  assert.ok(existsSync(join(out, 'README.md')) && readFileSync(join(out, 'README.md'), 'utf8').includes('Licence'));
  const rep = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  assert.equal(rep.stages.kept, 4);
  assert.equal(typeof rep.quality.mean_mutation_score, 'number');
});

test('fuzz inputs on mined functions: drops, coverage and mutation score, same output for the same seed, the dataset read by DuckDB', async () => {
  const a = tmp();
  const b = tmp();
  const src = join(FIXTURES, 'programs.py');
  const ra = await runCase2Code({ sources: [src], out: a, seed: 7, progress: false }, { executor: ex });
  await runCase2Code({ sources: [src], out: b, seed: 7, progress: false }, { executor: ex });
  assert.ok(datasetBytes(a).equals(datasetBytes(b)), 'same seed, same bytes');
  assert.equal(ra.dropped.constant_output, 1);
  assert.equal(ra.dropped.memory_address, 1);
  assert.ok(ra.stages.kept >= 9, `kept ${ra.stages.kept}`);
  assert.ok(ra.quality.mean_coverage > 0.8 && ra.quality.mean_mutation_score > 0.6, JSON.stringify(ra.quality));
  // The README's main command's path (fuzz inputs on mined functions), as a trainer's loader sees it.
  const duck = await checkDataset(a, { splits: ra.splits, types: { messages: 'STRUCT(role VARCHAR, content VARCHAR)[]', values: 'VARCHAR' } });
  assert.ok(duck.types.shown.startsWith('STRUCT(call VARCHAR, input VARCHAR'), duck.types.shown);
  const samples = samplesOf(a);
  const scaled = samples.find((s) => s.original_name === 'scaled');
  assert.ok(scaled, 'scaled kept');
  assert.ok(scaled.program.includes('SCALE = 3'), 'the global it needs is in the program');
  // SCALE came along with the function: every integer return is x * 3 + 1.
  const types = shownValues(scaled).map((v) => v?.t);
  assert.ok(scaled.shown.every((c, i) => types[i] !== 'int' || ((Number(c.output) % 3) + 3) % 3 === 1), JSON.stringify(scaled.shown));
  assert.ok(types.includes('int'));
  const withSeed = tmp();
  await runCase2Code({ sources: [src], out: withSeed, seed: 8, progress: false, limit: 3 }, { executor: ex });
  assert.equal(samplesOf(withSeed).length <= 3, true);
  await assert.rejects(runCase2Code({ sources: [src], out: a, seed: 9, progress: false }, { executor: ex }), /other arguments \(seed: 7 there, 9 here\)/);
  const forced = await runCase2Code({ sources: [src], out: a, seed: 9, progress: false, force: true, limit: 2 }, { executor: ex });
  assert.equal(forced.stages.processed, 2, '--force started over');
});

test('the clock: calls see a frozen one, and a function whose output follows it is dropped as nondeterministic', async () => {
  const dir = tmp();
  const src = join(dir, 'clock.py');
  writeFileSync(src, [
    'import time', '', '',
    'def stamp(n):', "    return time.strftime('%Y-%m-%d') + '#' + str(n * 2)", '', '',
    'def day_of(n):', "    return time.strftime('%Y-%m-%d', time.gmtime(n * 86400))", '',
  ].join('\n'));
  // No executor given: the run starts its own two, each with its frozen clock.
  const out = join(dir, 'out');
  const rep = await runCase2Code({ sources: [src], out, progress: false, workers: 1 });
  assert.equal(rep.dropped.nondeterministic, 1, JSON.stringify(rep.dropped));
  assert.deepEqual(samplesOf(out).map((s) => s.original_name), ['day_of']);
});
