// Decontamination's public surface: re-exports only.
export { Decontaminator, type Checked, type DecontamSetup, type Match } from './decontaminate.js';
export { decontaminateDataset, decontaminateFolders, type DatasetRun } from './dataset.js';
export { BENCHMARKS, DECONTAM_DEFAULTS, DecontamError, RULES, normaliseDecontamOptions, parseAgainstFile, type AgainstFile, type BenchmarkName, type DecontamOptions, type Rule } from './options.js';
export { buildReport, cardSection, type DecontamReport, type RemovedRow } from './report.js';
export { viewOf, type RecordView } from './view.js';
export { codeTokens, normaliseText } from './tokens.js';
