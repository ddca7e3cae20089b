// The sample list (an eval run's task list): filters from the address (split, search, labels,
// ranges, sort), a page of rows from the backend, keyboard navigation (arrows or j/k move, Enter
// opens, n/p turn pages), and a pager.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Backend } from '../backend.js';
import type { Chart, ColumnSpec, DatasetInfo, Query } from '../../shared/types.js';
import { paramsFromQuery, queryFromParams } from '../../shared/params.js';
import { go, href, type Route } from '../route.js';
import { cellText, useLoad } from '../util.js';

export function withQuery(route: Route, change: (q: Query) => Query, view: Route['view'] = 'samples'): string {
  const q = change(queryFromParams(route.params));
  return href({ ds: route.ds!, view, params: paramsFromQuery(q) });
}

function Filters({ info, route, labels }: { info: DatasetInfo; route: Route; labels: Chart[] }) {
  const q = queryFromParams(route.params);
  const [text, setText] = useState(q.q ?? '');
  useEffect(() => setText(q.q ?? ''), [q.q]);
  const set = (change: (q: Query) => Query) => go(withQuery(route, (x) => ({ ...change(x), offset: 0 })));
  const cats = info.columns.filter((c) => (c.kind === 'cat' || c.kind === 'tags') && labels.some((l) => l.key === c.key));
  const nums = info.columns.filter((c) => c.kind === 'num');
  const sortable = info.columns.filter((c) => c.kind !== 'tags');
  return (
    <form class="filters" role="search" aria-label="filters" onSubmit={(e) => { e.preventDefault(); set((x) => ({ ...x, q: text.trim() || undefined })); }}>
      <label class="search">search
        <input type="search" name="q" value={text} placeholder="words in the text…" onInput={(e) => setText((e.target as HTMLInputElement).value)} />
      </label>
      {info.kind !== 'eval' && info.splits.length > 1 ? (
        <label>split
          <select name="split" value={q.split ?? ''} onChange={(e) => set((x) => ({ ...x, split: (e.target as HTMLSelectElement).value || undefined }))}>
            <option value="">all</option>
            {info.splits.map((s) => <option key={s.name} value={s.name}>{s.name} ({s.rows.toLocaleString('en-US')})</option>)}
          </select>
        </label>
      ) : null}
      {cats.map((c) => {
        const chart = labels.find((l) => l.key === c.key);
        const options = chart && chart.kind === 'cat' ? chart.counts : [];
        const chosen = q.cats[c.key]?.[0] ?? '';
        return (
          <label key={c.key}>{c.label}
            <select name={`f.${c.key}`} value={chosen} onChange={(e) => { const v = (e.target as HTMLSelectElement).value; set((x) => ({ ...x, cats: { ...x.cats, [c.key]: v ? [v] : [] } })); }}>
              <option value="">any</option>
              {options.map((o) => <option key={o.label} value={o.label}>{o.label} ({o.count})</option>)}
              {chosen && !options.some((o) => o.label === chosen) ? <option value={chosen}>{chosen}</option> : null}
            </select>
          </label>
        );
      })}
      {nums.map((c) => <RangeFilter key={c.key} col={c} value={q.ranges[c.key] ?? [null, null]} onSet={(r) => set((x) => ({ ...x, ranges: { ...x.ranges, [c.key]: r } }))} />)}
      <label>sort
        <select name="sort" value={q.sort ? `${q.sort.desc ? '-' : ''}${q.sort.key}` : ''} onChange={(e) => { const v = (e.target as HTMLSelectElement).value; set((x) => ({ ...x, sort: v ? (v.startsWith('-') ? { key: v.slice(1), desc: true } : { key: v, desc: false }) : undefined })); }}>
          <option value="">file order</option>
          {sortable.flatMap((c) => [<option key={c.key} value={c.key}>{c.label} ↑</option>, <option key={`-${c.key}`} value={`-${c.key}`}>{c.label} ↓</option>])}
        </select>
      </label>
      <button type="submit">search</button>
      <a class="clear" href={href({ ds: route.ds!, view: 'samples' })}>clear</a>
    </form>
  );
}

function RangeFilter({ col, value, onSet }: { col: ColumnSpec; value: [number | null, number | null]; onSet: (r: [number | null, number | null]) => void }) {
  const [lo, setLo] = useState(value[0] === null ? '' : String(value[0]));
  const [hi, setHi] = useState(value[1] === null ? '' : String(value[1]));
  useEffect(() => { setLo(value[0] === null ? '' : String(value[0])); setHi(value[1] === null ? '' : String(value[1])); }, [value[0], value[1]]);
  const apply = () => {
    const n = (s: string) => (s.trim() === '' || !Number.isFinite(Number(s)) ? null : Number(s));
    const next: [number | null, number | null] = [n(lo), n(hi)];
    if (next[0] !== value[0] || next[1] !== value[1]) onSet(next);
  };
  const step = col.integer ? '1' : 'any';
  // Applied when focus leaves the pair (so min and max can be typed in turn) or on Enter.
  const onKey = (e: KeyboardEvent) => { if (e.key === 'Enter') { e.preventDefault(); apply(); } };
  return (
    <fieldset class="range" aria-label={`${col.label} range`} onFocusOut={(e) => { if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) apply(); }}>
      <legend>{col.label}</legend>
      <input type="number" step={step} name={`r.${col.key}.min`} aria-label={`${col.label} at least`} placeholder="min" value={lo} onInput={(e) => setLo((e.target as HTMLInputElement).value)} onKeyDown={onKey} />
      <span>–</span>
      <input type="number" step={step} name={`r.${col.key}.max`} aria-label={`${col.label} at most`} placeholder="max" value={hi} onInput={(e) => setHi((e.target as HTMLInputElement).value)} onKeyDown={onKey} />
    </fieldset>
  );
}

