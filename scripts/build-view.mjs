// Bundles the viewer's page (src/view/app/main.tsx: Preact, highlight.js, jsdiff) and its charting
// library (src/view/app/plot.ts: Observable Plot, loaded by the first chart) into two scripts and
// one stylesheet under dist/src/view/assets/, with esbuild. The scripts are classic (IIFE) scripts,
// not modules, so the page also runs when opened from disk (file://).
import { build } from 'esbuild';

await build({
  entryPoints: { app: 'src/view/app/main.tsx', plot: 'src/view/app/plot.ts' },
  outdir: 'dist/src/view/assets',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  legalComments: 'eof',
  sourcemap: false,
  logLevel: 'warning',
});
