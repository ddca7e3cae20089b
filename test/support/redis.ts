// A real redis-server for one test: a free loopback port, its own temporary folder (AOF on, as the
// README tells users to run it), stopped and removed after. Tests that need it skip with a reason
// when redis-server is not installed (scripts/setup.sh installs it).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = '/usr/bin/redis-server';
export const hasRedis = (): boolean => spawnSync(REDIS_SERVER, ['--version']).status === 0;

/** A port nothing listens on now (bound and released by the OS's choice). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export class TestRedis {
  private child?: ChildProcess;
  readonly dir: string;
  private constructor(readonly port: number, readonly host: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'cf-redis-'));
  }

  get url(): string {
    return `redis://${this.host}:${this.port}`;
  }

  /** The redis-server's process id (benchmarks read its CPU time). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts redis-server and waits until it answers. `bind` may list more addresses (a veth's). */
  static async start(options: { host?: string; bind?: string[] } = {}): Promise<TestRedis> {
    const host = options.host ?? '127.0.0.1';
    const r = new TestRedis(await freePort(host), host);
    await r.up(options.bind ?? [host]);
    return r;
  }

  private async up(bind: string[]): Promise<void> {
    const child = spawn(REDIS_SERVER, [
      '--port', String(this.port), '--bind', ...bind, '--dir', this.dir, '--save', '',
      '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction', '--protected-mode', 'no',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let text = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (b: Buffer) => {
        text += b.toString();
        if (/Ready to accept connections/.test(text)) { child.stdout!.off('data', onData); resolve(); }
      };
      child.stdout!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${text.slice(-500)}`)));
    });
    child.stdout!.resume();
    child.stderr!.resume();
  }

  /** Kills the server (SIGKILL: nothing is saved but what the AOF already holds). */
  async kill(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await gone;
    this.child = undefined;
  }

  /** The same server again on the same port and folder: it reloads its AOF. */
  async restart(bind?: string[]): Promise<void> {
    await this.kill();
    await this.up(bind ?? [this.host]);
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