export function Samples({ backend, info, route }: { backend: Backend; info: DatasetInfo; route: Route }) {
  const q = queryFromParams(route.params);
  const key = route.params.toString();
  const page = useLoad(() => backend.rows(info.name, q), [info.name, key]);
  // The filters' labels need the index; asked for once the rows are drawn, so the first page of a
  // large dataset never waits behind the index being built.
  const shown = page.state === 'ok';
  const labels = useLoad(() => (shown ? backend.charts(info.name, { cats: {}, ranges: {}, offset: 0, limit: 0, split: info.kind === 'eval' ? undefined : q.split }) : new Promise<Chart[]>(() => undefined)), [info.name, q.split, shown]);
  const body = useRef<HTMLTableSectionElement>(null);
  const listCols = info.columns.filter((c) => c.list);
  const recordHref = (split: string, offset: number, i: number) => href({ ds: info.name, view: 'record', split, offset, params: (() => { const p = paramsFromQuery({ ...q, offset: 0 }); p.set('i', String(i)); return p; })() });

  const turn = (dir: number) => {
    if (page.state !== 'ok') return;
    const next = q.offset + dir * q.limit;
    if (next < 0 || next >= page.value.total) return;
    go(withQuery(route, (x) => ({ ...x, offset: next })));
  };

  const onKey = (e: KeyboardEvent) => {
    const rows = [...(body.current?.querySelectorAll<HTMLTableRowElement>('tr[data-row]') ?? [])];
    const at = rows.indexOf(document.activeElement as HTMLTableRowElement);
    if (e.key === 'ArrowDown' || e.key === 'j') { e.preventDefault(); rows[Math.min(rows.length - 1, at + 1)]?.focus(); }
    else if (e.key === 'ArrowUp' || e.key === 'k') { e.preventDefault(); rows[Math.max(0, at - 1)]?.focus(); }
    else if (e.key === 'Enter' && at >= 0) { e.preventDefault(); go(rows[at].dataset.href!); }
    else if (e.key === 'n' || e.key === 'PageDown') { e.preventDefault(); turn(1); }
    else if (e.key === 'p' || e.key === 'PageUp') { e.preventDefault(); turn(-1); }
  };

  return (
    <div class="samples">
      <Filters info={info} route={route} labels={labels.state === 'ok' ? labels.value : []} />
      {page.state === 'error' ? <p class="error" role="alert">{page.error}</p> : null}
      {page.state === 'loading' ? <p class="loading" aria-live="polite">loading…</p> : null}
      {page.state === 'ok' ? (
        <>
          <div class="pager" aria-live="polite">
            <span data-testid="total">{page.value.total.toLocaleString('en-US')}</span> {info.kind === 'eval' ? 'tasks' : 'records'}
            {page.value.total > 0 ? <> · rows {(q.offset + 1).toLocaleString('en-US')}–{Math.min(q.offset + q.limit, page.value.total).toLocaleString('en-US')}</> : null}
            <button type="button" disabled={q.offset === 0} onClick={() => turn(-1)} aria-label="previous page">← prev</button>
            <button type="button" disabled={q.offset + q.limit >= page.value.total} onClick={() => turn(1)} aria-label="next page">next →</button>
            <span class="keys">keys: ↑↓ or j/k move, Enter opens, n/p turn pages</span>
          </div>
          <table class="list" onKeyDown={onKey}>
            <thead>
              <tr><th scope="col">#</th>{info.kind !== 'eval' ? <th scope="col">split</th> : null}{listCols.map((c) => <th key={c.key} scope="col">{c.label}</th>)}</tr>
            </thead>
            <tbody ref={body}>
              {page.value.rows.map((r, j) => {
                const to = recordHref(r.split, r.offset, q.offset + j);
                return (
                  <tr key={`${r.split}/${r.offset}`} data-row tabIndex={0} data-href={to} onClick={() => go(to)} class={String(r.values.status ?? '')}>
                    <td class="num">{q.offset + j + 1}</td>
                    {info.kind !== 'eval' ? <td>{r.split}</td> : null}
                    {listCols.map((c) => <td key={c.key} class={c.kind === 'num' ? 'num' : c.kind === 'text' ? 'text' : ''}>{c.key === 'id' || c.key === 'task_id' ? <a href={to} tabIndex={-1}>{cellText(r.values[c.key])}</a> : cellText(r.values[c.key])}</td>)}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {page.value.rows.length === 0 ? <p class="empty">nothing matches these filters</p> : null}
        </>
      ) : null}
    </div>
  );
}
