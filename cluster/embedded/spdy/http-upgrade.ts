// The client side of an HTTP/1.1 upgrade on a socket we own (Node's http client would keep the
// socket): write the request, read the response head, and leave every byte after it in the
// socket for whoever speaks the next protocol (SPDY) or reads the error body.

import type { Duplex } from 'node:stream';

export interface UpgradeRequest {
  method: string;
  /** Path and query, as sent on the request line. */
  target: string;
  headers: readonly (readonly [string, string])[];
}

export interface ResponseHead {
  status: number;
  /** Lower-case names; every line kept. */
  headers: Map<string, string[]>;
}

const MAX_HEAD = 64 * 1024;

export function writeUpgradeRequest(socket: Duplex, request: UpgradeRequest): void {
  const lines = [`${request.method} ${request.target} HTTP/1.1`, ...request.headers.map(([name, value]) => `${name}: ${value}`)];
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
}

/** Reads up to the blank line; what follows it is put back into the socket. */
export function readResponseHead(socket: Duplex): Promise<ResponseHead> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onError);
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    // What Go's http client reports for a connection that ends before a response: EOF.
    const onEnd = () => onError(new Error('EOF'));
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buffered.length > MAX_HEAD) onError(new Error('response head too large'));
        return;
      }
      cleanup();
      socket.pause();
      const rest = buffered.subarray(end + 4);
      if (rest.length) socket.unshift(rest);
      const [statusLine = '', ...lines] = buffered.subarray(0, end).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
      const headers = new Map<string, string[]>();
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const name = line.slice(0, colon).trim().toLowerCase();
        headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
      }
      resolve({ status, headers });
    };
    socket.on('data', onData);
    socket.on('end', onEnd);
    socket.on('close', onEnd);
    socket.on('error', onError);
  });
}

/** The body of a response that did not upgrade: Content-Length bytes, else all until the peer hangs up. */
export function readResponseBody(socket: Duplex, head: ResponseHead): Promise<Buffer> {
  const declared = head.headers.get('content-length')?.[0];
  const length = declared === undefined ? Infinity : Number(declared);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const done = () => {
      socket.off('data', onData);
      socket.off('end', done);
      socket.off('close', done);
      resolve(Buffer.concat(chunks).subarray(0, Number.isFinite(length) ? length : undefined));
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received >= length) done();
    };
    if (length === 0) {
      resolve(Buffer.alloc(0));
      return;
    }
    socket.on('data', onData);
    socket.on('end', done);
    socket.on('close', done);
    socket.resume();
  });
}
