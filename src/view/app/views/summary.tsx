// The Summary view: headline figures, the report's tables (counts at each stage, drops by reason
// with their examples, timings, LLM usage, pass@k per subset), bars for tables of counts, the card,
// and the report as written.
import type { Backend } from '../backend.js';
import type { Chart, DatasetInfo, SummaryTable } from '../../shared/types.js';
import { ChartView } from '../components/chart.js';
import { JsonTree } from '../components/json.js';
import { fmtNum, useLoad } from '../util.js';

function tableChart(t: SummaryTable): Chart | null {
  if (t.chart === undefined || t.rows.length < 2) return null;
  const counts = t.rows.filter((r) => typeof r[t.chart!] === 'number').map((r) => ({ label: String(r[0]), count: r[t.chart!] as number }));
  if (counts.length < 2) return null;
  const measure = t.columns[t.chart] && t.columns[t.chart] !== 'value' ? t.columns[t.chart] : 'count';
  // In the report's order: bands and stages read in their own order, not by size.
  return { key: t.title, label: t.title, kind: 'cat', counts, missing: 0, measure };
}

function Table({ t }: { t: SummaryTable }) {
  const chart = tableChart(t);
  return (
    <section class="summary-table" aria-label={t.title}>
      <h3>{t.title}</h3>
      <div class="table-and-chart">
        <table>
          <thead><tr>{t.columns.map((c, j) => <th key={j}>{c}</th>)}{t.examples ? <th>examples</th> : null}</tr></thead>
          <tbody>
            {t.rows.map((r, i) => (
              <tr key={i}>
                {r.map((v, j) => <td key={j} class={typeof v === 'number' ? 'num' : ''}>{fmtNum(v)}</td>)}
                {t.examples ? <td>{t.examples[i]?.length ? <details><summary>{t.examples[i].length}</summary><ul class="examples">{t.examples[i].map((e, k) => <li key={k}><code>{e}</code></li>)}</ul></details> : null}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
        {chart ? <ChartView chart={chart} width={380} /> : null}
      </div>
    </section>
  );
}

export function SummaryView({ backend, info }: { backend: Backend; info: DatasetInfo }) {
  const s = useLoad(() => backend.summary(info.name), [info.name]);
  if (s.state === 'loading') return <p class="loading">loading…</p>;
  if (s.state === 'error') return <p class="error" role="alert">{s.error}</p>;
  const v = s.value;
  return (
    <div class="summary">
      <h2>{v.title}</h2>
      <dl class="figures" data-testid="figures">
        {v.figures.map((f) => <div key={f.label} class="figure"><dt>{f.label}</dt><dd>{typeof f.value === 'number' ? fmtNum(f.value) : f.value}</dd></div>)}
      </dl>
      <div class="summary-tables">{v.tables.map((t) => <Table key={t.title} t={t} />)}</div>
      {v.card ? <details class="card"><summary>dataset card (README.md)</summary><pre class="prose">{v.card}</pre></details> : null}
      {v.report ? <details class="report"><summary>report as written</summary><JsonTree value={v.report} open={1} /></details> : null}
    </div>
  );
}
