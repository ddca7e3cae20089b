// Which contexts a run covers: the user's data directories (one context per file, plus a joint one
// per small directory), notebooks (the cells before each cut point), or, with neither given, the
// default set of real datasets. A data file or notebook that cannot be used is counted with its
// reason (`notebooks_skipped:<reason>`, `data_skipped:<reason>`) and listed in `bad` with its path.
import { BadInput, type BadRow } from '../store/badinput.js';
import { Counts } from '../store/counts.js';
import { contextsForGroup, datasetContext, notebookContexts } from './contexts.js';
import { defaultDatasetGroups, discoverDatasets } from './datasets.js';
import { findNotebooks, readNotebook } from './notebooks.js';
import type { ContextSpec } from './types.js';

export interface Discovery {
  contexts: ContextSpec[];
  counts: Counts;
  /** Every data file, folder and notebook left out, with its path and reason. */
  bad: BadInput;
}

export function discoverContexts(data: string[], notebooks: string[], notebookPoints: number, limit: number): Discovery {
  const counts = new Counts(5);
  const bad = new BadInput();
  const contexts: ContextSpec[] = [];
  const skip = (kind: string) => (b: BadRow) => {
    counts.add(`${kind}_skipped:${b.reason}`, 1, `${b.file}${b.detail ? `: ${b.detail}` : ''}`);
    bad.add(b);
  };
  if (data.length === 0 && notebooks.length === 0) {
    for (const g of defaultDatasetGroups()) contexts.push(datasetContext(g.root, g.datasets));
  }
  for (const group of discoverDatasets(data, skip('data'))) {
    if (group.datasets.length === 0) counts.add('data_dirs_empty', 1, group.root.path);
    counts.add('datasets_found', group.datasets.length);
    contexts.push(...contextsForGroup(group, true));
  }
  const onBadNotebook = skip('notebooks');
  for (const path of findNotebooks(notebooks, onBadNotebook)) {
    const parsed = readNotebook(path);
    if (!parsed.ok) {
      onBadNotebook({ file: path, reason: parsed.reason, ...(parsed.detail ? { detail: parsed.detail } : {}) });
      continue;
    }
    counts.add('notebooks_read');
    contexts.push(...notebookContexts(path, parsed, notebookPoints));
  }
  const seen = new Set<string>();
  const unique = contexts.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
  if (unique.length < contexts.length) counts.add('contexts_duplicate', contexts.length - unique.length);
  const chosen = unique.slice(0, limit);
  if (chosen.length < unique.length) counts.add('contexts_over_limit', unique.length - chosen.length);
  counts.add('contexts', chosen.length);
  return { contexts: chosen, counts, bad };
}
