// The dataset card (DIR/README.md): the Hub's YAML header (configs, features, licence), then what
// the data is, how it was made, its counts, and the licence fields of its sources.
import { cardHeader, hubLicence, type CardMeta } from '../../store/card.js';
import type { DatasetFiles } from '../../store/dataset.js';
import { CASE_FORMATS } from '../records/formats.js';
import { inputFiguresText } from './input_figures.js';
import type { Case2CodeOptions } from '../options.js';
import { candidateLimits } from '../running/runs.js';
import { TEMPLATES } from '../records/templates.js';
import type { Case2CodeReport } from './report.js';

const checkRows = (c: Case2CodeReport['checks']): Record<string, number> => ({
  'shown returns a trivial program explains': c.trivial_explained,
  'shown cases echoing an argument in half or more': c.echo_half_or_more,
  'too few distinct outputs': c.too_few_distinct_outputs,
  [`completions over ${c.max_completion_lines} lines`]: c.completions_over_cap,
  'name mismatches': c.name_mismatches,
  'shown exceptions Python raised on a mistyped input': c.mistyped_exceptions_shown,
  'test targets inside train records': c.test_targets_in_train,
  'near-duplicates across the split': c.near_duplicates_across_split,
  'test records under the held-out minimum': c.test_under_min_heldout,
});

const table = (rows: Record<string, number>) =>
  Object.keys(rows).length ? ['| reason | count |', '| --- | ---: |', ...Object.entries(rows).map(([k, v]) => `| ${k} | ${v} |`)].join('\n') : '(none)';

function completionsSection(r: Case2CodeReport): string {
  const c = r.completions;
  const l = c.completion_lines;
  return `Completion lines: median ${l.median}, 90th percentile ${l.p90}, 99th ${l.p99}, largest ${l.max} (cap ${c.max_completion_lines}; ${c.over_cap_samples} over it).
Share of a completion that is the target function: ${c.target_share} on average (${c.target_share_of_lines} of all completion lines).
${c.with_context} samples show helpers as context (median ${c.context_lines.median} lines, largest ${c.context_lines.max}).
Left out before running: ${c.dropped_too_large} functions too large to scope (\`too_large\`), ${c.dropped_unrestorable_global} whose
globals could not be restored as the module holds them after import (\`unrestorable_global\`); ${c.globals_changed_at_import} mined
programs carry the module-level statements that change a global after its assignment.

| completion lines | samples |
| --- | ---: |
${Object.entries(c.completion_bands).map(([k, v]) => `| ${k} | ${v} |`).join('\n')}`;
}

/** The Hub licence of the data: the sources' one licence where the Hub lists it, else `other`. */
function licence(licenses: Record<string, number>): Pick<CardMeta, 'license' | 'licenseName' | 'licenseLink'> {
  const names = Object.keys(licenses);
  if (names.length === 1) {
    const id = hubLicence(names[0]);
    if (id) return { license: id };
    if (/^PSF-2\.0/.test(names[0])) return { license: 'other', licenseName: 'psf-2.0', licenseLink: 'https://docs.python.org/3/license.html' };
    return { license: 'other', licenseName: names[0].toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-|-$/g, '') || 'unknown' };
  }
  return { license: 'other', licenseName: names.length ? 'per-record-source-licences' : 'unknown' };
}

