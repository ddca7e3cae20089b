// Datasets: data files found under the user's directories, or the default set of real tabular
// datasets that install with the project (the npm package vega-datasets). A dataset is named by a
// stable name plus the root it was loaded from, so records stay valid on another machine.
import { CaseforgeError } from '../errors.js';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { BadRow } from '../store/badinput.js';
import { kindOf, listDir } from './walk.js';
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

/** A data file over this is skipped as too_large before any context loads it. */
export const MAX_DATA_BYTES = 2 * 1024 ** 3;

function walk(dir: string, depth: number, out: string[], onBad: (bad: BadRow) => void): void {
  for (const name of listDir(dir, onBad)) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(dir, name);
    const kind = kindOf(path, onBad);
    if (kind === 'dir') { if (depth < MAX_DEPTH) walk(path, depth + 1, out, onBad); }
    else if (kind === 'file' && formatOf(name)) out.push(path);
  }
}

/** Whether a data file can be opened and is not too large or empty; else why not, to `onBad`. */
function usable(path: string, onBad: (bad: BadRow) => void): boolean {
  try {
    accessSync(path, constants.R_OK);
    const size = statSync(path).size;
    if (size === 0) { onBad({ file: path, reason: 'empty', detail: 'no bytes' }); return false; }
    if (size > MAX_DATA_BYTES) { onBad({ file: path, reason: 'too_large', detail: `${size} bytes (cap ${MAX_DATA_BYTES})` }); return false; }
    return true;
  } catch (err) {
    onBad({ file: path, reason: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
    return false;
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

/** Datasets under each given directory (or the given files), one group per directory, sorted. A
 *  named path that does not exist is an input error; a file or folder under it that cannot be read
 *  goes to `onBad` and is left out. */
export function discoverDatasets(paths: string[], onBad: (bad: BadRow) => void = () => undefined): DatasetGroup[] {
  const groups: DatasetGroup[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    if (!existsSync(abs)) throw new CaseforgeError('input', `data path not found: ${p}`);
    const kind = kindOf(abs, onBad);
    const isDir = kind === 'dir';
    const rootPath = isDir ? abs : dirname(abs);
    const root: DataRoot = { label: basename(rootPath) || 'data', path: rootPath };
    const files: string[] = [];
    if (isDir) walk(abs, 0, files, onBad);
    else if (kind === 'file' && formatOf(abs)) files.push(abs);
    else if (kind === 'file') onBad({ file: abs, reason: 'unsupported', detail: `not one of ${Object.keys(FORMATS).join(', ')}` });
    groups.push({ root, datasets: files.filter((f) => usable(f, onBad)).map((f) => datasetRef(root, f)) });
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
  { files: ['weather.csv'], parseDates: { 'weather.csv': ['date'] } },
  { files: ['stocks.csv'], parseDates: { 'stocks.csv': ['date'] } },
  { files: ['penguins.json'] },
  { files: ['movies.json'], parseDates: { 'movies.json': ['Release Date'] } },
  { files: ['gapminder.json'] },
  { files: ['iowa-electricity.csv'], variables: ['electricity'], parseDates: { 'iowa-electricity.csv': ['year'] } },
  { files: ['disasters.csv'] },
  { files: ['barley.json'] },
  { files: ['la-riots.csv'], variables: ['riots'], parseDates: { 'la-riots.csv': ['death_date'] } },
  { files: ['population.json'] },
  { files: ['birdstrikes.csv'], parseDates: { 'birdstrikes.csv': ['Flight Date'] } },
  { files: ['lookup_people.csv', 'lookup_groups.csv'], variables: ['people', 'groups'] },
  { files: ['airports.csv', 'flights-airport.csv'], variables: ['airports', 'routes'] },
  { files: ['football.json'], parseDates: { 'football.json': ['date'] } },
  { files: ['jobs.json'] },
  { files: ['income.json'] },
  { files: ['us-employment.csv'], variables: ['employment'], parseDates: { 'us-employment.csv': ['month'] } },
  { files: ['gapminder-health-income.csv'], variables: ['health_income'] },
  { files: ['unemployment-across-industries.json'], variables: ['unemployment'] },
  { files: ['flights-5k.json'], variables: ['flights'], parseDates: { 'flights-5k.json': ['date'] } },
  { files: ['co2-concentration.csv'], variables: ['co2'], parseDates: { 'co2-concentration.csv': ['Date'] } },
  { files: ['global-temp.csv'], variables: ['temps'] },
  { files: ['population_engineers_hurricanes.csv', 'us-state-capitals.json'], variables: ['states', 'capitals'] },
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
