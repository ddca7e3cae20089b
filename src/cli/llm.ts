// `caseforge llm ping`: check an endpoint (list models, one tiny completion) and print what works.
import type { Command } from 'commander';
import { pingEndpoint, readLlmConfigFile, resolveEndpoints, type PingReport } from '../llm/index.js';

interface PingFlags {
  baseUrl?: string;
  model?: string;
  apiKeyEnv?: string;
  config?: string;
  endpoint: string;
  timeoutMs?: string;
  json?: boolean;
}

export function formatPing(r: PingReport): string {
  const lines = [`endpoint    ${r.endpoint}  ${r.baseUrl}`];
  if (r.models.ok) {
    const shown = r.models.ids.slice(0, 8).join(', ') + (r.models.ids.length > 8 ? ', ...' : '');
    lines.push(`models      ok    ${r.models.ids.length} listed${shown ? `: ${shown}` : ''}`);
  } else {
    lines.push(`models      FAIL  ${r.models.cause}: ${r.models.message}`);
  }
  const c = r.completion;
  if (c.ok) lines.push(`completion  ok    model ${c.model}, ${c.latencyMs} ms, finish ${c.finishReason ?? '?'}, reply ${JSON.stringify(c.text.slice(0, 60))}`);
  else lines.push(`completion  FAIL  model ${c.model || '(none)'}: ${c.cause}: ${c.message}`);
  lines.push(r.ok ? 'ok: the endpoint answers chat completions' : 'not ok: the endpoint does not answer chat completions');
  return lines.join('\n');
}

export function registerLlmCommand(program: Command): Command {
  const llm = program.command('llm').description('LLM endpoint tools');
  llm
    .command('ping')
    .description('check an OpenAI-compatible endpoint: list models and run one tiny completion')
    .option('--base-url <url>', 'OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1')
    .option('--model <name>', 'model to try (default: the first one the server lists)')
    .option('--api-key-env <VAR>', 'environment variable holding the API key')
    .option('--config <file>', 'JSON file with named LLM endpoints (default: $CASEFORGE_LLM_CONFIG)')
    .option('--endpoint <name>', 'which named endpoint of the config file', 'default')
    .option('--timeout-ms <ms>', 'wall limit of each check')
    .option('--json', 'print the report as JSON')
    .action(async (flags: PingFlags) => {
      const env = process.env;
      const path = flags.config ?? env.CASEFORGE_LLM_CONFIG;
      const endpoint = resolveEndpoints({
        file: path ? readLlmConfigFile(path) : undefined,
        env,
        names: [flags.endpoint],
        flags: {
          [flags.endpoint]: { baseUrl: flags.baseUrl, model: flags.model, apiKeyEnv: flags.apiKeyEnv, timeoutMs: flags.timeoutMs },
        },
        requireModel: false,
      })[flags.endpoint];
      const report = await pingEndpoint(endpoint);
      process.stdout.write((flags.json ? JSON.stringify(report) : formatPing(report)) + '\n');
      if (!report.ok) process.exitCode = 1;
    });
  return llm;
}
