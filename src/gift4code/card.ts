// README.md of the dataset: the Hub's YAML header (configs, features, licence), then what the records
// are, how they were made and checked, what they hold, and how to use them elsewhere.
import { cardHeader } from '../store/card.js';
import type { DatasetFiles } from '../store/dataset.js';
import type { Gift4CodeExportRow } from './dataset.js';
import type { Gift4CodeReport } from './report.js';

function table(map: Record<string, number>): string {
  const rows = Object.entries(map);
  return rows.length ? ['| key | count |', '| --- | ---: |', ...rows.map(([k, v]) => `| ${k.replace(/\|/g, '\\|')} | ${v} |`)].join('\n') : '(none)';
}

export function datasetCard(report: Gift4CodeReport, datasetNames: Iterable<string>, example: Gift4CodeExportRow | undefined, files: DatasetFiles): string {
  const datasets = [...datasetNames].sort();
  const drops = Object.fromEntries(Object.entries(report.counts).filter(([k]) => k.startsWith('dropped') || k.startsWith('contexts_skipped')));
  // The records hold excerpts of the source data (schemas, heads, examples), whose licences vary by
  // dataset, next to code written by the generator: no one Hub licence id covers that.
  return `${cardHeader({
    prettyName: 'caseforge GIFT4Code samples', license: 'other', licenseName: 'per-dataset-licences', language: ['en'],
    taskCategories: ['text-generation'], tags: ['code', 'data-science', 'pandas', 'gift4code', 'caseforge'],
  }, files)}
# GIFT4Code samples

Execution-grounded data-science training data in the manner of GIFT4Code (Wen et al., 2024,
"Grounding Data Science Code Generation with Input-Output Specifications"): a programmatic context
(dataframes loaded from files, earlier notebook cells), a natural-language intent, an I/O
specification derived only from executing the solution, and the solution cell itself.

- generator: **${report.generator}** (seed ${report.seed})${report.generator === 'offline'
    ? ' - pandas programs enumerated over the real columns of each context, with templated intents'
    : ' - intents by a generalist LLM, solutions sampled from a code LLM'}
- samples: **${report.samples.total}** (${Object.entries(report.samples.by_split).map(([k, v]) => `${k} ${v}`).join(', ')})
- contexts: ${report.contexts.ok} used of ${report.contexts.total}; datasets: ${datasets.length}

## Specification kinds

${table(report.samples.by_spec)}

- \`typedesc\`: the result's type, and for frames and series the column names and dtypes.
- \`examples\`: the first rows of the input columns the code read and the head of its output.
- \`summary\`: a few sentences on the inputs used and the output's shape and meaning
  (${report.generator === 'llm' ? 'written by the generalist LLM from the execution' : 'built deterministically from the executed values'}).

## How every record was checked

Each solution ran in a fork of its context's notebook state; it was kept only when it ran, gave a
non-trivial result (not None, empty, NaN or an address-bearing object), was not a duplicate by
result within its context, and fit the size cap. Its specifications were derived from that run,
and the code was then re-executed in a fresh session rebuilt from the context's cells: only records
whose output was reproduced exactly are here.

## Files and fields

\`data/<split>-NNNNN-of-NNNNN.parquet\` (config \`default\`) and the same records as JSON lines in
\`jsonl/\` (config \`jsonl\`); \`report.json\` has the run's counts.

\`id\`, \`context\` (\`code\`, \`cells\`, \`schema\`, \`datasets\`, \`dataRoot\`), \`intent\`, \`spec\` (\`kind\`, \`text\`),
\`code\` (the solution cell; its last expression is the result), \`output\` (\`value\`: JSON text of the canonical value,
\`head\`: rendered head), \`split\`, \`notebook\` (\`# In[ ]:\` linearised text), \`messages\` (list of \`{role, content}\`), \`metadata\`.

Datasets are recorded by a stable name plus the root they were loaded from. The context's first
cell assigns \`DATA_ROOT\`; point it at another copy of the data to re-run a record elsewhere
(\`caseforge eval gift4code --data-root DIR\` does that for every record).

## Datasets

${datasets.map((d) => `- ${d}`).join('\n') || '(notebooks only)'}

Default datasets come from the npm package \`vega-datasets\` (see its README for each dataset's source and licence).

## Drops

${table(drops)}

## Example (${example ? example.spec.kind : 'none'})

${example ? `Intent: ${example.intent}\n\nSpecification:\n\n\`\`\`\n${example.spec.text}\n\`\`\`\n\nCode:\n\n\`\`\`python\n${example.code}\n\`\`\`` : '(no samples)'}
`;
}
