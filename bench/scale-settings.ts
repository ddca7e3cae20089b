// The Case2Code settings of `npm run bench:scale`: fewer fuzz rounds and mutants than the default,
// so that 20,000 functions of Debian's dist-packages finish in well under 20 minutes here. Memory is
// what the benchmark measures; these settings change the work per function, not what is kept in
// memory per function.
import type { Case2CodeOptions } from '../src/case2code/index.js';

export const SCALE_SETTINGS: Partial<Case2CodeOptions> = {
  fuzzRounds: [12, 12],
  maxMutants: 6,
  killRound: 16,
  killRounds: 1,
  sweep: 0,
  rescueRounds: 0,
  scorePool: 40,
  workers: 2,
};
