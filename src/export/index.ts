// Trainer exports and dataset folders: re-exports only.
export { exportDataset, ExportError, type ExportOptions, type ExportResult } from './export.js';
export { FORMAT_NAMES, FORMATS, type ExportFormat, type FormatName, type SplitPaths } from './formats.js';
export { exampleOf, promptTurns, answerTurn, ExampleError, type ChatTurn, type TrainingExample } from './examples.js';
export { datasetLayout, readRecords, withCardSection, DatasetError, type DatasetLayout, type RecordSet } from './dataset.js';
