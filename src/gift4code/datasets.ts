// Datasets: data files found under the user's directories, or the default set of real tabular
// datasets that install with the project (the npm package vega-datasets). A dataset is named by a
// stable name plus the root it was loaded from, so records stay valid on another machine.
import { CaseforgeError } from '../errors.js';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { DataRoot, DatasetFormat, DatasetRef } from './types.js';

const FORMATS: Record<string, DatasetFormat> = { '.csv': 'csv', '.tsv': 'tsv', '.json': 'json', '.parquet': 'parquet' };
const MAX_DEPTH = 3;

/** A Python identifier for a file's dataframe: `seattle-weather.csv` -> `seattle_weather`. */
export function variableFor(file: string): string {
  const stem = basename(file, extname(file)).toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  const name = stem || 'df';
  return /^[0-9]/.test(name) || PY_RESERVED.has(name) ? `df_${name}` : name;
}

const PY_RESERVED = new Set(['pd', 'np', 'os', 'sys', 'json', 'math', 'len', 'sum', 'min', 'max', 'list', 'dict', 'set', 'type',
  'id', 'input', 'range', 'round', 'sorted', 'str', 'int', 'float', 'format', 'filter', 'map', 'class', 'import', 'lambda', 'from',
  'global', 'with', 'yield', 'return', 'pass', 'del', 'in', 'is', 'not', 'and', 'or', 'if', 'else', 'for', 'while', 'try', 'def']);

export function formatOf(path: string): DatasetFormat | undefined {
  return FORMATS[extname(path).toLowerCase()];
}

function walk(dir: string, depth: number, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) { if (depth < MAX_DEPTH) walk(path, depth + 1, out); }
    else if (formatOf(name)) out.push(path);
  }
}

export interface DatasetGroup {
  root: DataRoot;
  datasets: DatasetRef[];
}

export function datasetRef(root: DataRoot, path: string, extra: Partial<DatasetRef> = {}): DatasetRef {
  const file = relative(root.path, path).split(sep).join('/');
  return { name: `${root.label}/${file}`, file, format: formatOf(path)!, variable: variableFor(file), ...extra };
}

/** Datasets under each given directory (or the given files), one group per directory, sorted. */
export function discoverDatasets(paths: string[]): DatasetGroup[] {
  const groups: DatasetGroup[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    if (!existsSync(abs)) throw new CaseforgeError('input', `data path not found: ${p}`);
    const isDir = statSync(abs).isDirectory();
    const rootPath = isDir ? abs : dirname(abs);
    const root: DataRoot = { label: basename(rootPath) || 'data', path: rootPath };
    const files: string[] = [];
    if (isDir) walk(abs, 0, files);
    else if (formatOf(abs)) files.push(abs);
    groups.push({ root, datasets: files.map((f) => datasetRef(root, f)) });
  }
  return groups;
}

/** The vega-datasets data directory of this installation (the package exports only its build/ entry). */
export function vegaDataDir(): string {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('vega-datasets')), '..', 'data');
  if (!existsSync(join(dir, 'cars.json'))) throw new CaseforgeError('setup', `vega-datasets data not found at ${dir}; run npm install`);
  return resolve(dir);
}

/** The default datasets: real tabular data with mixed dtypes (numbers, categories, text, dates). */
export const DEFAULT_SET: Array<{ files: string[]; variables?: string[]; parseDates?: Record<string, string[]> }> = [
  { files: ['cars.json'], parseDates: { 'cars.json': ['Year'] } },
  { files: ['seattle-weather.csv'], variables: ['weather'], parseDates: { 'seattle-weather.csv': ['date'] } },
  { files: ['stocks.csv'], parseDates: { 'stocks.csv': ['date'] } },
  { files: ['penguins.json'] },
  { files: ['movies.json'] },
  { files: ['gapminder.json'] },
  { files: ['iowa-electricity.csv'], variables: ['electricity'], parseDates: { 'iowa-electricity.csv': ['year'] } },
  { files: ['disasters.csv'] },
  { files: ['barley.json'] },
  { files: ['la-riots.csv'], variables: ['riots'], parseDates: { 'la-riots.csv': ['death_date'] } },
  { files: ['population.json'] },
  { files: ['birdstrikes.csv'], parseDates: { 'birdstrikes.csv': ['Flight Date'] } },
  { files: ['lookup_people.csv', 'lookup_groups.csv'], variables: ['people', 'groups'] },
  { files: ['airports.csv', 'flights-airport.csv'], variables: ['airports', 'routes'] },
];

/** The default set as dataset groups, one group (one context) per entry. */
export function defaultDatasetGroups(dataDir = vegaDataDir()): DatasetGroup[] {
  const root: DataRoot = { label: 'vega-datasets', path: dataDir };
  return DEFAULT_SET.map((entry) => ({
    root,
    datasets: entry.files.map((file, i) => datasetRef(root, join(dataDir, file), {
      ...(entry.variables ? { variable: entry.variables[i] } : {}),
      ...(entry.parseDates?.[file] ? { parseDates: entry.parseDates[file] } : {}),
    })),
  }));
}
