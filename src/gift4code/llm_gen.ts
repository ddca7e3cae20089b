// The LLM generator: the generalist endpoint writes k intents per context, the code endpoint
// samples n solutions per intent in the context's notebook form, and the generalist summarises
// kept runs. Every reply is stored in the context's work log first, so a resumed run reuses it;
// endpoint failures become counted drop reasons, never exceptions.
import type { LlmClient } from '../llm/client.js';
import { extractCodeBlocks } from '../llm/extract.js';
import type { CandidateBatch, GenerateInput, Generator, SummaryResult } from './generator.js';
import { intentMessages, parseIntents, parseSummary, solutionMessages, summaryMessages } from './prompts.js';
import type { Candidate, RunFacts } from './types.js';
import type { WorkLog } from './worklog.js';

export interface LlmGeneratorOptions {
  intentsPerContext: number;
  solutionsPerIntent: number;
  temperature: { intents: number; solutions: number; summaries: number };
  maxTokens: { intents: number; solutions: number; summaries: number };
  summaryChars: number;
}

/** True when the code names one of the frames or columns (as a word or a quoted string). */
export function usesNames(code: string, names: string[]): boolean {
  return names.some((n) => {
    const q = n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\w'"])${q}(?![\\w'"])|['"]${q}['"]`).test(code);
  });
}

/** The solution code of a reply: its first Python (or untagged) fenced block, else undefined. */
export function solutionCode(reply: string): string | undefined {
  const blocks = extractCodeBlocks(reply).filter((b) => b.language === 'python' || b.language === '');
  const code = blocks[0]?.code.trim();
  return code ? code : undefined;
}

export class LlmGenerator implements Generator {
  readonly kind = 'llm' as const;

  constructor(private readonly generalist: LlmClient, private readonly coder: LlmClient, private readonly opts: LlmGeneratorOptions) {}

  get models() {
    return { intents: this.generalist.endpoint.model, solutions: this.coder.endpoint.model, summaries: this.generalist.endpoint.model };
  }

  /** Cached texts, or ask the endpoint and cache them; a failure is a reason. */
  private async ask(client: LlmClient, log: WorkLog, key: string, req: Parameters<LlmClient['complete']>[0]): Promise<string[] | { cause: string }> {
    const cached = log.llm(key);
    if (cached) return cached;
    const r = await client.complete(req);
    if (!r.ok) return { cause: r.cause };
    log.putLlm(key, r.choices);
    return r.choices;
  }

  async candidates(input: GenerateInput): Promise<CandidateBatch> {
    const { intentsPerContext: k, solutionsPerIntent: n, temperature: t, maxTokens: m } = this.opts;
    const failures: string[] = [];
    const intentReply = await this.ask(this.generalist, input.log, 'llm:intents', {
      messages: intentMessages(input.cells, input.schema.text, k), n: 1, temperature: t.intents, maxTokens: m.intents, seed: input.seed,
    });
    if (!Array.isArray(intentReply)) return { candidates: [], failures: [`intents_failed:${intentReply.cause}`], incomplete: true };
    const intents = parseIntents(intentReply[0] ?? '', k);
    if (intents.length === 0) return { candidates: [], failures: ['intents_unparsable'], incomplete: false };
    let incomplete = false;
    const perIntent = await Promise.all(intents.map(async (intent, i) => {
      const reply = await this.ask(this.coder, input.log, `llm:solutions:${i}`, {
        messages: solutionMessages(input.cells, input.schema.text, intent), n, temperature: t.solutions, maxTokens: m.solutions, seed: input.seed + i,
      });
      if (!Array.isArray(reply)) {
        incomplete = true;
        failures.push(`solutions_failed:${reply.cause}`);
        return [];
      }
      const out: Candidate[] = [];
      reply.forEach((text, j) => {
        const code = solutionCode(text);
        if (code === undefined) failures.push('no_code_block');
        else out.push({ intent, code, family: 'llm', steps: [], template: 'llm', usesHistory: usesNames(code, input.historyNames), intentIndex: i, solutionIndex: j });
      });
      return out;
    }));
    return { candidates: perIntent.flat(), failures, incomplete };
  }

  async summarize(intent: string, code: string, run: RunFacts, log: WorkLog, key: string): Promise<SummaryResult> {
    const { temperature: t, maxTokens: m } = this.opts;
    const reply = await this.ask(this.generalist, log, key, {
      messages: summaryMessages(intent, code, run), n: 1, temperature: t.summaries, maxTokens: m.summaries,
    });
    if (!Array.isArray(reply)) return { ok: false, reason: `summary_failed:${reply.cause}`, transient: true };
    const text = parseSummary(reply[0] ?? '', this.opts.summaryChars);
    return text ? { ok: true, text } : { ok: false, reason: 'summary_unparsable', transient: false };
  }
}
