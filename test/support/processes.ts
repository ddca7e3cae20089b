// Process inspection for containment tests: what runs under the sandbox's child identities, and
// which processes descend from this test process.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { identityBlock } from '../../src/exec/identity.js';

interface Proc { pid: number; ppid: number; uid: number; cmd: string }

export function listProcesses(): Proc[] {
  const out: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      // A zombie has ended already (its parent has not reaped it yet): nothing of it runs.
      if (/^State:\s+Z/m.test(status)) continue;
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      const uid = Number(/Uid:\s+(\d+)/.exec(status)?.[1]);
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      out.push({ pid: Number(name), ppid, uid, cmd });
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/** Processes descending from `root` (default: this process), excluding it. */
export function descendants(root = process.pid): Proc[] {
  const all = listProcesses();
  const found: Proc[] = [];
  const frontier = [root];
  while (frontier.length) {
    const p = frontier.pop()!;
    for (const c of all) if (c.ppid === p) { found.push(c); frontier.push(c.pid); }
  }
  return found;
}

/** This checkout's root: a worker started from another checkout belongs to another run. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Processes running under the unprivileged identities this process's executors hand out. The
 *  block is the machine's, so workers of another checkout's run (another engineer's pipeline on a
 *  shared machine), and whatever they started, are not ours to count. */
export function sandboxIdentityProcesses(): Proc[] {
  const { first, last } = identityBlock();
  const all = listProcesses();
  const byPid = new Map(all.map((p) => [p.pid, p]));
  const foreign = (p: Proc | undefined): boolean => {
    for (let q = p, hops = 0; q && hops < 64; q = byPid.get(q.ppid), hops++) {
      if (/cf_worker\.py/.test(q.cmd) && !q.cmd.includes(ROOT)) return true;
    }
    return false;
  };
  return all.filter((p) => p.uid >= first && p.uid <= last && !foreign(p));
}
