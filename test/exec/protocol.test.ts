// The worker channel's frames: whatever the chunking, every frame comes out once, whole and in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFrame, FrameDecoder } from '../../src/exec/protocol.js';

const messages = [{ op: 'ready', pid: 1 }, { id: 2, value: 'x'.repeat(70_000), list: [1, 2, 3] }, { id: 3, text: 'é€😀' }, {}, { id: 5, big: 'y'.repeat(300_000) }];
const stream = Buffer.concat(messages.map(encodeFrame));

function decodeIn(size: (i: number) => number): unknown[] {
  const d = new FrameDecoder();
  const out: unknown[] = [];
  for (let off = 0, i = 0; off < stream.length; i++) {
    const n = Math.max(1, size(i));
    out.push(...d.push(stream.subarray(off, off + n)));
    off += n;
  }
  return out;
}

test('frames decode alike in one chunk, byte by byte around the headers, and in chunks that split headers and bodies anywhere', () => {
  assert.deepEqual(decodeIn(() => stream.length), messages);
  assert.deepEqual(decodeIn((i) => (i < 40 ? 1 : 4096)), messages);
  for (const size of [3, 7, 1000, 65_536, 100_003]) assert.deepEqual(decodeIn(() => size), messages, `chunks of ${size}`);
  let seed = 7;
  const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return 1 + (seed % 20_000); };
  assert.deepEqual(decodeIn(random), messages);
});

test('a frame is yielded only once it is whole, and the bytes after it start the next', () => {
  const d = new FrameDecoder();
  const one = encodeFrame({ id: 1, v: 'z'.repeat(10_000) });
  const two = encodeFrame({ id: 2 });
  assert.deepEqual(d.push(one.subarray(0, 2)), []);
  assert.deepEqual(d.push(one.subarray(2, 5000)), []);
  assert.deepEqual(d.push(Buffer.concat([one.subarray(5000), two.subarray(0, 3)])), [{ id: 1, v: 'z'.repeat(10_000) }]);
  assert.deepEqual(d.push(two.subarray(3)), [{ id: 2 }]);
});
