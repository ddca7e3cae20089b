// Parsers of command-line flag values shared by the commands: a bad value is a usage error naming the flag.
import { CaseforgeError } from '../errors.js';

/** Commander's parser for an integer flag `--NAME`. */
export const intFlag = (flag: string) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new CaseforgeError('usage', `--${flag} must be an integer, got '${v}'`);
  return n;
};
