// The bad-input fixture corpus, end to end through the CLI, for each pipeline and for eval's --data
// and --predictions: the run finishes, every good record is written, every bad row or file is in
// the report with its place and reason, and a run killed (SIGKILL) midway then rerun writes what an
// uninterrupted run writes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import type { BadInputReport } from '../../src/store/badinput.js';
import { MAX_NOTEBOOK_BYTES } from '../../src/gift4code/notebooks.js';
import { SHARED_DATA } from '../support/paths.js';
import { writeBadJsonl, writeNotUtf8, type ExpectedBad } from '../support/badfiles.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const G4C = fileURLToPath(new URL('../../../test/fixtures/gift4code/', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'cf-badinput-'));
after(() => rmSync(root, { recursive: true, force: true }));

interface Run { code: number | null; signal: string | null; stderr: string }

function start(args: string[]) {
  const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<Run>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

const finish = (args: string[]) => start(args).done;

/** Per-sample clocks (eval's results): they differ between any two runs, so records that carry them
 *  are compared without them; every other file is compared byte for byte. */
const CLOCKS = ['wall_ms', 'cpu_ms'];

function withoutClocks(rows: Array<Record<string, unknown>>, bytes: Buffer): string {
  if (!rows.some((r) => CLOCKS.some((k) => k in r))) return bytes.toString('base64');
  return rows.map((r) => {
    for (const k of CLOCKS) delete r[k];
    return JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
  }).join('\n');
}

/** Files under `dir` other than work logs, caches and timings, as text (records without their clocks,
 *  cards without their run times). */
async function outputs(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) { if (name !== '.work' && name !== 'llm-cache') await walk(p); continue; }
      const rel = relative(dir, p);
      if (name === 'report.json' || name === 'run.json') continue; // timings and this machine's paths
      if (name.endsWith('.parquet')) {
        const rows = await parquetReadObjects({ file: await asyncBufferFromFile(p) }) as Array<Record<string, unknown>>;
        out[rel] = withoutClocks(rows, readFileSync(p));
      } else if (name.endsWith('.jsonl') && rel.split('/').includes('jsonl')) {
        const text = readFileSync(p, 'utf8');
        out[rel] = withoutClocks(text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>), Buffer.from(text));
      } else if (name === 'README.md') {
        out[rel] = readFileSync(p, 'utf8').replace(/\d+(\.\d+)? (s|tasks\/s)\b/g, 'T $2');
      } else {
        out[rel] = readFileSync(p).toString('base64');
      }
    }
  };
  await walk(dir);
  return out;
}

/** The report object named `key` anywhere in a JSON document (reports nest them differently). */
function findBad(doc: unknown, key: string): BadInputReport | undefined {
  if (!doc || typeof doc !== 'object') return undefined;
  for (const [k, v] of Object.entries(doc)) {
    if (k === key && v && typeof v === 'object' && 'by_reason' in v) return v as BadInputReport;
    const deeper = findBad(v, key);
    if (deeper) return deeper;
  }
  return undefined;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Lines appended to the unit logs under DIR/.work so far. */
function logged(out: string): number {
  let n = 0;
  const d = join(out, '.work');
  if (!existsSync(d)) return 0;
  const walk = (x: string) => {
    for (const name of readdirSync(x)) {
      const p = join(x, name);
      // The run writes while this polls: a temporary file renamed away between the listing and the stat is gone.
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) { if (name !== 'llm-cache' && name !== 'export') walk(p); } else if (name.endsWith('.jsonl')) n += readFileSync(p, 'utf8').split('\n').filter(Boolean).length;
    }
  };
  walk(d);
  return n;
}

/** An uninterrupted run, and one killed once `killAfter` units are logged then rerun: same outputs. */
async function killAndResume(args: (out: string) => string[], name: string, killAfter = 1): Promise<string> {
  const whole = join(root, `${name}-whole`);
  const w = await finish(args(whole));
  assert.equal(w.code, 0, w.stderr);
  const cut = join(root, `${name}-cut`);
  const run = start(args(cut));
  let ended = false;
  void run.done.then(() => { ended = true; });
  while (!ended && logged(cut) < killAfter) await new Promise((r) => setTimeout(r, 20));
  run.child.kill('SIGKILL');
  const killed = await run.done;
  assert.equal(killed.signal, 'SIGKILL', `${name}: the run ended before it could be killed`);
  const again = await finish(args(cut));
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(await outputs(cut), await outputs(whole), `${name}: the resumed run's outputs differ from the uninterrupted run's`);
  return whole;
}

