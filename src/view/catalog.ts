// The datasets under the folder `caseforge view` is given: the folder itself and its immediate
// subfolders (a Case2Code run's output/ and input/ families), each recognised by its layout (data/
// shards, samples.jsonl, or an eval run's results) and its kind by its first record.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDatasetDir } from '../store/read.js';
import { CaseforgeError } from '../errors.js';
import { RecordDataset, type ViewDataset } from './dataset.js';
import { DroppedUnits } from './dropped.js';
import { EvalDataset } from './eval_run.js';
import { KINDS, kindOf, type Rec } from './kinds.js';
import { JsonlStore, ParquetStore, type RowStore } from './rows.js';
import type { DatasetInfo } from './shared/types.js';

/** Folders of a dataset's own layout, never datasets themselves. */
const SKIP = new Set(['data', 'jsonl', 'work', 'decontamination', 'node_modules']);

async function firstRecord(store: RowStore): Promise<Rec | undefined> {
  for (const s of await store.splits()) if (s.rows > 0) return (await store.page(s.name, 0, 1))[0];
  return undefined;
}

async function open(root: string, dir: string): Promise<ViewDataset | undefined> {
  const name = relative(root, dir) || '.';
  let store: RowStore;
  let layout: DatasetInfo['layout'];
  if (isDatasetDir(dir)) { store = new ParquetStore(dir); layout = 'dataset'; }
  else if (existsSync(join(dir, 'samples.jsonl'))) { store = new JsonlStore(join(dir, 'samples.jsonl')); layout = 'samples'; }
  else if (existsSync(join(dir, 'results.jsonl'))) { store = new JsonlStore(join(dir, 'results.jsonl'), 'test'); layout = 'results'; }
  else return undefined;
  const first = await firstRecord(store);
  const kind = first ? kindOf(first) : layout === 'results' ? 'eval' : 'records';
  if (kind === 'eval') return new EvalDataset(name, dir, layout, store);
  return new RecordDataset(name, dir, layout, store, KINDS[kind], DroppedUnits.has(dir));
}

export class Catalog {
  private readonly drops = new Map<string, DroppedUnits>();
  private constructor(readonly root: string, readonly datasets: ViewDataset[]) {}

  static async open(root: string): Promise<Catalog> {
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new CaseforgeError('input', `${root}: no such folder`);
    const found: ViewDataset[] = [];
    const self = await open(root, root);
    if (self) found.push(self);
    // Two levels down: a run's families (DIR/output/), or a folder of runs and their families.
    const walk = async (dir: string, depth: number) => {
      for (const name of readdirSync(dir).sort()) {
        const sub = join(dir, name);
        if (name.startsWith('.') || SKIP.has(name) || !statSync(sub).isDirectory()) continue;
        const d = await open(root, sub);
        if (d) found.push(d);
        if (depth < 2) await walk(sub, depth + 1);
      }
    };
    await walk(root, 1);
    if (found.length === 0) throw new CaseforgeError('input', `${root}: not a caseforge output folder (no data/ shards, samples.jsonl or results.jsonl, here or in a subfolder)`);
    return new Catalog(root, found);
  }

  async close(): Promise<void> {
    await Promise.all(this.datasets.map((d) => d.close()));
  }

  get(name: string): ViewDataset | undefined {
    return this.datasets.find((d) => d.name === name);
  }

  dropped(d: ViewDataset): DroppedUnits {
    let u = this.drops.get(d.name);
    if (!u) this.drops.set(d.name, (u = new DroppedUnits(d.dir)));
    return u;
  }
}
