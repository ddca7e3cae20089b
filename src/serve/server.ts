// `caseforge serve`: the sandbox and the verifiers over HTTP (fastify), JSON in and out. Routes:
// POST /run_code (SandboxFusion's), POST /run (caseforge exec's lines), POST /verify, GET /health,
// GET /metrics. Admission is bounded (429 past the queue), bodies and batches too (413); a request
// that is malformed gets 400 naming the field; close() drains what is in flight and stops.
import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { ExecRequestSchema, toBatchLine, type BatchLine } from '../exec/batch.js';
import { RequestFault, parseOr400 } from './errors.js';
import { ExecutorSet } from './executors.js';
import { ServeMetrics } from './metrics.js';
import { normalizeServeOptions, type ResolvedServeOptions, type ServeOptions } from './options.js';
import { planRunCode, runCodeResponse } from './run_code.js';
import { Scheduler, type Ticket } from './scheduler.js';
import { openDataset, type Dataset } from './dataset.js';
import { FAMILIES } from './verify/index.js';
import { notRun, planVerify, scoreItem, type ItemResult } from './verify/verify.js';

export interface CaseforgeServer {
  /** Where it listens, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  readonly port: number;
  /** Executions waiting and running now. */
  load(): { waiting: number; running: number };
  /** Stops taking work (503), finishes what is in flight (up to drainTimeoutS), closes the sandbox. */
  close(): Promise<void>;
}

const NOT_STARTED = 'not started within the request deadline (the server is overloaded)';

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** True when the request carries the server's bearer token (compared in constant time). */
function authorised(req: FastifyRequest, token: Buffer): boolean {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(header);
  return m !== null && timingSafeEqual(digest(m[1].trim()), token);
}

/** A request's ticket: cancelled when its client goes away before the answer is written. */
function ticketOf(reply: FastifyReply, o: ResolvedServeOptions): Ticket {
  const ticket = { deadline: Date.now() + o.requestTimeoutS * 1000, cancelled: false };
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) ticket.cancelled = true;
  });
  return ticket;
}

function sandboxFusionError(message: string): Record<string, unknown> {
  return { status: 'SandboxError', message, compile_result: null, run_result: null, executor_pod_name: null, files: {} };
}

