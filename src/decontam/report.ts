// Decontamination's numbers, from the removed records' matches: records removed per benchmark and
// rule (a record matching two benchmarks counts for both; `removed` counts it once), with examples,
// and the dataset card's section saying what was checked, how, and what it removed.
import type { DecontamSetup, Match } from './decontaminate.js';

export interface RemovedRow {
  set: string;
  id: string;
  label: string;
  where: string;
  matches: Match[];
  record: unknown;
}

export interface DecontamReport extends DecontamSetup {
  records: number;
  removed: number;
  kept: number;
  /** Lines of the record files that were not JSON: kept as they were, never checked. */
  unreadable: number;
  by_benchmark: Record<string, { records: number; substring: number; ngram: number; ast: number }>;
  examples: Array<{ id: string; label: string; benchmark: string; item: string; rule: string; matched: string }>;
}

const EXAMPLES = 20;

export function buildReport(setup: DecontamSetup, kept: number, unreadable: number, removed: RemovedRow[]): DecontamReport {
  const by: DecontamReport['by_benchmark'] = {};
  for (const name of Object.keys(setup.benchmarks)) by[name] = { records: 0, substring: 0, ngram: 0, ast: 0 };
  for (const r of removed) {
    const benches = new Set<string>();
    const rules = new Set<string>();
    for (const m of r.matches) {
      by[m.benchmark] ??= { records: 0, substring: 0, ngram: 0, ast: 0 };
      benches.add(m.benchmark);
      const key = `${m.benchmark}\u0000${m.rule}`;
      if (!rules.has(key)) { rules.add(key); by[m.benchmark][m.rule]++; }
    }
    for (const b of benches) by[b].records++;
  }
  const examples = removed.slice(0, EXAMPLES).map((r) => {
    const m = r.matches[0];
    return { id: r.id, label: r.label, benchmark: m.benchmark, item: m.item, rule: m.rule, matched: m.matched };
  });
  return { ...setup, records: kept + removed.length, removed: removed.length, kept, unreadable, by_benchmark: by, examples };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 160);

/** The card's `## Decontamination` section. */
export function cardSection(r: DecontamReport): string {
  const o = r.options;
  const checked = Object.entries(r.benchmarks).map(([name, s]) => `${name} (${s.items} items)`).join(', ');
  const rules: string[] = [];
  if (o.rules.includes('substring')) {
    const allowed = Object.values(r.benchmarks).reduce((a, s) => a + (s.allow_listed ?? 0), 0);
    rules.push(`bigcode's rule: a benchmark prompt or canonical solution found in a record, case-insensitively and with whitespace runs made one (${allowed} benchmark strings shorter than ${o.min_tokens} words and symbols allow-listed as too common to prove anything)`);
  }
  if (o.rules.includes('ngram')) {
    rules.push(`${o.ngram}-gram overlap on normalised code tokens (comments dropped, one quoting style): shared ${o.ngram}-grams covering at least ${Math.round(o.ngram_share * 100)}% of a benchmark item's tokens and at least ${2 * o.ngram} of them`);
  }
  if (o.rules.includes('ast')) {
    rules.push(`the record's function against every benchmark function after renaming (docstrings, annotations and decorators dropped; the name, parameters and locals renamed by first appearance; functions of at least ${o.ast_min_nodes} AST nodes)`);
  }
  const rows = Object.entries(r.by_benchmark).map(([b, c]) => `| ${b} | ${c.records} | ${c.substring} | ${c.ngram} | ${c.ast} |`);
  const examples = r.examples.slice(0, 10).map((e) => `| ${cell(e.label ? `${e.label} (${e.id})` : e.id)} | ${cell(`${e.benchmark} ${e.item}`)} | ${e.rule} | ${cell(e.matched)} |`);
  return [
    `Checked against ${checked}, with:`,
    '',
    ...rules.map((x) => `- ${x};`),
    '',
    `Removed ${r.removed} of ${r.records} records (${r.kept} kept). Records removed, by benchmark and rule (a record can match several):`,
    '',
    '| benchmark | records | substring | n-gram | AST |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
    ...(examples.length ? ['', 'First removed records:', '', '| record | benchmark item | rule | matched |', '| --- | --- | --- | --- |', ...examples] : []),
    '',
    'Every removed record, with its benchmark, rule and matched text: `decontamination/removed.jsonl`; the counts: `decontamination/report.json`.',
  ].join('\n');
}
