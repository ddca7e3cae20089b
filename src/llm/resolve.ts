// Resolution of named endpoints from a config file, the environment and flags (flags win, then the
// environment, then the file's endpoint entry, then the file's defaults, then DEFAULTS). The
// environment is passed in by the entry point; nothing here reads process.env.
import { readFileSync } from 'node:fs';
import {
  LlmConfigError, envPrefix, fileSchema, normaliseEndpoint, parseOrThrow,
  type EndpointConfig, type EndpointOptions, type LlmConfigFile,
} from './config.js';

const ENV_KEYS: Record<string, keyof EndpointOptions> = {
  BASE_URL: 'baseUrl', MODEL: 'model', API_KEY_ENV: 'apiKeyEnv', CONCURRENCY: 'concurrency',
  RPM: 'rpm', TPM: 'tpm', TIMEOUT_MS: 'timeoutMs', MAX_RETRIES: 'maxRetries', SUPPORTS_N: 'supportsN',
  TEMPERATURE: 'temperature', TOP_P: 'topP', MAX_TOKENS: 'maxTokens', SEED: 'seed',
};

/** The options an endpoint takes from the environment (`CASEFORGE_LLM_MODEL`, ...). */
export function endpointOptionsFromEnv(name: string, env: Record<string, string | undefined>): EndpointOptions {
  const out: Record<string, string> = {};
  const prefix = envPrefix(name);
  for (const [suffix, key] of Object.entries(ENV_KEYS)) {
    const v = env[prefix + suffix];
    if (v !== undefined && v !== '') out[key] = v;
  }
  return out as EndpointOptions;
}

export function parseLlmConfigFile(json: unknown, where = 'config file'): LlmConfigFile {
  return parseOrThrow(fileSchema, json, where) as LlmConfigFile;
}

export function readLlmConfigFile(path: string): LlmConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new LlmConfigError(`cannot read LLM config file ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return parseLlmConfigFile(JSON.parse(text), path);
  } catch (err) {
    if (err instanceof LlmConfigError) throw err;
    throw new LlmConfigError(`LLM config file ${path} is not JSON: ${(err as Error).message}`, { cause: err });
  }
}

export interface ResolveInput {
  file?: LlmConfigFile;
  /** Flag values per endpoint name. */
  flags?: Record<string, EndpointOptions>;
  env?: Record<string, string | undefined>;
  /** Endpoints that must exist even if no layer names them (e.g. `['writer', 'code']`). */
  names?: string[];
  requireModel?: boolean;
}

/** Every named endpoint, each resolved flags > env > file entry > file defaults > DEFAULTS. */
export function resolveEndpoints(input: ResolveInput): Record<string, EndpointConfig> {
  const env = input.env ?? {};
  const file = input.file ? parseLlmConfigFile(input.file) : {};
  const names = new Set([...(input.names ?? []), ...Object.keys(file.endpoints ?? {}), ...Object.keys(input.flags ?? {})]);
  if (names.size === 0) names.add('default');
  const out: Record<string, EndpointConfig> = {};
  for (const name of names) {
    const layers = [file.defaults, file.endpoints?.[name], endpointOptionsFromEnv(name, env), input.flags?.[name]];
    out[name] = normaliseEndpoint(name, layers, env, input.requireModel ?? true);
  }
  return out;
}
