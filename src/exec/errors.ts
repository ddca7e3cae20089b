// Faults of the executor itself (not outcomes of user code, which are data): the project's one
// error class with its code, `setup` unless said otherwise (no interpreter, no bubblewrap).
import { CaseforgeError, type ErrorCode } from '../errors.js';

export class ExecutorError extends CaseforgeError {
  override name = 'ExecutorError';
  constructor(message: string, options?: { cause?: unknown; code?: ErrorCode }) {
    super(options?.code ?? 'setup', message, options);
  }
}
