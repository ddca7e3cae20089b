// The interface both generators implement: candidates (intent + solution code) for a context,
// and an I/O summary per kept solution (the LLM writes it; offline builds it from the values).
import type { Session } from '../exec/types.js';
import type { SchemaInfo } from './schema.js';
import type { Candidate, GeneratorKind, RunFacts } from './types.js';
import type { WorkLog } from './worklog.js';

export interface GenerateInput {
  /** The context's cells in portable form (what prompts show). */
  cells: string[];
  /** Frames and columns the context's analysis cells defined. */
  historyNames: string[];
  schema: SchemaInfo;
  session: Session;
  seed: number;
  /** Where LLM replies are cached for resumption. */
  log: WorkLog;
}

export interface CandidateBatch {
  candidates: Candidate[];
  /** Drop reasons of items that produced no candidate (`intents_failed:rate_limit`, `no_code_block`). */
  failures: string[];
  /** True when an item failed for a reason a later run may not hit (endpoint faults): retry on resume. */
  incomplete: boolean;
}

export type SummaryResult = { ok: true; text: string } | { ok: false; reason: string; transient: boolean };

export interface Generator {
  readonly kind: GeneratorKind;
  readonly models: { intents?: string; solutions?: string; summaries?: string } | undefined;
  candidates(input: GenerateInput): Promise<CandidateBatch>;
  /** LLM summary of one run; absent: the offline deterministic summary is used. */
  summarize?(intent: string, code: string, run: RunFacts, log: WorkLog, key: string): Promise<SummaryResult>;
}
