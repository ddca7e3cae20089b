// `caseforge export DIR --format F --out OUT`: parsing and printing only; the work is src/export's.
import { Option, type Command } from 'commander';
import { exportDataset, FORMAT_NAMES, type FormatName } from '../export/index.js';

export function registerExportCommand(program: Command): Command {
  return program
    .command('export')
    .description('write a dataset folder\'s records in a trainer\'s format (one file per split) with the config that loads them')
    .argument('<dir>', 'dataset folder written by caseforge')
    .addOption(new Option('--format <format>', 'trainer format').choices([...FORMAT_NAMES]).makeOptionMandatory())
    .requiredOption('--out <dir>', 'output folder')
    .option('--name <name>', 'the dataset\'s name in trainer configs', 'caseforge')
    .action(async (dir: string, o: { format: FormatName; out: string; name: string }) => {
      const r = await exportDataset({ dir, format: o.format, out: o.out, name: o.name });
      const rows = Object.entries(r.rows).map(([s, n]) => `${s} ${n}`).join(', ');
      const skipped = Object.values(r.skipped).reduce((a, b) => a + b, 0);
      process.stderr.write(`export ${r.format}: ${rows} rows -> ${r.out}${skipped ? ` (${skipped} records skipped: ${JSON.stringify(r.skipped)})` : ''}\n`);
      process.stdout.write(`${r.snippet}\n`);
    });
}
