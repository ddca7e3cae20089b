// What of a record decontamination reads, whatever produced it: the texts a trainer will see (the
// prompt, the completion, the chat turns, a notebook) for the substring rule, the code (a Case2Code
// program, a GIFT4Code solution) for the n-gram rule, and which functions of that code are the
// record's own for the renamed-AST rule (a Case2Code record's target function; all of them else).

export interface RecordView {
  id: string;
  /** What a person reads the record as: a function's name, an intent. */
  label: string;
  texts: Array<{ field: string; text: string }>;
  code: Array<{ field: string; text: string }>;
  /** Names of the functions the AST rule compares; empty: every function of the code. */
  functions: string[];
}

type Row = Record<string, unknown>;

const TEXT_FIELDS = ['prompt', 'completion', 'program', 'code', 'context', 'notebook', 'intent'];
const CODE_FIELDS = ['program', 'code'];

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function fenced(text: string): string | undefined {
  const m = /```(?:python|py)?\s*\n([\s\S]*?)```/.exec(text);
  return m?.[1];
}

export function viewOf(record: unknown, where: string): RecordView {
  const r = (record && typeof record === 'object' ? record : {}) as Row;
  const texts: RecordView['texts'] = [];
  const seen = new Set<string>();
  const add = (field: string, text: unknown) => {
    if (!str(text) || seen.has(text)) return;
    seen.add(text);
    texts.push({ field, text });
  };
  for (const f of TEXT_FIELDS) add(f, r[f]);
  if (Array.isArray(r.messages)) {
    for (const m of r.messages as Row[]) add(`messages.${m?.role ?? '?'}`, m?.content);
  }
  const code = CODE_FIELDS.filter((f) => str(r[f])).map((field) => ({ field, text: r[field] as string }));
  if (!code.length && str(r.completion)) {
    const c = fenced(r.completion);
    if (c) code.push({ field: 'completion', text: c });
  }
  // A Case2Code record (a program and its cases): its own function, under both of its names.
  const functions = str(r.program) && Array.isArray(r.shown) ? [r.name, r.original_name].filter(str) : [];
  const id = str(r.id) || typeof r.id === 'number' ? String(r.id) : where;
  const label = [r.original_name, r.name, r.intent].find(str) ?? '';
  return { id, label: label.slice(0, 120), texts, code, functions };
}
