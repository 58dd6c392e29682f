// The node proxy subresource (/api/v1/nodes/NAME/proxy/PATH, `kubectl get --raw`): after the
// caller passed `<verb> nodes/proxy`, the request goes to the node's kubelet under the API
// server's own client certificate (kube-apiserver-kubelet-client), as kube-apiserver does.
// The kubelet then authorizes *that* identity, not the caller.

import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect } from 'node:tls';
import type { ServerResponse } from 'node:http';
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

// Headers that identify the caller to the API server; never forwarded to the kubelet.
const DROPPED_HEADERS = new Set(['authorization', 'host', 'connection', 'upgrade', 'keep-alive', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding']);

export class NodeProxy {
  constructor(
    private readonly store: ObjectStore,
    private readonly credentials: KubeletClientCredentials,
  ) {}

  async forward(nodeName: string, path: string, r: ResourceRequest, res: ServerResponse): Promise<void> {
    const target = this.target(nodeName);
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(r.req.headersDistinct)) {
      if (v && !DROPPED_HEADERS.has(k) && !k.startsWith('impersonate-')) headers[k] = v;
    }
    await new Promise<void>((resolve) => {
      const upstream = httpsRequest(
        {
          host: target.host,
          port: target.port,
          method: r.req.method,
          path,
          headers,
          cert: this.credentials.certPem,
          key: this.credentials.keyPem,
          rejectUnauthorized: false, // kube-apiserver does not verify kubelet serving certs by default
        },
        (answer) => {
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
        },
      );
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

  async upgrade(nodeName: string, path: string, scope: RequestScope, socket: Duplex, head: Buffer): Promise<void> {
    const target = this.target(nodeName);
    const lines = [`${scope.req.method ?? 'GET'} ${path} HTTP/1.1`, `Host: ${target.host}:${target.port}`];
    for (let i = 0; i < scope.req.rawHeaders.length; i += 2) {
      const name = scope.req.rawHeaders[i]!;
      const lower = name.toLowerCase();
      if (lower === 'authorization' || lower === 'host' || lower.startsWith('impersonate-')) continue;
      lines.push(`${name}: ${scope.req.rawHeaders[i + 1]}`);
    }
    await new Promise<void>((resolve, reject) => {
      const upstream = tlsConnect({
        host: target.host,
        port: target.port,
        cert: this.credentials.certPem,
        key: this.credentials.keyPem,
        rejectUnauthorized: false,
      });
      upstream.once('secureConnect', () => {
        upstream.write(lines.join('\r\n') + '\r\n\r\n');
        if (head.length) upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
        resolve();
      });
      upstream.once('error', (err) => reject(unreachable(target, err)));
      socket.once('close', () => upstream.destroy());
      upstream.once('close', () => socket.destroy());
    });
  }

  private target(nodeName: string): { host: string; port: number } {
    const node = this.store.get(resourceKey('', 'nodes'), undefined, nodeName);
    if (!node) throw notFound('', 'nodes', nodeName);
    return kubeletEndpoint(node);
  }
}

/** InternalIP first (--kubelet-preferred-address-types default), port from daemonEndpoints. */
export function kubeletEndpoint(node: KubeObject): { host: string; port: number } {
  const status = (node.status ?? {}) as {
    addresses?: { type: string; address: string }[];
    daemonEndpoints?: { kubeletEndpoint?: { Port?: number } };
  };
  const address =
    status.addresses?.find((a) => a.type === 'InternalIP')?.address ?? status.addresses?.find((a) => a.type === 'Hostname')?.address;
  if (!address) throw new ApiError(503, 'ServiceUnavailable', `no preferred addresses found; known addresses: []`);
  return { host: address, port: status.daemonEndpoints?.kubeletEndpoint?.Port ?? 10250 };
}

function unreachable(target: { host: string; port: number }, err: Error): ApiError {
  const code = (err as NodeJS.ErrnoException).code;
  const detail = code === 'ECONNREFUSED' ? 'connect: connection refused' : err.message;
  return new ApiError(503, 'ServiceUnavailable', `error trying to reach service: dial tcp ${target.host}:${target.port}: ${detail}`);
}
