// Shared helpers of the gift4code tests: fixture paths, one executor with the fixtures mounted, and
// reading a run's outputs back.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExecutor, type Executor } from '../../src/exec/executor.js';
import { recordsOf } from '../support/dataset.js';
import { GIFT4CODE_PYTHON_DIR, GIFT4CODE_PYTHON_MODULES, type Gift4CodeRecord, type Gift4CodeReport } from '../../src/gift4code/index.js';

/** test/fixtures/gift4code in the source tree (dist/test/gift4code -> ../../../test/fixtures/gift4code). */
export const FIX = fileURLToPath(new URL('../../../test/fixtures/gift4code/', import.meta.url));

export function tempDir(tag: string): string {
  return mkdtempSync(join(tmpdir(), `cf-g4c-${tag}-`));
}

export function testExecutor(): Promise<Executor> {
  return createExecutor({
    pythonPath: [GIFT4CODE_PYTHON_DIR], preload: GIFT4CODE_PYTHON_MODULES, readOnlyPaths: [FIX], seed: 0, fixedClock: 1_700_000_000,
  });
}

/** A run's records (the JSONL config, train then test). */
export function readSamples(out: string): Gift4CodeRecord[] {
  return recordsOf<Gift4CodeRecord>(out);
}

export function readReport(out: string): Gift4CodeReport {
  return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Gift4CodeReport;
}

export function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const it of items) out[key(it)] = (out[key(it)] ?? 0) + 1;
  return out;
}
