#!/usr/bin/env node
// The `caseforge` command: one sub-command per file in this folder.
import { Command } from 'commander';
import { ExecutorError } from '../exec/errors.js';
import { DecontamError } from '../decontam/options.js';
import { registerEvalCommand } from './eval.js';
import { registerCase2CodeCommand } from './case2code.js';
import { registerLlmCommand } from './llm.js';
import { registerGift4CodeCommand } from './gift4code.js';
import { registerExecCommand } from './exec.js';
import { registerDecontaminateCommand } from './decontaminate.js';
import { registerExportCommand } from './export.js';

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

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // Faults of the tool's setup (a missing interpreter, isolation required but unavailable) are
  // reported in one line; anything else is a bug and keeps its stack.
  if (!(err instanceof ExecutorError) && !(err instanceof DecontamError)) throw err;
  process.stderr.write(`caseforge: ${err.message}\n`);
  process.exitCode = 2;
}
