// A live HTTPS call from the host to a node's kubelet, as `curl -k` makes it: the kubelet's
// self-signed serving certificate is not verified and no client certificate is sent, so the
// caller authenticates with whatever headers it passes (e.g. Authorization: Bearer <token>).

import { request } from 'node:https';
import type { KubeletRequest, KubeletResponse } from '../../provider.js';

export function callKubelet(host: string, port: number, req: KubeletRequest, timeoutMs = 30_000): Promise<KubeletResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host, port, method: req.method, path: req.path, headers: req.headers ?? {}, rejectUnauthorized: false, timeout: timeoutMs, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`kubelet at https://${host}:${port} did not answer ${req.method} ${req.path} within ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}
