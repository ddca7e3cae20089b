// The independent reader: DuckDB (its own Parquet and JSON readers, no code shared with ours) checks
// a dataset folder written in caseforge's layout, as a trainer's loader would see it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export interface DatasetExpectation {
  /** Rows per split (exact). */
  splits: Record<string, number>;
  /** DuckDB's type of some columns, quotes left out: `messages: STRUCT(role VARCHAR, content VARCHAR)[]`. */
  types?: Record<string, string>;
}

export interface DuckCheck {
  /** DuckDB's column types of the default config. */
  types: Record<string, string>;
  /** A few rows of the first split, as DuckDB reads them. */
  sample: Array<Record<string, unknown>>;
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

interface CardHeader {
  license: string;
  license_name?: string;
  configs: Array<{ config_name: string; data_files: Array<{ split: string; path: string }> }>;
  dataset_info: Array<{ config_name: string; features: Array<{ name: string }>; splits: Array<{ name: string; num_examples: number }> }>;
  task_categories: string[];
  tags: string[];
}

/** The card's YAML header as Debian's PyYAML reads it (another reader that is not ours). */
export function cardHeaderOf(dir: string): CardHeader {
  const text = readFileSync(join(dir, 'README.md'), 'utf8');
  assert.ok(text.startsWith('---\n'), 'the card starts with a YAML header');
  const r = spawnSync('/usr/bin/python3', ['-c', 'import sys, json, yaml; t = sys.stdin.read(); print(json.dumps(yaml.safe_load(t.split("---\\n")[1])))'], { input: text, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as CardHeader;
}

export async function checkDataset(dir: string, expect: DatasetExpectation): Promise<DuckCheck> {
  const header = cardHeaderOf(dir);
  assert.ok(!existsSync(join(dir, 'work')), 'no visible work folder');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const files = readdirSync(join(dir, 'data')).sort();
    const splits = [...new Set(files.map((f) => /^(.+)-\d{5}-of-(\d{5})\.parquet$/.exec(f)?.[1]).filter(Boolean))] as string[];
    assert.deepEqual(splits.sort(), Object.keys(expect.splits).sort(), 'splits of data/');
    let types: Record<string, string> = {};
    for (const split of splits) {
      const shards = files.filter((f) => f.startsWith(`${split}-`));
      const n = Number(/-of-(\d{5})\.parquet$/.exec(shards[0])![1]);
      assert.equal(shards.length, n, `${split}: ${n} shards named, ${shards.length} present`);
      const glob = join(dir, 'data', `${split}-*.parquet`);
      const count = await c.runAndReadAll(`select count(*)::INTEGER as n from read_parquet(${q(glob)})`);
      assert.equal(count.getRowObjectsJson()[0].n, expect.splits[split], `${split}: rows`);
      const desc = await c.runAndReadAll(`describe select * from read_parquet(${q(glob)})`);
      const t = Object.fromEntries(desc.getRowObjectsJson().map((r) => [String(r.column_name), String(r.column_type).replace(/"/g, '')]));
      if (Object.keys(types).length) assert.deepEqual(t, types, `${split}: same columns as the other splits`);
      types = t;
      const jsonl = join(dir, 'jsonl', `${split}-*.jsonl`);
      if (existsSync(join(dir, 'jsonl')) && expect.splits[split] > 0) {
        const jc = await c.runAndReadAll(`select count(*)::INTEGER as n from read_json(${q(jsonl)}, format='newline_delimited')`);
        assert.equal(jc.getRowObjectsJson()[0].n, expect.splits[split], `${split}: JSONL rows`);
        // One type at every path: DuckDB infers the JSONL schema from the rows themselves.
        const jd = await c.runAndReadAll(`describe select * from read_json(${q(jsonl)}, format='newline_delimited', sample_size=-1)`);
        for (const r of jd.getRowObjectsJson()) {
          if (!/^JSON$/.test(String(r.column_type))) continue;
          // DuckDB types a column JSON when it finds no one type: fine only where every value is null.
          const col = `"${String(r.column_name).replace(/"/g, '""')}"`;
          const present = await c.runAndReadAll(`select count(*)::INTEGER as n from read_json(${q(jsonl)}, format='newline_delimited', sample_size=-1) where ${col} is not null`);
          assert.equal(present.getRowObjectsJson()[0].n, 0, `${split}: JSONL column ${r.column_name} has mixed types`);
        }
      }
    }
    // The card's configs name these files, and its features these columns.
    const def = header.configs.find((x) => x.config_name === 'default');
    assert.ok(def, 'a default config');
    assert.deepEqual(def.data_files.map((d) => d.split).sort(), splits.slice().sort());
    for (const d of def.data_files) assert.match(d.path, new RegExp(`^data/${d.split}-\\*\\.parquet$`));
    const info = header.dataset_info.find((x) => x.config_name === 'default');
    assert.deepEqual(info?.features.map((f) => f.name), Object.keys(types), 'features name the Parquet columns in order');
    assert.deepEqual(Object.fromEntries(info!.splits.map((s) => [s.name, s.num_examples])), expect.splits);
    assert.ok(header.license === 'other' ? !!header.license_name : /^[a-z0-9.-]+$/.test(header.license), `licence ${header.license}`);
    for (const [col, type] of Object.entries(expect.types ?? {})) assert.equal(types[col], type, `type of ${col}`);
    const first = splits[0];
    const sample = first
      ? (await c.runAndReadAll(`select * from read_parquet(${q(join(dir, 'data', `${first}-*.parquet`))}) limit 3`)).getRowObjectsJson() as Array<Record<string, unknown>>
      : [];
    return { types, sample };
  } finally {
    c.closeSync();
    db.closeSync?.();
  }
}
