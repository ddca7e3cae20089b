// Public surface of sources: mining Python functions for Case2Code.
export type { MinedFunction, ParamInfo, Origin } from './types.js';
export { mineFunctions } from './mine.js';
export { MiningStats } from './stats.js';
export { MINE_DEFAULTS, OVER_CAP, resolveMineOptions, type MineOptions, type DedupOptions, type ResolvedMineOptions, type OverCap } from './options.js';
export { minerExecutorOptions, MinerSetupError, MINER_PYTHON_DIR, type MinerExecutor } from './miner.js';
export { readSources, type SourceUnit } from './readers.js';
export { countUnits } from './estimate.js';
export { Deduper, type DedupVerdict } from './dedup.js';
export { stdlibDir, stdlibSource, STDLIB_EXCLUDES } from './stdlib.js';
