// Writing the prediction families of a finished Case2Code dataset: every Case2Code record is read
// back (either layout), its cases' outputs are checked for being literals in the sandbox (one call
// per record), and the family records go to DIR/output/ and DIR/input/, each a dataset of its own
// in the run layer's layout (data/ Parquet shards, jsonl/, a card). The records are staged in
// DIR/.work/ first, so the two passes of the dataset writer read a file, not the sandbox twice.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { createExecutor, type Executor } from '../../exec/executor.js';
import type { SandboxChoice } from '../../exec/types.js';
import { readRecords } from '../../export/dataset.js';
import { writeFileAtomic, writeLinesAtomic } from '../../store/atomic.js';
import { cardHeader } from '../../store/card.js';
import { writeDataset, type DatasetFiles } from '../../store/dataset.js';
import { readJsonl } from '../../store/jsonl.js';
import { callTool, PYTHON_DIR } from '../tooling.js';
import {
  FAMILY_DEFAULTS, InputRecordSchema, OutputRecordSchema, familySource, inputRecords, outputRecords,
  type FamilyOptions, type InputRecord, type OutputRecord,
} from './families.js';

export interface FamilyRun {
  families: Array<'output' | 'input'>;
  options?: Partial<FamilyOptions>;
  executor?: Executor;
  sandbox?: SandboxChoice;
}

export interface FamilyReport {
  sources: number;
  /** Records written per family and split. */
  records: Record<string, Record<string, number>>;
  /** Case2Code records that gave no record of a family (no literal, non-echo output). */
  without: Record<string, number>;
}

const DESCRIPTIONS: Record<'output' | 'input', { title: string; text: string }> = {
  output: {
    title: 'caseforge output prediction',
    text: 'Each record shows a Python function and one call of it and asks for what the call returns, as a '
      + 'Python literal (or `raises Name` for an exception, a small share), CRUXEval-O style. The cases were executed '
      + 'in caseforge\'s sandbox by the Case2Code run this dataset belongs to; `ground_truth` has what a verifier needs.',
  },
  input: {
    title: 'caseforge input prediction',
    text: 'Each record shows a Python function and an output it returned and asks for a call (literal '
      + 'arguments only) that returns it, CRUXEval-I style. `reference_call` is one such call, recorded by the '
      + 'Case2Code run this dataset belongs to; a verifier runs the predicted call and compares values.',
  },
};

function card(family: 'output' | 'input', files: DatasetFiles, report: FamilyReport): string {
  const d = DESCRIPTIONS[family];
  const splits = Object.entries(report.records[family]).map(([s, n]) => `${s} ${n}`).join(', ');
  return cardHeader({ prettyName: d.title, license: 'other', licenseName: 'the licences of the source functions', taskCategories: ['text-generation'], tags: ['code', family === 'output' ? 'output-prediction' : 'input-prediction', 'cruxeval'] }, files)
    + `\n# ${d.title}\n\n${d.text}\n\nRecords: ${splits || 'none'} (the split of each record is its function's Case2Code split).\n`
    + `${report.without[family]} of ${report.sources} functions gave no case for this family.\n\n`
    + 'Score predictions with `caseforge eval ' + (family === 'output' ? 'output' : 'input') + '-prediction --data DIR`.\n';
}

/** Derives and writes the families of the Case2Code dataset in `dir`. */
export async function writeFamilies(dir: string, run: FamilyRun): Promise<FamilyReport> {
  const o: FamilyOptions = { ...FAMILY_DEFAULTS, ...Object.fromEntries(Object.entries(run.options ?? {}).filter(([, v]) => v !== undefined)) };
  const ex = run.executor ?? await createExecutor({ ...run.sandbox, workers: 1, pythonPath: [PYTHON_DIR], preload: ['cf_families'] });
  const stage = join(dir, '.work', 'families');
  mkdirSync(stage, { recursive: true });
  const report: FamilyReport = { sources: 0, records: {}, without: {} };
  const paths = Object.fromEntries(run.families.map((f) => [f, join(stage, `${f}.jsonl`)]));
  try {
    async function* lines(family: 'output' | 'input'): AsyncGenerator<string> {
      for await (const { record } of readRecords(dir)) {
        const src = familySource(record);
        if (!src) continue;
        if (family === run.families[0]) report.sources++;
        const r = await callTool<{ outputs: boolean[]; calls: boolean[] }>(ex, 'cf_families', 'literal_cases', { outputs: src.cases.map((c) => c.output), calls: src.cases.map((c) => c.call) });
        const none = src.cases.map(() => false);
        const made = family === 'output'
          ? outputRecords(src, r.ok ? r.data.outputs : none, o)
          : inputRecords(src, r.ok ? r.data.outputs.map((lit, i) => lit && r.data.calls[i]) : none, o);
        if (!made.length) report.without[family] = (report.without[family] ?? 0) + 1;
        for (const m of made) yield JSON.stringify(m);
      }
    }
    for (const family of run.families) {
      report.without[family] = 0;
      await writeLinesAtomic(paths[family], lines(family));
    }
  } finally {
    if (!run.executor) await ex.close();
  }
  for (const family of run.families) {
    const schema: z.ZodType = family === 'output' ? OutputRecordSchema : InputRecordSchema;
    const records = () => readJsonl<OutputRecord | InputRecord>(paths[family]);
    const out = join(dir, family);
    mkdirSync(out, { recursive: true });
    const files = await writeDataset({ dir: out, schema, records, splitOrder: ['train', 'test'], kv: { writer: `caseforge ${family}-prediction` } });
    if (files.invalid) throw new Error(`${family} family: ${files.invalid} records failed their schema (${files.invalid_examples.join('; ')})`);
    report.records[family] = Object.fromEntries(files.splits.map((s) => [s.name, s.rows]));
    writeFileAtomic(join(out, 'README.md'), card(family, files, report));
    writeFileAtomic(join(out, 'report.json'), JSON.stringify({ family, ...report, records: report.records[family], without: report.without[family] }, null, 2) + '\n');
    rmSync(join(out, '.work'), { recursive: true, force: true });
  }
  return report;
}
