// The Case2Code pipeline's public surface: re-exports only.
export { runCase2Code, type RunDeps } from './pipeline.js';
export { DEFAULTS as CASE2CODE_DEFAULTS, normaliseOptions as normaliseCase2CodeOptions, Case2CodeOptionsError, type Case2CodeOptions } from './options.js';
export type { Case2CodeReport } from './report.js';
export type { InputSource, DropReason, WorkRecord } from './types.js';
export { Case2CodeRecordSchema, CaseSchema as Case2CodeCaseSchema, CASE2CODE_SCHEMA_VERSION, type Case2CodeRecord, type Case2CodeCase } from './record.js';
export { expectedText } from './expected.js';
export { selectCases, type Choosable, type SelectOptions, type Selection } from './selection.js';
export { TEMPLATES } from './templates.js';
export { CASE_FORMATS } from './formats.js';
export { readGivenJobs, parseGold, type GoldOutput } from './given_inputs.js';
export type { FunctionJob, JobScope } from './job.js';
export { wholeProgram } from './job.js';
