// HTTP answers written straight onto the socket of an upgrade request (Node hands such requests
// over as a bare socket). Two shapes occur on a kubelet:
// - a regular Go net/http response (the kubelet's own handler, or containerd's answer the
//   kubelet's upgrade proxy echoes back): status line, sorted headers, Date, Content-Length, body;
// - x/net/websocket's handshake refusals: a status line and, at most, a body, nothing else.

import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { PlainResponse } from '../../plain-response.js';

export interface RawResponse {
  status: number;
  /** Header lines in order; a name may repeat (Header.Add). */
  headers: readonly (readonly [string, string])[];
  body: string;
  /** Go's server adds Date and Content-Length; x/net/websocket writes bare responses. */
  bare?: boolean;
}

export function fromPlain(response: PlainResponse): RawResponse {
  return { status: response.status, headers: Object.entries(response.headers), body: response.body };
}

function statusLine(status: number): string {
  return `HTTP/1.1 ${String(status).padStart(3, '0')} ${STATUS_CODES[status] ?? ''}\r\n`;
}

export function serializeRaw(response: RawResponse, now: Date): string {
  const lines: string[] = [];
  if (response.bare) {
    for (const [name, value] of response.headers) lines.push(`${name}: ${value}\r\n`);
  } else {
    const sorted = [...response.headers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, value] of sorted) lines.push(`${name}: ${value}\r\n`);
    lines.push(`Date: ${now.toUTCString()}\r\n`, `Content-Length: ${Buffer.byteLength(response.body)}\r\n`);
  }
  return `${statusLine(response.status)}${lines.join('')}\r\n${response.body}`;
}

/** Writes the response and closes the connection: once answered, the upgrade socket is done. */
export function writeRaw(socket: Duplex, response: RawResponse, now: Date): void {
  if (socket.destroyed) return;
  socket.end(serializeRaw(response, now));
}
