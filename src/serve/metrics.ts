// The server's Prometheus metrics (prom-client, one registry per server so that two servers in one
// process keep apart): requests by route and HTTP status, their latency, executions by outcome, the
// queue, and worker restarts read from the executors when scraped.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface MetricSources {
  waiting: () => number;
  running: () => number;
  workerRestarts: () => number;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export class ServeMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'route' | 'code'>;
  private readonly latency: Histogram<'route'>;
  private readonly executions: Counter<'route' | 'status'>;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'caseforge_http_requests_total', help: 'HTTP requests answered, by route and status code',
      labelNames: ['route', 'code'], registers,
    });
    this.latency = new Histogram({
      name: 'caseforge_http_request_duration_seconds', help: 'Time from a request\'s arrival to its answer',
      labelNames: ['route'], buckets: LATENCY_BUCKETS, registers,
    });
    this.executions = new Counter({
      name: 'caseforge_executions_total',
      help: 'Executions finished, by route and outcome (sandbox status for /run_code and /run, verdict for /verify)',
      labelNames: ['route', 'status'], registers,
    });
    new Gauge({
      name: 'caseforge_queue_depth', help: 'Executions admitted and waiting for a worker', registers,
      collect() { this.set(sources.waiting()); },
    });
    new Gauge({
      name: 'caseforge_executions_in_flight', help: 'Executions running now', registers,
      collect() { this.set(sources.running()); },
    });
    new Gauge({
      name: 'caseforge_worker_restarts', help: 'Sandbox workers replaced since start (crashed, killed or recycled)', registers,
      collect() { this.set(sources.workerRestarts()); },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'caseforge_' });
  }

  request(route: string, code: number, seconds: number): void {
    this.requests.inc({ route, code: String(code) });
    this.latency.observe({ route }, seconds);
  }

  execution(route: string, status: string): void {
    this.executions.inc({ route, status });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
