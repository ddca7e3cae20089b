// The page's built files (scripts/build-view.mjs bundles src/view/app/ with esbuild into
// dist/src/view/assets/) and the one HTML page both the server and a static bundle serve.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CaseforgeError } from '../errors.js';

export const ASSET_DIR = fileURLToPath(new URL('./assets/', import.meta.url));
export const ASSETS = ['app.js', 'plot.js', 'app.css'] as const;

export function asset(name: (typeof ASSETS)[number]): Buffer {
  const path = ASSET_DIR + name;
  if (!existsSync(path)) throw new CaseforgeError('setup', `the viewer's page is not built (${path} is missing): run npm run build`);
  return readFileSync(path);
}

/** The page. `data` names the static bundle's data scripts to load first (none when served). */
export function pageHtml(title: string, data: string[] = []): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)} · caseforge view</title>`,
    // No icon to fetch: a browser's request for /favicon.ico would only log a 404.
    '<link rel="icon" href="data:,">',
    '<link rel="stylesheet" href="assets/app.css">',
    '</head>',
    '<body>',
    '<div id="app"></div>',
    // A static bundle's data scripts hand their JSON to this before the page's script runs.
    ...(data.length ? ['<script>window.__cfData={};window.__cfWait={};window.__cf=function(k,v){window.__cfData[k]=v;(window.__cfWait[k]||[]).forEach(function(f){f(v)});delete window.__cfWait[k]}</script>'] : []),
    ...data.map((d) => `<script src="${esc(d)}"></script>`),
    '<script src="assets/app.js"></script>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
