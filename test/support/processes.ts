// Process inspection for containment tests: what runs under the sandbox's child identities, and
// which processes descend from this test process.
import { readdirSync, readFileSync } from 'node:fs';
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

/** Processes running under the unprivileged identities this process's executors hand out. */
export function sandboxIdentityProcesses(): Proc[] {
  const { first, last } = identityBlock();
  return listProcesses().filter((p) => p.uid >= first && p.uid <= last);
}