const reasons = (bad: BadInputReport | undefined) => (bad?.rows ?? []).map((b) => ({ line: b.line, reason: b.reason })).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

test('case2code --inputs given: a test file with every kind of bad row', async () => {
  const rows = readFileSync(join(SHARED_DATA, 'case2code-test.jsonl'), 'utf8').split('\n').slice(0, 4).map((l) => JSON.parse(l) as Record<string, unknown>);
  const path = join(root, 'given.jsonl');
  const expected = writeBadJsonl(path, rows, [
    { row: { ...rows[0], code: undefined, id: 'no-code' }, reason: 'missing_field' },
    { row: { ...rows[1], func_name: 7, id: 'name-is-a-number' }, reason: 'wrong_type' },
    { row: { ...rows[2], example_str: '', id: 'no-examples' }, reason: 'invalid' },
  ], { huge: true });
  const out = await killAndResume((o) => ['case2code', '--inputs', 'given', '--source', path, '--out', o, '--in-flight', '1', '--no-progress'], 'c2c-given');
  const report = readJson(join(out, 'report.json'));
  assert.deepEqual(reasons(findBad(report, 'bad_rows')), expected);
  assert.equal(JSON.stringify(report).includes('"kept":4') || JSON.stringify(report).includes('"processed":4'), true, 'the four good functions were processed');
});

test('case2code on a corpus: bad JSONL rows and bad Python files', async () => {
  const fn = (name: string, body: string) => ({ id: name, content: `def ${name}(x, y):\n    ${body}\n` });
  const good = [fn('add_pair', 'return x + y'), fn('bigger', 'return x if x > y else y'), fn('join_words', "return f'{x}-{y}'")];
  const corpus = join(root, 'corpus');
  mkdirSync(corpus);
  const expected = writeBadJsonl(join(corpus, 'rows.jsonl'), good, [
    { row: { id: 'no-content', text: 'def f(x):\n    return x\n' }, reason: 'missing_field' },
    { row: { id: 'content-is-a-list', content: ['def f(x):', '    return x'] }, reason: 'wrong_type' },
  ], { huge: true });
  const files = join(root, 'pyfiles');
  mkdirSync(files);
  writeFileSync(join(files, 'ok.py'), 'def scale(v, k):\n    return [a * k for a in v]\n');
  writeNotUtf8(join(files, 'bytes.py'));
  writeFileSync(join(files, 'broken.py'), 'def f(:\n    pass\n');
  writeFileSync(join(files, 'huge.py'), `X = "${'x'.repeat(2_100_000)}"\n`);
  symlinkSync(join(files, 'gone.py'), join(files, 'dangling.py'));
  const args = (o: string) => ['case2code', '--source', join(corpus, 'rows.jsonl'), '--source', files, '--out', o, '--in-flight', '1', '--seed', '1', '--no-progress'];
  const out = await killAndResume(args, 'c2c-corpus');
  const bad = findBad(readJson(join(out, 'report.json')), 'bad_rows')!;
  const rowBad = bad.rows.filter((b) => b.file.endsWith('rows.jsonl')).map((b) => ({ line: b.line, reason: b.reason }));
  assert.deepEqual(rowBad, expected);
  const fileBad = bad.rows.filter((b) => b.file.startsWith(files)).map((b) => [relative(files, b.file), b.reason]).sort();
  assert.deepEqual(fileBad, [['broken.py', 'syntax_error'], ['bytes.py', 'not_utf8'], ['dangling.py', 'unreadable'], ['huge.py', 'too_large']]);
});

