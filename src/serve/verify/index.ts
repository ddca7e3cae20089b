// The families /verify scores, by name. A new family plugs in with one entry here and one module
// beside these.
import type { Family } from './family.js';
import { case2codeFamily } from './case2code.js';
import { cruxInputFamily, cruxOutputFamily } from './cruxeval.js';
import { humanevalFamily } from './humaneval.js';
import { ds1000Family } from './ds1000.js';
import { inputFamily, outputFamily } from './prediction.js';

export const FAMILIES: ReadonlyMap<string, Family> = new Map<string, Family>(
  [case2codeFamily, outputFamily, inputFamily, cruxOutputFamily, cruxInputFamily, humanevalFamily, ds1000Family].map((f) => [f.name, f as unknown as Family]),
);

export function familyNamed(name: string): Family | undefined {
  return FAMILIES.get(name);
}

export type { Family, ResolvedTask } from './family.js';
