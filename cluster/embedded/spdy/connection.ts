// A SPDY/3.1 connection as Kubernetes uses one (moby/spdystream under httpstream/spdy): the
// client opens every stream with SYN_STREAM and waits for its SYN_REPLY; each side half-closes
// its direction of a stream with a FIN; RST_STREAM and the end of the connection end a stream
// both ways. Pings from the peer are echoed. Like spdystream, no flow-control windows are kept.

import { Duplex } from 'node:stream';
import {
  dataFrame,
  FLAG_FIN,
  FrameReader,
  goAwayFrame,
  DATA_FRAME_BYTES,
  pingFrame,
  RST_CANCEL,
  RST_PROTOCOL_ERROR,
  RST_REFUSED_STREAM,
  rstStreamFrame,
  synReplyFrame,
  synStreamFrame,
  type Frame,
} from './frames.js';
import { decodeHeaderBlock, encodeHeaderBlock, HeaderCompressor, HeaderDecompressor, type HeaderBlock } from './header-block.js';

export type SpdyRole = 'client' | 'server';

/** What becomes of the streams the peer opens (server role). */
export interface StreamHandler {
  /** true: SYN_REPLY; false: RST_STREAM, as httpstream's NewStreamHandler returning nil or an error. */
  accepts(stream: SpdyStream): boolean;
  /** An accepted stream, after its reply went out (data written before that would be dropped). */
  opened(stream: SpdyStream): void;
}

const REFUSE_ALL: StreamHandler = { accepts: () => false, opened: () => {} };

/** One SPDY stream: readable until the peer's FIN (or a reset), writable until our own FIN. */
export class SpdyStream extends Duplex {
  private open = true;

  constructor(
    readonly id: number,
    readonly headers: HeaderBlock,
    private readonly send: (frame: Buffer) => void,
  ) {
    super({ allowHalfOpen: true });
  }

  /** Go's Header.Get: the first value of a header, or "". */
  header(name: string): string {
    return this.headers.get(name.toLowerCase())?.[0] ?? '';
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    for (let offset = 0; this.open && offset < chunk.length; offset += DATA_FRAME_BYTES) {
      this.send(dataFrame(this.id, 0, chunk.subarray(offset, offset + DATA_FRAME_BYTES)));
    }
    done();
  }

  override _final(done: (error?: Error | null) => void): void {
    if (this.open) this.send(dataFrame(this.id, FLAG_FIN, Buffer.alloc(0)));
    done();
  }

  /** RST_STREAM (CANCEL): ends the stream both ways. */
  reset(): void {
    if (this.open) this.send(rstStreamFrame(this.id, RST_CANCEL));
    this.finish();
  }

  /** @internal the peer's data. */
  receive(data: Buffer, fin: boolean): void {
    if (data.length) this.push(data);
    if (fin) this.push(null);
  }

  /** @internal the stream is over both ways: reads end, writes go nowhere. */
  finish(): void {
    if (!this.open) return;
    this.open = false;
    this.push(null);
  }
}

interface Pending {
  stream: SpdyStream;
  replied(): void;
  failed(error: Error): void;
}

export class SpdyConnection {
  private readonly reader = new FrameReader();
  private readonly compressor = new HeaderCompressor();
  private readonly decompressor = new HeaderDecompressor();
  private readonly streams = new Map<number, SpdyStream>();
  private readonly pending = new Map<number, Pending>();
  private readonly closeListeners: (() => void)[] = [];
  private nextStreamId: number;
  private lastPeerStreamId = 0;
  private closed = false;

