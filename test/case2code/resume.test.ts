import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { datasetBytes } from '../support/dataset.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const SOURCE = fileURLToPath(new URL('../../../test/fixtures/case2code/programs.py', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'c2c-resume-'));
after(() => rmSync(root, { recursive: true, force: true }));

function start(out: string) {
  return spawn(process.execPath, [MAIN, 'case2code', '--source', SOURCE, '--out', out, '--seed', '3', '--no-progress'], { stdio: ['ignore', 'ignore', 'pipe'] });
}

function finish(out: string): Promise<number | null> {
  return new Promise((resolve) => start(out).on('exit', (code) => resolve(code)));
}

const lines = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).length : 0);

test('a run killed (SIGKILL) midway and rerun writes the same samples as an uninterrupted run', async () => {
  const whole = join(root, 'whole');
  assert.equal(await finish(whole), 0);
  const expected = datasetBytes(whole);
  assert.ok(expected.length > 0);

  const cut = join(root, 'cut');
  const child = start(cut);
  const log = join(cut, '.work', 'functions.jsonl');
  const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let done = false;
  void exited.then(() => { done = true; });
  while (!done && lines(log) < 3) await new Promise((r) => setTimeout(r, 10));
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL', 'the run was killed before it finished');
  const before = lines(log);
  assert.ok(before >= 3 && before < 12, `${before} functions logged when killed`);
  assert.equal(existsSync(join(cut, 'data')), false);

  assert.equal(await finish(cut), 0);
  assert.ok(datasetBytes(cut).equals(expected), 'the dataset differs from the uninterrupted run');
  // Nothing was redone or duplicated: every function has exactly one line in the work log.
  const ids = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).key as string);
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(ids.length, 12);
});
