// `caseforge serve`: parsing, the token read from its environment variable, and signals. SIGTERM or
// SIGINT drains in-flight work and exits 0; a second one exits at once. A ServeError (bad option,
// unusable --data) is printed in one line by the CLI's handler.
import type { Command } from 'commander';
import { Secret } from '../llm/secret.js';
import { ServeError } from '../serve/errors.js';
import { startServer } from '../serve/server.js';
import { addSandboxOptions, sandboxFrom } from './executor-options.js';

interface ServeFlags {
  host: string;
  port: string;
  workers?: string;
  datasci?: boolean;
  tokenEnv?: string;
  maxQueue?: string;
  maxBodyMb?: string;
  maxBatch?: string;
  data?: string;
  maxRunTimeoutS?: string;
  requestTimeoutS?: string;
  drainTimeoutS?: string;
  [key: string]: unknown;
}

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new ServeError('usage', `${name} must be a number, got '${v}'`);
  return n;
}

function tokenFrom(name: string | undefined, env: NodeJS.ProcessEnv): Secret | undefined {
  if (name === undefined) return undefined;
  const value = env[name];
  if (!value) throw new ServeError('usage', `--token-env ${name}: that environment variable is not set or empty`);
  return new Secret(value);
}

export function registerServeCommand(program: Command): Command {
  const cmd = program
    .command('serve')
    .description('serve the sandbox and the verifiers over HTTP: /run_code (SandboxFusion), /run, /verify, /health, /metrics')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0: any free one)', '8080')
    .option('--workers <n>', 'sandbox workers per pool (default: number of cores)')
    .option('--datasci', 'also start the pandas/numpy pool: data-science code and DS-1000 verification')
    .option('--token-env <name>', 'require `Authorization: Bearer <token>`, the token read from this environment variable')
    .option('--max-queue <n>', 'executions that may wait for a worker before requests get 429', '4096')
    .option('--max-body-mb <n>', 'largest request body (413 past it)', '32')
    .option('--max-batch <n>', 'items a /run or /verify request may carry (413 past it)', '1024')
    .option('--data <path>', 'records /verify finds by id: a caseforge output folder, or a JSONL file `caseforge eval` reads')
    .option('--max-run-timeout-s <s>', 'longest run_timeout / timeout_ms a request may ask for', '300')
    .option('--request-timeout-s <s>', 'work still waiting this long after its request came is answered unrun', '600')
    .option('--drain-timeout-s <s>', 'on SIGTERM, how long in-flight work may still run', '60');
  addSandboxOptions(cmd);
  cmd.action(async (flags: ServeFlags) => {
    const server = await startServer({
      host: flags.host, port: num('--port', flags.port), workers: num('--workers', flags.workers), datasci: Boolean(flags.datasci),
      token: tokenFrom(flags.tokenEnv, process.env), maxQueue: num('--max-queue', flags.maxQueue), maxBodyMb: num('--max-body-mb', flags.maxBodyMb),
      maxBatch: num('--max-batch', flags.maxBatch), data: flags.data, maxRunTimeoutS: num('--max-run-timeout-s', flags.maxRunTimeoutS),
      requestTimeoutS: num('--request-timeout-s', flags.requestTimeoutS), drainTimeoutS: num('--drain-timeout-s', flags.drainTimeoutS),
      sandbox: sandboxFrom(flags as unknown as Record<string, unknown>),
    });
    process.stderr.write(`caseforge serve: listening on ${server.url}\n`);
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        process.stderr.write(`caseforge serve: ${signal} again, exiting now\n`);
        process.exit(1);
      }
      stopping = true;
      const { waiting, running } = server.load();
      process.stderr.write(`caseforge serve: ${signal}: draining ${running} running and ${waiting} waiting executions\n`);
      void server.close().then(() => {
        process.stderr.write('caseforge serve: stopped\n');
        process.exit(0);
      });
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  return cmd;
}
