// The distributions of the rows the current filters pass, one chart per column; a click on a bar
// opens the list filtered to it.
import type { Backend } from '../backend.js';
import type { Chart, DatasetInfo } from '../../shared/types.js';
import { queryFromParams } from '../../shared/params.js';
import { ChartView, type Pick } from '../components/chart.js';
import { go, type Route } from '../route.js';
import { useLoad } from '../util.js';
import { withQuery } from './samples.js';

const hasValues = (c: Chart): boolean => (c.kind === 'num' ? c.bins.some((b) => b.count > 0) : c.counts.some((x) => x.count > 0));

export function ChartsView({ backend, info, route }: { backend: Backend; info: DatasetInfo; route: Route }) {
  const q = queryFromParams(route.params);
  const charts = useLoad(() => backend.charts(info.name, q), [info.name, route.params.toString()]);
  const pick = (p: Pick) => go(withQuery(route, (x) => ({
    ...x, offset: 0,
    cats: p.label !== undefined ? { ...x.cats, [p.key]: [p.label] } : x.cats,
    ranges: p.range ? { ...x.ranges, [p.key]: p.range } : x.ranges,
  })));
  if (charts.state === 'loading') return <p class="loading">building the index…</p>;
  if (charts.state === 'error') return <p class="error" role="alert">{charts.error}</p>;
  // A column none of these rows has a value in (a field this version of the records lacks, or
  // filters that leave none) is named, not drawn as empty axes.
  const drawn = charts.value.filter(hasValues);
  const empty = charts.value.filter((c) => !hasValues(c));
  return (
    <div class="charts">
      <p class="note">Distributions of the rows the current filters pass{route.params.toString() ? '' : ' (all rows)'}; click a bar to list its rows.</p>
      <div class="chart-grid">{drawn.map((c) => <ChartView key={c.key} chart={c} onPick={pick} />)}</div>
      {empty.length ? <p class="note" data-testid="no-values">No value in these rows: {empty.map((c) => c.label).join(', ')}.</p> : null}
    </div>
  );
}
