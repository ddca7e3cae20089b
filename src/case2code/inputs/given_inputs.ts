// `--inputs given`: functions and inputs from the Case2Code test format (`code`, `func_name`,
// `example_str`, `example_outputs`, `id`). The inputs are parsed from `example_str` by the Python
// tool in the sandbox; the gold outputs are kept to check ours against them.
import { z } from 'zod';
import type { BadRow } from '../../store/badinput.js';
import { jsonlRows } from '../../store/inputfiles.js';
import { contentId } from '../../store/hash.js';
import { wholeProgram, type FunctionJob } from './job.js';

export interface GoldOutput {
  status: 'ok' | 'error';
  /** repr of the return, or the exception's message. */
  text: string;
  /** Exception type's last component for errors. */
  exception?: string;
}

/** A row of the Case2Code test format; other fields (`prompt`, `messages`) are not read here. */
export const TestRowSchema = z.object({
  code: z.string().min(1),
  func_name: z.string().min(1),
  example_str: z.string().min(1),
  example_outputs: z.array(z.unknown()).optional(),
  id: z.union([z.string(), z.number()]).optional(),
});

/** One gold output as the reference wrote it: `{return: json(repr)}` or `{error: '<|EXCEPTION|> json(...)'}`. */
export function parseGold(entry: unknown): GoldOutput | null {
  if (!entry || typeof entry !== 'object') return null;
  const e = entry as { return?: unknown; error?: unknown };
  try {
    if (typeof e.return === 'string') return { status: 'ok', text: JSON.parse(e.return) as string };
    if (typeof e.error === 'string') {
      // What the program printed before raising comes first; the exception follows the marker.
      const at = e.error.indexOf('<|EXCEPTION|>');
      const body = JSON.parse(at >= 0 ? e.error.slice(at + '<|EXCEPTION|>'.length).trim() : e.error) as string;
      const m = /^<class '([\w.]+)'>: ?([\s\S]*)$/.exec(body);
      if (!m) return { status: 'error', text: body, exception: '' };
      return { status: 'error', text: m[2], exception: m[1].slice(m[1].lastIndexOf('.') + 1) };
    }
  } catch {
    return null;
  }
  return null;
}

/** Reads test-format rows as jobs; every other line goes to `onBad` with its line and reason. */
export async function* readGivenJobs(path: string, onBad: (bad: BadRow) => void): AsyncGenerator<FunctionJob> {
  for await (const { line, row: r } of jsonlRows(path, TestRowSchema, { onBad })) {
    const outputs = (r.example_outputs ?? []).map(parseGold);
    yield {
      id: contentId(`${r.func_name}\n${r.code}`),
      name: r.func_name,
      ...wholeProgram(r.code, r.func_name),
      origin: { path, row: line, rowId: r.id !== undefined ? String(r.id) : undefined, line: 1 },
      givenText: r.example_str,
      gold: outputs,
    };
  }
}
