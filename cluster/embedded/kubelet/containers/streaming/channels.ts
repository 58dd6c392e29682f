// The k8s channel framing over a WebSocket (wsstream.Conn): every message starts with its channel
// number, as a byte (binary protocols) or as an ASCII digit followed by base64 (base64 protocols).
// v5 adds one client-to-server signal, [255, n]: "channel n is closed" (half-close of stdin).

import type { WebSocket } from 'ws';
import type { ChannelProtocol } from './handshake.js';

const STREAM_CLOSE = 255;

export interface ChannelEvents {
  data(channel: number, data: Buffer): void;
  /** v5 only: the client closed its side of `channel`. */
  halfClose(channel: number): void;
  /** The connection is gone (either side). */
  closed(): void;
}

export class ChannelSocket {
  private open = true;

  constructor(
    private readonly ws: WebSocket,
    private readonly protocol: ChannelProtocol,
    events: ChannelEvents,
  ) {
    ws.on('message', (raw: Buffer | ArrayBuffer | Buffer[]) => {
      const frame = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
      this.receive(frame, events);
    });
    ws.on('close', () => {
      this.open = false;
      events.closed();
    });
    ws.on('error', () => ws.terminate());
  }

  get isOpen(): boolean {
    return this.open;
  }

  private receive(frame: Buffer, events: ChannelEvents): void {
    if (frame.length === 0) return;
    if (this.protocol.streamClose && frame[0] === STREAM_CLOSE) {
      // wsstream: anything but exactly one channel byte ends the connection.
      if (frame.length !== 2) {
        this.close();
        return;
      }
      events.halfClose(frame[1]!);
      return;
    }
    if (this.protocol.codec === 'binary') {
      events.data(frame[0]!, frame.subarray(1));
      return;
    }
    const channel = frame[0]! - 0x30;
    const text = frame.subarray(1).toString('latin1');
    // wsstream drops frames that are not valid base64 ("Unable to write frame").
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return;
    events.data(channel, Buffer.from(text, 'base64'));
  }

  write(channel: number, data: string | Buffer): void {
    if (!this.open) return;
    const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (this.protocol.codec === 'binary') {
      this.ws.send(Buffer.concat([Buffer.from([channel]), payload]), { binary: true });
    } else {
      this.ws.send(String.fromCharCode(0x30 + channel) + payload.toString('base64'), { binary: false });
    }
  }

  /** x/net/websocket Conn.Close: a close frame with status 1000 (normal closure). */
  close(): void {
    if (!this.open) return;
    this.open = false;
    this.ws.close(1000);
  }
}

/**
 * createWebSocketStreams: the channels of an exec/attach WebSocket, announced to the client by an
 * empty frame on the lowest channel it can read (stdout, else stderr, else the error channel).
 */
export function openChannelSocket(ws: WebSocket, protocol: ChannelProtocol, events: ChannelEvents, readable: { stdout: boolean; stderr: boolean }): ChannelSocket {
  const channels = new ChannelSocket(ws, protocol, events);
  channels.write(readable.stdout ? 1 : readable.stderr ? 2 : 3, '');
  return channels;
}
