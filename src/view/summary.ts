// The Summary view of a folder, from its report.json (an eval run's older summary.json) and its
// card. The reports' shapes differ by pipeline and keep growing, so the tables are derived from
// the report's structure, not from a fixed list of fields: an object of numbers is a table of
// counts (charted as bars), an object of objects a table with a row each, a list of objects a table
// with a column per field, and `<name>_examples` / `drop_examples` lists go beside the rows they
// explain. Headline figures are picked from the fields every version has had.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatasetInfo, Summary, SummaryTable } from './shared/types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const scalar = (v: unknown): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const cell = (v: unknown): string | number | null => (v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'boolean' ? String(v) : JSON.stringify(v));

const MAX_ROWS = 200;

function readJson(path: string): unknown {
  try { return JSON.parse(readFileSync(path, 'utf8')); } catch { return undefined; }
}

/** The card's Markdown without its YAML header. */
function cardBody(dir: string): string | null {
  const path = join(dir, 'README.md');
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  const m = /^---\n[\s\S]*?\n---\n?/.exec(text);
  return m ? text.slice(m[0].length).trim() : text.trim();
}

function examplesFor(report: Obj, key: string, parent?: Obj): Obj | undefined {
  const own = parent?.[`${key}_examples`] ?? report[`${key}_examples`];
  if (isObj(own)) return own;
  if (key === 'dropped' || key === 'counts' || key === 'discovery') {
    const ex = report.drop_examples ?? report[`${key}_examples`];
    if (isObj(ex)) return ex;
  }
  return undefined;
}

function title(path: string[]): string {
  return path.map((p) => p.replace(/_/g, ' ')).join(' › ');
}

/** Tables of one report value at `path`. */
function tablesOf(report: Obj, value: unknown, path: string[], parent: Obj | undefined, out: SummaryTable[]): void {
  const key = path[path.length - 1];
  if (key.endsWith('_examples') || key === 'options') return;
  if (Array.isArray(value)) {
    if (value.length === 0) return;
    if (value.every(isObj)) {
      const columns = [...new Set(value.flatMap((v) => Object.keys(v as Obj)))];
      out.push({ title: title(path), columns, rows: value.slice(0, MAX_ROWS).map((v) => columns.map((c) => cell((v as Obj)[c]))) });
    }
    return;
  }
  if (!isObj(value)) return;
  const entries = Object.entries(value);
  if (entries.length === 0) return;
  const flat = entries.filter(([, v]) => scalar(v) || (Array.isArray(v) && v.every(scalar)));
  const nested = entries.filter(([, v]) => isObj(v) || (Array.isArray(v) && !v.every(scalar)));
  // An object whose values are objects of scalars (subsets, per-benchmark figures): one row each.
  if (nested.length === entries.length && nested.every(([, v]) => isObj(v) && Object.values(v).every((x) => scalar(x) || isObj(x)))) {
    const rowsOf = nested.map(([k, v]) => [k, flatten(v as Obj)] as const);
    const columns = [...new Set(rowsOf.flatMap(([, v]) => Object.keys(v)))];
    if (columns.length > 0 && columns.length <= 12 && rowsOf.every(([, v]) => Object.values(v).every(scalar))) {
      // Bars of the first pass@k (per subset of an eval), else of the first count.
      const bar = columns.findIndex((c) => c.startsWith('pass@'));
      const t: SummaryTable = { title: title(path), columns: ['', ...columns], rows: rowsOf.slice(0, MAX_ROWS).map(([k, v]) => [k, ...columns.map((c) => cell(v[c]))]) };
      if (bar >= 0) t.chart = bar + 1;
      out.push(t);
      return;
    }
  }
  if (flat.length) {
    const ex = examplesFor(report, key, parent);
    const numeric = flat.every(([, v]) => typeof v === 'number');
    const table: SummaryTable = { title: title(path), columns: ['', 'value'], rows: flat.slice(0, MAX_ROWS).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : cell(v)]) };
    if (numeric && flat.length > 1 && countsOnly(flat)) table.chart = 1;
    if (ex) table.examples = flat.map(([k]) => (Array.isArray(ex[k]) ? (ex[k] as unknown[]).map(String) : []));
    out.push(table);
  }
  for (const [k, v] of nested) tablesOf(report, v, [...path, k], value, out);
}

