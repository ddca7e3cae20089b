// Instruction phrasings written for caseforge. `{cases}` is where the formatted cases go; `{name}`
// names the function (templates without it hide the name). Chosen deterministically from the seed.

export interface Template {
  id: string;
  text: string;
}

const T = (id: string, text: string): Template => ({ id, text });

export const TEMPLATES: Template[] = [
  T('infer-basic', 'Here are some inputs and the outputs a Python function produced for them.\n\n{cases}\n\nWrite the function.'),
  T('infer-named', 'The Python function `{name}` behaves as follows:\n\n{cases}\n\nImplement `{name}`.'),
  T('reverse-engineer', 'Reverse-engineer the function from these observed calls.\n\n{cases}\n\nGive a Python implementation that reproduces every one of them.'),
  T('spec-by-example', 'Specification by example.\n\n{cases}\n\nWrite Python code for a function that satisfies all of the examples above.'),
  T('named-header', 'Function name: {name}\n\nExamples:\n{cases}\n\nWrite the function so that it returns these outputs for these inputs.'),
  T('detective', 'A function was run on a few inputs and its results were recorded:\n\n{cases}\n\nWork out what it does and write it in Python.'),
  T('teacher', 'Study the input/output pairs below, then write the Python function `{name}` that maps each input to its output.\n\n{cases}'),
  T('terse', '{cases}\n\nWrite the Python function that generates these outputs.'),
  T('task-first', 'Task: write a Python function that is consistent with the following test cases.\n\n{cases}'),
  T('reconstruct', 'Reconstruct the Python function `{name}` from its behaviour on these inputs:\n\n{cases}'),
  T('black-box', 'You can only observe a black-box Python function through its calls:\n\n{cases}\n\nWrite source code that behaves the same way.'),
  T('tests-pass', 'Write `{name}` in Python so that these examples hold:\n\n{cases}'),
  T('pattern', 'Find the pattern that turns each input into its output, and express it as a Python function.\n\n{cases}'),
  T('implement-from-io', 'Implement a Python function from its input-output examples.\n\n{cases}\n\nReturn only the code.'),
  T('colleague', 'A colleague lost the source of `{name}` but kept a log of some calls:\n\n{cases}\n\nRewrite the function for them.'),
  T('program-synthesis', 'Program synthesis problem. Examples:\n\n{cases}\n\nSynthesise a Python function consistent with every example.'),
  T('explain-then-code', 'The examples below show what a function returns (or raises) for given arguments.\n\n{cases}\n\nWrite a Python function with this behaviour.'),
  T('named-deduce', 'Deduce the implementation of `{name}` from these cases and write it in Python:\n\n{cases}'),
  T('mapping', 'Given the following mapping from arguments to results:\n\n{cases}\n\nwrite the Python function that computes it.'),
  T('minimal', 'Input/output examples:\n{cases}\nFunction:'),
  T('behaviour-match', 'Write a Python function whose behaviour matches these recorded calls exactly, including any exceptions:\n\n{cases}'),
  T('name-and-cases', 'Write a function named `{name}`.\nIt must produce the following results:\n\n{cases}'),
  T('infer-logic', 'Infer the logic behind these examples and code it up as a Python function.\n\n{cases}'),
  T('from-traces', 'These are traces of calls to an unknown Python function:\n\n{cases}\n\nProvide the function.'),
];

export const SYSTEM_PROMPTS = [
  'You are an expert Python programmer. Answer with the code in a fenced block.',
  'You write correct, idiomatic Python functions from examples.',
  'You are a helpful assistant that infers programs from input-output examples.',
];
