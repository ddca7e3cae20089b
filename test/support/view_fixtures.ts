// Output folders for the viewer's tests and bench, made the way the pipelines make theirs: a
// Case2Code dataset of real (small) Python functions whose cases are their true outputs, written
// through the run layer (data/ shards, jsonl/, card, report.json, .work/ unit log with dropped
// functions); a GIFT4Code folder in the older samples.jsonl layout; and the counts a test checks
// against, computed here from the records themselves.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Case2CodeRecordSchema, type Case2CodeRecord } from '../../src/case2code/records/record.js';
import { writeDataset } from '../../src/store/dataset.js';
import { cardHeader } from '../../src/store/card.js';

const TEMPLATES = ['infer-basic', 'minimal+anonymous', 'reconstruct', 'teacher'];
const FORMATS = ['print', 'arrow', 'assert'];

type Kind = { name: string; body: (k: number) => string; run: (x: number, k: number) => unknown; repr: (v: unknown) => string; tree: (v: unknown) => unknown };

const KINDS: Kind[] = [
  { name: 'scale', body: (k) => `    return x * ${k}`, run: (x, k) => x * k, repr: String, tree: (v) => ({ t: 'int', v }) },
  { name: 'pair', body: (k) => `    return [x, x + ${k}]`, run: (x, k) => [x, x + k], repr: (v) => `[${(v as number[]).join(', ')}]`, tree: (v) => ({ t: 'list', items: (v as number[]).map((n) => ({ t: 'int', v: n })) }) },
  { name: 'label', body: (k) => `    return 'n' * (x % ${k + 2})`, run: (x, k) => 'n'.repeat(x % (k + 2)), repr: (v) => `'${v}'`, tree: (v) => ({ t: 'str', v }) },
];

/** Record i of the synthetic Case2Code dataset (deterministic). */
export function case2codeRecord(i: number): Case2CodeRecord {
  const kind = KINDS[i % KINDS.length];
  const k = (i % 7) + 1;
  const name = `${kind.name}_${i}`;
  const program = `def ${name}(x):\n    """${kind.name} x by ${k}."""\n${kind.body(k)}\n`;
  const nShown = 3 + (i % 8);
  const mk = (x: number) => {
    const v = kind.run(x, k);
    return { c: { call: `${name}(${x})`, input: `dict(x=${x})`, status: 'ok' as const, output: kind.repr(v), exception: null, origin: null }, tree: kind.tree(v) };
  };
  const shown = Array.from({ length: nShown }, (_, j) => mk(j * 3 + (i % 5)));
  const heldout = [mk(100 + i), mk(200 + i)];
  const prompt = `Write the function ${name} from these cases:\n${shown.map((s) => `${s.c.call} -> ${s.c.output}`).join('\n')}`;
  const completion = `\`\`\`python\n${program}\`\`\``;
  return Case2CodeRecordSchema.parse({
    schema_version: 2, id: `rec${String(i).padStart(6, '0')}`, function_id: `fn${i}`, name, original_name: name, context: '', program,
    shown: shown.map((s) => s.c), heldout: heldout.map((s) => s.c),
    values: JSON.stringify({ shown: shown.map((s) => s.tree), heldout: heldout.map((s) => s.tree) }),
    prompt, completion,
    messages: [{ role: 'system', content: 'You write Python functions from examples.' }, { role: 'user', content: prompt }, { role: 'assistant', content: completion }],
    split: i % 5 === 0 ? 'test' : 'train',
    metadata: {
      source: { path: `lib/${kind.name}.py`, line: 10 + i, row: null, row_id: null, license: 'MIT' },
      generator: 'fuzz', seed: 0, template: TEMPLATES[i % TEMPLATES.length], case_format: FORMATS[i % FORMATS.length], anonymous: i % 4 === 1,
      coverage: 0.5 + (i % 6) / 10, mutation_score: (i % 11) / 10, informativeness: (i % 3) / 2,
      completion_lines: 3, target_lines: 3,
      environment: { caseforge: '0.1.0', python: '3.11', platform: 'linux', tz: 'UTC', locale: 'C' },
    },
  });
}

