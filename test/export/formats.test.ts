// Every trainer format, read back the way that trainer reads it: TRL's and OpenAI's JSONL columns and
// chat roles, axolotl's YAML stanza (read with PyYAML) pointing at its files and fields,
// LLaMA-Factory's dataset_info.json entry and its sharegpt role order, verl's Parquet columns and
// nesting with DuckDB (an independent reader); row counts per split and one record's content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { z } from 'zod';
import { exportDataset, type ExportResult, type FormatName } from '../../src/export/index.js';
import { writeDataset } from '../../src/store/dataset.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/export/', import.meta.url));
type Row = Record<string, unknown>;
type Msg = { role: string; content: string };

const source = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-export-src-'));
  copyFileSync(join(FIXTURE, 'samples.jsonl'), join(dir, 'samples.jsonl'));
  return dir;
})();
const records = readFileSync(join(FIXTURE, 'samples.jsonl'), 'utf8').split('\n').slice(0, 4).map((l) => JSON.parse(l) as Row);
const clamp = records.find((r) => r.name === 'clamp_all')!;
const clampMessages = clamp.messages as Msg[];

async function run(format: FormatName): Promise<ExportResult> {
  const r = await exportDataset({ dir: source, format, out: mkdtempSync(join(tmpdir(), `cf-export-${format}-`)) });
  assert.deepEqual(r.rows, { train: 3, test: 1 });
  assert.deepEqual(r.tasks, { case2code: 3, gift4code: 1 });
  assert.deepEqual(r.skipped, { no_messages: 1, not_json: 1, the_last_message_is_not_the_assistant_s_answer: 1 });
  return r;
}

const jsonl = (path: string): Row[] => readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Row);

function checkChat(messages: unknown, roles: string[]): Msg[] {
  assert.ok(Array.isArray(messages));
  for (const m of messages as Msg[]) {
    assert.deepEqual(Object.keys(m).sort(), ['content', 'role']);
    assert.ok(roles.includes(m.role), m.role);
    assert.equal(typeof m.content, 'string');
    assert.ok(m.content.length > 0);
  }
  return messages as Msg[];
}

test('trl-sft: conversational language modelling, a messages column and nothing else', async () => {
  const r = await run('trl-sft');
  const test = jsonl(join(r.out, r.files.test));
  assert.equal(test.length, 1);
  assert.deepEqual(Object.keys(test[0]), ['messages']);
  assert.deepEqual(checkChat(test[0].messages, ['system', 'user', 'assistant']), clampMessages);
  assert.equal(jsonl(join(r.out, r.files.train)).length, 3);
  assert.match(r.snippet, /load_dataset\("json", data_files=\{"train": ".*train\.jsonl", "test": ".*test\.jsonl"\}\)/);
});

test('trl-prompt-completion: the prompt turns and the assistant completion, both conversational', async () => {
  const r = await run('trl-prompt-completion');
  const [row] = jsonl(join(r.out, r.files.test));
  assert.deepEqual(Object.keys(row), ['prompt', 'completion']);
  const prompt = checkChat(row.prompt, ['system', 'user']);
  const completion = checkChat(row.completion, ['assistant']);
  assert.equal(completion.length, 1);
  assert.deepEqual([...prompt, ...completion], clampMessages);
});

test('trl-grpo: a prompt without the answer, and the columns a reward function needs', async () => {
  const r = await run('trl-grpo');
  const rows = [...jsonl(join(r.out, r.files.train)), ...jsonl(join(r.out, r.files.test))];
  for (const row of rows) assert.deepEqual(Object.keys(row), ['prompt', 'ground_truth', 'entry_point', 'task', 'id']);
  const row = rows.find((x) => x.id === clamp.id)!;
  assert.ok(!checkChat(row.prompt, ['system', 'user']).some((m) => m.role === 'assistant'));
  assert.equal(row.task, 'case2code');
  assert.equal(row.entry_point, 'clamp_all');
  const truth = JSON.parse(row.ground_truth as string) as { entry_point: string; cases: Row[] };
  const cases = [...(clamp.shown as Row[]), ...(clamp.heldout as Row[])];
  assert.equal(truth.cases.length, cases.length);
  assert.deepEqual(truth.cases[0], { call: cases[0].call, output: cases[0].output, status: cases[0].status, exception: cases[0].exception ?? null });
  const g4c = rows.find((x) => x.task === 'gift4code')!;
  assert.equal(g4c.entry_point, null);
  assert.match(JSON.parse(g4c.ground_truth as string).context as string, /read_json/);
});

test('openai: chat JSONL with only messages, roles system/user/assistant, an assistant answer in each', async () => {
  const r = await run('openai');
  for (const file of Object.values(r.files)) {
    for (const row of jsonl(join(r.out, file))) {
      assert.deepEqual(Object.keys(row), ['messages']);
      const m = checkChat(row.messages, ['system', 'user', 'assistant']);
      assert.equal(m.at(-1)!.role, 'assistant');
    }
  }
  assert.match(r.snippet, /purpose="fine-tune"/);
});

