// README.md of the dataset: the Hub's YAML header (configs, features, licence), then what the records
// are, how they were made and checked, the figures a researcher checks before training on them, what
// they hold, and how to use them elsewhere.
import { cardHeader } from '../store/card.js';
import type { DatasetFiles } from '../store/dataset.js';
import type { Gift4CodeRecord } from './record.js';
import type { Gift4CodeReport } from './report.js';

function table(map: Record<string, number>): string {
  const rows = Object.entries(map);
  return rows.length ? ['| key | count |', '| --- | ---: |', ...rows.map(([k, v]) => `| ${k.replace(/\|/g, '\\|')} | ${v} |`)].join('\n') : '(none)';
}

function figures(report: Gift4CodeReport): string {
  const q = report.quality;
  const s = report.splits;
  const rows: Array<[string, string]> = [
    ['samples (records)', String(q.samples)],
    ['solutions (each written as one record per spec kind)', String(q.solutions)],
    ['contexts with records', String(q.contexts)],
    ['solutions of 2 or more steps', `${q.multi_step_solutions} (${(q.multi_step_share * 100).toFixed(1)}%)`],
    ['distinct intent templates', String(q.intent_templates)],
    ['operation families', String(q.operation_families)],
    ['distinct pandas calls', String(q.pandas_calls)],
    ['solutions using an earlier analysis cell of the context', String(q.solutions_using_history)],
    ['dropped because the answer follows the rows\' order (reversed rows)', String(q.dropped_ambiguous_order)],
    ['dropped at the final check with randomly permuted rows', String(q.dropped_verify_order_mismatch)],
    ['prompts holding an absolute path', String(q.prompts_with_absolute_path)],
    ['intent texts with two different golds in one context', String(q.intents_with_two_golds)],
    [`test templates also in train (split by ${s.by})`, `${s.templates.test_in_train} of ${s.templates.test}`],
    ['multi-turn episodes (turns)', `${report.episodes.total} (${report.episodes.turns})`],
  ];
  return ['| figure | value |', '| --- | ---: |', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}

export function datasetCard(report: Gift4CodeReport, datasetNames: Iterable<string>, example: Gift4CodeRecord | undefined, files: DatasetFiles): string {
  const datasets = [...datasetNames].sort();
  const drops = Object.fromEntries(Object.entries(report.counts).filter(([k]) => k.startsWith('dropped') || k.startsWith('contexts_skipped')));
  const env = report.environment.map((e) => `Python ${e.python}, pandas ${e.pandas}, numpy ${e.numpy} (caseforge ${e.caseforge})`);
  // The records hold excerpts of the source data (schemas, heads, examples), whose licences vary by
  // dataset, next to code written by the generator: no one Hub licence id covers that.
  return `${cardHeader({
    prettyName: 'caseforge GIFT4Code samples', license: 'other', licenseName: 'per-dataset-licences', language: ['en'],
    taskCategories: ['text-generation'], tags: ['code', 'data-science', 'pandas', 'gift4code', 'caseforge'],
  }, files)}
# GIFT4Code samples

Execution-grounded data-science training data in the manner of GIFT4Code (Wen et al., 2024,
"Grounding Data Science Code Generation with Input-Output Specifications"): a programmatic context
(dataframes loaded from files, earlier analysis cells), a natural-language intent, an I/O
specification derived only from executing the solution, and the solution cell itself.

- generator: **${report.generator}** (seed ${report.seed})${report.generator === 'offline'
    ? ' - pandas programs of one to four steps composed over the real columns of each context (their roles profiled: identifiers, coded categories, years, dates, measures with units, text), with intents written from the steps by a grammar of phrasings'
    : ' - intents by a generalist LLM, solutions sampled from a code LLM'}
- samples: **${report.samples.total}** (${Object.entries(report.samples.by_split).map(([k, v]) => `${k} ${v}`).join(', ')})
- contexts: ${report.contexts.ok} used of ${report.contexts.total}; datasets: ${datasets.length}
- made with ${env.join('; ') || '(no records)'}: outputs such as \`value_counts\` names, merge order and float printing
  depend on these versions, and every record's \`metadata.environment\` says them too

## Figures

${figures(report)}

Operation families (solutions that have each):

${table(report.quality.operation_family_counts)}

## Specification kinds

${table(report.samples.by_spec)}

- \`typedesc\`: the result's type, and for frames and series the column names and dtypes.
- \`examples\`: the first rows of the input columns the code read and the head of its output.
- \`summary\`: a few sentences on the inputs used and the output's shape and meaning
  (${report.generator === 'llm' ? 'written by the generalist LLM from the execution' : 'built deterministically from the executed values'}).

Records of one solution share \`solution_id\`; \`spec_kind\` says which variant a record is.

## How every record was checked

Each solution ran in a fork of its context's notebook state. It was kept only when it ran and gave
a bounded answer that is neither trivial (None, empty, an object) nor degenerate (a zero or NaN
scalar, a one-row table where a table was asked for, all-NaN or constant columns). It was then run
again in sessions that read every data file with its rows reversed and the index reset: a solution
whose answer changed (compared by value, with row labels taken as positions) depends on the file's
row order and was dropped as \`ambiguous_order\` - the offline programs state their order and
tie-breaks and sort stably, so only what the data decides is asked. Solutions of one intent text
that disagree make the intent ambiguous. Finally each record was re-executed in a fresh session
(the exact output required) and once more with the rows in a random order (the same answer
required): only records that passed are here.

## Splits

Split by **${report.splits.by}**: ${report.splits.by === 'context'
    ? 'every record of a dataset is on one side (test datasets below)'
    : 'whole template families (operation-family sequences) are on one side, so no test template occurs in train'}.
Test: ${report.splits.test_keys.map((k) => `\`${k}\``).join(', ') || '(none)'}.

