// Text normalisation for matching. For the substring rule: lower case with whitespace runs made one
// space (a copy re-indented or re-wrapped is still a copy). For n-grams: Python-like code tokens
// with comments dropped and string literals in one quoting style, so `'a'` and `"a"` agree and a
// reformatter's changes of spacing do not matter.

/** Lower case, every run of whitespace one space, trimmed. */
export function normaliseText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

// Order matters: comments, then strings (triple-quoted first, with optional prefixes), then names,
// numbers, multi-character operators, and any other single character.
const TOKEN = new RegExp([
  String.raw`#[^\n]*`,
  String.raw`[rRbBuUfF]{0,2}("""|''')[\s\S]*?\1`,
  String.raw`[rRbBuUfF]{0,2}"(?:\\.|[^"\\\n])*"`,
  String.raw`[rRbBuUfF]{0,2}'(?:\\.|[^'\\\n])*'`,
  String.raw`[A-Za-z_\u00c0-\uffff][\w\u00c0-\uffff]*`,
  String.raw`\d[\w.]*`,
  String.raw`\*\*=?|//=?|>>=?|<<=?|->|:=|[-+*/%&|^@<>=!]=`,
  String.raw`\S`,
].join('|'), 'g');

/** A string literal's body in one canonical quoting: prefix letters, then `"` + contents + `"`. */
function canonicalString(tok: string): string {
  const prefix = /^[rRbBuUfF]*/.exec(tok)![0].toLowerCase();
  const body = tok.slice(prefix.length);
  const q = body.startsWith('"""') || body.startsWith("'''") ? 3 : 1;
  return `${prefix}"${body.slice(q, body.length - q)}"`;
}

/** Code tokens of `text`, comments dropped, strings canonical. */
export function codeTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const t = m[0];
    if (t.startsWith('#')) continue;
    out.push(/^[rRbBuUfF]{0,2}['"]/.test(t) ? canonicalString(t) : t);
  }
  return out;
}

/** Words and symbols of any text (natural language included): how long a benchmark string is. */
export function wordCount(text: string): number {
  return text.match(/\w+|[^\w\s]/g)?.length ?? 0;
}
