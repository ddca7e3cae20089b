// The YAML header of a dataset card (DIR/README.md), as the Hub reads it: the licence (an id from the
// Hub's list, or `other` with a name), task categories and tags, `configs` with the data files of
// each split (`default`: Parquet; `jsonl`: the same records as JSON lines), and `dataset_info` with
// the features (matching the Parquet schema) and the row count of each split.
import type { DatasetFiles } from './dataset.js';
import { toYaml, type Yaml } from './yaml.js';

export interface CardMeta {
  prettyName: string;
  /** A Hub licence id, or `other` with `licenseName`. */
  license: string;
  licenseName?: string;
  licenseLink?: string;
  taskCategories: string[];
  tags: string[];
  language?: string[];
  sizeCategory?: boolean;
}

/** Licence ids of the Hub's list that the sources' licence fields most often map to. */
const HUB_LICENCES: Record<string, string> = {
  'mit': 'mit', 'apache-2.0': 'apache-2.0', 'apache 2.0': 'apache-2.0', 'apache': 'apache-2.0', 'bsd-3-clause': 'bsd-3-clause',
  'bsd-2-clause': 'bsd-2-clause', 'bsd': 'bsd', 'gpl-2.0': 'gpl-2.0', 'gpl-3.0': 'gpl-3.0', 'lgpl-2.1': 'lgpl-2.1', 'lgpl-3.0': 'lgpl-3.0',
  'agpl-3.0': 'agpl-3.0', 'mpl-2.0': 'mpl-2.0', 'cc0-1.0': 'cc0-1.0', 'cc-by-4.0': 'cc-by-4.0', 'cc-by-sa-4.0': 'cc-by-sa-4.0',
  'unlicense': 'unlicense', 'isc': 'isc', 'openrail': 'openrail', 'wtfpl': 'wtfpl', 'zlib': 'zlib', 'artistic-2.0': 'artistic-2.0',
};

/** The Hub id of a licence field (`MIT`, `Apache-2.0`), or undefined when none fits. */
export function hubLicence(field: string): string | undefined {
  return HUB_LICENCES[field.trim().toLowerCase()];
}

function sizeCategory(rows: number): string {
  const steps: Array<[number, string]> = [[1e3, 'n<1K'], [1e4, '1K<n<10K'], [1e5, '10K<n<100K'], [1e6, '100K<n<1M'], [1e7, '1M<n<10M']];
  for (const [limit, name] of steps) if (rows < limit) return name;
  return '10M<n<100M';
}

export function cardHeader(meta: CardMeta, files: DatasetFiles): string {
  const total = files.splits.reduce((a, s) => a + s.rows, 0);
  const dataFiles = (ext: 'parquet' | 'jsonl', dir: string): Yaml => files.splits.map((s) => ({ split: s.name, path: `${dir}/${s.name}-*.${ext}` }));
  const info = (config: string): Yaml => ({
    config_name: config,
    features: files.features as unknown as Yaml,
    splits: files.splits.map((s) => ({ name: s.name, num_examples: s.rows })),
  });
  const header: Record<string, Yaml | undefined> = {
    pretty_name: meta.prettyName,
    license: meta.license,
    license_name: meta.license === 'other' ? meta.licenseName ?? 'unknown' : undefined,
    license_link: meta.license === 'other' ? meta.licenseLink : undefined,
    language: meta.language,
    task_categories: meta.taskCategories,
    tags: meta.tags,
    size_categories: [sizeCategory(total)],
    configs: [
      { config_name: 'default', default: true, data_files: dataFiles('parquet', 'data') },
      ...(files.jsonl ? [{ config_name: 'jsonl', data_files: dataFiles('jsonl', 'jsonl') }] : []),
    ],
    dataset_info: [info('default'), ...(files.jsonl ? [info('jsonl')] : [])],
  };
  return `---\n${toYaml(header)}---\n`;
}