## Files and fields

\`data/<split>-NNNNN-of-NNNNN.parquet\` (config \`default\`) and the same records as JSON lines in
\`jsonl/\` (config \`jsonl\`); \`episodes.json\` (multi-turn episodes); \`report.json\` has the run's counts
and figures.

\`schema_version\`, \`id\`, \`solution_id\`, \`spec_kind\`, \`context\` (\`id\`, \`kind\`, \`name\`, \`cells\`, \`history_cells\`,
\`schema\`, \`datasets\`, \`data_root\`), \`intent\`, \`spec\` (\`kind\`, \`text\`), \`code\` (the solution cell; its last
expression is the result), \`output\` (\`repr\`, \`type\`, \`value\`: the typed value tree as JSON text, \`head\`),
\`split\`, \`prompt\` (\`# In[ ]:\` notebook text ending in the open cell), \`notebook\` (the prompt with the
solution), \`messages\` (the same prompt as chat), \`metadata\` (\`steps\`, \`family\`, \`template\`, \`apis\`,
\`uses_history\`, \`environment\`, ...). The prompt is what \`caseforge eval gift4code\` sends, built by the
same function.

Records hold no path of the machine that made them: the context's first cell assigns \`DATA_ROOT\`
the placeholder in \`context.data_root.placeholder\`. To run a record elsewhere, point \`DATA_ROOT\` at a
copy of the data (\`caseforge eval gift4code --data-root DIR\` does that for every record).

\`episodes.json\` holds multi-turn episodes in the shape of ARCADE's \`dataset.json\` (several intents
in one notebook, each turn's \`code_context\` holding the earlier turns' code), each turn checked by
execution after the earlier ones. To run them as they are (\`caseforge eval arcade\`), put the file in a
folder that holds the data under its placeholder name.

## Datasets

${datasets.map((d) => `- ${d}`).join('\n') || '(notebooks only)'}

Default datasets come from the npm package \`vega-datasets\` (see its README for each dataset's source and licence).

## Drops

${table(drops)}

## Example (${example ? `${example.spec.kind}, ${example.metadata.family}` : 'none'})

${example ? `Intent: ${example.intent}\n\nSpecification:\n\n\`\`\`\n${example.spec.text}\n\`\`\`\n\nCode:\n\n\`\`\`python\n${example.code}\n\`\`\`` : '(no samples)'}
`;
}
