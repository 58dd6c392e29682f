// Reaching a node's kubelet as kube-apiserver does: under the API server's own client certificate
// (kube-apiserver-kubelet-client), at the Node's InternalIP and daemonEndpoints port. The kubelet
// then authorizes *that* identity, not the caller. Used by the node proxy subresource
// (/api/v1/nodes/NAME/proxy/PATH, `kubectl get --raw`), after the caller passed
// `<verb> nodes/proxy`, and by the pod subresources the kubelet serves (pod-subresources.ts).

import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { KubeObject } from './types.js';
import type { ResourceRequest } from './registry/generic.js';
import type { RequestScope } from './server.js';
import { ApiError, notFound } from './status.js';
import { resourceKey, type ObjectStore } from './storage/store.js';

export interface KubeletClientCredentials {
  certPem: string;
  keyPem: string;
}

export interface KubeletAddress {
  host: string;
  port: number;
}

// Headers that identify the caller to the API server; never forwarded to the kubelet.
const DROPPED_HEADERS = new Set(['authorization', 'host', 'connection', 'upgrade', 'keep-alive', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding']);

export class NodeProxy {
  constructor(
    private readonly store: ObjectStore,
    private readonly credentials: KubeletClientCredentials,
  ) {}

  /** GetConnectionInfo: the node's kubelet address; 404 for a node that does not exist. */
  kubeletAddress(nodeName: string): KubeletAddress {
    const node = this.store.get(resourceKey('', 'nodes'), undefined, nodeName);
    if (!node) throw notFound('', 'nodes', nodeName);
    return kubeletEndpoint(node);
  }

  /** An HTTPS request to a kubelet; the caller ends it. */
  request(address: KubeletAddress, method: string, path: string, headers: Record<string, string | string[]>): ClientRequest {
    return httpsRequest({
      host: address.host,
      port: address.port,
      method,
      path,
      headers,
      cert: this.credentials.certPem,
      key: this.credentials.keyPem,
      rejectUnauthorized: false, // kube-apiserver does not verify kubelet serving certs by default
    });
  }

  /** A TLS connection to a kubelet, once the handshake is done; rejects with the dial's own error. */
  connect(address: KubeletAddress): Promise<TLSSocket> {
    return new Promise((resolve, reject) => {
      const socket = tlsConnect({ host: address.host, port: address.port, cert: this.credentials.certPem, key: this.credentials.keyPem, rejectUnauthorized: false });
      socket.once('secureConnect', () => {
        socket.off('error', reject);
        resolve(socket);
      });
      socket.once('error', reject);
    });
  }

  async forward(nodeName: string, path: string, r: ResourceRequest, res: ServerResponse): Promise<void> {
    const target = this.kubeletAddress(nodeName);
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(r.req.headersDistinct)) {
      if (v && !DROPPED_HEADERS.has(k) && !k.startsWith('impersonate-')) headers[k] = v;
    }
    await new Promise<void>((resolve) => {
      const upstream = this.request(target, r.req.method ?? 'GET', path, headers);
      upstream.on('response', (answer) => {
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(answer.headersDistinct)) {
          if (v && k !== 'connection' && k !== 'transfer-encoding' && k !== 'keep-alive') out[k] = v;
        }
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
        answer.on('end', resolve);
        answer.on('error', () => {
          res.destroy();
          resolve();
        });
      });
      upstream.on('error', (err) => {
        if (!res.headersSent) {
          const e = unreachable(target, err);
          res.writeHead(e.code, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(e.toStatus()));
        } else res.destroy();
        resolve();
      });
      r.req.pipe(upstream);
    });
  }

  /** The node proxy's upgrades (WebSocket/SPDY to any kubelet path). */
  async upgrade(nodeName: string, path: string, scope: RequestScope, socket: Duplex, head: Buffer): Promise<void> {
    await this.pipeUpgrade(this.kubeletAddress(nodeName), path, scope.req, socket, head, (address, err) => unreachable(address, err));
  }

  /**
   * UpgradeAwareHandler: the client's request goes to the kubelet as it came (minus what
   * identified the caller here, plus X-Forwarded-For), and the bytes flow both ways from then
   * on, whatever the kubelet answers. A failed dial is answered with `dialError`'s Status.
   */
  async pipeUpgrade(
    address: KubeletAddress,
    path: string,
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    dialError: (address: KubeletAddress, err: Error) => ApiError,
  ): Promise<void> {
    let upstream: TLSSocket;
    try {
      upstream = await this.connect(address);
    } catch (err) {
      throw dialError(address, err as Error);
    }
    const lines = [`${req.method ?? 'GET'} ${path} HTTP/1.1`, `Host: ${address.host}:${address.port}`, ...forwardedHeaderLines(req)];
    upstream.write(lines.join('\r\n') + '\r\n\r\n');
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
    upstream.on('error', () => upstream.destroy());
    socket.once('close', () => upstream.destroy());
    upstream.once('close', () => socket.destroy());
  }
}

/**
 * The client's header lines for the kubelet: Authorization, Host and Impersonate-* are gone (the
 * filters consumed them), X-Forwarded-For gains the client's address (AppendForwardedForHeader).
 */
export function forwardedHeaderLines(req: IncomingMessage, drop: (lowerName: string) => boolean = () => false): string[] {
  const lines: string[] = [];
  let forwardedFor: string | undefined;
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'host' || lower.startsWith('impersonate-') || drop(lower)) continue;
    if (lower === 'x-forwarded-for') {
      forwardedFor = forwardedFor === undefined ? req.rawHeaders[i + 1]! : `${forwardedFor}, ${req.rawHeaders[i + 1]!}`;
      continue;
    }
    lines.push(`${name}: ${req.rawHeaders[i + 1]}`);
  }
  const client = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  lines.push(`X-Forwarded-For: ${forwardedFor === undefined ? client : `${forwardedFor}, ${client}`}`);
  return lines;
}

/** InternalIP first (--kubelet-preferred-address-types default), port from daemonEndpoints. */
export function kubeletEndpoint(node: KubeObject): KubeletAddress {
  const status = (node.status ?? {}) as {
    addresses?: { type: string; address: string }[];
    daemonEndpoints?: { kubeletEndpoint?: { Port?: number } };
  };
  const address =
    status.addresses?.find((a) => a.type === 'InternalIP')?.address ?? status.addresses?.find((a) => a.type === 'Hostname')?.address;
  if (!address) throw new ApiError(503, 'ServiceUnavailable', `no preferred addresses found; known addresses: []`);
  return { host: address, port: status.daemonEndpoints?.kubeletEndpoint?.Port ?? 10250 };
}

/** Go's net.OpError text for a failed dial: "dial tcp 172.18.0.3:10250: connect: connection refused". */
export function dialErrorText(address: KubeletAddress, err: Error): string {
  const code = (err as NodeJS.ErrnoException).code;
  const detail = code === 'ECONNREFUSED' ? 'connect: connection refused' : err.message;
  return `dial tcp ${address.host}:${address.port}: ${detail}`;
}

/** UpgradeAwareHandler's failed dial, answered through the pod REST responder: a 500 with no reason. */
export function errorDialingBackend(address: KubeletAddress, err: Error): ApiError {
  return new ApiError(500, '', `error dialing backend: ${dialErrorText(address, err)}`);
}

function unreachable(address: KubeletAddress, err: Error): ApiError {
  return new ApiError(503, 'ServiceUnavailable', `error trying to reach service: ${dialErrorText(address, err)}`);
}
