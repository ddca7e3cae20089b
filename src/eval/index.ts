// The evaluation harness's public surface: re-exports only.
export { evaluate } from './run.js';
export { EVAL_DEFAULTS, EvalError, normaliseEvalOptions, sourceLabel, type AnswerSource, type EvalOptions, type ResolvedEvalOptions } from './options.js';
export { passAtK, meanPassAtK, PassAtKMean, type TaskCount } from './passk.js';
export { readPredictions, type AnswerSink, type Predictions } from './predictions.js';
export { goldBook, generationBook, SpooledAnswers, sampleKey, type AnswerBook } from './answers.js';
export { generate, type GenerateOptions, type GenerationRow, type Generated } from './generate.js';
export { summarize, SummaryBuilder, LISTED_FAILURES, type EvalSummary, type SummaryFacts, type Failure, type SubsetRow } from './summary.js';
export { summaryMarkdown } from './summary-md.js';
export { loadBenchmark, isBenchName } from './benchmarks/index.js';
export { cruxevalAnswer, ds1000Postprocess, firstCodeBlock, unwrapCode } from './extract.js';
export { ds1000Program } from './benchmarks/ds1000.js';
export { LIBRARY_PRELOAD } from './benchmarks/ds1000-executors.js';
export {
  BENCH_NAMES, type AdapterOptions, type AnswerField, type BenchName, type Benchmark, type SampleResult, type ScoreContext,
  type SpecChoice, type Task, type Verdict, type VerdictStatus,
} from './types.js';
export { familyAnswer, verifyInputPrediction, verifyOutputPrediction, type InputTruth, type OutputTruth } from './families.js';
