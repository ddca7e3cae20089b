// The baseline of bench:serve: a /run_code server doing what SandboxFusion does for Python (its
// `isolation: none` mode, the cheapest it has): write the code to a file in a fresh temporary
// directory, run a fresh `python3` on it with the request's stdin and timeout, answer in
// SandboxFusion's shape, remove the directory. Same HTTP framework as caseforge serve, so the
// benchmark's ratio measures how code is run, not the web stack. Prints `listening on URL`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { DEFAULT_PYTHON } from '../src/exec/interpreter.js';

interface Body { code: string; stdin?: string | null; run_timeout?: number }

function runScript(b: Body): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'cf-baseline-'));
  const file = join(dir, 'tmp.py');
  writeFileSync(file, b.code);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const p = spawn(DEFAULT_PYTHON, [file], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'], timeout: (b.run_timeout ?? 10) * 1000 });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    p.on('close', (code, signal) => {
      rmSync(dir, { recursive: true, force: true });
      const tle = signal === 'SIGTERM';
      const run = { status: tle ? 'TimeLimitExceeded' : 'Finished', execution_time: (performance.now() - t0) / 1000, return_code: tle ? null : code, stdout, stderr };
      resolve({ status: !tle && code === 0 ? 'Success' : 'Failed', message: '', compile_result: null, run_result: run, executor_pod_name: null, files: {} });
    });
    // A python3 that could not start, or that ended before reading its stdin, is that request's
    // answer, never the server's end (an unhandled 'error' would take every connection down).
    p.on('error', (err) => {
      rmSync(dir, { recursive: true, force: true });
      resolve({ status: 'SandboxError', message: err.message, compile_result: null, run_result: null, executor_pod_name: null, files: {} });
    });
    p.stdin.on('error', () => undefined);
    p.stdin.end(b.stdin ?? '');
  });
}

const app = Fastify({ logger: false, bodyLimit: 32 << 20 });
app.post('/run_code', async (req) => runScript(req.body as Body));
await app.listen({ host: '127.0.0.1', port: 0 });
const addr = app.server.address() as { port: number };
process.stderr.write(`listening on http://127.0.0.1:${addr.port}\n`);
process.on('SIGTERM', () => { void app.close().then(() => process.exit(0)); });