test('gift4code: data folders and notebooks with every kind of bad file', async () => {
  const data = join(root, 'g4c-data');
  const nbs = join(root, 'g4c-notebooks');
  mkdirSync(data);
  mkdirSync(nbs);
  copyFileSync(join(G4C, 'data', 'shops.csv'), join(data, 'shops.csv'));
  copyFileSync(join(G4C, 'bad', 'broken.csv'), join(data, 'broken.csv')); // pandas cannot parse it
  writeNotUtf8(join(data, 'bytes.csv'));
  writeFileSync(join(data, 'empty.csv'), '');
  symlinkSync(join(data, 'gone.csv'), join(data, 'dangling.csv'));
  copyFileSync(join(G4C, 'notebooks', 'broken.ipynb'), join(nbs, 'broken.ipynb')); // not JSON
  writeFileSync(join(nbs, 'list.ipynb'), '[1, 2]');
  writeNotUtf8(join(nbs, 'bytes.ipynb'));
  writeFileSync(join(nbs, 'huge.ipynb'), Buffer.alloc(MAX_NOTEBOOK_BYTES + 1, 0x20));
  const args = (o: string) => ['gift4code', '--data', data, '--notebooks', nbs, '--generator', 'offline', '--candidates', '16', '--concurrency', '1', '--out', o, '--no-progress'];
  const out = await killAndResume(args, 'g4c');
  const report = readJson(join(out, 'report.json')) as { counts: Record<string, number> };
  const bad = findBad(report, 'bad_input')!;
  assert.deepEqual(bad.rows.map((b) => [relative(root, b.file), b.reason]).sort(), [
    ['g4c-data/dangling.csv', 'unreadable'], ['g4c-data/empty.csv', 'empty'],
    ['g4c-notebooks/broken.ipynb', 'not_json'], ['g4c-notebooks/bytes.ipynb', 'not_utf8'],
    ['g4c-notebooks/huge.ipynb', 'too_large'], ['g4c-notebooks/list.ipynb', 'not_a_notebook'],
  ]);
  // Files that only fail when loaded are skipped contexts with the exception and the file named.
  const text = JSON.stringify(report);
  assert.match(text, /context_failed:error:ParserError/);
  assert.match(text, /context_failed:error:UnicodeDecodeError/);
  assert.match(text, /loads broken\.csv/);
  assert.ok(Object.entries(report.counts).some(([k, v]) => k === 'samples' && v > 0), 'the good file gave samples');
});

test('eval: a --data file and a --predictions file with every kind of bad row', async () => {
  const problems = gunzipSync(readFileSync(join(SHARED_DATA, 'HumanEval.jsonl.gz'))).toString('utf8').split('\n').filter(Boolean).slice(0, 24)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const data = join(root, 'humaneval.jsonl');
  const dataBad: ExpectedBad[] = writeBadJsonl(data, problems, [
    { row: { ...problems[0], task_id: undefined }, reason: 'missing_field' },
    { row: { ...problems[1], test: 42 }, reason: 'wrong_type' },
    { row: { ...problems[2], entry_point: 'not a name' }, reason: 'invalid' },
    { row: problems[3], reason: 'duplicate_id' },
  ], { huge: true });
  const gold = join(root, 'he-gold');
  const g = await finish(['eval', 'humaneval', '--data', data, '--gold', '--k', '1', '--out', gold]);
  assert.equal(g.code, 0, g.stderr);
  const summary = readJson(join(gold, 'report.json')) as { tasks: { scored: number }; passed_samples: number };
  assert.equal(summary.tasks.scored, 24);
  assert.equal(summary.passed_samples, 24);
  assert.deepEqual(reasons(findBad(summary, 'data')), dataBad);

  const preds = join(root, 'preds.jsonl');
  const answers = problems.map((p) => ({ task_id: p.task_id, solution: `${p.prompt as string}${p.canonical_solution as string}` }));
  const predBad = writeBadJsonl(preds, answers, [
    { row: { solution: 'x = 1' }, reason: 'missing_field' },
    { row: { task_id: 'HumanEval/9999', solution: 'x = 1' }, reason: 'unknown_task' },
    { row: { task_id: 'HumanEval/0', solution: 5 }, reason: 'wrong_type' },
  ], { huge: true });
  const out = await killAndResume((o) => ['eval', 'humaneval', '--data', data, '--predictions', preds, '--k', '1', '--workers', '1', '--out', o], 'eval-pred', 2);
  const s = readJson(join(out, 'report.json')) as { passed_samples: number };
  assert.equal(s.passed_samples, 24);
  assert.deepEqual(reasons(findBad(s, 'predictions')), predBad);
});
