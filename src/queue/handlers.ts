// What a worker does with a shard's units: the pipeline's own per-unit processing function, set up
// once per run (its executors, its options) and reused for every shard of that run.
import type { SandboxChoice } from '../exec/types.js';
import type { PipelineName } from './protocol.js';

export interface WorkerEnv {
  /** Sandbox workers of each executor the processor starts. */
  workers: number;
  sandbox: SandboxChoice;
  /** The bytes of a file the run's jobs name (files.ts); rejects when the queue does not hold it. */
  fetchFile: (sha: string) => Promise<Buffer>;
}

/** A run's processing function on this worker. */
export interface UnitProcessor {
  process(unit: unknown, order: number): Promise<unknown>;
  close(): Promise<void>;
}

export interface PipelineHandler {
  /** Sets up processing for a run from its options (as the job carries them). */
  open(config: unknown, env: WorkerEnv): Promise<UnitProcessor>;
}

export type Handlers = Partial<Record<PipelineName, PipelineHandler>>;
