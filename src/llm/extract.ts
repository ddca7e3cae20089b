// Code out of chatty replies: fenced blocks (``` or ~~~, with an info string), a preferred language,
// and a clear ExtractionError naming the reason when a reply has none. Nothing is ever evaluated.

import { CaseforgeError } from '../errors.js';

export type ExtractionReason = 'no_code_block' | 'no_preferred_language' | 'no_literal' | 'unbalanced';

/** A reply with no usable answer (the project's error class, code `reply`); `reason` says which. */
export class ExtractionError extends CaseforgeError {
  override name = 'ExtractionError';
  constructor(readonly reason: ExtractionReason, message: string) {
    super('reply', message);
  }
}

export interface CodeBlock {
  /** Lower-cased first word of the info string; '' when the fence has none. */
  language: string;
  code: string;
  /** False when the reply ended before the closing fence (often a reply cut at max_tokens). */
  closed: boolean;
  /** Offset of the opening fence in the reply. */
  start: number;
}

const OPEN = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^`\n]*$/;
const CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const ALIASES: Record<string, string> = { py: 'python', python3: 'python', py3: 'python', ipython: 'python', ipython3: 'python' };

function canonicalLanguage(lang: string): string {
  const l = lang.toLowerCase().replace(/^\{?\.?/, '').replace(/\}$/, '');
  return ALIASES[l] ?? l;
}

/** Every fenced block, in reply order. A line ending in the fence closes a block too, as models write. */
export function extractCodeBlocks(text: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let open: { fence: string; language: string; start: number; body: string[] } | undefined;
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lineStart = offset;
    offset += raw.length + 1;
    if (!open) {
      const m = OPEN.exec(line);
      if (m) open = { fence: m[1], language: canonicalLanguage(m[2]), start: lineStart, body: [] };
      continue;
    }
    const close = CLOSE.exec(line);
    if (close && close[1][0] === open.fence[0] && close[1].length >= open.fence.length) {
      blocks.push({ language: open.language, code: open.body.join('\n'), closed: true, start: open.start });
      open = undefined;
    } else if (open.fence[0] === '`' && line.trimEnd().endsWith(open.fence) && line.trim() !== open.fence) {
      open.body.push(line.trimEnd().slice(0, -open.fence.length));
      blocks.push({ language: open.language, code: open.body.join('\n'), closed: true, start: open.start });
      open = undefined;
    } else {
      open.body.push(line);
    }
  }
  if (open) blocks.push({ language: open.language, code: open.body.join('\n').replace(/\n+$/, ''), closed: false, start: open.start });
  return blocks;
}

export interface ExtractCodeOptions {
  /** Languages wanted, best first (aliases such as `py` count as `python`). Default: python. */
  prefer?: string[];
  /** Accept a block with no language tag when no preferred one exists (default true). */
  allowUntagged?: boolean;
  /** Accept a block the reply never closed (default true, ranked after closed ones). */
  allowUnclosed?: boolean;
  /** Accept any language as a last resort (default false). */
  allowOther?: boolean;
  /** Which of the equally ranked blocks to take (default 'first'). */
  pick?: 'first' | 'last' | 'longest';
}

/** The one block a pipeline wants from a reply, or an ExtractionError saying why there is none. */
export function extractCode(text: string, options: ExtractCodeOptions = {}): string {
  const prefer = (options.prefer ?? ['python']).map(canonicalLanguage);
  const blocks = extractCodeBlocks(text).filter((b) => b.code.trim() !== '');
  if (blocks.length === 0) {
    throw new ExtractionError('no_code_block', `reply has no fenced code block (${text.length} characters: ${JSON.stringify(text.slice(0, 80))})`);
  }
  const rank = (b: CodeBlock): number => {
    const p = prefer.indexOf(b.language);
    let r = p >= 0 ? p : b.language === '' && options.allowUntagged !== false ? prefer.length : options.allowOther ? prefer.length + 1 : -1;
    if (r < 0) return -1;
    if (!b.closed) r += options.allowUnclosed === false ? -Infinity : prefer.length + 2;
    return r;
  };
  const ranked = blocks.map((b) => ({ b, r: rank(b) })).filter((x) => x.r >= 0);
  if (ranked.length === 0) {
    const langs = [...new Set(blocks.map((b) => b.language || '(untagged)'))].join(', ');
    throw new ExtractionError('no_preferred_language', `reply has code blocks in ${langs}, none in ${prefer.join(' or ')}`);
  }
  const best = Math.min(...ranked.map((x) => x.r));
  const tied = ranked.filter((x) => x.r === best).map((x) => x.b);
  const pick = options.pick ?? 'first';
  if (pick === 'last') return tied[tied.length - 1].code;
  if (pick === 'longest') return tied.reduce((a, b) => (b.code.length > a.code.length ? b : a)).code;
  return tied[0].code;
}
