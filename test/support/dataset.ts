// Reading a dataset folder's records in tests: the JSONL config, every split, train first.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function recordsOf<T = Record<string, unknown>>(dir: string, split?: string): T[] {
  const jsonl = join(dir, 'jsonl');
  if (!existsSync(jsonl)) return [];
  const files = readdirSync(jsonl).filter((f) => f.endsWith('.jsonl') && (split === undefined || f.startsWith(`${split}-`)));
  const rank = (f: string) => (f.startsWith('train-') ? 0 : f.startsWith('test-') ? 1 : 2);
  files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return files.flatMap((f) => readFileSync(join(jsonl, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T));
}

/** Every file of the dataset (data/, jsonl/, README.md), concatenated: equal bytes, equal output. */
export function datasetBytes(dir: string): Buffer {
  const parts: Buffer[] = [];
  for (const sub of ['data', 'jsonl']) {
    if (!existsSync(join(dir, sub))) continue;
    for (const f of readdirSync(join(dir, sub)).sort()) parts.push(Buffer.from(`${sub}/${f}\n`), readFileSync(join(dir, sub, f)));
  }
  parts.push(readFileSync(join(dir, 'README.md')));
  return Buffer.concat(parts);
}
