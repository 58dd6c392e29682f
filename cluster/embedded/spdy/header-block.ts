// SPDY/3 name/value header blocks and their compression. A block is a count followed by
// length-prefixed names and values (several values of one name joined by NUL); names go on the
// wire in lower case. Each direction of a connection is one zlib stream against the SPDY
// dictionary, flushed (not finished) after every block, so a block can only be read with the
// ones before it.

import { constants, inflateSync } from 'node:zlib';
import { SPDY3_DICTIONARY } from './dictionary.js';

/** Header names (lower case) to their values, in the order they came. */
export type HeaderBlock = Map<string, string[]>;

export function encodeHeaderBlock(headers: ReadonlyMap<string, readonly string[]>): Buffer {
  const parts: Buffer[] = [uint32(headers.size)];
  for (const [name, values] of headers) {
    const nameBytes = Buffer.from(name.toLowerCase(), 'utf8');
    const valueBytes = Buffer.from(values.join('\0'), 'utf8');
    parts.push(uint32(nameBytes.length), nameBytes, uint32(valueBytes.length), valueBytes);
  }
  return Buffer.concat(parts);
}

export function decodeHeaderBlock(block: Buffer): HeaderBlock {
  let offset = 0;
  const uint = (): number => {
    if (offset + 4 > block.length) throw new SpdyProtocolError('header block is shorter than its lengths say');
    offset += 4;
    return block.readUInt32BE(offset - 4);
  };
  const text = (): string => {
    const length = uint();
    if (offset + length > block.length) throw new SpdyProtocolError('header block is shorter than its lengths say');
    offset += length;
    return block.toString('utf8', offset - length, offset);
  };
  const headers: HeaderBlock = new Map();
  for (let count = uint(); count > 0; count--) {
    const name = text().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), ...text().split('\0')]);
  }
  return headers;
}

export class SpdyProtocolError extends Error {}

const SYNC_FLUSH_MARKER = Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]);

/**
 * One direction's compressor. The receiver only needs a zlib stream that starts with the
 * dictionary's id; stored (uncompressed) deflate blocks are as valid as compressed ones and keep
 * every block self-contained and synchronous to produce.
 */
export class HeaderCompressor {
  private started = false;

  compress(block: Buffer): Buffer {
    const parts: Buffer[] = [];
    if (!this.started) {
      this.started = true;
      // CMF 0x78 (deflate, 32K window), FLG 0x20 (FDICT set; 0x7820 is a multiple of 31).
      parts.push(Buffer.from([0x78, 0x20]), uint32(adler32(SPDY3_DICTIONARY)));
    }
    // A block is never empty (it starts with its count).
    for (let offset = 0; offset < block.length; offset += 0xffff) {
      const chunk = block.subarray(offset, offset + 0xffff);
      const header = Buffer.alloc(5);
      header[0] = 0; // BFINAL 0, BTYPE 00 (stored): the stream stays open for the next block
      header.writeUInt16LE(chunk.length, 1);
      header.writeUInt16LE(~chunk.length & 0xffff, 3);
      parts.push(header, chunk);
    }
    // The empty stored block of a sync flush: Go's flate reader hands out a stored block's bytes
    // only once the next block begins, so without it the block would stay unread.
    parts.push(SYNC_FLUSH_MARKER);
    return Buffer.concat(parts);
  }
}

/**
 * One direction's decompressor. Node offers no synchronous streaming inflate, so every block is
 * read by inflating everything received so far (a few hundred bytes per connection) and keeping
 * the new tail: each sender flushes after a block, so the output up to it is final.
 */
/**
 * What one connection's header blocks may add up to, compressed and inflated. Real exec and
 * port-forward sessions use a few hundred bytes; the limits keep a peer (a learner's own process:
 * the emulated cluster runs inside the lab server) from making us inflate a zlib bomb or re-read
 * an ever longer stream.
 */
const MAX_HEADER_INPUT_BYTES = 256 * 1024;
const MAX_HEADER_OUTPUT_BYTES = 1024 * 1024;

export class HeaderDecompressor {
  private input: Buffer = Buffer.alloc(0);
  private produced = 0;

  decompress(compressed: Buffer): Buffer {
    if (this.input.length + compressed.length > MAX_HEADER_INPUT_BYTES) throw new SpdyProtocolError('header blocks exceed the connection\'s limit');
    this.input = Buffer.concat([this.input, compressed]);
    let output: Buffer;
    try {
      output = inflateSync(this.input, { dictionary: SPDY3_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: MAX_HEADER_OUTPUT_BYTES });
    } catch (e) {
      throw new SpdyProtocolError(`header block does not decompress: ${(e as Error).message}`);
    }
    const block = output.subarray(this.produced);
    this.produced = output.length;
    return block;
  }
}

function uint32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0);
  return b;
}

function adler32(data: Buffer): number {
  let a = 1;
  let b = 0;
  for (const byte of data) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}
