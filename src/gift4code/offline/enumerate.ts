// The offline generator: pandas programs of one to four steps enumerated in the sandbox over the
// context's real columns (python/cf_g4c_enum.py), each with an intent written from its steps by a
// grammar of phrasings. Deterministic for a seed.
import { z } from 'zod';
import type { Session } from '../../exec/types.js';
import { probe } from '../probe.js';
import type { Candidate } from '../types.js';
import type { CandidateBatch, GenerateInput, Generator } from '../generator.js';

const EnumeratedSchema = z.array(z.looseObject({
  family: z.string(), steps: z.array(z.string()), intent: z.string().min(1), template: z.string(), code: z.string().min(1),
  shape: z.string(), history: z.boolean(),
}));
type Enumerated = z.infer<typeof EnumeratedSchema>[number];

export async function enumeratePrograms(session: Session, seed: number, limit: number, history: string[] = []): Promise<Candidate[] | string> {
  const r = await probe<Enumerated[]>(session, 'cf_g4c_enum', 'enumerate_json', { seed, limit, history }, { timeoutMs: 120_000, cpuMs: 100_000 }, EnumeratedSchema);
  if (!r.ok) return `enumerate_failed:${r.reason}`;
  return r.data.map((e, i) => ({
    intent: e.intent, code: e.code, family: e.family, steps: e.steps, template: e.template, shape: e.shape, usesHistory: e.history,
    intentIndex: i, solutionIndex: 0,
  }));
}

export class OfflineGenerator implements Generator {
  readonly kind = 'offline' as const;
  readonly models = undefined;

  constructor(private readonly candidatesPerContext: number) {}

  async candidates(input: GenerateInput): Promise<CandidateBatch> {
    const found = await enumeratePrograms(input.session, input.seed, this.candidatesPerContext, input.historyNames);
    if (typeof found === 'string') return { candidates: [], failures: [found], incomplete: false };
    return { candidates: found, failures: [], incomplete: false };
  }
}
