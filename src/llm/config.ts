// Endpoint configuration: the resolved EndpointConfig, one DEFAULTS object and one normalising
// function that merges option layers over it, validates them and reads the key from the given env.
import { CaseforgeError } from '../errors.js';
import { z } from 'zod';
import { Secret } from './secret.js';

export type SupportsN = 'auto' | boolean;

/** Sampling parameters an endpoint applies when a request leaves them out. */
export interface SamplingDefaults {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  stop?: string[];
  seed?: number;
}

export interface EndpointConfig {
  name: string;
  /** OpenAI-compatible base URL, e.g. `http://127.0.0.1:8000/v1`. */
  baseUrl: string;
  model: string;
  /** Name of the environment variable that holds the API key (never the key itself). */
  apiKeyEnv: string;
  /** The key read from `apiKeyEnv` at the entry point; prints as `[redacted]`. */
  apiKey?: Secret;
  /** Identity of the server in cache keys; defaults to `baseUrl`. */
  cacheNamespace: string;
  concurrency: number;
  /** Requests per minute; null means no budget. */
  rpm: number | null;
  /** Prompt + completion tokens per minute; null means no budget. */
  tpm: number | null;
  /** Wall limit of one HTTP attempt, body included. */
  timeoutMs: number;
  /** Retries after the first attempt; past them the item fails with its cause. */
  maxRetries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A Retry-After longer than this is cut to it. */
  retryAfterMaxMs: number;
  /** `auto`: ask with `n` and fall back to one request per sample if the server returns fewer. */
  supportsN: SupportsN;
  sampling: SamplingDefaults;
}

const optionsSchema = z
  .object({
    baseUrl: z.string().min(1),
    model: z.string().min(1),
    apiKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name'),
    cacheNamespace: z.string().min(1),
    concurrency: z.coerce.number().int().min(1).max(4096),
    rpm: z.coerce.number().positive().nullable(),
    tpm: z.coerce.number().positive().nullable(),
    timeoutMs: z.coerce.number().int().min(1),
    maxRetries: z.coerce.number().int().min(0).max(100),
    backoffBaseMs: z.coerce.number().min(0),
    backoffMaxMs: z.coerce.number().min(0),
    retryAfterMaxMs: z.coerce.number().min(0),
    supportsN: z.union([z.boolean(), z.literal('auto'), z.enum(['true', 'false']).transform((s) => s === 'true')]),
    temperature: z.coerce.number().min(0).max(5),
    topP: z.coerce.number().gt(0).max(1),
    maxTokens: z.coerce.number().int().min(1),
    stop: z.union([z.string().transform((s) => [s]), z.array(z.string()).max(16)]),
    seed: z.coerce.number().int(),
  })
  .partial()
  .strict();

/** Endpoint options as written in a config file, the environment or flags (all optional). */
export type EndpointOptions = z.input<typeof optionsSchema>;

export const DEFAULTS = {
  baseUrl: 'http://127.0.0.1:8000/v1',
  apiKeyEnv: 'OPENAI_API_KEY',
  concurrency: 8,
  rpm: null,
  tpm: null,
  timeoutMs: 120_000,
  maxRetries: 5,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  retryAfterMaxMs: 120_000,
  supportsN: 'auto',
} as const satisfies EndpointOptions;

export const fileSchema = z
  .object({ defaults: optionsSchema.optional(), endpoints: z.record(z.string(), optionsSchema).optional() })
  .strict();

export type LlmConfigFile = z.input<typeof fileSchema>;

/** Wrong or incomplete LLM settings (the project's error class, code `config`). */
export class LlmConfigError extends CaseforgeError {
  override name = 'LlmConfigError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('config', message, options);
  }
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
  throw new LlmConfigError(`invalid LLM settings in ${where}: ${issues.join('; ')}`);
}

/** Merge option layers (later wins) over DEFAULTS, validate, and read the key from `env`. */
export function normaliseEndpoint(
  name: string,
  layers: Array<EndpointOptions | undefined>,
  env: Record<string, string | undefined> = {},
  requireModel = true,
): EndpointConfig {
  const merged: Record<string, unknown> = { ...DEFAULTS };
  for (const layer of layers) {
    for (const [k, v] of Object.entries(layer ?? {})) if (v !== undefined && v !== '') merged[k] = v;
  }
  const o = parseOrThrow(optionsSchema, merged, `endpoint '${name}'`);
  if (requireModel && !o.model) {
    const flag = name === 'default' ? '--model' : `--${name}-model`;
    throw new LlmConfigError(
      `no model for endpoint '${name}': pass ${flag}, set ${envPrefix(name)}MODEL, or set endpoints.${name}.model in the config file`,
    );
  }
  const baseUrl = o.baseUrl!.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(baseUrl) || !URL.canParse(baseUrl)) {
    throw new LlmConfigError(`endpoint '${name}': base URL '${baseUrl}' is not an http(s) URL`);
  }
  const key = env[o.apiKeyEnv!];
  return {
    name,
    baseUrl,
    model: o.model ?? '',
    apiKeyEnv: o.apiKeyEnv!,
    apiKey: key ? new Secret(key) : undefined,
    cacheNamespace: o.cacheNamespace ?? baseUrl,
    concurrency: o.concurrency!,
    rpm: o.rpm ?? null,
    tpm: o.tpm ?? null,
    timeoutMs: o.timeoutMs!,
    maxRetries: o.maxRetries!,
    backoffBaseMs: o.backoffBaseMs!,
    backoffMaxMs: Math.max(o.backoffMaxMs!, o.backoffBaseMs!),
    retryAfterMaxMs: o.retryAfterMaxMs!,
    supportsN: o.supportsN!,
    sampling: { temperature: o.temperature, topP: o.topP, maxTokens: o.maxTokens, stop: o.stop, seed: o.seed },
  };
}

/** `CASEFORGE_LLM_` for the default endpoint, `CASEFORGE_LLM_<NAME>_` for a named one. */
export function envPrefix(name: string): string {
  return name === 'default' ? 'CASEFORGE_LLM_' : `CASEFORGE_LLM_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_`;
}
