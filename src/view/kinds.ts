// What the viewer indexes of each kind of record: the columns of the list, the filters and the
// charts, each read from the record defensively (a field another version of the schema lacks is
// missing, never an error), the fields a text search looks in, and how a kind is recognised.
import type { ColumnSpec, DatasetKind } from './shared/types.js';

export type Rec = Record<string, unknown>;
export type CellValue = string | number | string[] | null;

export interface KindColumn extends ColumnSpec {
  get(r: Rec): CellValue;
}

export interface KindSpec {
  kind: DatasetKind;
  columns: KindColumn[];
  /** Top-level fields a text search looks in (and the only ones it reads from the shards). */
  searchFields: string[];
  /** Top-level fields the columns read (the only ones the index reads from the shards). */
  indexFields: string[];
  /** Top-level fields the list's columns read (a first page read from the shards); undefined: all. */
  listFields?: string[];
}

/** The value at a dotted path, or undefined. */
export function at(r: unknown, path: string): unknown {
  let v: unknown = r;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Rec)[k];
  }
  return v;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'bigint' ? Number(v) : null);
const len = (v: unknown): number | null => (Array.isArray(v) ? v.length : null);
const lines = (v: unknown): number | null => (typeof v === 'string' ? v.split('\n').filter((l) => l.trim()).length : null);

function first(r: Rec, paths: string[], as: (v: unknown) => CellValue): CellValue {
  for (const p of paths) { const v = as(at(r, p)); if (v !== null) return v; }
  return null;
}

const text = (key: string, label: string, paths: string[], list = true): KindColumn => ({ key, label, kind: 'text', list, get: (r) => first(r, paths, str) });
const cat = (key: string, label: string, paths: string[], o: Partial<ColumnSpec> = {}): KindColumn => ({ key, label, kind: 'cat', chart: true, ...o, get: (r) => first(r, paths, str) });
const score = (key: string, label: string, paths: string[], o: Partial<ColumnSpec> = {}): KindColumn => ({ key, label, kind: 'num', chart: true, ...o, get: (r) => first(r, paths, num) });

