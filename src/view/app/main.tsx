// The page: a header with the dataset and its views, then the view the address names.
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import 'highlight.js/styles/github.css';
import './style.css';
import { pickBackend } from './backend.js';
import { href, useRoute, type ViewName } from './route.js';
import { useLoad } from './util.js';
import { Samples } from './views/samples.js';
import { RecordView } from './views/record.js';
import { SummaryView } from './views/summary.js';
import { ChartsView } from './views/charts.js';
import { DroppedView } from './views/dropped.js';

const backend = pickBackend();

function App() {
  const route = useRoute();
  const list = useLoad(() => backend.datasets(), []);
  useEffect(() => {
    if (list.state === 'ok' && !route.ds && list.value.length) location.replace(href({ ds: list.value[0].name, view: 'summary' }));
  }, [list.state, route.ds]);
  if (list.state === 'loading') return <p class="loading">loading…</p>;
  if (list.state === 'error') return <p class="error" role="alert">{list.error}</p>;
  const info = list.value.find((d) => d.name === route.ds) ?? list.value[0];
  if (!info) return <p class="error">no datasets</p>;
  const views: Array<[ViewName, string]> = [['summary', 'summary'], ['samples', info.kind === 'eval' ? 'tasks' : 'samples'], ['charts', 'charts']];
  if (info.hasDropped) views.push(['dropped', 'dropped']);
  const current = route.view === 'record' ? 'samples' : route.view;
  // The list's filters travel between the list and the charts.
  const keep = route.view === 'samples' || route.view === 'charts' ? route.params : new URLSearchParams();
  return (
    <>
      <header class="top">
        <span class="brand">caseforge view</span>
        {list.value.length > 1 ? (
          <select aria-label="dataset" value={info.name} onChange={(e) => { location.hash = href({ ds: (e.target as HTMLSelectElement).value, view: 'summary' }); }}>
            {list.value.map((d) => <option key={d.name} value={d.name}>{d.name === '.' ? 'this folder' : d.name} ({d.kind})</option>)}
          </select>
        ) : <span class="ds">{info.name === '.' ? '' : info.name} <span class="badge">{info.kind}</span></span>}
        <nav aria-label="views">
          {views.map(([v, label]) => <a key={v} href={href({ ds: info.name, view: v, params: v === 'samples' || v === 'charts' ? keep : undefined })} aria-current={current === v ? 'page' : undefined}>{label}</a>)}
        </nav>
        {backend.mode === 'bundle' ? <span class="note">static bundle</span> : null}
      </header>
      <main>
        {route.view === 'summary' ? <SummaryView backend={backend} info={info} /> : null}
        {route.view === 'samples' ? <Samples backend={backend} info={info} route={{ ...route, ds: info.name }} /> : null}
        {route.view === 'charts' ? <ChartsView backend={backend} info={info} route={{ ...route, ds: info.name }} /> : null}
        {route.view === 'record' ? <RecordView backend={backend} info={info} route={{ ...route, ds: info.name }} /> : null}
        {route.view === 'dropped' ? <DroppedView backend={backend} info={info} route={{ ...route, ds: info.name }} /> : null}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
