// Locales that are not installed system-wide, compiled once into a cache folder with glibc's
// `localedef` (Debian's `locales` package holds the sources) and handed to workers through LOCPATH.
// The determinism re-run uses one, so that an output that follows the locale is seen to differ.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** `de_DE.UTF-8` -> the folder holding it compiled (under `cacheDir`), or undefined when it cannot be made. */
export function compiledLocale(name: string, cacheDir = join(tmpdir(), `caseforge-locales-${userInfo().uid}`)): string | undefined {
  const m = /^([A-Za-z]{2,3}_[A-Za-z]{2})\.(UTF-8)$/.exec(name);
  if (!m) return undefined;
  const target = join(cacheDir, name);
  if (existsSync(join(target, 'LC_CTYPE'))) return cacheDir;
  mkdirSync(cacheDir, { recursive: true });
  // Compiled aside and renamed into place, so that two runs starting at once never see half a locale.
  const work = mkdtempSync(join(cacheDir, '.tmp-'));
  try {
    const r = spawnSync('localedef', ['-i', m[1], '-f', m[2], join(work, name)], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0 || !existsSync(join(work, name, 'LC_CTYPE'))) return undefined;
    try {
      renameSync(join(work, name), target);
    } catch {
      if (!existsSync(join(target, 'LC_CTYPE'))) return undefined; // another run won the race otherwise
    }
    return cacheDir;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
