// The charting library as a script of its own (assets/plot.js), loaded by the first chart: Plot
// and its d3 modules are three quarters of the page's code, and the sample list needs none of it,
// so the list's first page does not wait for them to be parsed. Only the marks the charts draw
// are handed over (the rest of Plot is left out of the bundle).
import { barX, plot, rectY, ruleX, ruleY, text } from '@observablehq/plot';

export const PLOT = { barX, plot, rectY, ruleX, ruleY, text };
export type PlotModule = typeof PLOT;

(window as unknown as { __cfPlot: PlotModule }).__cfPlot = PLOT;
