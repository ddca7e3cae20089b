// What each benchmark contributes to decontamination: the strings bigcode's rule looks for (a
// HumanEval prompt's docstrings and canonical solution, an MBPP task's text and code, a CRUXEval
// function, a DS-1000 problem statement and reference code, a Case2Code test program and prompt)
// and the code the n-gram and renamed-AST rules compare with. Rows that are not usable are skipped
// and counted with their place and reason.
import { basename, join } from 'node:path';
import { z } from 'zod';
import { Counts } from '../store/counts.js';
import { DecontamError, type AgainstFile, type BenchmarkName, type ResolvedDecontamOptions } from './options.js';
import { readEntries } from './rows.js';

export interface BenchmarkItem {
  benchmark: string;
  id: string;
  /** Strings the substring rule looks for, each with what it is (`prompt`, `solution`, a field name). */
  strings: Array<{ kind: string; text: string }>;
  /** Code the n-gram and renamed-AST rules compare with. */
  code: string[];
}

export interface ReferenceStats {
  items: number;
  bad_rows: Record<string, number>;
  bad_examples: Record<string, string[]>;
}

const id = z.union([z.string().min(1), z.number()]).transform(String);

/** Every docstring of a prompt (bigcode checks a HumanEval prompt by its docstring), or the prompt. */
function docstrings(prompt: string): string[] {
  const found = [...prompt.matchAll(/("""|''')([\s\S]*?)\1/g)].map((m) => m[2].trim()).filter(Boolean);
  return found.length ? found : [prompt];
}

/** A DS-1000 problem statement: the prompt's text before its first code block. */
function problemText(prompt: string): string {
  return prompt.split('<code>')[0].replace(/^\s*Problem:\s*/, '').trim();
}

interface Reader {
  file: string;
  schema: z.ZodType<BenchmarkItem | undefined>;
}

const HumanEval = z.object({ task_id: id, prompt: z.string(), canonical_solution: z.string() }).transform((r) => ({
  benchmark: 'humaneval', id: r.task_id,
  strings: [...docstrings(r.prompt).map((text) => ({ kind: 'prompt', text })), { kind: 'solution', text: r.canonical_solution }],
  code: [r.prompt + r.canonical_solution],
}));

const Mbpp = z.object({ task_id: id, prompt: z.string().optional(), text: z.string().optional(), code: z.string() }).transform((r) => ({
  benchmark: 'mbpp', id: /^\d+$/.test(r.task_id) ? `Mbpp/${r.task_id}` : r.task_id, // evalplus's and `caseforge eval mbpp`'s ids
  strings: [...(r.prompt ?? r.text ? [{ kind: 'prompt', text: (r.prompt ?? r.text)! }] : []), { kind: 'solution', text: r.code }],
  code: [r.code],
}));

const CruxEval = z.object({ id, code: z.string() }).transform((r) => ({
  benchmark: 'cruxeval', id: r.id, strings: [{ kind: 'code', text: r.code }], code: [r.code],
}));

const Ds1000 = z.object({ prompt: z.string(), reference_code: z.string(), metadata: z.object({ problem_id: id }) }).transform((r) => ({
  benchmark: 'ds1000', id: r.metadata.problem_id,
  strings: [{ kind: 'prompt', text: problemText(r.prompt) }, { kind: 'solution', text: r.reference_code }],
  code: [r.reference_code],
}));

const Case2CodeTest = z.object({ id, code: z.string(), prompt: z.string().optional() }).transform((r) => ({
  benchmark: 'case2code-test', id: r.id,
  strings: [{ kind: 'code', text: r.code }, ...(r.prompt ? [{ kind: 'prompt', text: r.prompt }] : [])],
  code: [r.code],
}));

const READERS: Record<BenchmarkName, Reader> = {
  'humaneval': { file: 'HumanEval.jsonl.gz', schema: HumanEval },
  'mbpp': { file: 'mbpp-sanitized.json', schema: Mbpp },
  'cruxeval': { file: 'cruxeval.jsonl', schema: CruxEval },
  'ds1000': { file: 'ds1000.jsonl.gz', schema: Ds1000 },
  'case2code-test': { file: 'case2code-test.jsonl', schema: Case2CodeTest },
};

/** A user's file: the named fields of each row, its id from `task_id`, `id` or `problem_id`. */
export function fileBenchmarkName(f: AgainstFile): string {
  return f.name ?? basename(f.path).replace(/\.(jsonl\.gz|jsonl|json|parquet)$/, '');
}

function fileSchema(f: AgainstFile): z.ZodType<BenchmarkItem | undefined> {
  const name = fileBenchmarkName(f);
  return z.record(z.string(), z.unknown()).transform((row, ctx) => {
    const texts = f.fields.flatMap((field) => (typeof row[field] === 'string' && row[field] ? [{ kind: field, text: row[field] as string }] : []));
    if (!texts.length) {
      ctx.addIssue({ code: 'custom', message: `none of the fields ${f.fields.join(', ')} holds text` });
      return z.NEVER;
    }
    const key = row.task_id ?? row.id ?? (row.metadata as Record<string, unknown> | undefined)?.problem_id ?? row.problem_id;
    return { benchmark: name, id: key === undefined ? '' : String(key), strings: texts, code: texts.map((t) => t.text) };
  });
}

async function readBenchmark(path: string, schema: z.ZodType<BenchmarkItem | undefined>, into: BenchmarkItem[]): Promise<ReferenceStats> {
  const bad = new Counts(3);
  let items = 0;
  try {
    for await (const e of readEntries(path)) {
      if (e.bad !== undefined) { bad.add(e.reason, 1, `${path} ${e.where}`); continue; }
      const r = schema.safeParse(e.value);
      if (!r.success || !r.data) {
        const issue = r.success ? undefined : r.error.issues[0];
        bad.add(issue?.path.length ? `bad_${issue.path.join('.')}` : 'bad_row', 1, `${path} ${e.where}: ${issue?.message ?? 'not a row'}`);
        continue;
      }
      into.push({ ...r.data, id: r.data.id || e.where });
      items++;
    }
  } catch (err) {
    throw new DecontamError(`${path}: cannot be read as a benchmark file (${(err as Error).message})`, { cause: err, code: 'input' });
  }
  return { items, bad_rows: bad.toJSON(), bad_examples: bad.examplesJSON() };
}

/** The items of every benchmark and file to check against, with per-benchmark counts. */
export async function loadReferences(o: ResolvedDecontamOptions): Promise<{ items: BenchmarkItem[]; stats: Record<string, ReferenceStats> }> {
  const items: BenchmarkItem[] = [];
  const stats: Record<string, ReferenceStats> = {};
  for (const name of o.against as BenchmarkName[]) {
    stats[name] = await readBenchmark(join(o.sharedData!, READERS[name].file), READERS[name].schema, items);
  }
  for (const f of o.againstFiles) {
    stats[fileBenchmarkName(f)] = await readBenchmark(f.path, fileSchema(f), items);
  }
  return { items, stats };
}
