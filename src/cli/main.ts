#!/usr/bin/env node
// The `caseforge` command: one sub-command per file in this folder.
import { Command } from 'commander';
import { isCaseforgeError } from '../errors.js';
import { registerEvalCommand } from './eval.js';
import { registerCase2CodeCommand } from './case2code.js';
import { registerLlmCommand } from './llm.js';
import { registerGift4CodeCommand } from './gift4code.js';
import { registerExecCommand } from './exec.js';
import { registerDecontaminateCommand } from './decontaminate.js';
import { registerExportCommand } from './export.js';
import { registerServeCommand } from './serve.js';
import { registerViewCommand } from './view.js';
import { registerWorkerCommand } from './worker.js';
import { registerQueueCommand } from './queue.js';

const program = new Command('caseforge')
  .description('Execution-grounded training and evaluation data for code LLMs')
  .version('0.1.0');
registerEvalCommand(program);
registerCase2CodeCommand(program);
registerLlmCommand(program);
registerGift4CodeCommand(program);
registerExecCommand(program);
registerDecontaminateCommand(program);
registerExportCommand(program);
registerServeCommand(program);
registerViewCommand(program);
registerWorkerCommand(program);
registerQueueCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // A request caseforge cannot carry out (a bad flag, an unusable input, another run's folder, a
  // missing interpreter) is one line and its code's exit status; anything else is a bug and keeps
  // its stack.
  if (!isCaseforgeError(err)) throw err;
  const sub = program.commands.find((c) => c.name() === process.argv[2])?.name();
  process.stderr.write(`caseforge${sub ? ` ${sub}` : ''}: ${err.message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = err.exitCode;
}
