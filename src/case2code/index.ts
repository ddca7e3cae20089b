// The Case2Code pipeline's public surface: re-exports only.
export { runCase2Code, type RunDeps } from './pipeline.js';
export { DEFAULTS as CASE2CODE_DEFAULTS, normaliseOptions as normaliseCase2CodeOptions, Case2CodeOptionsError, type Case2CodeOptions } from './options.js';
export type { Case2CodeReport } from './export/report.js';
export type { InputSource, DropReason, WorkRecord } from './types.js';
export { Case2CodeRecordSchema, CaseSchema as Case2CodeCaseSchema, CASE2CODE_SCHEMA_VERSION, type Case2CodeRecord, type Case2CodeCase } from './records/record.js';
export { expectedText } from './records/expected.js';
export { selectCases, type Choosable, type SelectOptions, type Selection } from './selection/selection.js';
export { TEMPLATES } from './records/templates.js';
export { CASE_FORMATS } from './records/formats.js';
export { readGivenJobs, parseGold, type GoldOutput } from './inputs/given_inputs.js';
export type { FunctionJob, JobScope } from './inputs/job.js';
export { wholeProgram } from './inputs/job.js';
