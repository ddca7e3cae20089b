// Removes compiled files whose source is gone (a module moved or deleted), before the build: tsc
// never deletes its old outputs, and a stale test file under dist/test would still be run (against
// stale modules) by run-tests.mjs. Only tsc's own outputs (a .js with its .d.ts beside it) and the
// Python copies of copy-python.mjs are touched.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

let removed = 0;
function walk(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!existsSync(path)) continue; // removed with its .d.ts earlier in this listing
    if (statSync(path).isDirectory()) { walk(path); continue; }
    const source = relative('dist', path);
    if (name.endsWith('.d.ts')) {
      const stem = source.slice(0, -'.d.ts'.length);
      if (existsSync(`${stem}.ts`) || existsSync(`${stem}.tsx`)) continue;
      const out = path.slice(0, -'.d.ts'.length);
      for (const f of [`${out}.js`, `${out}.js.map`, `${out}.d.ts`, `${out}.d.ts.map`]) if (existsSync(f)) { rmSync(f); removed++; }
    } else if (name.endsWith('.py') && !existsSync(source)) {
      rmSync(path);
      removed++;
    }
  }
}
for (const top of ['src', 'test', 'bench']) walk(join('dist', top));
if (removed > 0) console.log(`prune-dist: removed ${removed} compiled files whose source is gone`);
