// GIFT4Code's public surface: re-exports only.
export { runGift4Code, type Gift4CodeDeps, type Gift4CodeResult } from './pipeline.js';
export { DEFAULTS as GIFT4CODE_DEFAULTS, resolveOptions as resolveGift4CodeOptions, type Gift4CodeOptions } from './options.js';
export { repointContext, loaderCode } from './contexts.js';
export { DEFAULT_SET, defaultDatasetGroups, vegaDataDir } from './datasets.js';
export { parseNotebook } from './notebooks.js';
export { buildPrompt, withSolution, SYSTEM_PROMPT, type Prompt, type PromptInput } from './prompts.js';
export { recordValue } from './samples.js';
export { runnableCells } from './contexts.js';
export { GIFT4CODE_SCHEMA_VERSION, Gift4CodeRecordSchema, EpisodeSchema as Gift4CodeEpisodeSchema, type Gift4CodeRecord, type Gift4CodeEpisode } from './record.js';
export { qualityFigures, type QualityFigures } from './quality.js';
export { recheckOrder, type RecheckResult } from './recheck.js';
export { PYTHON_DIR as GIFT4CODE_PYTHON_DIR, PYTHON_MODULES as GIFT4CODE_PYTHON_MODULES } from './probe.js';
export type { Gift4CodeReport } from './report.js';
export type { ChatMessage as Gift4CodeChatMessage, DataRoot, DatasetRef, Spec, SpecKind } from './types.js';
export { SPEC_KINDS } from './types.js';
