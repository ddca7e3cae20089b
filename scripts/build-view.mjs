// Bundles the viewer's page (src/view/app/main.tsx: Preact, Observable Plot, highlight.js, jsdiff)
// into one script and one stylesheet under dist/src/view/assets/, with esbuild. The script is a
// classic (IIFE) script, not a module, so the page also runs when opened from disk (file://).
import { build } from 'esbuild';

await build({
  entryPoints: { app: 'src/view/app/main.tsx' },
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
