// SPDY/3 frames (SPDY draft 3, section 2.6): an 8-byte header, then the payload. Control frames
// carry version 3 and a type; data frames a stream id. Header blocks stay compressed here: the
// connection owns the two zlib streams, which frames in other connections must not share.

import { SpdyProtocolError } from './header-block.js';

const VERSION = 3;
const HEADER = 8;
/** Data we send goes in frames of this size at most, as Go's io.Copy buffer cuts kubectl's. */
export const DATA_FRAME_BYTES = 32 * 1024;

/**
 * The largest payload we read. kubectl's streams write at most 32 KiB per frame; buffering up to
 * 16 MiB per connection (re-joined with every chunk) would let one peer stall the whole process.
 */
const MAX_ACCEPTED_PAYLOAD = 1024 * 1024;

/** The same bound for a WebSocket message of an exec, attach or port-forward stream. */
export const MAX_STREAM_MESSAGE_BYTES = MAX_ACCEPTED_PAYLOAD;

export const FLAG_FIN = 0x01;

const ControlType = { SynStream: 1, SynReply: 2, RstStream: 3, Ping: 6, GoAway: 7, Headers: 8 } as const;

/** RST_STREAM status codes used here. */
export const RST_PROTOCOL_ERROR = 1;
export const RST_REFUSED_STREAM = 3;
export const RST_CANCEL = 5;

export type Frame =
  | { kind: 'data'; streamId: number; flags: number; data: Buffer }
  | { kind: 'synStream'; streamId: number; flags: number; headerBlock: Buffer }
  | { kind: 'synReply'; streamId: number; flags: number; headerBlock: Buffer }
  | { kind: 'headers'; streamId: number; flags: number; headerBlock: Buffer }
  | { kind: 'rstStream'; streamId: number; status: number }
  | { kind: 'ping'; id: number }
  | { kind: 'goAway'; lastGoodStreamId: number; status: number }
  /** SETTINGS, WINDOW_UPDATE and unknown types: read, then ignored (spdystream keeps no windows). */
  | { kind: 'other'; type: number };

/** Cuts a byte stream into frames. */
export class FrameReader {
  private buffered: Buffer = Buffer.alloc(0);

  /** Every frame completed by `chunk`, in order. */
  push(chunk: Buffer): Frame[] {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const frames: Frame[] = [];
    while (this.buffered.length >= HEADER) {
      const length = this.buffered.readUIntBE(5, 3);
      if (length > MAX_ACCEPTED_PAYLOAD) throw new SpdyProtocolError(`frame of ${length} bytes is larger than this server reads`);
      if (this.buffered.length < HEADER + length) break;
      frames.push(parse(this.buffered.subarray(0, HEADER), this.buffered.subarray(HEADER, HEADER + length)));
      this.buffered = this.buffered.subarray(HEADER + length);
    }
    return frames;
  }
}

function parse(header: Buffer, payload: Buffer): Frame {
  const flags = header[4]!;
  if ((header[0]! & 0x80) === 0) return { kind: 'data', streamId: header.readUInt32BE(0) & 0x7fffffff, flags, data: Buffer.from(payload) };
  const version = header.readUInt16BE(0) & 0x7fff;
  if (version !== VERSION) throw new SpdyProtocolError(`unsupported SPDY version ${version}`);
  const type = header.readUInt16BE(2);
  const need = (bytes: number) => {
    if (payload.length < bytes) throw new SpdyProtocolError(`control frame of type ${type} is too short`);
  };
  const streamId = () => payload.readUInt32BE(0) & 0x7fffffff;
  switch (type) {
    case ControlType.SynStream:
      need(10);
      return { kind: 'synStream', streamId: streamId(), flags, headerBlock: Buffer.from(payload.subarray(10)) };
    case ControlType.SynReply:
      need(4);
      return { kind: 'synReply', streamId: streamId(), flags, headerBlock: Buffer.from(payload.subarray(4)) };
    case ControlType.Headers:
      need(4);
      return { kind: 'headers', streamId: streamId(), flags, headerBlock: Buffer.from(payload.subarray(4)) };
    case ControlType.RstStream:
      need(8);
      return { kind: 'rstStream', streamId: streamId(), status: payload.readUInt32BE(4) };
    case ControlType.Ping:
      need(4);
      return { kind: 'ping', id: payload.readUInt32BE(0) };
    case ControlType.GoAway:
      need(8);
      return { kind: 'goAway', lastGoodStreamId: streamId(), status: payload.readUInt32BE(4) };
    default:
      return { kind: 'other', type };
  }
}

function control(type: number, flags: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(HEADER);
  header.writeUInt16BE(0x8000 | VERSION, 0);
  header.writeUInt16BE(type, 2);
  header[4] = flags;
  header.writeUIntBE(payload.length, 5, 3);
  return Buffer.concat([header, payload]);
}

function words(...values: number[]): Buffer {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, 4 * i));
  return b;
}

export function synStreamFrame(streamId: number, flags: number, headerBlock: Buffer): Buffer {
  // Associated-to stream 0, priority 0, slot 0.
  return control(ControlType.SynStream, flags, Buffer.concat([words(streamId, 0), Buffer.alloc(2), headerBlock]));
}

export function synReplyFrame(streamId: number, flags: number, headerBlock: Buffer): Buffer {
  return control(ControlType.SynReply, flags, Buffer.concat([words(streamId), headerBlock]));
}

export function rstStreamFrame(streamId: number, status: number): Buffer {
  return control(ControlType.RstStream, 0, words(streamId, status));
}

export function pingFrame(id: number): Buffer {
  return control(ControlType.Ping, 0, words(id));
}

export function goAwayFrame(lastGoodStreamId: number): Buffer {
  return control(ControlType.GoAway, 0, words(lastGoodStreamId, 0));
}

export function dataFrame(streamId: number, flags: number, data: Buffer): Buffer {
  const header = Buffer.alloc(HEADER);
  header.writeUInt32BE(streamId & 0x7fffffff, 0);
  header[4] = flags;
  header.writeUIntBE(data.length, 5, 3);
  return Buffer.concat([header, data]);
}
