// The page's address: everything after `#`, so a link to a view, a filter or a record works the same
// when served and when opened from disk. `#/d/<dataset>/<view>[/<split>/<offset>]?<query>`.
import { useEffect, useState } from 'preact/hooks';

export type ViewName = 'summary' | 'samples' | 'charts' | 'record' | 'dropped';

export interface Route {
  ds: string | null;
  view: ViewName;
  split?: string;
  offset?: number;
  params: URLSearchParams;
}

const VIEWS: ViewName[] = ['summary', 'samples', 'charts', 'record', 'dropped'];

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#/, '');
  const [path, qs = ''] = h.split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(qs);
  if (parts[0] !== 'd' || parts.length < 2) return { ds: null, view: 'summary', params };
  const view = (VIEWS as string[]).includes(parts[2]) ? (parts[2] as ViewName) : 'summary';
  const r: Route = { ds: parts[1], view, params };
  if (view === 'record') { r.split = parts[3]; r.offset = Number(parts[4] ?? 0); }
  return r;
}

export function href(r: { ds: string; view: ViewName; split?: string; offset?: number; params?: URLSearchParams }): string {
  let path = `#/d/${encodeURIComponent(r.ds)}/${r.view}`;
  if (r.view === 'record') path += `/${encodeURIComponent(r.split ?? '')}/${r.offset ?? 0}`;
  const qs = r.params?.toString();
  return qs ? `${path}?${qs}` : path;
}

export function go(to: string): void {
  if (location.hash !== to) location.hash = to;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
