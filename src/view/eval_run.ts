// An evaluation run as the viewer serves it: the judged samples (the results dataset, or the older
// results.jsonl) grouped into tasks, each task a row of the list with its status, error kind and
// subsets; a task opened shows every sample with its model reply (from the run's generations log),
// the answer that was judged, and the first failing case's expected and got.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Chart, DatasetInfo, IndexData, Page, Query, RecordPayload } from './shared/types.js';
import { chartsOf, matchRows, pageOf, searchWords, textMatches } from './shared/query.js';
import { IndexBuilder } from './indexer.js';
import { KINDS, type KindColumn, type Rec } from './kinds.js';
import { JsonlStore, type RowStore } from './rows.js';
import type { ViewDataset } from './dataset.js';

interface TaskEntry {
  id: string;
  /** Where its samples are: split and offset of each row. */
  rows: Array<[string, number]>;
  summary: Rec;
}

/** `Type` of `Type: message`, the kind of a wrong answer, or the status. */
export function errorKind(status: string, error: string | null): string | null {
  if (status === 'passed') return null;
  if (status === 'skipped' || status === 'missing' || status === 'timeout' || status === 'rejected' || status === 'bad_prediction') return status;
  const e = error ?? '';
  const name = '([A-Za-z_][\\w.]*(?:Error|Exception|Exit|Interrupt|Warning))\\b';
  const raised = /<\|EXCEPTION\|>\s*"?<class '([\w.]+)'>/.exec(e) ?? new RegExp(`\\bgot ${name}`).exec(e) ?? new RegExp(`^(?:program failed: )?${name}`).exec(e);
  if (raised) return raised[1].split('.').pop()!;
  if (/\bexpected\b.*\bgot\b|\bgives\b/.test(e)) return 'wrong output';
  if (status === 'resource') return e.split(' ')[0] ? `limit: ${e}` : 'limit';
  return status;
}

/** Expected and got of a sample: its own fields, else read from `... expected X, got Y`. */
export function expectedGot(row: Rec): { expected: string; got: string; where: string | null } | null {
  if (typeof row.expected === 'string' && typeof row.got === 'string') return { expected: row.expected, got: row.got, where: typeof row.case === 'string' ? row.case : null };
  const e = typeof row.error === 'string' ? row.error : '';
  const m = /^(.*?)\bexpected (.*), got (.*)$/s.exec(e);
  if (!m) return null;
  return { expected: m[2], got: m[3], where: m[1].replace(/[:\s]+$/, '') || null };
}

function subsetsOf(r: Rec): Record<string, string> {
  const s = r.subsets;
  if (Array.isArray(s)) return Object.fromEntries(s.filter((x) => x && typeof x === 'object').map((x) => [String((x as Rec).name), String((x as Rec).value)]));
  if (s && typeof s === 'object') return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, String(v)]));
  return {};
}

function taskStatus(rows: Rec[]): string {
  if (rows.every((r) => r.status === 'skipped')) return 'skipped';
  const judged = rows.filter((r) => r.status !== 'missing');
  if (judged.length === 0) return 'missing';
  const passed = rows.filter((r) => r.passed === true).length;
  return passed === rows.length ? 'passed' : passed > 0 ? 'partial' : 'failed';
}

export class EvalDataset implements ViewDataset {
  private built?: Promise<{ index: IndexData; tasks: TaskEntry[]; columns: KindColumn[] }>;
  private generations?: Promise<{ store: JsonlStore; at: Map<string, number> } | undefined>;

  constructor(readonly name: string, readonly dir: string, readonly layout: DatasetInfo['layout'], readonly store: RowStore) {}

