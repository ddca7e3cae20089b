// Prompts. One builder (`buildPrompt`) makes the notebook-linearised text and the chat messages of
// a task from its context cells, schema, intent and (optionally) specification: the code model is
// asked for solutions with it, the training records hold it, and `caseforge eval gift4code` sends it,
// so what a model is trained on is what it is evaluated on. Also the generalist's prompts (intents,
// I/O summaries), our own wording.
import type { ChatMessage, RunFacts, Spec, SpecKind } from './types.js';

/** The notebook form of cells: `# In[ ]:` before each. */
export function linearise(cells: string[]): string {
  return cells.map((c) => `# In[ ]:\n${c.trimEnd()}\n`).join('\n');
}

export function commentBlock(text: string): string {
  return text.split('\n').map((l) => (l.startsWith('#') ? l : `# ${l}`.trimEnd())).join('\n');
}

export const SPEC_TITLES: Record<SpecKind, string> = {
  typedesc: 'Output type',
  examples: 'Input/output examples',
  summary: 'Input/output summary',
};

export const SYSTEM_PROMPT = 'You are a data scientist working in a Jupyter notebook. Write the code of the next cell for the '
  + 'task, in one ```python block; its last line is an expression whose value is the answer.';

export interface PromptInput {
  /** The context's cells, as the record holds them (DATA_ROOT is the placeholder). */
  cells: string[];
  schema: string;
  intent: string;
  /** The I/O specification; absent or null: the intent alone. */
  spec?: Spec | null;
  /** Earlier turns of a multi-turn episode: each its intent (a markdown cell) and its code cell. */
  turns?: Array<{ intent: string; code: string }>;
}

export interface Prompt {
  /** Notebook text ending in the open cell the answer goes into. */
  text: string;
  messages: ChatMessage[];
}

/** The task as a notebook: context cells, the schema, earlier turns, then the intent (and spec) as a markdown cell. */
export function buildPrompt(p: PromptInput): Prompt {
  const turns = (p.turns ?? []).map((t) => `# In[ ]:\n${commentBlock(`Task: ${t.intent}`)}\n\n# In[ ]:\n${t.code.trimEnd()}\n`).join('\n');
  const task = p.spec ? `Task: ${p.intent}\n${SPEC_TITLES[p.spec.kind]}:\n${p.spec.text}` : `Task: ${p.intent}`;
  const text = `${linearise(p.cells)}\n# In[ ]:\n${commentBlock(p.schema)}\n\n${turns ? `${turns}\n` : ''}# In[ ]:\n${commentBlock(task)}\n\n# In[ ]:\n`;
  return { text, messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: text }] };
}

/** The training forms: the notebook with the solution cell filled in, and the chat with it as the reply. */
export function withSolution(prompt: Prompt, code: string): { notebook: string; messages: ChatMessage[] } {
  return {
    notebook: `${prompt.text}${code.trimEnd()}\n`,
    messages: [...prompt.messages, { role: 'assistant', content: `\`\`\`python\n${code.trimEnd()}\n\`\`\`` }],
  };
}

const INTENT_EXAMPLES = `Example, for a dataframe sales with columns region (object), month (datetime64[ns]), units (int64), price (float64):
1. Which region sold the most units in total?
2. For each month, what is the average price, rounded to two decimals?
3. Show the five rows with the highest revenue (units times price), with region and revenue columns; break ties by region.
4. What share of rows has a price above 20?
5. Make a table with regions as rows and months as columns holding the number of units sold.`;

export function intentMessages(cells: string[], schema: string, k: number): ChatMessage[] {
  return [
    { role: 'system', content: 'You are an experienced data scientist who writes realistic analysis questions about data in a Jupyter notebook.' },
    {
      role: 'user',
      content: `Here is the notebook so far:\n\n${linearise(cells)}\n${schema}\n\n${INTENT_EXAMPLES}\n\n`
        + `Write ${k} diverse data-wrangling questions about the dataframes above that a pandas cell can answer. `
        + 'Mix easy ones (one selection or aggregation) with harder ones (grouping with several aggregations, reshaping, joins, derived columns). '
        + 'Use the real column names and values shown. Each question must have one clear answer computed from the data, '
        + 'whatever order the rows are stored in: say how results are ordered and ties broken, and how numbers are rounded. '
        + 'Answer with a numbered list, one question per line, and nothing else.',
    },
  ];
}

/** Questions out of a reply: a JSON array of strings, else numbered or bulleted lines. */
export function parseIntents(reply: string, k: number): string[] {
  const trimmed = reply.trim();
  const arr = trimmed.match(/\[[\s\S]*\]/);
  if (arr) {
    try {
      const parsed = JSON.parse(arr[0]) as unknown;
      if (Array.isArray(parsed) && parsed.every((s) => typeof s === 'string')) return clean(parsed as string[], k);
    } catch { /* not JSON: read lines */ }
  }
  const lines = trimmed.split('\n').map((l) => l.match(/^\s*(?:\d+[.)]|[-*•])\s+(.+)$/)?.[1]).filter((l): l is string => !!l);
  return clean(lines, k);
}

function clean(items: string[], k: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of items) {
    const s = raw.replace(/\s+/g, ' ').replace(/^\*\*|\*\*$/g, '').trim();
    if (s.length < 8 || s.length > 400 || seen.has(s.toLowerCase())) continue;
    seen.add(s.toLowerCase());
    out.push(s);
    if (out.length >= k) break;
  }
  return out;
}

/** The code model's prompt for one intent: the builder's messages without a specification. */
export function solutionMessages(cells: string[], schema: string, intent: string): ChatMessage[] {
  return buildPrompt({ cells, schema, intent }).messages;
}

export function summaryMessages(intent: string, code: string, run: RunFacts): ChatMessage[] {
  const inputs = run.inputs.map((i) => `${i.name} (${i.rows} rows), columns used: ${i.columns.join(', ') || 'all'}\n${i.excerpt}`).join('\n\n');
  return [
    { role: 'system', content: 'You describe what a notebook cell computed, for someone who has not seen the code.' },
    {
      role: 'user',
      content: `Task: ${intent}\n\nCell:\n${code}\n\nInputs it read:\n${inputs || 'none'}\n\n`
        + `Its output (${run.facts.type}):\n${run.head}\n\n`
        + 'In two to four plain sentences, summarise the input data the cell used and the output: its type, shape, columns or index, and what the values mean. '
        + 'Do not include code and do not quote more than two output values.',
    },
  ];
}

/** A summary reply made plain: code fences removed, whitespace collapsed, bounded. */
export function parseSummary(reply: string, maxChars: number): string | undefined {
  const text = reply.replace(/```[\s\S]*?```/g, ' ').replace(/\s+/g, ' ').trim();
  if (text.length < 20) return undefined;
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 4).trimEnd()} ...`;
}
