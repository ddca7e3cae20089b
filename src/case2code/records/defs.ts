// Top-level function definitions of Python source text, found by layout alone (a `def` at column 0,
// with its decorators, up to the next line at column 0 that is not a comment or blank): what a
// record's target is, and which definitions a record's prompt and completion contain, for the
// split's leak check. Text in, text out: nothing is parsed or run.

export interface DefBlock {
  name: string;
  /** The block's text: decorators, `def` line and body, trailing blank lines cut. */
  text: string;
}

const DEF = /^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/;

export function topLevelDefs(source: string): DefBlock[] {
  const lines = source.split('\n');
  const out: DefBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = DEF.exec(lines[i]);
    if (!m) continue;
    let start = i;
    while (start > 0 && lines[start - 1].startsWith('@')) start--;
    let end = i + 1;
    // Continuation of the signature and the body: indented, blank, or a closing bracket at column 0.
    while (end < lines.length && (lines[end] === '' || /^[\s)\]}]/.test(lines[end]) || lines[end].startsWith('#'))) end++;
    while (end > i + 1 && (lines[end - 1].trim() === '' || lines[end - 1].startsWith('#'))) end--;
    out.push({ name: m[1], text: lines.slice(start, end).join('\n').replace(/[ \t]+$/gm, '') });
    i = end - 1;
  }
  return out;
}

/** A definition's text with its own name made neutral, so that a renamed copy (`f`) matches. */
export function neutralText(block: DefBlock): string {
  return block.text.replace(new RegExp(`\\b${block.name}\\b`, 'g'), '\u0000');
}
