// Whether a case's arguments are of the kinds a caller would pass: a parameter whose default or
// annotation says bool, a number, str or bytes gets a value of that kind (or None); without either,
// a name that says text (`s`, `name`, `*_str`) gets str or bytes, one that says a flag a bool, a
// plural of things (`libnames`, `email_header_fields`) or a name that says several (`split_command`,
// `chunk`) a list, tuple, set or dict. The fuzzer
// explores other types on purpose (they find the function's own checks), but a sample whose shown
// cases pass `quote=['utf-8', '123']` or `sign=[5, 6, 12]` teaches the reader a caller that does not
// exist; selection prefers the cases this calls plausible (selection.ts), and keeps others only where
// they add what no plausible case does. Whole-number names (`year`, `pos`, `*_count`) take ints. Last
// comes what the fuzzer's static evidence says clearly (`cb[0][0]`, `len(cb)`: a sequence, however well
// a string happens to work; `ord(c) < max`: a whole number; `function(value, element)`: a callable). `self` and `other` of unlike kinds are
// implausible together. An expectation no successful call meets is set aside (`oddRuns`).
import type { ParamShape } from '../tooling.js';
import type { Arg } from '../types.js';

type Kind = 'bool' | 'number' | 'int' | 'str' | 'bytes' | 'text' | 'seq' | 'callable';

// `n: int` takes whole numbers (a float passes at run time, but no caller the annotation describes sends one).
const ANNOTATED: Record<string, Kind> = { bool: 'bool', int: 'int', float: 'number', str: 'str', bytes: 'bytes' };

