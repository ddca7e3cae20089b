// What the pipeline processes per function: a mined function or a test-format row, in one shape.
import type { MinedFunction, Origin } from '../../sources/types.js';
import type { GoldOutput } from './given_inputs.js';

/** What a sample's code is made of: the completion a model writes and the context its prompt shows. */
export interface JobScope {
  /** What runs: `context` followed by `completion`. */
  program: string;
  /** The code a model writes: the function with what it needs, or the function alone when its
   *  helpers are `context`; never longer than `--max-completion-lines`. */
  completion: string;
  /** Code the prompt shows and the completion may call; '' when none. */
  context: string;
  /** Lines of `completion`, and how many of them are the function's own `def` and body. */
  completionLines: number;
  targetLines: number;
}

export interface FunctionJob extends JobScope {
  /** Content hash of the program: equal programs are duplicates. */
  id: string;
  name: string;
  origin: Origin;
  doctests?: Array<{ call: string; expected: string }>;
  /** `--inputs given`: the Python text listing the inputs (`examples = [dict(...), ...]`). */
  givenText?: string;
  /** `--inputs given`: the reference's outputs, one per input (null where unreadable). */
  gold?: Array<GoldOutput | null>;
  license?: string;
}

export function jobOfMined(fn: MinedFunction): FunctionJob {
  return {
    id: fn.id, name: fn.name, program: fn.program, completion: fn.completion, context: fn.context,
    completionLines: fn.completionLines, targetLines: fn.targetLines,
    origin: fn.origin, doctests: fn.doctests, license: fn.origin.license,
  };
}

export const lineCount = (text: string): number => (text.trim() ? text.replace(/\n+$/, '').split('\n').length : 0);

/**
 * The scope of a program taken as it is (a test-format row): all of it is the completion. The
 * target is the `def name` (with its decorators) through the last line of its indented body, read
 * from the text: a row holds imports and one function, and its code is never parsed here.
 */
export function wholeProgram(program: string, name: string): JobScope {
  const lines = program.replace(/\n+$/, '').split('\n');
  const start = lines.findIndex((l) => new RegExp(`^(async\\s+)?def\\s+${name.replace(/[^\w]/g, '')}\\s*\\(`).test(l));
  let targetLines = lineCount(program);
  if (start >= 0) {
    let first = start;
    while (first > 0 && lines[first - 1].startsWith('@')) first--;
    let end = start;
    let quote: string | null = null;
    for (let i = start + 1; i < lines.length; i++) {
      const line = lines[i];
      // A line at column 0 ends the body, unless a triple-quoted string is still open.
      if (quote === null && line.trim() && !/^\s/.test(line) && !line.startsWith('#')) break;
      for (const m of line.matchAll(/"""|'''/g)) quote = quote === null ? m[0] : quote === m[0] ? null : quote;
      if (line.trim()) end = i;
    }
    targetLines = end - first + 1;
  }
  return { program, completion: program, context: '', completionLines: lineCount(program), targetLines };
}
