// The Case2Code settings of `npm run bench:scale`: fewer fuzz rounds, mutants and pool cases than the
// default, so that 20,000 functions of Debian's dist-packages finish in about 20 minutes here. Memory
// is what the benchmark measures; these settings change the work per function, not what is kept in
// memory per function.
import type { Case2CodeOptions } from '../src/case2code/index.js';

export const SCALE_SETTINGS: Partial<Case2CodeOptions> = {
  fuzzRounds: [8, 8],
  probe: 4,
  maxMutants: 4,
  killRound: 8,
  killRounds: 0,
  sweep: 0,
  rescueRounds: 0,
  poolSize: 20,
  scorePool: 20,
  workers: 2,
};
