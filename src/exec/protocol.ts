// Length-prefixed JSON frames between Node and a worker, on a channel that is not the code's stdout.
export function encodeFrame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const head = Buffer.allocUnsafe(4);
  head.writeUInt32BE(body.length, 0);
  return Buffer.concat([head, body]);
}

/** Accumulates chunks and yields complete frames. A frame's chunks are joined once, when the last
 *  of them has come: joining every chunk as it came would copy a frame of n chunks n times over. */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Bytes the frame at the head of `chunks` needs (header included), once its header is known. */
  private need = 0;

  push(chunk: Buffer): unknown[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const out: unknown[] = [];
    if (this.buffered < 4 || (this.need > 0 && this.buffered < this.need)) return out;
    let buf = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
    let off = 0;
    this.need = 0;
    while (buf.length - off >= 4) {
      const n = buf.readUInt32BE(off);
      if (buf.length - off - 4 < n) {
        this.need = 4 + n;
        break;
      }
      out.push(JSON.parse(buf.toString('utf8', off + 4, off + 4 + n)));
      off += 4 + n;
    }
    buf = off > 0 ? buf.subarray(off) : buf;
    this.chunks = buf.length > 0 ? [buf] : [];
    this.buffered = buf.length;
    return out;
  }
}
