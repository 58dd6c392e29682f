// Writing a kubelet reply on either kind of connection Node hands us: an ordinary request
// (ServerResponse) or one whose connection Node detached for an upgrade or CONNECT (a raw socket,
// where we write the HTTP/1.1 response ourselves and close).

import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { KubeletReply } from '../handlers/types.js';
import type { AbortSource } from './lazy-abort.js';

export function writeReply(res: ServerResponse, reply: KubeletReply, abort: AbortSource): void {
  if (res.headersSent || res.destroyed) return;
  if (reply.keepOpen) {
    res.writeHead(reply.status, { ...reply.headers });
    res.write(reply.body);
    // Streams until the client leaves (or the kubelet stops): `kubectl logs -f` directly on :10250.
    abort.signal.addEventListener('abort', () => res.end(), { once: true });
    return;
  }
  // A flat header list goes straight into the head, and a string body is sent in the same write
  // as the head: the cheapest way through Node for the small answers most kubelet calls get.
  const headers: string[] = [];
  for (const name in reply.headers) headers.push(name, reply.headers[name]!);
  const length = typeof reply.body === 'string' ? Buffer.byteLength(reply.body) : reply.body.length;
  headers.push('Content-Length', String(length));
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

/** A complete HTTP/1.1 response on a detached socket, then the socket is closed. */
export function writeRawReply(socket: Duplex, reply: KubeletReply, method: string): void {
  if (socket.destroyed) return;
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body) : reply.body;
  const lines = [`HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? ''}`];
  for (const [name, value] of Object.entries(reply.headers)) lines.push(`${name}: ${value}`);
  lines.push(`Date: ${new Date().toUTCString()}`, `Content-Length: ${body.length}`, 'Connection: close');
  socket.end(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), method === 'HEAD' ? Buffer.alloc(0) : body]));
}
