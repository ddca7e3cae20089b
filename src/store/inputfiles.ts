// Reading input files without trusting them: JSONL(.gz) rows streamed with a cap on each line (a
// huge line is skipped without ever being held whole), strict UTF-8 (undecodable bytes are a bad
// row, not silently replaced), JSON, an object, then the reader's zod schema; and whole text files
// (notebooks, JSON lists) under a size cap. Nothing here throws for bad input: every bad row or
// file goes to `onBad` with its place and reason (see badinput.ts), and reading goes on.
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { checkRow, type BadRow } from './badinput.js';

/** A line over this is skipped as `too_large` (a test set's row is a few KB, a corpus row a few MB). */
export const MAX_LINE_BYTES = 64 << 20;
/** A whole file read at once (a notebook, a JSON list of episodes) over this is `too_large`. */
export const MAX_FILE_BYTES = 256 << 20;

export interface RowOptions {
  onBad: (bad: BadRow) => void;
  maxLineBytes?: number;
}

/** One good row and the line it was on. */
export interface LineRow<T> {
  line: number;
  row: T;
}

const errText = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;
const utf8 = new TextDecoder('utf-8', { fatal: true }); // each decode() call starts afresh

/** Strict UTF-8 without a leading BOM (and, for a line, without the CR of a CRLF end). */
function decode(bytes: Buffer, first: boolean, line: boolean): string | undefined {
  let end = bytes.length;
  if (line && end > 0 && bytes[end - 1] === 0x0d) end--;
  let start = 0;
  if (first && end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  try {
    return utf8.decode(bytes.subarray(start, end));
  } catch {
    return undefined;
  }
}

/**
 * The lines of a text file (`.gz` unpacked), as strict UTF-8, blank ones left out. A line over
 * `maxLineBytes`, undecodable bytes, or a read that fails part-way go to `onBad`; lines after a
 * bad one are still read (after a failed read, nothing more can be).
 */
export async function* textLines(path: string, opts: RowOptions): AsyncGenerator<{ line: number; text: string }> {
  const max = opts.maxLineBytes ?? MAX_LINE_BYTES;
  let input: Readable;
  try {
    // A missing file or a folder is told here, as the file's fault, not as a stream error.
    const handle = await open(path, 'r');
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    }
    const raw = handle.createReadStream({ autoClose: true });
    input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
    raw.on('error', (err) => input.destroy(err));
  } catch (err) {
    opts.onBad({ file: path, reason: 'unreadable', detail: errText(err) });
    return;
  }
  let line = 0;
  let parts: Buffer[] = [];
  let size = 0;
  let over = false;
  const finish = function* (): Generator<{ line: number; text: string }> {
    line++;
    if (over) {
      opts.onBad({ file: path, line, reason: 'too_large', detail: `${size} bytes (cap ${max})` });
    } else if (size > 0) {
      const bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
      const text = decode(bytes, line === 1, true);
      if (text === undefined) opts.onBad({ file: path, line, reason: 'not_utf8', detail: 'bytes that are not UTF-8' });
      else if (text.trim()) yield { line, text };
    }
    parts = [];
    size = 0;
    over = false;
  };
  const take = (piece: Buffer) => {
    size += piece.length;
    if (size > max) { over = true; parts = []; } else if (piece.length) parts.push(piece);
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let start = 0;
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, start)) {
        take(chunk.subarray(start, i));
        yield* finish();
        start = i + 1;
      }
      if (start < chunk.length) take(Buffer.from(chunk.subarray(start))); // the stream may reuse its buffer
    }
    if (size > 0 || over) yield* finish();
  } catch (err) {
    // Nothing could be read: the file's fault; else the rows before it stand and the rest is lost.
    if (line === 0 && size === 0) opts.onBad({ file: path, reason: 'unreadable', detail: errText(err) });
    else opts.onBad({ file: path, line: line + 1, reason: 'unreadable', detail: `read failed after line ${line}: ${errText(err)}` });
  } finally {
    input.destroy();
  }
}

/**
 * Rows of a JSONL(.gz) file that pass `schema` (or are at least objects, without one), with their
 * line; every other line goes to `onBad` as not_utf8, too_large, not_json, not_object,
 * missing_field, wrong_type or invalid.
 */
