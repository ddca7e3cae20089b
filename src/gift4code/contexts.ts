// Contexts: the code that loads datasets (`DATA_ROOT = ...` then one `pd.read_*` per file), and for
// notebooks the code cells before a cut point, run with the notebook's folder as DATA_ROOT and cwd.
// Cells are kept portable: DATA_ROOT is assigned the root's label as a placeholder, and only the
// copy that runs here (`runnableCells`) names this machine's folder. Context ids hash what is
// portable (dataset names, cells).
import { basename, dirname } from 'node:path';
import { contentId } from '../store/hash.js';
import { pyStr } from '../values/pyliteral.js';
import type { DatasetGroup } from './datasets.js';
import { cutPoints, type NotebookParse } from './notebooks.js';
import type { ContextSpec, DataRoot, DatasetRef } from './types.js';

const ROOT_LINE = /^DATA_ROOT = .*$/m;

function readCall(d: DatasetRef): string {
  const path = `f${pyStr(`{DATA_ROOT}/${d.file.replace(/[{}]/g, (m) => m + m)}`)}`;
  const dates = d.parseDates?.length ? d.parseDates.map((c) => pyStr(c)).join(', ') : '';
  switch (d.format) {
    case 'csv': return `pd.read_csv(${path}${dates ? `, parse_dates=[${dates}]` : ''})`;
    case 'tsv': return `pd.read_csv(${path}, sep='\\t'${dates ? `, parse_dates=[${dates}]` : ''})`;
    case 'json': return `pd.read_json(${path}, convert_dates=${dates ? `[${dates}]` : 'False'})`;
    case 'parquet': return `pd.read_parquet(${path})`;
  }
}

/** The loading cell of a dataset context (DATA_ROOT holds the root's placeholder). */
export function loaderCode(root: DataRoot, datasets: DatasetRef[]): string {
  const lines = ['import pandas as pd', `DATA_ROOT = ${pyStr(root.label)}`];
  for (const d of datasets) lines.push(`${d.variable} = ${readCall(d)}`);
  return lines.join('\n');
}

/** The context code with DATA_ROOT pointing at a copy of the data (its first assignment replaced). */
export function repointContext(code: string, rootPath: string): string {
  return code.replace(ROOT_LINE, `DATA_ROOT = ${pyStr(rootPath)}`);
}

/** Cells as they run on this machine: the first cell that assigns DATA_ROOT points it at `rootPath`. */
export function runnableCells(cells: string[], rootPath: string): string[] {
  const i = cells.findIndex((c) => ROOT_LINE.test(c));
  return cells.map((c, j) => (j === i ? repointContext(c, rootPath) : c));
}

/** Unique variable names within one context (two files may map to one name). */
function distinctVariables(datasets: DatasetRef[]): DatasetRef[] {
  const used = new Set<string>();
  return datasets.map((d) => {
    let v = d.variable;
    for (let i = 2; used.has(v); i++) v = `${d.variable}_${i}`;
    used.add(v);
    return v === d.variable ? d : { ...d, variable: v };
  });
}

export function datasetContext(root: DataRoot, datasets: DatasetRef[]): ContextSpec {
  const ds = distinctVariables(datasets);
  const portable = ds.map(({ name, variable, parseDates, format }) => ({ name, variable, parseDates, format }));
  return {
    id: contentId({ kind: 'datasets', portable }),
    kind: 'datasets',
    name: ds.map((d) => d.variable).join('+'),
    root,
    datasets: ds,
    cells: [loaderCode(root, ds)],
    historyCells: 0,
  };
}

/** User data: one context per file, plus one joint context per directory of 2-4 files (for merges). */
export function contextsForGroup(group: DatasetGroup, joint: boolean): ContextSpec[] {
  const out = group.datasets.map((d) => datasetContext(group.root, [d]));
  if (joint && group.datasets.length >= 2 && group.datasets.length <= 4) out.push(datasetContext(group.root, group.datasets));
  return out;
}

/** Contexts of a notebook: its code cells up to each cut point, run from the notebook's folder. */
export function notebookContexts(path: string, parsed: NotebookParse & { ok: true }, points: number): ContextSpec[] {
  const root: DataRoot = { label: basename(dirname(path)) || 'notebooks', path: dirname(path) };
  const setup = ['import os', 'import pandas as pd', `DATA_ROOT = ${pyStr(root.label)}`, 'os.chdir(DATA_ROOT)'].join('\n');
  return cutPoints(parsed.cells.length, points).map((cut) => {
    const cells = parsed.cells.slice(0, cut);
    return {
      id: contentId({ kind: 'notebook', name: basename(path), cells }),
      kind: 'notebook' as const,
      name: `${basename(path)}@${cut}`,
      root,
      datasets: [],
      cells: [setup, ...cells],
      historyCells: cells.length,
    };
  });
}
