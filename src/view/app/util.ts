// Small helpers of the page: async data in a hook, number formats.
import { useEffect, useState } from 'preact/hooks';

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: string } | { state: 'ok'; value: T };

/** Runs `load` whenever `deps` change; a slower earlier answer never overwrites a newer one. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [s, set] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    set((prev) => (prev.state === 'ok' ? prev : { state: 'loading' }));
    load().then((value) => { if (live) set({ state: 'ok', value }); }, (err: unknown) => { if (live) set({ state: 'error', error: (err as Error).message ?? String(err) }); });
    return () => { live = false; };
  }, deps);
  return s;
}

export function fmtNum(v: unknown): string {
  if (typeof v !== 'number') return v === null || v === undefined ? '' : String(v);
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return Math.abs(v) < 1000 ? v.toFixed(3).replace(/0+$/, '').replace(/\.$/, '') : v.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

export function cellText(v: unknown): string {
  if (Array.isArray(v)) return v.join(', ');
  return fmtNum(v);
}
