// What mining hands to the generators: self-contained Python functions with where they came from.

export interface ParamInfo {
  name: string;
  kind: 'positional_only' | 'positional_or_keyword' | 'var_positional' | 'keyword_only' | 'var_keyword';
  /** Annotation source text, if any (e.g. `list[int]`). */
  annotation?: string;
  /** Default value source text, if any. */
  default?: string;
}

export interface Origin {
  /** File path, or the JSONL/Parquet file the row came from. */
  path: string;
  /** Row number (1-based) in a JSONL/Parquet source; absent for plain Python files. */
  row?: number;
  /** Row id field of the source, when it has one (Case2Code raw `id`, The Stack's blob id). */
  rowId?: string;
  /** Line of the `def` in the module (1-based). */
  line: number;
  /** Licence field of the source row or the package, when known. */
  license?: string;
}

export interface MinedFunction {
  /** Content hash of `name` and `program`: the same function in the same program gets the same id
   *  (a program can define several mined functions, e.g. mutually recursive ones). */
  id: string;
  name: string;
  params: ParamInfo[];
  /** What runs: `context` followed by `completion` (just `completion` when there is no context).
   *  Self-contained: the imports the function uses, the module-level constants and helpers it
   *  references (transitively), the module-level statements that change those globals after their
   *  assignment, and the function itself. Running it defines `name`. */
  program: string;
  /** The code a model writes: the function with what it needs, in module order, at most
   *  `maxCompletionLines` lines; or the function alone (with its own imports) when that is too long
   *  and the helpers went to `context`. */
  completion: string;
  /** Code the prompt shows and the completion may call (imports, constants, helpers); '' when none. */
  context: string;
  /** Lines of `completion`, and how many of them are the function's own source (`source`). */
  completionLines: number;
  targetLines: number;
  /** Globals the program carries with the later module-level statements that change them
   *  (`primes.add(2)`, a loop filling a table, `_init()`), so they hold what the module holds after import. */
  changedGlobals?: string[];
  /** The function's own source (the `def` and its body). */
  source: string;
  docstring?: string;
  /** Doctest examples found in the docstring, as call expressions (`f(1, 2)`) with their expected repr. */
  doctests?: Array<{ call: string; expected: string }>;
  /** Top-level modules the program imports. */
  imports: string[];
  origin: Origin;
  /** Names a corpus row read as missing globals, added as parameters (see src/sources/README.md). */
  lifted?: string[];
}
