// Case formats: how one case is written in a prompt. `fn` is the function's name, or `f` when the
// template hides it. Every format shows exceptions as `Type: message`.
import type { Case2CodeCase as Case } from './record.js';

export interface CaseFormat {
  id: string;
  /** Whether the format writes the function's name into each case. */
  usesName: boolean;
  render(cases: Case[], fn: string): string;
}

/** `a=1, b=2` from a case's call expression. */
export function argsOf(c: Case): string {
  const open = c.call.indexOf('(');
  return c.call.slice(open + 1, -1);
}

const callOf = (c: Case, fn: string) => `${fn}(${argsOf(c)})`;
const result = (c: Case) => (c.status === 'ok' ? c.output : `raises ${c.output}`);
const lines = (cases: Case[], line: (c: Case, i: number) => string) => cases.map(line).join('\n');

export const CASE_FORMATS: CaseFormat[] = [
  { id: 'dict', usesName: false, render: (cs) => lines(cs, (c) => `Input: ${c.input}, Output: ${c.status === 'ok' ? c.output : `raises ${c.output}`}`) },
  { id: 'call', usesName: true, render: (cs, fn) => lines(cs, (c) => `>>> ${callOf(c, fn)}\n${c.status === 'ok' ? c.output : `Traceback (most recent call last):\n  ...\n${c.output}`}`) },
  {
    id: 'assert', usesName: true,
    render: (cs, fn) => lines(cs, (c) => (c.status === 'ok' ? `assert ${callOf(c, fn)} == ${c.output}` : `# ${callOf(c, fn)} raises ${c.output}`)),
  },
  { id: 'arrow', usesName: false, render: (cs) => lines(cs, (c) => `${c.input} -> ${result(c)}`) },
  { id: 'call-arrow', usesName: true, render: (cs, fn) => lines(cs, (c) => `${callOf(c, fn)} => ${result(c)}`) },
  {
    id: 'numbered', usesName: false,
    render: (cs) => lines(cs, (c, i) => `Example ${i + 1}:\n  Input: ${argsOf(c)}\n  ${c.status === 'ok' ? 'Output' : 'Raises'}: ${c.output}`),
  },
  {
    id: 'table', usesName: false,
    render: (cs) => ['| input | output |', '| --- | --- |', ...cs.map((c) => `| \`${argsOf(c).replace(/\|/g, '\\|')}\` | \`${result(c).replace(/\|/g, '\\|')}\` |`)].join('\n'),
  },
  { id: 'print', usesName: true, render: (cs, fn) => lines(cs, (c) => `print(${callOf(c, fn)})  # ${result(c)}`) },
  {
    id: 'yaml', usesName: false,
    render: (cs) => lines(cs, (c) => `- input: ${argsOf(c)}\n  ${c.status === 'ok' ? 'output' : 'raises'}: ${c.output}`),
  },
  { id: 'bullet', usesName: true, render: (cs, fn) => lines(cs, (c) => `- \`${callOf(c, fn)}\` ${c.status === 'ok' ? 'returns' : 'raises'} \`${c.output}\``) },
  { id: 'given-returns', usesName: false, render: (cs) => lines(cs, (c) => `Given ${argsOf(c) || 'no arguments'}, the function ${c.status === 'ok' ? 'returns' : 'raises'} ${c.output}.`) },
];
