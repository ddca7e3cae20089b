// The Case2Code settings of `npm run bench:scale`: fewer fuzz rounds, mutants and pool cases than the
// default (the issue allows it), about 4 functions/s on Debian's dist-packages on this shared 2-core
// machine at load 4-7 (mining is about half of it: some 4 files read per kept function), so 20,000
// functions take over an hour here (runs of 100-300 functions at load 3 went 10-18 functions/s). Memory
// is what the benchmark measures; these settings change the work per function, not what is kept in
// memory per function. The per-function budget is scaled with them: the default 1,000 ms is about
// three times the median function's work at the default settings (341 ms on the standard library);
// these settings ask about a quarter of that work (a median of 84 ms on this corpus), so 250 ms is
// the same budget for them (at 1,000 ms it binds on 0.1% of the functions, 2 of 2,000).
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
  budgetMs: 250,
};
