// What every per-function step shares: the executor, the resolved options, the optional LLM writer
// and the versions that go into each record.
import type { Executor } from '../exec/executor.js';
import type { LlmClient } from '../llm/client.js';
import type { Case2CodeOptions } from './options.js';
import type { Case2CodeRecord } from './records/record.js';
import type { Budget } from './running/budget.js';

export interface Context {
  ex: Executor;
  /** For the determinism re-run: the same sandbox with its clock frozen at another moment. */
  recheck: Executor;
  opts: Case2CodeOptions;
  llm?: LlmClient;
  versions: { caseforge: string; python: string };
  /** The function's CPU budget (set per function by processFunction). */
  budget?: Budget;
  /** What every record states it was made under. */
  environment: Case2CodeRecord['metadata']['environment'];
}
