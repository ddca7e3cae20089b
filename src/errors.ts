// The one error class for faults of the tool itself and for requests it cannot carry out (a bad
// flag, an input that cannot be used at all, a work folder of another run, a missing interpreter).
// Bad rows, functions, contexts and replies are never errors: they are skipped and counted. The
// `code` says what kind of fault it is; the CLI prints the message in one line and exits with the
// code's status, so scripts can tell a typo from a broken machine.

export const ERROR_CODES = {
  /** A flag or option value is wrong (`--n 0`, an unknown benchmark, `--inputs given` with no source). */
  usage: 2,
  /** The LLM settings are wrong or incomplete (no model, a bad base URL, an unreadable config file). */
  config: 2,
  /** An input named by the user cannot be used at all (no such path, not the format asked for). */
  input: 3,
  /** The output folder holds a run made with other arguments. */
  conflict: 4,
  /** The machine lacks something the run needs (interpreter, bubblewrap, a package's data). */
  setup: 5,
  /** A model reply holds no usable answer (callers turn this into a counted drop). */
  reply: 6,
  /** A fault inside caseforge that is not one of the above. */
  internal: 70,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class CaseforgeError extends Error {
  override name = 'CaseforgeError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }

  /** The process exit status the CLI uses for this error. */
  get exitCode(): number {
    return ERROR_CODES[this.code];
  }
}

export function isCaseforgeError(err: unknown): err is CaseforgeError {
  return err instanceof CaseforgeError;
}
