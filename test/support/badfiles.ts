// The bad-input fixture corpus, written at test time (a huge line and undecodable bytes do not
// belong in git): JSONL files that mix good rows with every kind of bad line, and bad whole files.
// Each writer returns what a reader must report: the line and reason of every bad line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname } from 'node:path';

export interface ExpectedBad {
  line: number;
  reason: string;
}

/** Bytes of the huge line: over the readers' 64 MiB line cap. */
export const HUGE_LINE_BYTES = (64 << 20) + 1024;

/**
 * A JSONL file: `good` rows, and between them `null`, a number, a list, a string, a torn object,
 * a row with bytes that are not UTF-8, a row over the line cap (when `huge`), and the given rows
 * with a missing field and with a wrong type (each with the reason the reader must give).
 */
export function writeBadJsonl(path: string, good: unknown[], specific: Array<{ row: unknown; reason: string }>, opts: { huge?: boolean; gzip?: boolean } = {}): ExpectedBad[] {
  const lines: Buffer[] = [];
  const bad: ExpectedBad[] = [];
  const push = (b: Buffer | string, reason?: string) => {
    lines.push(typeof b === 'string' ? Buffer.from(b, 'utf8') : b);
    if (reason) bad.push({ line: lines.length, reason });
  };
  const generic: Array<[Buffer | string, string]> = [
    ['null', 'not_object'],
    ['42', 'not_object'],
    ['[1, 2, 3]', 'not_object'],
    ['"a string"', 'not_object'],
    ['{"task_id": "x", "torn": ', 'not_json'],
    [Buffer.concat([Buffer.from('{"text": "caf'), Buffer.from([0xe9, 0xff]), Buffer.from('"}')]), 'not_utf8'],
  ];
  if (opts.huge) generic.push([`{"pad": "${'x'.repeat(HUGE_LINE_BYTES)}"}`, 'too_large']);
  for (const s of specific) generic.push([JSON.stringify(s.row), s.reason]);
  // Good and bad rows interleaved, a blank line among them (blank lines are not rows).
  const n = Math.max(good.length, generic.length);
  for (let i = 0; i < n; i++) {
    if (i < good.length) push(JSON.stringify(good[i]));
    if (i < generic.length) push(generic[i][0], generic[i][1]);
    if (i === 1) push('');
  }
  mkdirSync(dirname(path), { recursive: true });
  const bytes = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
  writeFileSync(path, opts.gzip ? gzipSync(bytes) : bytes);
  return bad;
}

/** Bytes that are not UTF-8, in a file of the given name. */
export function writeNotUtf8(path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]));
}
