// A shard's outcomes travel once. BullMQ would carry a job's return value three times (into the
// job's hash, into the queue's event stream with the `completed` event, and out again when the
// coordinator reads the job), and Redis's AOF would write it twice. So the worker stores the
// outcomes in the run's results hash under the job's id (gzip'd when large) just before it completes
// the job, whose return value is only a note of their size; the coordinator reads them from there
// once the job is completed and deletes them with the job. A worker that dies between the two steps
// leaves outcomes that the job's next worker overwrites with its own; Redis writes its AOF in
// order, so a completed job whose completion survived a restart has its outcomes too.
import { promisify } from 'node:util';
import { gunzip, gzip, constants } from 'node:zlib';
import type { Redis } from 'ioredis';
import { PREFIX, type UnitOutcome } from './protocol.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Outcomes whose JSON is larger than this are compressed (JSON records shrink some 5-8 times; below
 *  it the compression's cost is more than the bytes it saves). */
export const COMPRESS_OVER = 16 * 1024;

export const resultsKey = (queue: string): string => `${PREFIX}:results:${queue}`;

/** What a job returns through BullMQ: where its outcomes are and how large. */
export interface StoredResult {
  stored: 'results';
  units: number;
  /** Bytes as stored (after compression, if any) and as JSON. */
  bytes: number;
  json: number;
}

/** JSON, gzip'd (fastest level: the results are mostly text and numbers) when over COMPRESS_OVER. */
export async function encodeOutcomes(outcomes: UnitOutcome[]): Promise<{ data: Buffer; json: number }> {
  const json = Buffer.from(JSON.stringify(outcomes));
  if (json.length <= COMPRESS_OVER) return { data: json, json: json.length };
  return { data: await gzipAsync(json, { level: constants.Z_BEST_SPEED }), json: json.length };
}

export async function decodeOutcomes<R>(data: Buffer): Promise<Array<UnitOutcome<R>>> {
  // gzip's magic bytes; JSON starts with '['.
  const json = data.length > 1 && data[0] === 0x1f && data[1] === 0x8b ? await gunzipAsync(data) : data;
  return JSON.parse(json.toString('utf8')) as Array<UnitOutcome<R>>;
}

/** The worker's side: stores a job's outcomes and says what it stored (the job's return value). */
export async function storeOutcomes(redis: Redis, queue: string, jobId: string, outcomes: UnitOutcome[]): Promise<StoredResult> {
  const { data, json } = await encodeOutcomes(outcomes);
  await redis.hset(resultsKey(queue), jobId, data);
  return { stored: 'results', units: outcomes.length, bytes: data.length, json };
}
