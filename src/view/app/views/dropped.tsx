// What the run dropped, with the reason for each: counts by reason (click one to list only it) and
// the units, a page at a time.
import type { Backend } from '../backend.js';
import type { DatasetInfo } from '../../shared/types.js';
import { go, href, type Route } from '../route.js';
import { useLoad } from '../util.js';

const LIMIT = 100;

export function DroppedView({ backend, info, route }: { backend: Backend; info: DatasetInfo; route: Route }) {
  const reason = route.params.get('reason') ?? undefined;
  const offset = Number(route.params.get('offset') ?? 0) || 0;
  const page = useLoad(() => backend.dropped(info.name, offset, LIMIT, reason), [info.name, reason, offset]);
  const to = (p: Record<string, string>) => href({ ds: info.name, view: 'dropped', params: new URLSearchParams(p) });
  if (page.state === 'loading') return <p class="loading">loading…</p>;
  if (page.state === 'error') return <p class="error" role="alert">{page.error}</p>;
  const v = page.value;
  return (
    <div class="dropped">
      <p class="note">From {v.source}.</p>
      <ul class="reasons" aria-label="drop reasons">
        <li><a href={to({})} aria-current={!reason}>all ({v.reasons.reduce((a, r) => a + r.count, 0)})</a></li>
        {v.reasons.map((r) => <li key={r.label}><a href={to({ reason: r.label })} aria-current={reason === r.label}>{r.label} ({r.count})</a></li>)}
      </ul>
      <div class="pager">
        {v.total} dropped{reason ? ` as ${reason}` : ''}
        <button type="button" disabled={offset === 0} onClick={() => go(to({ ...(reason ? { reason } : {}), offset: String(Math.max(0, offset - LIMIT)) }))}>← prev</button>
        <button type="button" disabled={offset + LIMIT >= v.total} onClick={() => go(to({ ...(reason ? { reason } : {}), offset: String(offset + LIMIT) }))}>next →</button>
      </div>
      <table class="list dropped-list">
        <thead><tr><th>unit</th><th>reason</th><th>detail</th></tr></thead>
        <tbody>{v.rows.map((r, i) => <tr key={i}><td><code>{r.key}</code></td><td>{r.reason}</td><td class="text">{r.detail}</td></tr>)}</tbody>
      </table>
    </div>
  );
}
