// Jupyter notebooks (nbformat 4; 3 read as well): the code cells, in order, with IPython magics
// and shell escapes commented out so the cells run as plain Python. Outcomes are data: a notebook
// that cannot be read (unreadable, too_large, not_utf8), is not JSON (not_json), is not a notebook
// (not_a_notebook) or has no code is a `{ ok: false, reason, detail }`.
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { checkRow, type BadRow } from '../store/badinput.js';
import { readTextFileSync } from '../store/inputfiles.js';
import { kindOf, listDir } from './walk.js';

export type NotebookParse = { ok: true; cells: string[] } | { ok: false; reason: string; detail?: string };

/** A notebook over this is skipped as too_large (real ones with outputs reach tens of MB). */
export const MAX_NOTEBOOK_BYTES = 64 << 20;

const Text = z.union([z.string(), z.array(z.string())]);
/** A cell: its kind, and for a code cell its text (`source` in nbformat 4, `input` in 3). */
const Cell = z.object({ cell_type: z.string(), source: Text.optional(), input: Text.optional() });
const Notebook = z.union([
  z.object({ cells: z.array(z.unknown()) }),
  z.object({ nbformat: z.literal(3), worksheets: z.array(z.object({ cells: z.array(z.unknown()).optional() })) }),
]);

const textOf = (src: z.output<typeof Text>) => (typeof src === 'string' ? src : src.join(''));

/** Lines IPython would treat specially (`%magic`, `!shell`, `cmd?`) become comments. */
export function stripMagics(code: string): string {
  return code.split('\n').map((line) => {
    const t = line.trimStart();
    return t.startsWith('%') || t.startsWith('!') || /^[\w.]+\?{1,2}$/.test(t) ? `# ${line}` : line;
  }).join('\n');
}

export function parseNotebook(text: string): NotebookParse {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: 'not_json', detail: (err as Error).message.slice(0, 120) };
  }
  const doc = checkRow(Notebook, nb);
  if (!doc.ok) return { ok: false, reason: 'not_a_notebook', detail: doc.reason === 'not_object' ? `top level is ${doc.detail}` : 'no cells list' };
  const raw = 'cells' in doc.row ? doc.row.cells : doc.row.worksheets.flatMap((w) => w.cells ?? []);
  const cells: string[] = [];
  for (const [i, c] of raw.entries()) {
    const isCode = !!c && typeof c === 'object' && (c as { cell_type?: unknown }).cell_type === 'code';
    if (!isCode) continue; // markdown, raw, or not a cell at all: no code in it
    const cell = checkRow(Cell, c);
    if (!cell.ok) return { ok: false, reason: 'not_a_notebook', detail: `code cell ${i + 1}: ${cell.detail}` };
    const src = cell.row.source ?? cell.row.input;
    if (src === undefined) return { ok: false, reason: 'not_a_notebook', detail: `code cell ${i + 1} has no source text` };
    const code = textOf(src);
    if (code.trim()) cells.push(stripMagics(code));
  }
  if (cells.length === 0) return { ok: false, reason: 'no_code_cells' };
  return { ok: true, cells };
}

export function readNotebook(path: string, maxBytes = MAX_NOTEBOOK_BYTES): NotebookParse {
  const file = readTextFileSync(path, maxBytes);
  if (!file.ok) return { ok: false, reason: file.bad.reason, detail: file.bad.detail };
  return parseNotebook(file.text);
}

/** `.ipynb` files under the given directories (or the files themselves), sorted, absolute; an
 *  entry that cannot be looked at (a dangling link, no permission) goes to `onBad`. */
export function findNotebooks(paths: string[], onBad: (bad: BadRow) => void = () => undefined): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const name of listDir(dir, onBad)) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      const kind = kindOf(p, onBad);
      if (kind === 'dir') { if (depth < 3) walk(p, depth + 1); }
      else if (kind === 'file' && name.endsWith('.ipynb')) out.push(p);
    }
  };
  for (const p of paths) {
    const abs = resolve(p);
    const kind = kindOf(abs, onBad);
    if (kind === 'dir') walk(abs, 0);
    else if (kind === 'file') out.push(abs);
  }
  return out;
}

/** Cut points (number of code cells kept): `points` spread over the notebook, the end included. */
export function cutPoints(cellCount: number, points: number): number[] {
  const set = new Set<number>();
  for (let i = 1; i <= points; i++) set.add(Math.max(1, Math.round((cellCount * i) / points)));
  return [...set].sort((a, b) => a - b);
}
