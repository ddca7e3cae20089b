// The summary as tables a person reads (the body of README.md): the same numbers as report.json.
import { whereOf } from '../store/badinput.js';
import type { EvalSummary } from './summary.js';

const MAX_FAILURES = 300;

function pct(x: number | undefined): string {
  return x === undefined ? '-' : (100 * x).toFixed(1);
}

function cell(s: string | undefined): string {
  return (s ?? '').replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 240);
}

export function summaryMarkdown(s: EvalSummary): string {
  const ks = Object.keys(s.pass_at_k);
  const out: string[] = [`# ${s.bench}: ${s.source}`, '', `Data: \`${s.data}\``, ''];
  out.push(`| tasks | scored | skipped | missing answers | samples | passed | ${ks.join(' | ')} |`);
  out.push(`|${' --- |'.repeat(6 + ks.length)}`);
  out.push(`| ${s.tasks.total} | ${s.tasks.scored} | ${s.tasks.skipped} | ${s.tasks.missing} | ${s.samples} | ${s.passed_samples} | ${ks.map((k) => pct(s.pass_at_k[k])).join(' | ')} |`);
  if (s.pass_at_k_clean) out.push('', `Without defective tasks: ${Object.entries(s.pass_at_k_clean).map(([k, v]) => `${k} ${pct(v)}`).join(', ')}`);
  out.push('', `Time: ${s.seconds} s (${s.tasks_per_second} tasks/s)`);
  for (const [dim, table] of Object.entries(s.subsets)) {
    out.push('', `## By ${dim}`, '', `| ${dim} | tasks | samples | passed | ${ks.join(' | ')} |`, `|${' --- |'.repeat(4 + ks.length)}`);
    for (const [value, row] of Object.entries(table).sort(([a], [b]) => a.localeCompare(b))) {
      out.push(`| ${cell(value)} | ${row.tasks} | ${row.samples} | ${row.passed_samples} | ${ks.map((k) => pct(row.pass_at_k[k])).join(' | ')} |`);
    }
  }
  if (Object.keys(s.skipped).length) {
    out.push('', '## Skipped', '', '| reason | tasks |', '| --- | --- |');
    for (const [reason, ids] of Object.entries(s.skipped)) out.push(`| ${cell(reason)} | ${ids.length} (${cell(ids.slice(0, 12).join(', '))}${ids.length > 12 ? ', ...' : ''}) |`);
  }
  for (const [what, bad] of [['data', s.bad_input.data], ['prediction', s.bad_input.predictions]] as const) {
    if (!bad?.total) continue;
    out.push('', `## Unusable ${what} rows (${bad.total})`, '', '| where | reason | detail |', '| --- | --- | --- |');
    for (const b of bad.rows.slice(0, MAX_FAILURES)) out.push(`| ${cell(whereOf(b))} | ${b.reason} | ${cell(b.detail)} |`);
    const more = bad.total - Math.min(bad.rows.length, MAX_FAILURES);
    if (more > 0) out.push('', `... ${more} more, by reason: ${Object.entries(bad.by_reason).map(([r, n]) => `${r} ${n}`).join(', ')}`);
  }
  if (s.defective.length) {
    out.push('', '## Defective data', '', '| task | passed | defects |', '| --- | --- | --- |');
    for (const d of s.defective) out.push(`| ${cell(d.task_id)} | ${d.passed ? 'yes' : 'no'} | ${cell(d.defects.join('; '))} |`);
  }
  if (s.failures_total) {
    out.push('', `## Failures (${s.failures_total})`, '', '| task | sample | status | reason |', '| --- | --- | --- | --- |');
    for (const f of s.failures.slice(0, MAX_FAILURES)) out.push(`| ${cell(f.task_id)} | ${f.sample} | ${f.status} | ${cell(f.error)} |`);
    const more = s.failures_total - Math.min(s.failures.length, MAX_FAILURES);
    if (more > 0) out.push('', `... ${more} more: ${s.failures.length > MAX_FAILURES ? 'in report.json and ' : ''}the rows of the results dataset whose \`passed\` is false`);
  }
  return out.join('\n') + '\n';
}
