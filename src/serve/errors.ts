// The server's two kinds of fault: its own setup (bad options, unreadable --data: the CLI prints one
// line), and a request it refuses (an HTTP status, the reason, and the field when one is to blame).
import type { z } from 'zod';
import { CaseforgeError, type ErrorCode } from '../errors.js';

/** The server cannot start as asked: a bad option (`usage`), an unusable --data (`input`). */
export class ServeError extends CaseforgeError {
  override name = 'ServeError';
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

export class RequestFault extends Error {
  override readonly name = 'RequestFault';
  constructor(
    readonly statusCode: number,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** `items.3.task.cases` style path of a zod issue, under `prefix`. */
function pathOf(prefix: string, path: PropertyKey[]): string {
  return [prefix, ...path.map(String)].filter(Boolean).join('.');
}

/** Parses `raw` with `schema`, or throws a 400 naming the first bad field and why. */
export function parseOr400<T>(schema: z.ZodType<T>, raw: unknown, prefix = ''): T {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = pathOf(prefix, issue.path) || 'body';
  throw new RequestFault(400, `${field}: ${issue.message}`, field);
}
