// `--inputs given`: functions and inputs from the Case2Code test format (`code`, `func_name`,
// `example_str`, `example_outputs`, `id`). The inputs are parsed from `example_str` by the Python
// tool in the sandbox; the gold outputs are kept to check ours against them.
import { readJsonl, type BadLine } from '../store/jsonl.js';
import { contentId } from '../store/hash.js';
import { wholeProgram, type FunctionJob } from './job.js';

export interface GoldOutput {
  status: 'ok' | 'error';
  /** repr of the return, or the exception's message. */
  text: string;
  /** Exception type's last component for errors. */
  exception?: string;
}

interface TestRow {
  code?: unknown;
  func_name?: unknown;
  example_str?: unknown;
  example_outputs?: unknown;
  id?: unknown;
}

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

/** Reads test-format rows as jobs; a row without code or name is reported through `onBad`. */
export async function* readGivenJobs(path: string, onBad: (bad: BadLine) => void): AsyncGenerator<FunctionJob> {
  let row = 0;
  for await (const r of readJsonl<TestRow>(path, onBad)) {
    row++;
    if (typeof r.code !== 'string' || typeof r.func_name !== 'string' || typeof r.example_str !== 'string') {
      onBad({ path, line: row, reason: 'missing code, func_name or example_str' });
      continue;
    }
    const outputs = Array.isArray(r.example_outputs) ? r.example_outputs.map(parseGold) : [];
    yield {
      id: contentId(`${r.func_name}\n${r.code}`),
      name: r.func_name,
      ...wholeProgram(r.code, r.func_name),
      origin: { path, row, rowId: typeof r.id === 'string' ? r.id : undefined, line: 1 },
      givenText: r.example_str,
      gold: outputs,
    };
  }
}
