// `caseforge view DIR [--port N] [--open]` and `--bundle OUT`: parsing and printing only; the work
// is src/view's.
import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { normaliseViewOptions, startViewServer, writeBundle } from '../view/index.js';

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`view: could not start ${cmd}; open ${url} yourself\n`));
  child.unref();
}

export function registerViewCommand(program: Command): Command {
  return program
    .command('view')
    .description('look at a dataset or an evaluation run in the browser: summary, charts, a sample list with filters, each record whole')
    .argument('<dir>', 'output folder of case2code, gift4code or eval (or a folder holding several)')
    .option('--port <n>', 'port to listen on (0: any free one)', (v) => Number(v))
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--open', 'open the page in the browser')
    .option('--bundle <out>', 'write the viewer as a static folder (works from a file server or from disk) instead of serving')
    .action(async (dir: string, flags: { port?: number; host?: string; open?: boolean; bundle?: string }) => {
      const o = normaliseViewOptions({ dir, ...flags });
      if (o.bundle) {
        const r = await writeBundle(o.dir, o.bundle);
        process.stderr.write(`view: ${r.datasets} dataset(s), ${r.records} records, ${r.files} files -> ${r.out}\n`);
        process.stdout.write(`${r.out}/index.html\n`);
        return;
      }
      const s = await startViewServer(o.dir, { port: o.port, host: o.host });
      process.stderr.write(`view: serving ${o.dir} (${s.catalog.datasets.map((d) => d.name).join(', ')}) at ${s.url} ; Ctrl-C stops\n`);
      process.stdout.write(`${s.url}\n`);
      if (o.open) openBrowser(s.url);
      await new Promise<void>((resolve) => {
        const stop = () => { void s.close().then(resolve); };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
