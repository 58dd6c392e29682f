// A recording HTTPS front for a cluster, to split `kubectl get` wall time into what the server
// costs and what kubectl costs by itself. The first time a request (method, URL, Accept) comes,
// it is forwarded to the cluster as kubernetes-admin and the answer kept; after that the kept
// answer is served from memory by a bare Node HTTPS server with the same TLS setup. kubectl
// against it gets the very same bytes with (almost) no server time: the floor under any server.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmbeddedCluster } from '../cluster/embedded/cluster.js';
import { createCertificateAuthority, issueCertificate } from '../cluster/embedded/pki/index.js';
import { renderKubeconfig } from '../cluster/kubeconfig.js';
import { adminTls } from './cluster-client.js';

interface Recorded {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** Headers that belong to one connection or one response, not to the content. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'date', 'content-length', 'transfer-encoding']);

export interface ReplayServer {
  kubeconfigPath: string;
  /** Requests answered from memory so far. */
  replayed: number;
  close(): Promise<void>;
}

export async function startReplayServer(cluster: EmbeddedCluster): Promise<ReplayServer> {
  const admin = adminTls(cluster);
  const upstream = new URL(cluster.server);
  const ca = createCertificateAuthority('replay');
  const serving = issueCertificate(ca, { commonName: 'kube-apiserver', usage: 'server', ipAddresses: ['127.0.0.1'] });
  const recorded = new Map<string, Promise<Recorded>>();
  const forward = (method: string, url: string, headers: Record<string, string>): Promise<Recorded> =>
    new Promise((resolve, reject) => {
      const req = request({ host: upstream.hostname, port: upstream.port, method, path: url, headers, ...admin }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const kept: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(res.headers)) if (value !== undefined && !HOP_HEADERS.has(name)) kept[name] = value;
          resolve({ status: res.statusCode ?? 502, headers: kept, body: Buffer.concat(chunks) });
        });
      });
      req.on('error', reject);
      req.end();
    });

  const state = { replayed: 0 };
  const server: Server = createServer({ cert: serving.certPem, key: serving.keyPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: false, keepAliveTimeout: 60_000 });
  server.on('request', (req, res) => {
    req.resume();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const accept = req.headers.accept ?? '';
    const key = `${method} ${url} ${accept}`;
    let answer = recorded.get(key);
    if (answer) state.replayed++;
    else {
      answer = forward(method, url, accept ? { Accept: accept } : {});
      recorded.set(key, answer);
    }
    answer.then(
      (a) => {
        res.writeHead(a.status, { ...a.headers, 'Content-Length': a.body.length });
        res.end(a.body);
      },
      (e: Error) => {
        res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end(e.message);
      },
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  const kubeconfigPath = join(mkdtempSync(join(tmpdir(), 'kubelab-replay-')), 'kubeconfig');
  writeFileSync(kubeconfigPath, renderKubeconfig({ clusterName: 'replay', server: `https://127.0.0.1:${port}`, caPem: ca.certPem, user: { certPem: admin.cert, keyPem: admin.key } }), { mode: 0o600 });
  return {
    kubeconfigPath,
    get replayed() {
      return state.replayed;
    },
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
