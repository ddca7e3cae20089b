// Looking at the user's folders without trusting them: an entry that cannot be listed or looked
// at (no permission, a dangling link) is reported as bad input and left out, never thrown.
import { readdirSync, statSync } from 'node:fs';
import type { BadRow } from '../store/badinput.js';

/** A folder's entries, sorted; none (and a bad entry) when it cannot be read. */
export function listDir(dir: string, onBad: (bad: BadRow) => void): string[] {
  try {
    return readdirSync(dir).sort();
  } catch (err) {
    onBad({ file: dir, reason: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
    return [];
  }
}

/** What a path is, following links; undefined (and a bad entry) when it cannot be looked at. */
export function kindOf(path: string, onBad: (bad: BadRow) => void): 'dir' | 'file' | 'other' | undefined {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
  } catch (err) {
    onBad({ file: path, reason: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
    return undefined;
  }
}
