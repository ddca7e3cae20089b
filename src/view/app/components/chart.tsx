// One chart of the sample list (a histogram of a number column, bars of a label column) drawn with
// Observable Plot as SVG. Clicking a bar filters the list to it. Plot comes in its own script
// (assets/plot.js, see app/plot.ts), loaded by the first chart drawn.
import type * as PlotLib from '@observablehq/plot';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Chart } from '../../shared/types.js';
import type { PlotModule } from '../plot.js';
let loading: Promise<PlotModule> | undefined;

/** Observable Plot, loading assets/plot.js (beside the page's own script) the first time. */
function loadPlot(): Promise<PlotModule> {
  const w = window as unknown as { __cfPlot?: PlotModule };
  if (w.__cfPlot) return Promise.resolve(w.__cfPlot);
  loading ??= new Promise<PlotModule>((resolve, reject) => {
    const s = document.createElement('script');
    const own = document.querySelector<HTMLScriptElement>('script[src$="assets/app.js"]');
    s.src = own ? own.src.replace(/app\.js$/, 'plot.js') : 'assets/plot.js';
    s.onload = () => (w.__cfPlot ? resolve(w.__cfPlot) : reject(new Error(`${s.src} defined no charting library`)));
    s.onerror = () => { loading = undefined; reject(new Error(`could not load ${s.src}`)); };
    document.head.append(s);
  });
  return loading;
}

export type Pick = { key: string; range?: [number, number]; label?: string };

const TOP = 20;

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}

export function ChartView({ chart, onPick, width = 420 }: { chart: Chart; onPick?: (p: Pick) => void; width?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    loadPlot().then((Plot) => { if (live) draw(Plot); }, (e: Error) => { if (live) setFailed(e.message); });
    return () => { live = false; ref.current?.replaceChildren(); };
  }, [chart, width]);
  const draw = (Plot: PlotModule) => {
    const el = ref.current;
    if (!el) return;
    let svg: (SVGSVGElement | HTMLElement) & PlotLib.Plot;
    if (chart.kind === 'num') {
      const bins = chart.bins;
      // Whole numbers one to a bar: the bar sits over its number, and the ticks are whole numbers.
      const unit = chart.integer && bins.length > 0 && bins[0].x1 - bins[0].x0 === 1;
      const shift = unit ? 0.5 : 0;
      const every = Math.max(1, Math.ceil(bins.length / 12));
      const ticks = chart.integer ? bins.filter((_, i) => i % every === 0).map((b) => b.x0) : undefined;
      svg = Plot.plot({
        width, height: 180, marginLeft: 44, marginBottom: 34,
        x: { label: chart.label, ...(ticks ? { ticks, tickFormat: 'd' } : {}) }, y: { label: 'records', grid: true },
        marks: [
          Plot.rectY(bins, { x1: (b: (typeof bins)[number]) => b.x0 - shift, x2: (b: (typeof bins)[number]) => b.x1 - shift, y: 'count', fill: '#4c78a8', inset: 0.5, title: (b: (typeof bins)[number]) => (chart.integer ? (unit ? `${b.x0}: ${b.count}` : `${b.x0}–${b.x1 - 1}: ${b.count}`) : `${fmt(b.x0)}–${fmt(b.x1)}: ${b.count}`) }),
          Plot.ruleY([0]),
        ],
      });
      el.replaceChildren(svg);
      svg.querySelectorAll('g[aria-label="rect"] rect').forEach((r, i) => {
        const b = bins[i];
        if (!b || !onPick) return;
        r.setAttribute('class', 'pick');
        r.addEventListener('click', () => onPick({ key: chart.key, range: chart.integer ? [b.x0, b.x1 - 1] : [b.x0, b.x1] }));
      });
    } else {
      const counts = chart.counts.slice(0, TOP);
      svg = Plot.plot({
        width, height: Math.max(80, 20 * counts.length + 40), marginLeft: Math.min(240, 12 + 6.5 * Math.max(4, ...counts.map((c) => c.label.length))), marginRight: 40,
        x: { label: chart.measure ?? 'records', grid: true }, y: { label: null, domain: counts.map((c) => c.label) },
        marks: [
          Plot.barX(counts, { y: 'label', x: 'count', fill: '#72b7b2', title: (c: (typeof counts)[number]) => `${c.label}: ${c.count}` }),
          Plot.text(counts, { y: 'label', x: 'count', text: (c: (typeof counts)[number]) => String(c.count), dx: 4, textAnchor: 'start' }),
          Plot.ruleX([0]),
        ],
      });
      el.replaceChildren(svg);
      svg.querySelectorAll('g[aria-label="bar"] rect').forEach((r, i) => {
        const c = counts[i];
        if (!c || !onPick) return;
        r.setAttribute('class', 'pick');
        r.addEventListener('click', () => onPick({ key: chart.key, label: c.label }));
      });
    }
  };
  const more = chart.kind === 'cat' && chart.counts.length > TOP ? chart.counts.length - TOP : 0;
  return (
    <figure class="chart" data-key={chart.key}>
      <figcaption>{chart.label}{chart.help ? <span class="help"> — {chart.help}</span> : null}</figcaption>
      <div ref={ref} />
      {failed ? <p class="error" role="alert">{failed}</p> : null}
      {chart.missing || more ? <div class="note">{chart.missing ? `${chart.missing} without a value` : ''}{chart.missing && more ? '; ' : ''}{more ? `${more} more labels not drawn` : ''}</div> : null}
    </figure>
  );
}