/** The kind of a literal's text (null: another kind, or no literal at all). */
function kindOf(text: string): Kind | 'none' | null {
  const t = text.trim();
  if (t === 'None') return 'none';
  if (t === 'True' || t === 'False') return 'bool';
  if (/^[-+]?(\d[\d_]*\.?\d*(e[-+]?\d+)?|\.\d+(e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|0b[01]+)$/i.test(t)) return 'number';
  if (/^[rRuU]?("|')/.test(t)) return 'str';
  if (/^([bB][rR]?|[rR][bB])("|')/.test(t)) return 'bytes';
  return null;
}

/** Names that say a string (or bytes: `text`), or a flag, when nothing else does. */
const TEXT_NAME = /^(s|str|string|text|name|word|line|prefix|suffix|sep|path|filename|url|msg|message|pattern|header|source|src|cmd|command|package|modname|encoding|errors|charset|value_?str|\w+_(str|string|name|text|path|line))$/i;
const FLAG_NAME = /^(is_\w+|has_\w+|flag|verbose|strict|quiet|debug|reverse)$/i;
/** Names of whole numbers: calendar and clock fields, counts, sizes, positions. A float is odd for them
 *  (`_ymd2ord(year=2.5)`), a list more so. */
const INT_NAME = /^((max|min)_?(len|line_?len|size|width|count|lines|depth|level)|red|green|blue|year|month|day|hour|minute|second|weekday|yday|n|count|num|length|width|height|size|index|idx|pos|offset|lineno|level|depth|start|stop|begin|end|lo|hi|\w+_(count|len|length|size|index|idx|pos|lineno|year|month|week|day|weekday|hour|minute|second)|n_\w+|num_\w+)$/i;
/** Plural names of things that come several at a time: a list, tuple, set or dict of them. */
const SEQ_NAME = /(names|fields|paths|files|items|urls|ids|keys|parts|elements|choices|headers|strings|tokens|numbers|nums)$|^split_\w+|(^|_)(chunk|batch|argv|list|seq)$/i;

/** What kind a parameter takes, from its annotation, its default, or else its name (undefined: anything). */
function expected(p: ParamShape): Kind | undefined {
  const ann = p.annotation?.trim().replace(/^['"]|['"]$/g, '');
  if (ann && ANNOTATED[ann]) return ANNOTATED[ann];
  if (p.default !== undefined) {
    const k = kindOf(p.default);
    return k === null || k === 'none' ? undefined : k;
  }
  if (SEQ_NAME.test(p.name)) return 'seq';
  if (TEXT_NAME.test(p.name)) return 'text';
  if (FLAG_NAME.test(p.name)) return 'bool';
  if (INT_NAME.test(p.name)) return 'int';
  return p.evidence;
}

/** A number literal that is not a whole number: `2.5`, `1e3`, `3j` (`0x1e` is). */
function isFloatText(text: string): boolean {
  const t = text.trim();
  return !/^[-+]?0[xob]/i.test(t) && /[.eEjJ]/.test(t);
}

/** The kind of any argument's text, containers included, for comparing two arguments. */
function broadKind(text: string): string {
  const t = text.trim();
  return kindOf(t) ?? (t.startsWith('[') || t.startsWith('(') ? 'seq' : t.startsWith('{') ? 'map' : 'other');
}

/** Operands of one binary operation (`self` and `other` in `_le_from_ge(self, other)`) of unlike kinds:
 *  one such case shows `NotImplemented`, more show a caller that does not exist. */
function unlikeOperands(params: ParamShape[], args: Arg[], paramOf: ReturnType<typeof paramFinder>): boolean {
  if (!params.some((p) => p.name === 'self') || !params.some((p) => p.name === 'other')) return false;
  const kinds = new Map<string, string>();
  args.forEach((a, i) => {
    const p = paramOf(a, i);
    if (p && (p.name === 'self' || p.name === 'other')) kinds.set(p.name, broadKind(a[1]));
  });
  const [x, y] = [kinds.get('self'), kinds.get('other')];
  return x !== undefined && y !== undefined && x !== 'none' && y !== 'none' && x !== y;
}

function paramFinder(params: ParamShape[]): (a: Arg, i: number) => ParamShape | undefined {
  const positional = params.filter((p) => p.kind === 'positional_only' || p.kind === 'positional_or_keyword');
  return ([name]: Arg, i: number) => (name === null ? positional[i] : params.find((q) => q.name === name));
}

/** The parameters whose argument is of another kind than they take (`self+other` for unlike operands).
 *  `usual`: for parameters nothing else gives a kind, the broad kind most successful calls pass. */
export function oddParams(params: ParamShape[], args: Arg[], usual?: Map<string, string>): string[] {
  const paramOf = paramFinder(params);
  const out: string[] = unlikeOperands(params, args, paramOf) ? [OPERANDS] : [];
  args.forEach(([name, text], i) => {
    const p = paramOf([name, text], i);
    if (!p) return;
    const want = expected(p);
    if (want ? oddFor(want, text) : unusual(usual?.get(p.name), text)) out.push(p.name);
  });
  return out;
}

function unusual(kind: string | undefined, text: string): boolean {
  if (kind === undefined) return false;
  const got = broadKind(text);
  return got !== 'none' && got !== kind;
}

/** For each parameter without an expected kind, the broad kind (a number, str, bytes, a sequence, a
 *  mapping, a flag, something else) that most successful calls pass (two in five at least): `get_short_le(b)`
 *  shown seven lists of ints and three byte strings, or `_le_from_ge(self, other)` shown numbers beside
 *  lists, lambdas and strings, reads as noise, not as one function's callers. */
function usualKinds(params: ParamShape[], runs: Array<{ args: Arg[]; ok: boolean }>): Map<string, string> {
  const paramOf = paramFinder(params);
  const counts = new Map<string, Map<string, number>>();
  for (const r of runs) {
    if (!r.ok) continue;
    r.args.forEach((a, i) => {
      const p = paramOf(a, i);
      if (!p || expected(p)) return;
      const k = broadKind(a[1]);
      if (k === 'none') return;
      const m = counts.get(p.name) ?? new Map<string, number>();
      m.set(k, (m.get(k) ?? 0) + 1);
      counts.set(p.name, m);
    });
  }
  const out = new Map<string, string>();
  for (const [name, m] of counts) {
    const total = [...m.values()].reduce((x, y) => x + y, 0);
    const [[kind, n], [, second]] = [...m.entries(), ['', 0] as [string, number]].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    if (m.size > 1 && n * 5 >= total * 2 && n > second) out.set(name, kind);
  }
  return out;
}

const OPERANDS = 'self+other';

function oddFor(want: Kind, text: string): boolean {
  const got = kindOf(text);
  if (want === 'text') return got !== 'none' && got !== 'str' && got !== 'bytes';
  // Bytes are a sequence of numbers (`input[:3] == codecs.BOM_UTF8`), as a list of them is.
  if (want === 'seq') return got !== 'none' && got !== 'bytes' && !/^\s*[[({]/.test(text);
  if (want === 'int') return got !== 'none' && (got !== 'number' || isFloatText(text));
  // A literal (a number, a string, a list) where the body calls the parameter (`function(value, element)`).
  if (want === 'callable') return got !== 'none' && (got !== null || /^\s*[[({]/.test(text));
  return got !== 'none' && got !== want;
}

/** Some argument is of another kind than its parameter takes. */
export function oddArgs(params: ParamShape[], args: Arg[]): boolean {
  return oddParams(params, args).length > 0;
}

/** Which runs are implausible, judged only by the expectations some successful run meets: a
 *  parameter that no call returning a value gets the expected kind for (`dt`, which the docstring's
 *  "date" makes text, takes date objects) has an expectation that says nothing about the calls. */
export function oddRuns(params: ParamShape[], runs: Array<{ args: Arg[]; ok: boolean }>): boolean[] {
  const usual = usualKinds(params, runs);
  const odd = runs.map((r) => oddParams(params, r.args, usual));
  const met = new Set<string>();
  for (const p of [...params.map((q) => q.name), OPERANDS]) {
    if (runs.some((r, i) => r.ok && !odd[i].includes(p))) met.add(p);
  }
  return odd.map((names) => names.some((n) => met.has(n)));
}