/** The type family of a Python repr, for the output-type chart when no typed tree is at hand. */
export function reprType(repr: string): string {
  const s = repr.trimStart();
  if (/^(None)$/.test(s)) return 'none';
  if (/^(True|False)$/.test(s)) return 'bool';
  if (/^-?\d+$/.test(s)) return 'int';
  if (/^-?(\d+\.\d*|\.\d+|\d+e-?\d+|inf|nan)/i.test(s)) return 'float';
  if (/^[rbuf]*['"]/i.test(s)) return /^r?b/i.test(s) ? 'bytes' : 'str';
  if (s.startsWith('[')) return 'list';
  if (s.startsWith('(')) return 'tuple';
  if (s.startsWith('{')) return s === '{}' || /^\{[^:]*:/.test(s) ? 'dict' : 'set';
  const m = /^([A-Za-z_][\w.]*)\(/.exec(s);
  if (m) return m[1].split('.').pop()!;
  return 'object';
}

/** The type families of a Case2Code record's shown returns: from its typed trees, else its reprs. */
function outputTypes(r: Rec): string[] | null {
  const types = new Set<string>();
  const values = at(r, 'values');
  if (typeof values === 'string') {
    try {
      const v = JSON.parse(values) as { shown?: Array<{ t?: string; cls?: string } | null> };
      for (const x of v.shown ?? []) if (x && typeof x.t === 'string') types.add(x.t);
    } catch { /* fall back to the reprs */ }
  }
  if (types.size === 0) {
    const shown = at(r, 'shown');
    if (!Array.isArray(shown)) return null;
    for (const c of shown) {
      if (at(c, 'status') === 'error') types.add('exception');
      else if (typeof at(c, 'output') === 'string') types.add(reprType(at(c, 'output') as string));
    }
  }
  return types.size ? [...types].sort() : null;
}

const CASE2CODE: KindSpec = {
  kind: 'case2code',
  indexFields: ['id', 'name', 'original_name', 'metadata', 'shown', 'heldout', 'values', 'template', 'case_format', 'generator', 'source', 'mutation_score', 'coverage', 'informativeness'],
  searchFields: ['id', 'name', 'original_name', 'completion', 'prompt'],
  listFields: ['id', 'name', 'original_name', 'metadata', 'template', 'mutation_score', 'coverage', 'shown'],
  columns: [
    text('id', 'id', ['id']),
    text('name', 'function', ['original_name', 'name']),
    cat('template', 'template', ['metadata.template', 'template'], { list: true }),
    cat('case_format', 'case format', ['metadata.case_format', 'case_format']),
    cat('generator', 'inputs', ['metadata.generator', 'generator']),
    cat('source', 'source file', ['metadata.source.path', 'source.path', 'source']),
    score('mutation_score', 'mutation score', ['metadata.mutation_score', 'mutation_score'], { list: true, help: "share of the function's mutants the shown cases tell apart" }),
    score('coverage', 'coverage', ['metadata.coverage', 'coverage'], { list: true, help: "share of the function's lines the shown cases run" }),
    score('informativeness', 'informativeness', ['metadata.informativeness', 'informativeness'], { help: 'how well the shown cases rule out trivial explanations' }),
    score('completion_lines', 'completion lines', ['metadata.completion_lines'], { integer: true }),
    { key: 'shown', label: 'shown cases', kind: 'num', chart: true, list: true, integer: true, get: (r) => len(r.shown) },
    { key: 'heldout', label: 'held-out cases', kind: 'num', chart: true, integer: true, get: (r) => len(r.heldout) },
    { key: 'output_types', label: 'output types', kind: 'tags', chart: true, help: 'type families of the shown returns', get: outputTypes },
    cat('anonymous', 'anonymous', ['metadata.anonymous']),
  ],
};

const FAMILY_COLUMNS = (task: 'output' | 'input'): KindColumn[] => [
  text('id', 'id', ['id']),
  text('entry_point', 'function', ['entry_point']),
  text('call', task === 'output' ? 'call' : 'output', [task === 'output' ? 'call' : 'output']),
  cat('template', 'template', ['metadata.template'], { list: true }),
  score('difficulty', 'difficulty', ['metadata.difficulty'], { list: true, help: 'why this case was chosen: longer, non-constant, not an echo score higher' }),
  cat('status', 'status', ['status']),
  cat('exception', 'exception', ['exception']),
  { key: 'answer_type', label: 'answer type', kind: 'cat', chart: true, get: (r) => { const a = str(r.answer ?? r.output); return a === null ? null : a.startsWith('raises ') ? 'exception' : reprType(a); } },
  { key: 'program_lines', label: 'program lines', kind: 'num', chart: true, integer: true, get: (r) => lines(r.program) },
  cat('source', 'source file', ['metadata.source_path']),
];

const FAMILY_FIELDS = ['id', 'entry_point', 'call', 'output', 'answer', 'status', 'exception', 'program', 'metadata'];
const FAMILY_LIST = ['id', 'entry_point', 'call', 'output', 'metadata'];

/** A GIFT4Code result's type: the class name schema v2 records (`output.type`), else the kind of
 *  the typed value tree in `output.value` (JSON text; earlier records wrap it as {repr, value}). */
function g4cOutputType(r: Rec): string | null {
  const t = str(at(r, 'output.type'));
  if (t) return t.split('.').pop()!;
  let v = at(r, 'output.value');
  if (typeof v === 'string') { try { v = JSON.parse(v); } catch { return null; } }
  const tree = v && typeof v === 'object' && 'repr' in (v as Rec) && 'value' in (v as Rec) ? (v as Rec).value : v;
  return str(at(tree, 't'));
}

const GIFT4CODE: KindSpec = {
  kind: 'gift4code',
  indexFields: ['id', 'intent', 'spec_kind', 'spec', 'metadata', 'output', 'code'],
  searchFields: ['id', 'intent', 'code', 'prompt', 'notebook'],
  listFields: ['id', 'intent', 'spec_kind', 'spec', 'metadata'],
  columns: [
    text('id', 'id', ['id']),
    text('intent', 'intent', ['intent']),
    cat('spec_kind', 'spec kind', ['spec_kind', 'spec.kind'], { list: true }),
    cat('family', 'operation family', ['metadata.family'], { list: true }),
    { key: 'steps', label: 'steps', kind: 'tags', chart: true, help: 'operation families of the program\'s steps', get: (r) => { const s = at(r, 'metadata.steps'); return Array.isArray(s) && s.length ? [...new Set(s.map(String))].sort() : null; } },
    { key: 'step_count', label: 'steps per program', kind: 'num', chart: true, integer: true, get: (r) => len(at(r, 'metadata.steps')) },
    cat('context', 'context', ['metadata.context_name', 'metadata.contextName', 'context.name']),
    { key: 'datasets', label: 'datasets', kind: 'tags', chart: true, get: (r) => { const d = at(r, 'metadata.datasets'); return Array.isArray(d) && d.length ? [...new Set(d.map(String))].sort() : null; } },
    cat('template', 'intent template', ['metadata.template'], { chart: false }),
    cat('generator', 'generator', ['metadata.generator']),
    cat('uses_history', 'uses history', ['metadata.uses_history']),
    { key: 'output_type', label: 'output type', kind: 'cat', chart: true, get: g4cOutputType },
    { key: 'code_lines', label: 'code lines', kind: 'num', chart: true, integer: true, get: (r) => lines(r.code) },
  ],
};

/** Anything else with an id: its scalar top-level fields. */
const RECORDS: KindSpec = {
  kind: 'records',
  indexFields: ['id', 'task_id', 'name'],
  searchFields: [],
  columns: [text('id', 'id', ['id', 'task_id', 'name'])],
};

const EVAL: KindSpec = {
  kind: 'eval',
  indexFields: [],
  searchFields: ['task_id', 'error', 'answer'],
  columns: [
    text('task_id', 'task', ['task_id']),
    cat('status', 'status', ['status'], { list: true, help: 'passed: every sample passed; partial: some did' }),
    { key: 'passed', label: 'passed samples', kind: 'num', list: true, integer: true, get: (r) => num(r.passed) },
    { key: 'samples', label: 'samples', kind: 'num', integer: true, get: (r) => num(r.samples) },
    cat('error_kind', 'error kind', ['error_kind'], { list: true }),
    text('error', 'first error', ['error'], true),
    score('wall_ms', 'wall ms (first sample)', ['wall_ms'], { integer: true }),
  ],
};

export const KINDS: Record<DatasetKind, KindSpec> = {
  case2code: CASE2CODE,
  output: { kind: 'output', indexFields: FAMILY_FIELDS, listFields: FAMILY_LIST, searchFields: ['id', 'entry_point', 'program', 'call', 'answer', 'prompt'], columns: FAMILY_COLUMNS('output') },
  input: { kind: 'input', indexFields: FAMILY_FIELDS, listFields: FAMILY_LIST, searchFields: ['id', 'entry_point', 'program', 'output', 'reference_call', 'prompt'], columns: FAMILY_COLUMNS('input') },
  gift4code: GIFT4CODE,
  eval: EVAL,
  records: RECORDS,
};

/** The kind of a dataset from one of its records. */
export function kindOf(r: Rec): DatasetKind {
  if (r.task === 'output' || r.task === 'input') return r.task;
  if (Array.isArray(r.shown) && 'completion' in r) return 'case2code';
  if ('intent' in r && ('spec' in r || 'spec_kind' in r)) return 'gift4code';
  if ('task_id' in r && 'passed' in r && 'status' in r) return 'eval';
  return 'records';
}
