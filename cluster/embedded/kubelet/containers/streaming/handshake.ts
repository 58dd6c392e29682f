// Subprotocol negotiation and handshake refusals of the streaming endpoints.
// WebSocket (x/net/websocket + wsstream): the first offered subprotocol the server knows wins;
// none offered means "" (binary channels, pre-v4 status). A refused negotiation is a bare
// "403 Forbidden" with no body; other refusals carry x/net's error text.
// SPDY (httpstream.Handshake + spdy.ResponseUpgrader): the refusals, else the negotiated protocol
// and the 101 that switches the connection to SPDY/3.1.

import type { IncomingMessage } from 'node:http';
import { goHttpError } from '../../plain-response.js';
import { canonicalHeaderKey, goHeaderLiteral, goStringSlice } from './go-format.js';
import { fromPlain, type RawResponse } from './raw-response.js';
import { firstHeader, headerLines, isUpgradeRequest } from './stream-request.js';

export interface ChannelProtocol {
  /** '' when the client offered no subprotocol. */
  name: string;
  codec: 'binary' | 'base64';
  /** v4+: a JSON metav1.Status on the error channel; older: a failure's message only. */
  statusFormat: 'json' | 'text';
  /** v5: the client may half-close a channel with the frame [255, channel]. */
  streamClose: boolean;
}

const protocol = (name: string, codec: ChannelProtocol['codec'], statusFormat: ChannelProtocol['statusFormat']): ChannelProtocol => ({
  name,
  codec,
  statusFormat,
  streamClose: name === 'v5.channel.k8s.io',
});

/** The CRI streaming server's exec/attach protocols (remotecommand/websocket.go). */
export const CRI_EXEC_PROTOCOLS: readonly ChannelProtocol[] = [
  protocol('', 'binary', 'text'),
  protocol('channel.k8s.io', 'binary', 'text'),
  protocol('base64.channel.k8s.io', 'base64', 'text'),
  protocol('v4.channel.k8s.io', 'binary', 'json'),
  protocol('v4.base64.channel.k8s.io', 'base64', 'json'),
];

/** The kubelet's own v5 translator (apiserver/pkg/util/proxy/websocket.go): v5 and nothing else. */
export const TRANSLATED_EXEC_PROTOCOLS: readonly ChannelProtocol[] = [protocol('v5.channel.k8s.io', 'binary', 'json')];

/** The CRI streaming server's port-forward protocols (portforward/websocket.go). */
export const PORT_FORWARD_PROTOCOLS: readonly ChannelProtocol[] = [
  protocol('', 'binary', 'text'),
  protocol('v4.channel.k8s.io', 'binary', 'text'),
  protocol('v4.base64.channel.k8s.io', 'base64', 'text'),
];

/** wsstream handshake(): walks the client's list in order. */
export function negotiate(offered: readonly string[], supported: readonly ChannelProtocol[]): ChannelProtocol | undefined {
  for (const name of offered.length ? offered : ['']) {
    const match = supported.find((p) => p.name === name);
    if (match) return match;
  }
  return undefined;
}

const bare = (status: number, body = '', headers: [string, string][] = []): RawResponse => ({ status, headers, body, bare: true });

/** x/net/websocket hybiServerHandshaker.ReadHandshake: what it refuses before negotiation. */
export function webSocketRefusal(req: IncomingMessage): RawResponse | undefined {
  if (req.method !== 'GET') return bare(405, 'bad method');
  const key = firstHeader(req, 'sec-websocket-key');
  if (key === '') return bare(400, 'mismatch challenge/response');
  if (firstHeader(req, 'sec-websocket-version') !== '13') {
    return bare(400, 'missing or bad WebSocket Version', [['Sec-WebSocket-Version', '13']]);
  }
  return undefined;
}

/** The refusal for a subprotocol the server does not speak: Handshake hook error -> bare 403. */
export const SUBPROTOCOL_REFUSED: RawResponse = bare(403);

