// The public API: re-exports only. The executor and the value model are flat; each stage of the
// data's path is a namespace (its names stay short without colliding).
export * from './values/index.js';
export * from './exec/types.js';
export { createExecutor, type Executor } from './exec/executor.js';
export { CaseforgeError, ERROR_CODES, isCaseforgeError, type ErrorCode } from './errors.js';
export { ExecutorError } from './exec/errors.js';
export { DEFAULT_LIMITS, resolveLimits } from './exec/limits.js';
export { runBatch, type BatchLine, type BatchStats } from './exec/batch.js';
export * as store from './store/index.js';
export * as llm from './llm/index.js';
export * as sources from './sources/index.js';
export * as case2code from './case2code/index.js';
export * as gift4code from './gift4code/index.js';
export * as evaluation from './eval/index.js';
export * as decontam from './decontam/index.js';
export * as exporting from './export/index.js';
export * as serve from './serve/index.js';
export * as view from './view/index.js';
