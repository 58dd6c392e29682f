// Talking to a benchmark's embedded cluster over real HTTPS: the admin credentials of its
// kubeconfig, one-off requests, and a ServiceAccount token (what wrk and curl authenticate with).

import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { parse } from 'yaml';
import type { EmbeddedCluster } from '../cluster/embedded/cluster.js';
import type { HttpTarget } from './load/types.js';

export interface AdminTls {
  ca: string;
  cert: string;
  key: string;
}

/** The admin client certificate and CA of a cluster's kubeconfig. */
export function adminTls(cluster: EmbeddedCluster): AdminTls {
  const kubeconfig = parse(readFileSync(cluster.kubeconfigPath, 'utf8')) as {
    clusters: { cluster: { 'certificate-authority-data': string } }[];
    users: { user: { 'client-certificate-data': string; 'client-key-data': string } }[];
  };
  const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');
  return {
    ca: b64(kubeconfig.clusters[0]!.cluster['certificate-authority-data']),
    cert: b64(kubeconfig.users[0]!.user['client-certificate-data']),
    key: b64(kubeconfig.users[0]!.user['client-key-data']),
  };
}

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

/** Sends a target's request once; the answer as it came. */
export function sendOnce(target: HttpTarget): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.host,
        port: target.port,
        method: target.method,
        path: target.path,
        headers: target.headers,
        ...(target.tls.ca ? { ca: target.tls.ca } : {}),
        ...(target.tls.cert ? { cert: target.tls.cert, key: target.tls.key } : {}),
        rejectUnauthorized: target.tls.ca !== undefined,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(target.body);
  });
}

/** A request to the cluster's API server as kubernetes-admin. */
export function apiTarget(cluster: EmbeddedCluster, method: string, path: string, body?: unknown): HttpTarget {
  const url = new URL(cluster.server);
  return {
    host: url.hostname,
    port: Number(url.port),
    method,
    path,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    tls: adminTls(cluster),
    expectStatus: method === 'POST' ? 201 : 200,
  };
}

/** As kubernetes-admin; fails unless the API server answers `expectStatus`. */
export async function adminRequest(cluster: EmbeddedCluster, method: string, path: string, body?: unknown): Promise<Answer> {
  const target = apiTarget(cluster, method, path, body);
  const answer = await sendOnce(target);
  if (answer.status !== target.expectStatus) throw new Error(`${method} ${path} answered ${answer.status}: ${answer.body}`);
  return answer;
}

/** `kubectl create token NAME -n NAMESPACE`: a fresh token of a ServiceAccount (one hour). */
export async function serviceAccountToken(cluster: EmbeddedCluster, namespace: string, name: string): Promise<string> {
  const answer = await adminRequest(cluster, 'POST', `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: { expirationSeconds: 3600 },
  });
  return (JSON.parse(answer.body) as { status: { token: string } }).status.token;
}