/** Server-side SPDY protocol lists of the CRI streaming server. */
const SPDY_EXEC_PROTOCOLS = ['v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];
const SPDY_PORT_FORWARD_PROTOCOLS = ['portforward.k8s.io'];

/** httpstream's commaSeparatedHeaderValues over every X-Stream-Protocol-Version line. */
function clientStreamProtocols(req: IncomingMessage): string[] {
  return headerLines(req, 'x-stream-protocol-version')
    .flatMap((line) => line.split(','))
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/**
 * The request headers as the CRI server sees them behind the kubelet's upgrade proxy: Go's
 * canonical keys, Host taken out, the proxy's X-Forwarded-For appended, and the defaults
 * Request.Write adds on the way (User-Agent, Content-Length: 0 on a bodiless POST).
 */
function proxiedHeaders(req: IncomingMessage): Map<string, string[]> {
  const header = new Map<string, string[]>();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const key = canonicalHeaderKey(req.rawHeaders[i]!);
    if (key === 'Host') continue;
    header.set(key, [...(header.get(key) ?? []), req.rawHeaders[i + 1]!]);
  }
  if (!header.has('User-Agent')) header.set('User-Agent', ['Go-http-client/1.1']);
  if (req.method === 'POST' && !header.has('Content-Length')) header.set('Content-Length', ['0']);
  const client = req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '';
  const prior = header.get('X-Forwarded-For');
  header.set('X-Forwarded-For', [prior?.length ? `${prior.join(', ')}, ${client}` : client]);
  return header;
}

/**
 * A non-WebSocket upgrade (SPDY) to exec/attach or portForward, answered like the CRI server's
 * createHTTPStreamStreams / handleHTTPStreams plus the kubelet's proxy around them: a refusal, or
 * the protocol to switch to (the first the client offers that the server speaks).
 */
export function spdyHandshake(req: IncomingMessage, kind: 'remotecommand' | 'portforward'): { reject: RawResponse } | { protocol: string } {
  const serverProtocols = kind === 'remotecommand' ? SPDY_EXEC_PROTOCOLS : SPDY_PORT_FORWARD_PROTOCOLS;
  const client = clientStreamProtocols(req);
  if (client.length === 0) {
    // Handshake returns the error without writing. Exec writes it as a 400; port-forward writes
    // nothing, so Go answers 200 and the kubelet's proxy rejects that as a failed upgrade.
    return {
      reject:
        kind === 'remotecommand'
          ? fromPlain(goHttpError(400, 'unable to upgrade: X-Stream-Protocol-Version is required'))
          : fromPlain(goHttpError(500, 'invalid upgrade response: status code 200')),
    };
  }
  const negotiated = client.find((p) => serverProtocols.includes(p));
  if (negotiated === undefined) {
    const message = `unable to upgrade: unable to negotiate protocol: client supports ${goStringSlice(client)}, server accepts ${goStringSlice(serverProtocols)}`;
    const refusal = goHttpError(403, message);
    // Exec's caller writes the same error again (http.Error after the 403 already went out).
    const body = kind === 'remotecommand' ? refusal.body.repeat(2) : refusal.body;
    return {
      reject: {
        status: 403,
        headers: [...serverProtocols.map((p): [string, string] => ['X-Accepted-Stream-Protocol-Versions', p]), ...Object.entries(refusal.headers)],
        body,
      },
    };
  }
  const connection = headerLines(req, 'connection').join(' ').toLowerCase();
  if (!connection.includes('upgrade') || !firstHeader(req, 'upgrade').toLowerCase().includes('spdy/3.1')) {
    const refusal = goHttpError(400, `unable to upgrade: missing upgrade headers in request: ${goHeaderLiteral(proxiedHeaders(req))}`);
    return { reject: { ...fromPlain(refusal), headers: [['X-Stream-Protocol-Version', negotiated], ...Object.entries(refusal.headers)] } };
  }
  return { protocol: negotiated };
}

/** spdy.ResponseUpgrader's 101, with the protocol Handshake chose. */
export function spdySwitchingProtocols(protocol: string, now: Date): string {
  return [
    'HTTP/1.1 101 Switching Protocols',
    'Connection: Upgrade',
    'Upgrade: SPDY/3.1',
    `X-Stream-Protocol-Version: ${protocol}`,
    `Date: ${now.toUTCString()}`,
    '',
    '',
  ].join('\r\n');
}

/**
 * 1.36's kubelet tunnels port-forward SPDY inside a WebSocket (SPDY/3.1+portforward.k8s.io).
 * kubelab serves SPDY on a plain upgrade but not inside a WebSocket; it says so instead of
 * pretending (the one answer here a kubelet never gives).
 */
export function spdyTunnelNotEmulated(): RawResponse {
  return fromPlain(
    goHttpError(
      501,
      'kubelab does not emulate SPDY tunnelled in a WebSocket; use a SPDY/3.1 upgrade (X-Stream-Protocol-Version: portforward.k8s.io) or subprotocol v4.channel.k8s.io',
    ),
  );
}

/** UpgradeAwareHandler with upgradeRequired: a plain request never reaches the runtime. */
export function upgradeRequired(req: IncomingMessage): RawResponse | undefined {
  return isUpgradeRequest(req) ? undefined : fromPlain(goHttpError(500, 'Upgrade request required'));
}
