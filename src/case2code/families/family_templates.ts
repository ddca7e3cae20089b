// Prompt phrasings of the output- and input-prediction families, written for caseforge in the style
// CRUXEval uses (the function in [PYTHON] ... [/PYTHON], the answer as a complete assertion between
// [ANSWER] and [/ANSWER]), so answers are extracted the same way from every reply. `{program}`,
// `{call}`, `{name}` and `{output}` are filled in; one phrasing is chosen per record from the seed.

export interface FamilyTemplate {
  id: string;
  text: string;
}

const T = (id: string, text: string): FamilyTemplate => ({ id, text });

const OUTPUT_RULE = 'Complete the assertion with a Python literal (no expressions, no calls) equal to what the call returns; '
  + 'if the call raises an exception, write `raises ExceptionName` instead of the assertion.';

export const OUTPUT_TEMPLATES: FamilyTemplate[] = [
  T('output-assert', `Here is a Python function and an assertion about one call of it.\n\n[PYTHON]\n{program}\nassert {call} == ??\n[/PYTHON]\n\n${OUTPUT_RULE} Give the full assertion between [ANSWER] and [/ANSWER].`),
  T('output-trace', `Execute the code below step by step in your head and say what \`{call}\` returns.\n\n[PYTHON]\n{program}\n[/PYTHON]\n\n${OUTPUT_RULE} Finish with [ANSWER]\nassert {call} == <value>\n[/ANSWER].`),
  T('output-predict', `What is the output of \`{call}\`, given this definition of \`{name}\`?\n\n[PYTHON]\n{program}\n[/PYTHON]\n\n${OUTPUT_RULE} Put the completed assertion \`assert {call} == ...\` between [ANSWER] and [/ANSWER].`),
  T('output-terse', `[PYTHON]\n{program}\nassert {call} == ??\n[/PYTHON]\nFill in the ??. ${OUTPUT_RULE} Answer inside [ANSWER] [/ANSWER].`),
];

const INPUT_RULE = 'Several inputs may work; give one. Use only literal arguments (no variables, no expressions that call anything).';

export const INPUT_TEMPLATES: FamilyTemplate[] = [
  T('input-assert', `Here is a Python function and an output it produced.\n\n[PYTHON]\n{program}\nassert {name}(??) == {output}\n[/PYTHON]\n\nFind arguments for which \`{name}\` returns that output. ${INPUT_RULE} Give the passing assertion between [ANSWER] and [/ANSWER].`),
  T('input-invert', `Invert this function: find a call of \`{name}\` whose result is \`{output}\`.\n\n[PYTHON]\n{program}\n[/PYTHON]\n\n${INPUT_RULE} Finish with [ANSWER]\nassert {name}(...) == {output}\n[/ANSWER].`),
  T('input-search', `[PYTHON]\n{program}\n[/PYTHON]\n\nWhich input makes \`{name}\` return {output}? ${INPUT_RULE} Write the assertion \`assert {name}(...) == {output}\` between [ANSWER] and [/ANSWER].`),
  T('input-terse', `[PYTHON]\n{program}\nassert {name}(??) == {output}\n[/PYTHON]\nReplace ?? with arguments that make the assertion pass. ${INPUT_RULE} Answer inside [ANSWER] [/ANSWER].`),
];

export const FAMILY_SYSTEM = 'You are an expert Python programmer who reasons carefully about what code does.';

export function fill(text: string, slots: Record<string, string>): string {
  return text.replace(/\{(program|call|name|output)\}/g, (_, k: string) => slots[k] ?? '');
}