export const DROPPED = [
  { name: 'reads_clock', reason: 'nondeterministic', detail: 'reads_clock() -> 1.5 then 2.5' },
  { name: 'always_none', reason: 'constant_output', detail: 'every return is None' },
  { name: 'always_zero', reason: 'constant_output', detail: 'every return is 0' },
];

/** A Case2Code dataset of `n` records (ids `rec000000`...), with report, card and unit log. */
export async function writeCase2CodeFixture(dir: string, n: number, records: (i: number) => Case2CodeRecord = case2codeRecord): Promise<Case2CodeRecord[]> {
  const all = Array.from({ length: n }, (_, i) => records(i));
  const files = await writeDataset({ dir, schema: Case2CodeRecordSchema, records: () => all, splitOrder: ['train', 'test'], kv: { writer: 'caseforge case2code' } });
  const splits = { train: all.filter((r) => r.split === 'train').length, test: all.filter((r) => r.split === 'test').length };
  const dropped: Record<string, number> = {};
  const examples: Record<string, string[]> = {};
  for (const d of DROPPED) { dropped[d.reason] = (dropped[d.reason] ?? 0) + 1; (examples[d.reason] ??= []).push(`${d.name}: ${d.detail}`); }
  writeFileSync(join(dir, 'report.json'), JSON.stringify({
    stages: { functions_read: n + DROPPED.length, processed: n + DROPPED.length, kept: n, dropped: DROPPED.length, samples: n },
    dropped, drop_examples: examples, splits,
    quality: { mean_mutation_score: all.reduce((a, r) => a + r.metadata.mutation_score, 0) / n, mean_coverage: all.reduce((a, r) => a + r.metadata.coverage, 0) / n },
    timing: { seconds: 12.5, calls: n * 12 }, llm: { usage: { requests: 0, prompt_tokens: 0, completion_tokens: 0 } },
  }, null, 2));
  writeFileSync(join(dir, 'README.md'), `${cardHeader({ prettyName: 'fixture', license: 'mit', taskCategories: ['text-generation'], tags: ['code'] }, files)}\n# fixture\n\nSynthetic Case2Code records.\n`);
  mkdirSync(join(dir, '.work'), { recursive: true });
  const lines = [
    ...all.slice(0, 3).map((r, i) => ({ key: r.function_id, order: i, status: 'done', data: { function_id: r.function_id, name: r.name, kept: true, source: r.metadata.source } })),
    ...DROPPED.map((d, i) => ({ key: `drop${i}`, order: n + i, status: 'done', data: { function_id: `drop${i}`, name: d.name, kept: false, source: { path: 'lib/misc.py', line: i + 1 }, drop: { reason: d.reason, detail: d.detail } } })),
    { key: 'crashing', order: n + 9, status: 'failed', reason: 'crashing: RecursionError' },
  ];
  writeFileSync(join(dir, '.work', 'functions.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n{"torn": ');
  mkdirSync(join(dir, 'decontamination'), { recursive: true });
  writeFileSync(join(dir, 'decontamination', 'removed.jsonl'), JSON.stringify({ set: 'train', id: 'gone1', label: 'greatest_common_divisor', where: 'train row 1', matches: [{ rule: 'substring', benchmark: 'humaneval', item: 'HumanEval/13', field: 'completion', matched: 'return a greatest common divisor' }] }) + '\n');
  return all;
}

/** A GIFT4Code record in the shape of schema v2 (context cells, output value as JSON text). */
export function gift4codeRecord(i: number): Record<string, unknown> {
  const families = ['filter', 'group_aggregate', 'sort', 'count'];
  const fam = families[i % families.length];
  const steps = i % 3 === 0 ? [fam, 'sort'] : [fam];
  const frame = { t: 'dataframe', columns: [{ t: 'str', v: 'city' }, { t: 'str', v: 'total' }], dtypes: ['object', 'int64'], index: [{ t: 'int', v: 0 }, { t: 'int', v: 1 }], data: [[{ t: 'str', v: 'Oslo' }, { t: 'str', v: 'Bergen' }], [{ t: 'int', v: 10 + i }, { t: 'int', v: 20 + i }]] };
  const code = `shops.groupby('city', as_index=False)['staff'].sum().rename(columns={'staff': 'total'}).head(${2 + (i % 3)})`;
  return {
    schema_version: 2, id: `g${String(i).padStart(5, '0')}`, solution_id: `s${Math.floor(i / 3)}`, spec_kind: ['typedesc', 'examples', 'summary'][i % 3],
    context: { id: 'ctx1', kind: 'datasets', name: 'shops', cells: ["import pandas as pd\nDATA_ROOT = '__DATA_ROOT__'\nshops = pd.read_csv(f'{DATA_ROOT}/shops.csv')", "# Only large shops\nbig = shops[shops['staff'] > 3]"], history_cells: 1, schema: '# Columns in shops (20 rows): city (object), staff (int64)', datasets: [{ name: 'data/shops.csv', file: 'shops.csv', format: 'csv', variable: 'shops', parse_dates: [] }], data_root: { label: 'data', placeholder: '__DATA_ROOT__' } },
    intent: `Total staff per city, first ${2 + (i % 3)} cities (${fam} #${i})`,
    spec: { kind: ['typedesc', 'examples', 'summary'][i % 3], text: 'A dataframe with columns city and total.' },
    code,
    output: { repr: `     city  total\n0    Oslo     ${10 + i}\n1  Bergen     ${20 + i}`, type: 'pandas.core.frame.DataFrame', value: JSON.stringify(frame), head: 'city,total\nOslo,10' },
    split: i % 4 === 0 ? 'test' : 'train',
    prompt: `# In[ ]:\nimport pandas as pd\n# In[ ]:\n# Total staff per city\n`, notebook: `# In[ ]:\n${code}`,
    messages: [{ role: 'user', content: 'Total staff per city' }, { role: 'assistant', content: code }],
    metadata: { generator: 'offline', seed: 0, family: steps.join('>'), steps, template: `tpl-${fam}`, apis: ['groupby', 'sum'], datasets: ['data/shops.csv'], context_name: 'shops', uses_history: i % 2 === 0, models: { intents: null, solutions: null, summaries: null }, environment: { caseforge: '0.1.0', python: '3.11', pandas: '1.5', numpy: '1.24' } },
  };
}

/** A GIFT4Code folder in the older layout (samples.jsonl), with one line that is not JSON. */
export function writeGift4CodeFixture(dir: string, n: number): Array<Record<string, unknown>> {
  mkdirSync(dir, { recursive: true });
  const all = Array.from({ length: n }, (_, i) => gift4codeRecord(i));
  const lines = all.map((r) => JSON.stringify(r));
  lines.splice(3, 0, '{"not json', '[1, 2]');
  writeFileSync(join(dir, 'samples.jsonl'), lines.join('\n') + '\n');
  const bySpec: Record<string, number> = {};
  for (const r of all) bySpec[String(r.spec_kind)] = (bySpec[String(r.spec_kind)] ?? 0) + 1;
  writeFileSync(join(dir, 'report.json'), JSON.stringify({
    generator: 'offline', contexts: { total: 2, ok: 1, skipped: 1 },
    counts: { candidates: n + 4, samples: n, 'dropped:duplicate_result': 3, 'dropped:degenerate:constant': 1 },
    drop_examples: { 'dropped:duplicate_result': ['shops: same frame as an earlier intent'] },
    samples: { total: n, by_spec: bySpec }, run: { seconds: 3.5 },
  }, null, 2));
  return all;
}