  private build() {
    this.built ??= (async () => {
      const byId = new Map<string, { rows: Array<[string, number]>; recs: Rec[] }>();
      for (const { name } of await this.store.splits()) {
        let offset = 0;
        for await (const batch of this.store.scan(name)) {
          for (const r of batch) {
            const id = String(r.task_id ?? '');
            let t = byId.get(id);
            if (!t) byId.set(id, (t = { rows: [], recs: [] }));
            // results.jsonl of a resumed older run may hold a sample twice: the first one counts.
            if (!t.recs.some((x) => x.sample === r.sample)) { t.rows.push([name, offset]); t.recs.push({ status: r.status, passed: r.passed, error: r.error ?? null, sample: r.sample, subsets: r.subsets, wall_ms: r.wall_ms }); }
            offset++;
          }
        }
      }
      const subsetNames = new Set<string>();
      const tasks: TaskEntry[] = [];
      for (const [id, t] of byId) {
        const order = t.recs.map((r, i) => ({ r, i })).sort((a, b) => Number(a.r.sample) - Number(b.r.sample));
        const recs = order.map((x) => x.r);
        const rows = order.map((x) => t.rows[x.i]);
        const status = taskStatus(recs);
        const bad = recs.find((r) => r.passed !== true);
        const subsets = subsetsOf(recs[0]);
        for (const k of Object.keys(subsets)) subsetNames.add(k);
        const summary: Rec = {
          task_id: id, status, passed: recs.filter((r) => r.passed === true).length, samples: recs.length,
          error: bad ? (bad.error as string | null) : null, error_kind: bad ? errorKind(String(bad.status), bad.error as string | null) : null,
          wall_ms: recs[0].wall_ms ?? null,
        };
        for (const [k, v] of Object.entries(subsets)) summary[`subset.${k}`] = v;
        tasks.push({ id, rows, summary });
      }
      const columns: KindColumn[] = [...KINDS.eval.columns, ...[...subsetNames].sort().map((k): KindColumn => ({
        key: `subset.${k}`, label: k, kind: 'cat', chart: true, list: subsetNames.size <= 2, get: (r) => (typeof r[`subset.${k}`] === 'string' ? r[`subset.${k}`] as string : null),
      }))];
      const b = new IndexBuilder(columns);
      tasks.forEach((t, i) => b.add('tasks', i, t.summary));
      return { index: b.finish(), tasks, columns };
    })();
    return this.built;
  }

  async info(): Promise<DatasetInfo> {
    const { tasks, columns } = await this.build();
    return {
      name: this.name, kind: 'eval', layout: this.layout, splits: [{ name: 'tasks', rows: tasks.length }], rows: tasks.length,
      columns: columns.map(({ get: _get, ...c }) => c), hasDropped: false,
    };
  }

  async index(): Promise<IndexData> { return (await this.build()).index; }

  async search(q: string): Promise<Uint8Array> {
    const { tasks } = await this.build();
    const words = searchWords(q);
    return Uint8Array.from(tasks, (t) => (textMatches(words, [t.id, String(t.summary.error ?? ''), String(t.summary.error_kind ?? '')].join('\n')) ? 1 : 0));
  }

  async query(q: Query): Promise<Page> {
    const { index, columns } = await this.build();
    return pageOf(index, columns.filter((c) => c.list), { ...q, split: undefined }, q.q ? await this.search(q.q) : undefined);
  }

  async charts(q: Query): Promise<Chart[]> {
    const { index, columns } = await this.build();
    return chartsOf(index, columns, matchRows(index, { ...q, split: undefined }, q.q ? await this.search(q.q) : undefined));
  }

  private loadGenerations() {
    this.generations ??= (async () => {
      const path = [join(this.dir, '.work', 'generations.jsonl'), join(this.dir, 'generations.jsonl')].find((p) => existsSync(p));
      if (!path) return undefined;
      const store = new JsonlStore(path, 'all');
      const at = new Map<string, number>();
      let i = 0;
      for await (const batch of store.scan('all')) {
        for (const line of batch) {
          // A unit-log line wraps the row in `data`; the older log's line is the row.
          const g = (line.data && typeof line.data === 'object' ? line.data : line) as Rec;
          if (g.task_id !== undefined) at.set(`${g.task_id}#${g.sample}`, i);
          i++;
        }
      }
      return { store, at };
    })();
    return this.generations;
  }

  async record(_split: string, offset: number): Promise<RecordPayload | undefined> {
    const { tasks } = await this.build();
    const t = tasks[offset];
    if (!t) return undefined;
    const gens = await this.loadGenerations();
    const samples: Rec[] = [];
    for (const [split, at] of t.rows) {
      const [r] = await this.store.page(split, at, 1);
      if (!r) continue;
      const s: Rec = { ...r, subsets: subsetsOf(r), error_kind: errorKind(String(r.status), (r.error as string | null) ?? null), mismatch: expectedGot(r) };
      const g = gens?.at.get(`${r.task_id}#${r.sample}`);
      if (gens && g !== undefined) {
        const [line] = await gens.store.page('all', g, 1);
        const row = (line?.data && typeof line.data === 'object' ? line.data : line) as Rec | undefined;
        if (row) { s.raw = row.raw ?? null; s.answer ??= row.answer ?? null; s.extract_error = row.extract_error ?? null; }
      }
      samples.push(s);
    }
    return { split: 'tasks', offset, record: { ...t.summary, subsets: subsetsOf(samples[0] ?? {}), samples } };
  }

  async close(): Promise<void> {}

  async *records(): AsyncGenerator<Rec[]> {
    const { tasks } = await this.build();
    for (let i = 0; i < tasks.length; i += 100) {
      const out: Rec[] = [];
      for (let j = i; j < Math.min(i + 100, tasks.length); j++) out.push((await this.record('tasks', j))!.record);
      yield out;
    }
  }
}