export function jsonlRows(path: string, schema: undefined, opts: RowOptions): AsyncGenerator<LineRow<Record<string, unknown>>>;
export function jsonlRows<S extends z.ZodType>(path: string, schema: S, opts: RowOptions): AsyncGenerator<LineRow<z.output<S>>>;
export async function* jsonlRows<S extends z.ZodType>(path: string, schema: S | undefined, opts: RowOptions): AsyncGenerator<LineRow<z.output<S>>> {
  for await (const { line, text } of textLines(path, opts)) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      opts.onBad({ file: path, line, reason: 'not_json', detail: (err as Error).message });
      continue;
    }
    if (!schema) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) yield { line, row: value as z.output<S> };
      else opts.onBad({ file: path, line, reason: 'not_object', detail: value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}` });
      continue;
    }
    const checked = checkRow(schema, value);
    if (checked.ok) yield { line, row: checked.row };
    else opts.onBad({ file: path, line, reason: checked.reason, detail: checked.detail });
  }
}

/** Lines holding something other than white space, counted from bytes (no line is ever held): the
 *  size of a JSONL input before a run, for its ETA. An unreadable file counts what was read. */
export async function countLines(path: string): Promise<number> {
  let n = 0;
  let content = false;
  try {
    const handle = await open(path, 'r');
    const raw = handle.createReadStream({ autoClose: true });
    const input: Readable = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
    raw.on('error', (err) => input.destroy(err));
    try {
      const blank = (b: number) => b === 0x20 || b === 0x09 || b === 0x0d;
      for await (const chunk of input as AsyncIterable<Buffer>) {
        let start = 0;
        while (start <= chunk.length) {
          const nl = chunk.indexOf(0x0a, start);
          const end = nl === -1 ? chunk.length : nl;
          // Only the white space a line starts with is looked at (a JSON row starts with `{`).
          for (let i = start; !content && i < end; i++) if (!blank(chunk[i])) content = true;
          if (nl === -1) break;
          if (content) n++;
          content = false;
          start = nl + 1;
        }
      }
    } finally {
      input.destroy();
    }
  } catch {
    // counted as bad input by the reader itself
  }
  return content ? n + 1 : n;
}

export type TextFile = { ok: true; text: string } | { ok: false; bad: BadRow };

/** A whole text file (`.gz` unpacked) as strict UTF-8, under `maxBytes`, or why it cannot be read. */
export async function readTextFile(path: string, maxBytes = MAX_FILE_BYTES): Promise<TextFile> {
  let bytes: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      const size = (await handle.stat()).size;
      if (size > maxBytes) return { ok: false, bad: { file: path, reason: 'too_large', detail: `${size} bytes (cap ${maxBytes})` } };
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (err) {
    return { ok: false, bad: { file: path, reason: 'unreadable', detail: errText(err) } };
  }
  return textOf(path, bytes, maxBytes);
}

/** The text of a file's bytes (`.gz` unpacked, under `maxBytes`), or why there is none. */
function textOf(path: string, raw: Buffer, maxBytes: number): TextFile {
  let bytes = raw;
  if (path.endsWith('.gz')) {
    try {
      bytes = gunzipSync(raw, { maxOutputLength: maxBytes });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, bad: { file: path, reason: 'too_large', detail: `unpacks to over ${maxBytes} bytes` } };
      return { ok: false, bad: { file: path, reason: 'unreadable', detail: errText(err) } };
    }
  }
  const text = decode(bytes, true, false);
  if (text === undefined) return { ok: false, bad: { file: path, reason: 'not_utf8', detail: 'bytes that are not UTF-8' } };
  return { ok: true, text };
}

/** readTextFile for callers that cannot wait (discovery walks before a run starts). */
export function readTextFileSync(path: string, maxBytes = MAX_FILE_BYTES): TextFile {
  let bytes: Buffer;
  try {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > maxBytes) return { ok: false, bad: { file: path, reason: 'too_large', detail: `${size} bytes (cap ${maxBytes})` } };
      bytes = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    return { ok: false, bad: { file: path, reason: 'unreadable', detail: errText(err) } };
  }
  return textOf(path, bytes, maxBytes);
}

/** A whole JSON file, or why it cannot be used (`unreadable`, `too_large`, `not_utf8`, `not_json`). */
export async function readJsonFile(path: string, maxBytes = MAX_FILE_BYTES): Promise<{ ok: true; value: unknown } | { ok: false; bad: BadRow }> {
  const file = await readTextFile(path, maxBytes);
  if (!file.ok) return file;
  try {
    return { ok: true, value: JSON.parse(file.text) as unknown };
  } catch (err) {
    return { ok: false, bad: { file: path, reason: 'not_json', detail: (err as Error).message } };
  }
}
