// A peer's bytes must only ever end its own connection. The emulated clusters live inside the lab
// server, so a learner's process that speaks broken SPDY (or a zlib bomb) to an exec endpoint must
// not take every other learner's cluster down with it, nor stall the event loop.

import { Duplex } from 'node:stream';
import { constants, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpdyConnection } from './connection.js';
import { SPDY3_DICTIONARY } from './dictionary.js';
import { dataFrame, pingFrame, synStreamFrame } from './frames.js';
import { encodeHeaderBlock } from './header-block.js';

/** The peer's end, in memory: `feed` delivers bytes to the connection; what it writes goes nowhere. */
class PeerSocket extends Duplex {
  override _read(): void {}
  override _write(_chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    done();
  }
  feed(bytes: Buffer): void {
    this.push(bytes);
  }
}

/** A server-side connection on an in-memory socket; `destroyed` tells whether it hung up. */
function serverOn(): { socket: PeerSocket; opened: string[] } {
  const socket = new PeerSocket();
  socket.on('error', () => {});
  const opened: string[] = [];
  new SpdyConnection(socket, 'server', { accepts: () => true, opened: (s) => opened.push(s.header('streamtype')) });
  return { socket, opened };
}

const compressed = (block: Buffer) => deflateSync(block, { dictionary: SPDY3_DICTIONARY, flush: constants.Z_SYNC_FLUSH });
const validSyn = (id: number) => synStreamFrame(id, 0, compressed(encodeHeaderBlock(new Map([['streamtype', ['stdin']]]))));

describe('a SPDY connection fed hostile bytes', () => {
  it('never throws out of its socket handler, whatever the bytes', () => {
    const frame = fc.oneof(
      fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
      fc.tuple(fc.integer({ min: 1, max: 99 }), fc.uint8Array({ maxLength: 40 })).map(([id, b]) => synStreamFrame(id, 0, Buffer.from(b))),
      fc.tuple(fc.integer({ min: 0, max: 0x7fffffff }), fc.uint8Array({ maxLength: 40 })).map(([id, b]) => dataFrame(id, 0, Buffer.from(b))),
      fc.integer({ min: 0, max: 0xffffffff }).map((id) => pingFrame(id)),
      fc.constant(validSyn(1)),
    );
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 12 }), fc.integer({ min: 1, max: 7 }), (frames, cut) => {
        const { socket } = serverOn();
        const bytes = Buffer.concat(frames);
        // Delivered in pieces, as TCP may cut it.
        for (let i = 0; i < bytes.length; i += cut) socket.feed(bytes.subarray(i, i + cut));
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it('hangs up on a zlib bomb in a header block instead of inflating it', async () => {
    const { socket, opened } = serverOn();
    const bomb = encodeHeaderBlock(new Map([['streamtype', ['x'.repeat(2 * 1024 * 1024)]]]));
    socket.feed(synStreamFrame(1, 0, compressed(bomb)));
    await new Promise((r) => setImmediate(r));
    expect(socket.destroyed).toBe(true);
    expect(opened).toEqual([]);
  });

  it('hangs up on a frame larger than any kubectl sends, without buffering it', async () => {
    const { socket } = serverOn();
    const header = Buffer.from([0, 0, 0, 1, 0, 0xff, 0xff, 0xff]); // a data frame claiming 16 MiB
    socket.feed(header);
    await new Promise((r) => setImmediate(r));
    expect(socket.destroyed).toBe(true);
  });

  it('still opens streams for a well-behaved peer', async () => {
    const { socket, opened } = serverOn();
    socket.feed(validSyn(1));
    await new Promise((r) => setImmediate(r));
    expect(opened).toEqual(['stdin']);
    expect(socket.destroyed).toBe(false);
  });
});