test('axolotl: the datasets stanza (read with PyYAML) names the files and fields that hold the chats', async () => {
  const r = await run('axolotl');
  assert.deepEqual(r.config_files, ['axolotl.yaml']);
  const yamlText = readFileSync(join(r.out, 'axolotl.yaml'), 'utf8');
  assert.equal(r.snippet, yamlText, 'the stanza printed is the one written');
  const py = spawnSync('/usr/bin/python3', ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))'], { input: yamlText, encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
  const cfg = JSON.parse(py.stdout) as { datasets: Row[]; test_datasets: Row[] };
  const [train] = cfg.datasets;
  assert.equal(train.type, 'chat_template');
  assert.equal(train.ds_type, 'json');
  assert.deepEqual(train.roles_to_train, ['assistant']);
  const map = train.message_property_mappings as { role: string; content: string };
  const rows = jsonl(train.path as string);
  assert.equal(rows.length, 3);
  const chat = (rows[0][train.field_messages as string] as Row[]).map((m) => ({ role: m[map.role], content: m[map.content] }));
  assert.deepEqual(chat.map((m) => m.role), ['system', 'user', 'assistant']);
  assert.equal(jsonl(cfg.test_datasets[0].path as string).length, 1);
  assert.equal(cfg.test_datasets[0].split, 'train');
});

test('llamafactory: dataset_info.json entries (sharegpt, OpenAI tags) and the role order its loader requires', async () => {
  const r = await run('llamafactory');
  const info = JSON.parse(readFileSync(join(r.out, 'dataset_info.json'), 'utf8')) as Record<string, { file_name: string; formatting: string; columns: { messages: string }; tags: Record<string, string> }>;
  assert.deepEqual(Object.keys(info), ['caseforge_train', 'caseforge_test']);
  for (const [name, entry] of Object.entries(info)) {
    assert.equal(entry.formatting, 'sharegpt');
    const t = entry.tags;
    const rows = jsonl(join(r.out, entry.file_name));
    assert.equal(rows.length, name.endsWith('train') ? 3 : 1);
    for (const row of rows) {
      let turns = row[entry.columns.messages] as Row[];
      if (turns[0][t.role_tag] === t.system_tag) turns = turns.slice(1);
      turns.forEach((m, i) => assert.equal(m[t.role_tag], i % 2 === 0 ? t.user_tag : t.assistant_tag));
      assert.ok(turns.every((m) => typeof m[t.content_tag] === 'string'));
    }
  }
  assert.match(r.snippet, /dataset: caseforge_train\neval_dataset: caseforge_test/);
});

test('verl: one Parquet file per split with its columns and nesting, as DuckDB reads them', async () => {
  const r = await run('verl');
  assert.deepEqual(readdirSync(r.out).filter((f) => f.endsWith('.parquet')).sort(), ['test.parquet', 'train.parquet']);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const file = (s: string) => `'${join(r.out, r.files[s])}'`;
    const desc = (await c.runAndReadAll(`describe select * from read_parquet(${file('train')})`)).getRowObjectsJson();
    assert.deepEqual(Object.fromEntries(desc.map((d) => [d.column_name, d.column_type])), {
      data_source: 'VARCHAR',
      prompt: 'STRUCT("role" VARCHAR, "content" VARCHAR)[]',
      ability: 'VARCHAR',
      reward_model: 'STRUCT(style VARCHAR, ground_truth VARCHAR)',
      extra_info: 'STRUCT(split VARCHAR, "index" BIGINT, id VARCHAR, task VARCHAR, entry_point VARCHAR)',
    });
    for (const [s, n] of [['train', 3], ['test', 1]] as const) {
      const count = (await c.runAndReadAll(`select count(*)::INTEGER as n from read_parquet(${file(s)})`)).getRowObjectsJson()[0].n;
      assert.equal(count, n);
    }
    const [row] = (await c.runAndReadAll(`select data_source, prompt, ability, reward_model, extra_info from read_parquet(${file('test')})`)).getRowObjectsJson() as Row[];
    assert.equal(row.data_source, 'caseforge/case2code');
    assert.equal(row.ability, 'code');
    assert.deepEqual(row.prompt, clampMessages.slice(0, -1));
    const rm = row.reward_model as { style: string; ground_truth: string };
    assert.equal(rm.style, 'rule');
    assert.equal((JSON.parse(rm.ground_truth) as { entry_point: string }).entry_point, 'clamp_all');
    assert.deepEqual(row.extra_info, { split: 'test', index: '0', id: clamp.id, task: 'case2code', entry_point: 'clamp_all' });
  } finally {
    c.closeSync();
  }
  assert.match(r.snippet, /data\.train_files=.*train\.parquet/);
});

test('a dataset folder in the run layer\'s layout (data/ shards) is read split by split', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-export-hub-'));
  const Case = z.object({ call: z.string(), input: z.string(), status: z.enum(['ok', 'error']), output: z.string(), exception: z.string().nullable() });
  const schema = z.object({
    id: z.string(), name: z.string(), program: z.string(), shown: z.array(Case), heldout: z.array(Case), prompt: z.string(), completion: z.string(),
    messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })), split: z.enum(['train', 'test']),
  });
  const rows = records.filter((r) => r.program).map((r) => ({
    ...Object.fromEntries(Object.keys(schema.shape).map((k) => [k, r[k]])),
    shown: (r.shown as Row[]).map((c) => ({ call: c.call, input: c.input, status: c.status, output: c.output, exception: c.exception ?? null })),
    heldout: (r.heldout as Row[]).map((c) => ({ call: c.call, input: c.input, status: c.status, output: c.output, exception: c.exception ?? null })),
  }));
  await writeDataset({ dir, schema, records: () => rows });
  const r = await exportDataset({ dir, format: 'trl-grpo', out: mkdtempSync(join(tmpdir(), 'cf-export-hub-out-')) });
  assert.deepEqual(r.rows, { train: 2, test: 1 });
  const [row] = jsonl(join(r.out, r.files.test));
  assert.equal(row.entry_point, 'clamp_all');
  assert.equal((JSON.parse(row.ground_truth as string) as { cases: Row[] }).cases.length, (clamp.shown as Row[]).length + (clamp.heldout as Row[]).length);
});
