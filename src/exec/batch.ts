// The streaming batch form of the executor: JSON lines in, one JSON line out per request, in input
// order, with a bounded window in flight (memory stays flat for any input length). A bad line gets
// an `invalid` answer naming the reason; it never ends the stream.
import { z } from 'zod';
import type { Executor } from './executor.js';
import type { CallResult } from './types.js';

/** One request line of `caseforge exec` (and of the server's /run). */
export const ExecRequestSchema = z.object({
  id: z.union([z.string(), z.number()]),
  code: z.string(),
  call: z.string().optional(),
  timeout_ms: z.number().positive().optional(),
  memory_mb: z.number().positive().optional(),
  profile: z.enum(['plain', 'datasci']).optional(),
});

export interface BatchLine {
  id: string | number | null;
  status: CallResult['status'] | 'invalid';
  repr?: string;
  value?: unknown;
  type?: string;
  flags?: unknown;
  exception?: unknown;
  stdout?: string;
  stderr?: string;
  cpu_ms?: number;
  wall_ms?: number;
  error?: string;
}

export interface BatchStats {
  requests: number;
  invalid: number;
  byStatus: Record<string, number>;
}

/** The answer line for one request's result. */
export function toBatchLine(id: string | number, r: CallResult): BatchLine {
  return {
    id, status: r.status, repr: r.value?.repr, value: r.value?.value, type: r.value?.type, flags: r.value?.flags,
    exception: r.exception ?? null, stdout: r.stdout, stderr: r.stderr, cpu_ms: r.cpuMs, wall_ms: r.wallMs,
  };
}

function parse(line: string, n: number): { ok: true; req: z.infer<typeof ExecRequestSchema> } | { ok: false; line: BatchLine } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (err) {
    return { ok: false, line: { id: null, status: 'invalid', error: `line ${n}: not JSON (${(err as Error).message})` } };
  }
  const parsed = ExecRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { id?: unknown })?.id;
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
    return { ok: false, line: { id: typeof id === 'string' || typeof id === 'number' ? id : null, status: 'invalid', error: `line ${n}: ${why}` } };
  }
  return { ok: true, req: parsed.data };
}

/** Runs every request of `lines`, calling `emit` with answers in input order. */
export async function runBatch(lines: AsyncIterable<string>, ex: Executor, emit: (line: BatchLine) => void | Promise<void>, window = 64): Promise<BatchStats> {
  const stats: BatchStats = { requests: 0, invalid: 0, byStatus: {} };
  const inFlight: Array<Promise<BatchLine>> = [];
  const flushOne = async () => {
    const line = await inFlight.shift()!;
    stats.byStatus[line.status] = (stats.byStatus[line.status] ?? 0) + 1;
    await emit(line);
  };
  let n = 0;
  for await (const text of lines) {
    n++;
    if (!text.trim()) continue;
    stats.requests++;
    const p = parse(text, n);
    if (!p.ok) {
      stats.invalid++;
      inFlight.push(Promise.resolve(p.line));
    } else {
      const { id, code, call, timeout_ms, memory_mb, profile } = p.req;
      inFlight.push(ex.run({ code, call, profile, limits: { timeoutMs: timeout_ms, memoryMb: memory_mb } }).then((r) => toBatchLine(id, r)));
    }
    while (inFlight.length >= window) await flushOne();
  }
  while (inFlight.length > 0) await flushOne();
  return stats;
}