  constructor(
    private readonly socket: Duplex,
    private readonly role: SpdyRole,
    private readonly handler: StreamHandler = REFUSE_ALL,
  ) {
    this.nextStreamId = role === 'client' ? 1 : 2;
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => this.shutdown());
    socket.on('error', () => socket.destroy());
    socket.resume(); // whoever read the HTTP response head before us may have paused it
  }

  get isClosed(): boolean {
    return this.closed;
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  /** SYN_STREAM, resolved by the peer's SYN_REPLY (rejected by a reset or the end of the connection). */
  openStream(headers: Readonly<Record<string, string>>): Promise<SpdyStream> {
    if (this.closed) return Promise.reject(new Error('connection closed'));
    const id = this.nextStreamId;
    this.nextStreamId += 2;
    const block = encodeHeaderBlock(new Map(Object.entries(headers).map(([k, v]) => [k, [v]])));
    const stream = new SpdyStream(id, decodeHeaderBlock(block), (frame) => this.write(frame));
    this.streams.set(id, stream);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { stream, replied: () => resolve(stream), failed: reject });
      this.write(synStreamFrame(id, 0, this.compressor.compress(block)));
    });
  }

  /** What httpstream's Connection.Close does: reset every stream, GOAWAY, hang up. */
  close(): void {
    if (this.closed) return;
    for (const stream of this.streams.values()) stream.reset();
    this.write(goAwayFrame(this.lastPeerStreamId));
    this.socket.end();
    this.shutdown();
  }

  private write(frame: Buffer): void {
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(frame);
  }

  private receive(chunk: Buffer): void {
    try {
      for (const frame of this.reader.push(chunk)) this.handle(frame);
    } catch {
      // A protocol error, or a bug of ours that the peer's bytes reached: either way this
      // connection ends, never the process (every learner's cluster lives in it).
      this.socket.destroy();
    }
  }

  private handle(frame: Frame): void {
    switch (frame.kind) {
      case 'synStream':
        return this.peerOpened(frame.streamId, frame.flags, frame.headerBlock);
      case 'synReply': {
        this.decompressor.decompress(frame.headerBlock);
        const pending = this.pending.get(frame.streamId);
        this.pending.delete(frame.streamId);
        pending?.replied();
        if (frame.flags & FLAG_FIN) pending?.stream.receive(Buffer.alloc(0), true);
        return;
      }
      case 'headers':
        this.decompressor.decompress(frame.headerBlock); // keeps the zlib stream in step; nothing here uses them
        return;
      case 'data':
        // spdystream drops data for streams it does not know or has not had a reply for.
        if (!this.pending.has(frame.streamId)) this.streams.get(frame.streamId)?.receive(frame.data, (frame.flags & FLAG_FIN) !== 0);
        return;
      case 'rstStream': {
        const stream = this.streams.get(frame.streamId);
        this.streams.delete(frame.streamId);
        stream?.finish();
        const pending = this.pending.get(frame.streamId);
        this.pending.delete(frame.streamId);
        pending?.failed(new Error('stream reset'));
        return;
      }
      case 'ping':
        // Our own pings would carry our parity; we send none, so every ping is the peer's.
        if ((frame.id & 1) !== (this.role === 'client' ? 1 : 0)) this.write(pingFrame(frame.id));
        return;
      case 'goAway':
      case 'other':
        return;
    }
  }

  private peerOpened(id: number, flags: number, headerBlock: Buffer): void {
    const headers = decodeHeaderBlock(this.decompressor.decompress(headerBlock));
    const valid = id % 2 === (this.role === 'client' ? 0 : 1) && id > this.lastPeerStreamId;
    if (!valid) {
      this.write(rstStreamFrame(id, RST_PROTOCOL_ERROR));
      return;
    }
    this.lastPeerStreamId = id;
    const stream = new SpdyStream(id, headers, (frame) => this.write(frame));
    if (!this.handler.accepts(stream)) {
      this.write(rstStreamFrame(id, RST_REFUSED_STREAM));
      return;
    }
    this.streams.set(id, stream);
    this.write(synReplyFrame(id, 0, this.compressor.compress(encodeHeaderBlock(new Map()))));
    this.handler.opened(stream);
    if (flags & FLAG_FIN) stream.receive(Buffer.alloc(0), true);
  }

  private shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stream of this.streams.values()) stream.finish();
    this.streams.clear();
    for (const pending of this.pending.values()) pending.failed(new Error('connection closed'));
    this.pending.clear();
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