export function datasetCard(opts: Case2CodeOptions, r: Case2CodeReport, files: DatasetFiles): string {
  const sources = opts.sources.length ? opts.sources.map((s) => `\`${s}\``).join(', ') : 'the local Python standard library';
  const licences = Object.entries(r.sources.licenses).map(([k, v]) => `${k} (${v} functions)`).join(', ') || 'unknown';
  return `${cardHeader({
    prettyName: 'caseforge Case2Code samples', ...licence(r.sources.licenses), language: ['en'],
    taskCategories: ['text-generation'], tags: ['code', 'program-synthesis', 'case2code', 'caseforge'],
  }, files)}
# Case2Code samples

Each record asks a model to write a Python function from some of its input/output cases; the
completion is the function with what it needs (imports, constants, helpers), at most
${opts.maxCompletionLines} lines; ${opts.overCap === 'context'
    ? `when that is longer, the prompt shows the helpers as context (\`context\`,
at most ${opts.maxContextLines} lines) and the completion is the function alone`
    : 'a function that needs more is left out'}. Outputs come from
running the functions in caseforge's sandbox; held-out cases are kept with every record for
evaluation by execution.

## How it was made

- Functions: ${sources} (${r.stages.functions_read} read, ${r.stages.duplicates} exact duplicates removed).
- Inputs: \`${opts.inputs}\`${opts.inputs === 'fuzz' ? ' (domains inferred from annotations, defaults, docstrings, doctests, names and body usage; type-aware mutation; learning from execution)' : ''}; seed ${opts.seed}.
- Every call ran with per-call limits (${JSON.stringify(opts.callLimits)}${opts.inputs === 'given' ? '' : `; a generated input's call ${JSON.stringify(candidateLimits(opts))}`}); a second run in a fresh process, in reverse order, had to agree.
- Cases were chosen to cover distinct outputs, statement lines and simple AST mutants (at most ${opts.maxMutants} per function);
  ${opts.shownMin}-${opts.shownMax} shown, up to ${opts.heldoutMax} held out, at most ${Math.round(opts.maxErrorShare * 100)}% exceptions.
- Shown cases must rule out trivial explanations (a constant, only None, an argument unchanged or its str(), repr(),
  len() and similar one-line programs), echo an argument in under half of the cases, have at least 3 distinct outputs
  (a predicate: 6 cases with both True and False), and show only exceptions the function's own checks raise.
- Prompts use ${TEMPLATES.length} instruction phrasings and ${CASE_FORMATS.length} case formats, chosen per function from the seed;
  about half hide the name: the function is then called \`f\` in the prompt, the completion and every case.
- Every record was checked before it was written: its program reproduces every case, shown and held out, run as
  \`caseforge eval case2code --gold\` runs it, in the determinism re-run's environment.
- Split by source file, with near-duplicate targets (MinHash) and files whose functions contain each other's
  targets kept on one side; test records have at least ${opts.minTestHeldout} held-out cases (\`train\`/\`test\` splits of both configs): ${Object.entries(r.splits).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}.

## Environment

Outputs were made with Python ${r.environment.records.python} on ${r.environment.records.platform}, time zone
\`${r.environment.records.tz}\`, locale \`${r.environment.records.locale}\`, hash seed 0, \`random\` and numpy seeded, the clock and
every counter frozen at 2023-11-14 22:13:20 UTC. The determinism re-run used time zone \`${r.environment.determinism_rerun.tz}\`,
locale \`${r.environment.determinism_rerun.locale}\`, another seed and another frozen clock: functions whose outputs changed are not here.

## Quality checks

Counted over the written records (each should be 0):

${table(checkRows(r.checks))}

Mean informativeness of the shown cases (the share of shown returns the likeliest trivial explanation gets wrong):
${r.checks.mean_informativeness}.

## Counts

Kept ${r.stages.kept} of ${r.stages.processed} functions (${r.stages.samples} samples).
Mean line coverage of the shown cases ${r.quality.mean_coverage}; mean mutation score ${r.quality.mean_mutation_score}
(over ${r.quality.functions_with_mutants} functions with mutants).
${inputFiguresText(r.inputs)}

${completionsSection(r)}

Functions dropped, by reason:

${table(r.dropped)}

Candidate cases removed, by reason:

${table(r.cases_removed)}

## Files and fields

\`data/<split>-NNNNN-of-NNNNN.parquet\` (config \`default\`) and the same records as JSON lines in
\`jsonl/\` (config \`jsonl\`); \`report.json\` has the run's counts.
\`schema_version\`, \`id\`, \`function_id\`, \`name\` (the entry point: \`f\` when anonymous), \`original_name\`, \`context\`
(code the prompt shows as callable), \`program\` (context + completion code: what runs), \`shown\` and \`heldout\` (lists of
cases: \`call\`, \`input\`, \`status\`, \`output\`, \`exception\` and \`origin\`, null for a return), \`values\` (JSON text: the
typed value tree of each case's return, in case order, null for an exception), \`prompt\`, \`completion\`, \`messages\`
(list of \`{role, content}\`), \`split\`, \`metadata\` (source, generator, seed, template, case format, anonymous, coverage,
mutation score, informativeness, completion and target lines, environment).

## Licence

Licence fields of the sources: ${licences}. The samples carry the source code of the functions, so
each record's licence is its source's.

Made by caseforge ${r.versions.caseforge} with Python ${r.versions.python}.
`;
}