export async function startServer(options: ServeOptions = {}): Promise<CaseforgeServer> {
  const o = normalizeServeOptions(options);
  let dataset: Dataset | undefined;
  if (o.data) {
    dataset = await openDataset(o.data);
    const counts = Object.entries(dataset.counts).map(([f, n]) => `${n} ${f}`).join(', ');
    o.log(`--data ${o.data}: ${dataset.tasks.size} tasks (${counts}), ${dataset.bad.length} rows skipped`);
    for (const b of dataset.bad.slice(0, 10)) o.log(`  skipped ${b.file}:${b.line}: ${b.reason}`);
  }
  const executors = await ExecutorSet.start({
    workers: o.workers, datasci: o.datasci, sandbox: o.sandbox,
    needs: [...FAMILIES.values()].flatMap((f) => (f.needs ? [f.needs] : [])),
  });
  const scheduler = new Scheduler(o.maxQueue);
  const laneOf = (name: string): string => {
    if (!scheduler.hasLane(name)) scheduler.addLane(name, executors.concurrency);
    return name;
  };
  laneOf('plain');
  if (o.datasci) laneOf('datasci');
  const metrics = new ServeMetrics({
    waiting: () => scheduler.waiting, running: () => scheduler.running, workerRestarts: () => executors.workerRestarts(),
  });
  const token = o.token ? digest(o.token.reveal()) : undefined;
  const started = Date.now();
  let draining = false;

  const app = Fastify({
    bodyLimit: o.maxBodyBytes,
    logger: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    requestTimeout: o.requestTimeoutS * 1000,
  });

  app.addHook('onRequest', async (req) => {
    (req as { startedAt?: bigint }).startedAt = process.hrtime.bigint();
    if (token && req.url !== '/health' && !authorised(req, token)) {
      throw new RequestFault(401, 'missing or wrong bearer token (Authorization: Bearer <token>)', undefined, { 'www-authenticate': 'Bearer' });
    }
  });
  app.addHook('onSend', async (_req, reply) => {
    // While draining, a kept-alive connection closes after its answer, so close() need not wait
    // for its idle timeout.
    if (draining) void reply.header('connection', 'close');
  });
  app.addHook('onResponse', async (req, reply) => {
    const t0 = (req as { startedAt?: bigint }).startedAt ?? process.hrtime.bigint();
    metrics.request(req.routeOptions.url ?? 'unmatched', reply.statusCode, Number(process.hrtime.bigint() - t0) / 1e9);
  });

  app.setErrorHandler((err: FastifyError | RequestFault | Error, req, reply) => {
    const status = err instanceof RequestFault ? err.statusCode : (err as FastifyError).statusCode ?? 500;
    if (err instanceof RequestFault) reply.headers(err.headers);
    const message = status >= 500 && !(err instanceof RequestFault) ? `internal error: ${err.message}` : err.message;
    if (status >= 500 && !(err instanceof RequestFault)) o.log(`internal error on ${req.method} ${req.url}: ${err.stack ?? err.message}`);
    const field = err instanceof RequestFault ? err.field : undefined;
    const body = { ...(req.url === '/run_code' ? sandboxFusionError(message) : {}), error: message, ...(field ? { field } : {}) };
    void reply.code(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send({ error: `no route ${req.method} ${req.url} (POST /run_code, /run, /verify; GET /health, /metrics)` });
  });

  app.get('/health', async () => ({
    status: draining ? 'draining' : 'ok',
    isolation: executors.main.isolation,
    python: executors.main.pythonVersion,
    workers: o.workers,
    datasci: o.datasci,
    queue: { waiting: scheduler.waiting, running: scheduler.running, max: o.maxQueue },
    families: [...FAMILIES.keys()],
    data: dataset ? { path: o.data, tasks: dataset.tasks.size, by_family: dataset.counts, rows_skipped: dataset.bad.length } : null,
    uptime_s: Math.round((Date.now() - started) / 1000),
  }));

  app.get('/metrics', async (_req, reply) => {
    void reply.header('content-type', metrics.contentType);
    return metrics.text();
  });

  app.post('/run_code', async (req, reply) => {
    const plan = planRunCode(req.body, { maxRunTimeoutS: o.maxRunTimeoutS, datasci: o.datasci });
    const lane = laneOf(plan.profile);
    scheduler.admit(1, [lane]);
    const out = await scheduler.run(lane, ticketOf(reply, o), () => executors.main.run(plan.call));
    if (!out.ran) return reply.code(504).send({ ...sandboxFusionError(NOT_STARTED), error: NOT_STARTED });
    metrics.execution('run_code', out.value.status);
    return runCodeResponse(out.value);
  });

  app.post('/run', async (req, reply) => {
    const many = Array.isArray(req.body);
    const list = (many ? req.body : [req.body]) as unknown[];
    if (list.length > o.maxBatch) throw new RequestFault(413, `${list.length} requests, over this server's limit of ${o.maxBatch} a request`);
    const reqs = list.map((x, i) => parseOr400(ExecRequestSchema, x, many ? String(i) : ''));
    reqs.forEach((r, i) => {
      const at = many ? `${i}.` : '';
      if ((r.timeout_ms ?? 0) > o.maxRunTimeoutS * 1000) {
        throw new RequestFault(400, `${at}timeout_ms: over this server's limit of ${o.maxRunTimeoutS * 1000} ms`, `${at}timeout_ms`);
      }
      if (r.profile === 'datasci' && !o.datasci) throw new RequestFault(400, `${at}profile: datasci needs a server started with --datasci`, `${at}profile`);
    });
    const lanes = reqs.map((r) => laneOf(r.profile ?? 'plain'));
    scheduler.admit(reqs.length, lanes);
    const ticket = ticketOf(reply, o);
    const lines = await Promise.all(reqs.map(async (r, i): Promise<BatchLine> => {
      const out = await scheduler.run(lanes[i], ticket, () => executors.main.run({
        code: r.code, call: r.call, profile: r.profile, limits: { timeoutMs: r.timeout_ms, memoryMb: r.memory_mb },
      }));
      if (!out.ran) return { id: r.id, status: 'timeout', error: NOT_STARTED };
      metrics.execution('run', out.value.status);
      return toBatchLine(r.id, out.value);
    }));
    return many ? lines : lines[0];
  });

  app.post('/verify', async (req, reply) => {
    const plan = planVerify(req.body, (id) => dataset?.tasks.get(id), o.maxBatch);
    const lanes = plan.items.map((item) => (item.kind === 'score' ? laneOf(item.resolved.family.lane(item.resolved.task)) : ''));
    scheduler.admit(plan.items.filter((i) => i.kind === 'score').length, lanes.filter(Boolean));
    const ticket = ticketOf(reply, o);
    const results = await Promise.all(plan.items.map(async (item, i): Promise<ItemResult> => {
      if (item.kind === 'answered') return item.result;
      const out = await scheduler.run(lanes[i], ticket, () => scoreItem(item, executors, plan.mode));
      return out.ran ? out.value : notRun(item, out);
    }));
    for (const r of results) metrics.execution('verify', r.status);
    return { results };
  });

  try {
    await app.listen({ host: o.host, port: o.port });
  } catch (err) {
    await executors.close();
    throw err;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${host}:${port}`,
    port,
    load: () => ({ waiting: scheduler.waiting, running: scheduler.running }),
    close() {
      closing ??= (async () => {
        draining = true;
        scheduler.close();
        let timer: NodeJS.Timeout | undefined;
        const overdue = new Promise<void>((resolve) => {
          timer = setTimeout(() => {
            o.log(`drain: ${scheduler.running + scheduler.waiting} executions still running after ${o.drainTimeoutS} s; stopping the sandbox under them`);
            void executors.close().then(resolve);
          }, o.drainTimeoutS * 1000);
        });
        const appClosed = app.close(); // stops listening, answers what is in flight, then resolves
        await Promise.race([appClosed, overdue]);
        clearTimeout(timer);
        await executors.close();
        await appClosed;
      })();
      return closing;
    },
  };
}
