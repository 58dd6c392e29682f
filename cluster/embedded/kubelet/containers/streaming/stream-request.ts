// Reading a streaming request the way the kubelet and the CRI streaming server read it: Go's
// Header.Get (first line only), the upgrade tests of k8s.io/apimachinery httpstream/wsstream, and
// the query parameters of exec/attach (remotecommand NewOptions) and portForward (NewV4Options).

import type { IncomingMessage } from 'node:http';
import { goQuote } from './go-format.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Go's Header[name]: every line of that header, in order (Node would join them). */
export function headerLines(req: IncomingMessage, name: string): string[] {
  const lines: string[] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]!.toLowerCase() === name.toLowerCase()) lines.push(req.rawHeaders[i + 1]!);
  }
  return lines;
}

/** Go's Header.Get: the first line, or "". */
export function firstHeader(req: IncomingMessage, name: string): string {
  return headerLines(req, name)[0] ?? '';
}

/** httpstream.IsUpgradeRequest: some Connection line mentions "upgrade". */
export function isUpgradeRequest(req: IncomingMessage): boolean {
  return headerLines(req, 'connection').some((line) => line.toLowerCase().includes('upgrade'));
}

/** wsstream.IsWebSocketRequest. */
export function isWebSocketRequest(req: IncomingMessage): boolean {
  return firstHeader(req, 'upgrade').toLowerCase() === 'websocket' && isUpgradeRequest(req);
}

/**
 * The subprotocols a WebSocket client offers, as x/net/websocket splits them. Read from
 * req.headers, where the kubelet's authenticator left the list without the bearer-token entry.
 */
export function offeredSubprotocols(req: IncomingMessage): string[] {
  const value = req.headers['sec-websocket-protocol'];
  const header = (Array.isArray(value) ? value.join(',') : (value ?? '')).trim();
  return header === '' ? [] : header.split(',').map((p) => p.trim());
}

export interface StreamOptions {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

// The kubelet's (and CRI's) parameter names are the internal API constants, not the
// PodExecOptions field names: input/output/error/tty, each on only when it is exactly "1".
const on = (query: URLSearchParams, name: string) => query.get(name) === '1';

/** remotecommand.NewOptions. */
export function parseStreamOptions(query: URLSearchParams): Parsed<StreamOptions> {
  const tty = on(query, 'tty');
  const stdin = on(query, 'input');
  const stdout = on(query, 'output');
  // "Access to exec with tty and stderr is not supported, bypassing stderr".
  const stderr = on(query, 'error') && !tty;
  if (!stdin && !stdout && !stderr) return { ok: false, error: 'you must specify at least 1 of stdin, stdout, stderr' };
  return { ok: true, value: { stdin, stdout, stderr, tty } };
}

function parseUint16(text: string): Parsed<number> {
  if (!/^[0-9]+$/.test(text)) return { ok: false, error: `strconv.ParseUint: parsing ${goQuote(text)}: invalid syntax` };
  const value = Number(text);
  if (value > 0xffff) return { ok: false, error: `strconv.ParseUint: parsing ${goQuote(text)}: value out of range` };
  return { ok: true, value };
}

/** portforward.NewV4Options: ports are only read (and required) for WebSocket requests. */
export function parseForwardedPorts(query: URLSearchParams, webSocket: boolean): Parsed<number[]> {
  if (!webSocket) return { ok: true, value: [] };
  const values = query.getAll('port');
  if (values.length === 0) return { ok: false, error: 'query parameter "port" is required' };
  const ports: number[] = [];
  for (const value of values) {
    if (value === '') return { ok: false, error: 'query parameter "port" cannot be empty' };
    for (const part of value.split(',')) {
      const port = parseUint16(part);
      if (!port.ok) return { ok: false, error: `unable to parse ${goQuote(value)} as a port: ${port.error}` };
      if (port.value < 1) return { ok: false, error: `port ${goQuote(value)} must be > 0` };
      ports.push(port.value);
    }
  }
  return { ok: true, value: ports };
}
