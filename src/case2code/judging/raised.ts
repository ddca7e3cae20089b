// Which exceptions a record may show: those the function's own checks raise (a `raise` or `assert`
// in its code, or in library code it calls to validate), and a value an operation refused
// (`int('x')`, a division by zero); not Python rejecting an operand of the wrong type somewhere in
// the body (`'a' + 1`, `None.split`, a missing key), which says nothing about the function.
import type { ExceptionOrigin } from '../../exec/types.js';

/** `kind:where`, plus `:value` for a ValueError/ArithmeticError: what a record's case keeps of an origin. */
export function originText(o: ExceptionOrigin | undefined): string | null {
  return o ? `${o.kind}:${o.where}${o.value_error ? ':value' : ''}` : null;
}

const WRONG_TYPE = /(^|\.)(TypeError|AttributeError)$/;

export type ErrorSource = 'own' | 'value' | 'mistyped';

/** Where an error case's exception came from, from its type and origin text (null: unknown). */
export function errorSource(type: string, origin: string | null): ErrorSource {
  if (!origin) return 'mistyped';
  const [kind, where, value] = origin.split(':');
  if (where === 'call') return 'mistyped'; // the call itself did not fit the signature
  if (kind === 'raise') return where === 'program' || !WRONG_TYPE.test(type) ? 'own' : 'mistyped';
  return value === 'value' ? 'value' : 'mistyped';
}

export const mayShow = (type: string, origin: string | null): boolean => errorSource(type, origin) !== 'mistyped';
