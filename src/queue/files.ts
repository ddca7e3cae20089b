// Files that travel with a queued run (GIFT4Code's data files), so a worker needs nothing but the
// Redis address. Each file is stored once per run, in one Redis hash per run keyed by the sha-256
// of its bytes: a job names the files it needs (path and sha), not their bytes, so a file that
// several contexts load (a notebook's folder, a data file in a single and a joint context) goes to
// Redis once and to each worker once. The coordinator uploads a file before the first job that
// names it and deletes it once no job it waits for names it, so Redis holds only the files of the
// jobs in flight.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { PREFIX } from './protocol.js';

/** A file a unit needs: where it goes under the unit's folder, and its content's address. */
export interface TravelFile {
  /** Relative to the unit's root, '/'-separated. */
  path: string;
  sha: string;
  bytes: number;
}

/** A file to upload: its address and where the coordinator reads it. */
export interface LocalFile {
  sha: string;
  source: string;
}

/** Largest file a queued run carries (Redis refuses values over 512 MB; this leaves room). */
export const MAX_TRAVEL_BYTES = 256 * 1024 ** 2;

export const filesKey = (queue: string): string => `${PREFIX}:files:${queue}`;

export function sha256File(path: string): { sha: string; bytes: number } {
  const data = readFileSync(path);
  return { sha: createHash('sha256').update(data).digest('hex'), bytes: data.length };
}

/** The coordinator's side: uploads on first use, deletes once no outstanding job needs a file. */
export class FileUploads {
  private readonly uploaded = new Set<string>();
  private readonly refs = new Map<string, number>();

  constructor(private readonly redis: Redis, private readonly key: string) {}

  /** A job that names these files is outstanding. */
  hold(files: LocalFile[]): void {
    for (const f of files) this.refs.set(f.sha, (this.refs.get(f.sha) ?? 0) + 1);
  }

  /** Puts the files not yet on Redis there (HSETNX: a restarted coordinator's second upload of a
   *  file still there is a no-op). */
  async upload(files: LocalFile[]): Promise<void> {
    for (const f of files) {
      if (this.uploaded.has(f.sha)) continue;
      await this.redis.hsetnx(this.key, f.sha, readFileSync(f.source));
      this.uploaded.add(f.sha);
    }
  }

  /** Redis lost a job (a restart without its last writes): its files may be gone with it. */
  forget(files: LocalFile[]): void {
    for (const f of files) this.uploaded.delete(f.sha);
  }

  /** A job that named these files is settled: files no other outstanding job names are deleted. */
  async release(files: LocalFile[]): Promise<void> {
    const gone: string[] = [];
    for (const f of files) {
      const n = (this.refs.get(f.sha) ?? 1) - 1;
      if (n > 0) { this.refs.set(f.sha, n); continue; }
      this.refs.delete(f.sha);
      if (this.uploaded.delete(f.sha)) gone.push(f.sha);
    }
    if (gone.length) await this.redis.hdel(this.key, ...gone);
  }
}

/** The worker's side: a file's bytes, or an error saying why they are not there. */
export async function fetchFile(redis: Redis, queue: string, sha: string): Promise<Buffer> {
  const data = await redis.hgetBuffer(filesKey(queue), sha);
  if (!data) throw new Error(`file ${sha.slice(0, 16)} of this job is not on the queue (its run ended, or Redis lost it)`);
  return data;
}
