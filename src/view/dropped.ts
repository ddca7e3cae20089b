// The units a run dropped, with their reasons: from the run's unit log where it has one
// (Case2Code's functions.jsonl, in .work/ or the older work/: every function not kept, or whose
// processing failed), else from the examples report.json keeps of each drop reason; and the
// records decontamination removed (decontamination/removed.jsonl), under `decontaminated:<benchmark>`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DroppedPage, DroppedRow } from './shared/types.js';
import { at, type Rec } from './kinds.js';
import { JsonlStore } from './rows.js';

const DETAIL = 600;
const REMOVED = 'decontamination/removed.jsonl';

function fromLogLine(line: Rec): DroppedRow | undefined {
  if (line.status === 'failed') return { key: String(line.key ?? ''), reason: 'failed', detail: String(line.reason ?? '').slice(0, DETAIL) };
  const r = (line.data && typeof line.data === 'object' ? line.data : line) as Rec;
  if (r.kept !== false) return undefined;
  const path = at(r, 'source.path') ?? at(r, 'source.file');
  const where = typeof path === 'string' ? ` (${path}${typeof at(r, 'source.line') === 'number' ? `:${at(r, 'source.line')}` : ''})` : '';
  return {
    key: `${String(r.name ?? r.function_id ?? line.key ?? '')}${where}`,
    reason: String(at(r, 'drop.reason') ?? 'dropped'),
    detail: typeof at(r, 'drop.detail') === 'string' ? (at(r, 'drop.detail') as string).slice(0, DETAIL) : null,
  };
}

/** A line of decontamination/removed.jsonl: the record and what it matched. */
function fromRemoved(line: Rec): DroppedRow {
  const matches = Array.isArray(line.matches) ? (line.matches as Rec[]) : [];
  const first = matches[0] ?? {};
  const detail = matches.map((m) => `${String(m.rule)} ${String(m.benchmark)} ${String(m.item)}${m.matched ? `: ${String(m.matched)}` : ''}`).join('; ');
  return { key: `${String(line.label ?? line.id ?? '')}${line.id ? ` (${String(line.id)})` : ''}`, reason: `decontaminated:${String(first.benchmark ?? 'benchmark')}`, detail: detail.slice(0, DETAIL) || null };
}

function fromReport(dir: string): DroppedRow[] {
  let report: Rec;
  try { report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Rec; } catch { return []; }
  const rows: DroppedRow[] = [];
  for (const [k, v] of Object.entries(report)) {
    if (!/(^|_)(drop|dropped|discovery|failed)_?examples$/.test(k) && k !== 'drop_examples') continue;
    if (!v || typeof v !== 'object') continue;
    for (const [reason, list] of Object.entries(v as Rec)) {
      if (!Array.isArray(list)) continue;
      for (const ex of list) {
        const text = String(ex);
        const cut = text.indexOf(': ');
        rows.push({ key: cut > 0 ? text.slice(0, cut) : text, reason, detail: cut > 0 ? text.slice(cut + 2, cut + 2 + DETAIL) : null });
      }
    }
  }
  return rows;
}

export class DroppedUnits {
  private loaded?: Promise<{ rows: DroppedRow[]; source: string }>;
  constructor(readonly dir: string) {}

  /** The unit log this folder has, if any. */
  static logOf(dir: string): string | undefined {
    return [join(dir, '.work', 'functions.jsonl'), join(dir, 'work', 'functions.jsonl')].find((p) => existsSync(p));
  }

  static has(dir: string): boolean {
    return DroppedUnits.logOf(dir) !== undefined || existsSync(join(dir, REMOVED)) || fromReport(dir).length > 0;
  }

  private load() {
    this.loaded ??= (async () => {
      const log = DroppedUnits.logOf(this.dir);
      const rows: DroppedRow[] = [];
      const sources: string[] = [];
      if (log) {
        for await (const batch of new JsonlStore(log, 'all').scan('all')) for (const line of batch) { const d = fromLogLine(line); if (d) rows.push(d); }
        sources.push(log.slice(this.dir.length + 1));
      } else {
        rows.push(...fromReport(this.dir));
        sources.push('report.json (examples of each reason)');
      }
      if (existsSync(join(this.dir, REMOVED))) {
        for await (const batch of new JsonlStore(join(this.dir, REMOVED), 'all').scan('all')) for (const line of batch) rows.push(fromRemoved(line));
        sources.push(REMOVED);
      }
      return { rows, source: sources.join(' and ') };
    })();
    return this.loaded;
  }

  async page(offset: number, limit: number, reason?: string): Promise<DroppedPage> {
    const { rows, source } = await this.load();
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
    const chosen = reason ? rows.filter((r) => r.reason === reason) : rows;
    return {
      total: chosen.length, offset, source,
      reasons: [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1)),
      rows: chosen.slice(offset, offset + limit),
    };
  }
}
