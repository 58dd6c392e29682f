// kube-apiserver's tunneling handler for port-forward (PortForwardWebsockets, beta since 1.31):
// kubectl offers "SPDY/3.1+portforward.k8s.io" on a WebSocket and speaks SPDY inside its binary
// messages. The API server asks the kubelet for a plain SPDY upgrade (POST, the protocols without
// the prefix); only when the kubelet switches does the client's WebSocket upgrade, and from then
// on the SPDY bytes are carried over as they are. Any other answer goes back to the client as
// the kubelet gave it, which makes kubectl fall back to SPDY.

import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { readResponseBody, readResponseHead, writeUpgradeRequest, type ResponseHead } from '../../spdy/http-upgrade.js';
import { offeredSubprotocols } from '../../kubelet/containers/streaming/stream-request.js';
import { errorDialingBackend, forwardedHeaderLines } from '../node-proxy.js';
import type { KubeletStream } from './stream-translator.js';

export const TUNNEL_PREFIX = 'SPDY/3.1+';

/** The tunnelled protocols a WebSocket request offers, e.g. ["portforward.k8s.io"]. */
export function tunnelledProtocols(req: IncomingMessage): string[] {
  return offeredSubprotocols(req).filter((p) => p.startsWith(TUNNEL_PREFIX)).map((p) => p.slice(TUNNEL_PREFIX.length));
}

/** Runs the tunnel; a kubelet that cannot be reached is an "error dialing backend" Status. */
export async function tunnelPortForward(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer, kubelet: KubeletStream): Promise<void> {
  let upstream: Duplex;
  try {
    upstream = await kubelet.connect();
  } catch (err) {
    throw errorDialingBackend(kubelet.address, err as Error);
  }
  const protocols = tunnelledProtocols(req);
  // createSPDYRequest: the WebSocket headers go, POST with SPDY/3.1 and the tunnelled protocols.
  const dropped = (name: string) => name.startsWith('sec-websocket-') || name === 'upgrade';
  const headers = forwardedHeaderLines(req, dropped).map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 2)];
  });
  writeUpgradeRequest(upstream, {
    method: 'POST',
    target: kubelet.target,
    headers: [
      ['Host', `${kubelet.address.host}:${kubelet.address.port}`],
      ...headers,
      ['Upgrade', 'SPDY/3.1'],
      ...protocols.map((p): [string, string] => ['X-Stream-Protocol-Version', p]),
    ],
  });
  let answer: ResponseHead;
  try {
    answer = await readResponseHead(upstream);
  } catch {
    socket.destroy();
    return;
  }
  if (answer.status !== 101) {
    const body = await readResponseBody(upstream, answer);
    upstream.destroy();
    echoResponse(socket, answer, body);
    return;
  }
  const negotiated = answer.headers.get('x-stream-protocol-version')?.[0] ?? protocols[0] ?? '';
  req.headers['sec-websocket-protocol'] = `${TUNNEL_PREFIX}${negotiated}`;
  wss.handleUpgrade(req, socket, head, (ws) => {
    upstream.on('data', (chunk: Buffer) => ws.send(chunk, { binary: true }));
    ws.on('message', (data: Buffer) => upstream.write(data));
    ws.on('close', () => upstream.destroy());
    ws.on('error', () => upstream.destroy());
    upstream.on('close', () => ws.close(1000));
    upstream.on('error', () => upstream.destroy());
    upstream.resume();
  });
}

/** The kubelet's refusal, written to the client as the answer to its upgrade. */
function echoResponse(socket: Duplex, head: ResponseHead, body: Buffer): void {
  const lines = [`HTTP/1.1 ${head.status} ${STATUS_CODES[head.status] ?? ''}`];
  for (const [name, values] of head.headers) {
    if (name === 'connection' || name === 'transfer-encoding') continue;
    for (const value of values) lines.push(`${canonical(name)}: ${value}`);
  }
  if (!head.headers.has('content-length')) lines.push(`Content-Length: ${body.length}`);
  lines.push('Connection: close');
  socket.end(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]));
}

function canonical(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}