/** Names of figures that are not counts (shares, means, percentiles, times, rates). */
const MEASURE = /(share|mean|median|^p\d+$|_p\d+$|^min$|^max$|^min_|^max_|seconds|_s$|per_s|ratio)/i;

/** Whether bars make sense of a table: every value a count (a whole number >= 0), none a measure
 *  of another unit, so the bars compare like with like. */
function countsOnly(flat: Array<[string, unknown]>): boolean {
  return flat.every(([k, v]) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && !MEASURE.test(k));
}

/** One level of nesting made flat: `{pass_at_k: {pass@1: .5}}` -> `{pass@1: .5}`. */
function flatten(v: Obj): Obj {
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    if (isObj(x)) for (const [k2, y] of Object.entries(x)) out[k2] = y;
    else out[k] = x;
  }
  return out;
}

const pct = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : String(v));
const get = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (isObj(v) ? v[k] : undefined), o);

function figuresOf(info: DatasetInfo, report: Obj): Summary['figures'] {
  const f: Summary['figures'] = [];
  const add = (label: string, v: unknown, fmt: (v: unknown) => string | number = (x) => x as number) => { if (v !== undefined && v !== null && !isObj(v)) f.push({ label, value: fmt(v) }); };
  if (info.kind === 'eval') {
    add('benchmark', report.bench);
    add('answers from', report.source);
    add('tasks', get(report, 'tasks.total'));
    add('samples', report.samples);
    add('passed samples', report.passed_samples);
    for (const [k, v] of Object.entries(isObj(report.pass_at_k) ? report.pass_at_k : {})) add(k, v, pct);
    add('seconds', report.seconds);
    return f;
  }
  add('records', info.rows);
  if (info.skipped) add('lines skipped (not a JSON object)', info.skipped);
  for (const s of info.splits) add(`${s.name} split`, s.rows);
  add('functions read', get(report, 'stages.functions_read'));
  add('functions kept', get(report, 'stages.kept'));
  add('contexts', get(report, 'contexts.total'));
  add('mean mutation score', get(report, 'quality.mean_mutation_score'));
  add('mean coverage', get(report, 'quality.mean_coverage'));
  add('operation families', get(report, 'quality.operation_families'));
  add('seconds', get(report, 'timing.seconds') ?? get(report, 'run.seconds') ?? report.seconds);
  const usage = get(report, 'llm.usage') ?? report.llm_usage;
  if (isObj(usage)) for (const [k, v] of Object.entries(usage)) if (typeof v === 'number') add(`LLM ${k.replace(/_/g, ' ')}`, v);
  return f;
}

export function summaryOf(dir: string, info: DatasetInfo): Summary {
  const reportPath = [join(dir, 'report.json'), join(dir, 'summary.json')].find((p) => existsSync(p));
  const raw = reportPath ? readJson(reportPath) : undefined;
  const report: Obj = isObj(raw) ? raw : {};
  const tables: SummaryTable[] = [];
  tables.push({ title: 'splits', columns: ['split', 'rows'], rows: info.splits.map((s) => [s.name, s.rows]), chart: 1 });
  // The report's own `splits` counts repeat the table read from the shards above.
  for (const [k, v] of Object.entries(report)) if (!(k === 'splits' && isObj(v) && Object.values(v).every((x) => typeof x === 'number'))) tablesOf(report, v, [k], undefined, tables);
  const name = info.name === '.' ? dir.split('/').filter(Boolean).pop() ?? dir : info.name;
  return { title: `${name} (${info.kind})`, kind: info.kind, figures: figuresOf(info, report), tables, report: raw ?? null, card: cardBody(dir) };
}
