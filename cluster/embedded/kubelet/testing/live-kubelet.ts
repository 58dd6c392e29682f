// Test support: talk to a live embedded kubelet the way learners and the grader do. Tokens and
// RBAC objects are made with the real kubectl; requests go over real TLS to the node's address.

import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { ClusterNode } from '../../../provider.js';
import { kubectlRunner, supportedKubectls, type KubectlRunner } from '../../../../test/support/kubectl.js';

export interface LiveResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface LiveRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** Send a WebSocket upgrade handshake (GET with Upgrade: websocket). */
  webSocket?: boolean;
  /** A client certificate to present. */
  cert?: { certPem: string; keyPem: string };
  body?: string;
}

/** Keep-alive connections per client certificate ("" for none): TLS handshakes are the slow part. */
const agents = new Map<string, Agent>();
function agentFor(cert: LiveRequest['cert']): Agent {
  const key = cert?.certPem ?? '';
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: 16, rejectUnauthorized: false, ...(cert ? { cert: cert.certPem, key: cert.keyPem } : {}) });
    agents.set(key, agent);
  }
  return agent;
}

/** One request to the node's kubelet; resolves with the status even for a 101 (the socket is then closed). */
export function kubeletFetch(node: Pick<ClusterNode, 'internalIP' | 'kubeletPort'>, req: LiveRequest): Promise<LiveResponse> {
  const headers: Record<string, string> = { ...req.headers };
  if (req.webSocket) {
    Object.assign(headers, { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64') });
  }
  return new Promise((resolve, reject) => {
    const outgoing = request({
      host: node.internalIP,
      port: node.kubeletPort,
      method: req.method ?? 'GET',
      path: req.path,
      headers,
      // An upgrade takes the connection over, so it gets its own; everything else reuses one.
      ...(req.webSocket ? { cert: req.cert?.certPem, key: req.cert?.keyPem, rejectUnauthorized: false, agent: false } : { agent: agentFor(req.cert) }),
      timeout: 20_000,
    });
    outgoing.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    outgoing.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 101, headers: res.headers, body: '' });
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer to ${req.method ?? 'GET'} ${req.path}`)));
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** The newest real kubectl on this machine, set up for the cluster's admin kubeconfig. */
export async function adminKubectl(kubeconfigPath: string): Promise<KubectlRunner> {
  const binaries = await supportedKubectls();
  const newest = binaries[binaries.length - 1];
  if (!newest) throw new Error('no kubectl 1.31+ found on this machine; set KUBELAB_KUBECTL');
  return kubectlRunner(newest, kubeconfigPath);
}

async function must(k: KubectlRunner, args: string[], input?: string): Promise<string> {
  const result = await k.run(args, input === undefined ? {} : { input });
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** A ServiceAccount in "default" and a token for it (`kubectl create token`). */
export async function serviceAccountToken(k: KubectlRunner, name: string): Promise<string> {
  await must(k, ['create', 'serviceaccount', name]);
  return (await must(k, ['create', 'token', name])).trim();
}

export interface GrantRule {
  verbs: string[];
  resources: string[];
  resourceNames?: string[];
}

/** A ClusterRole with these rules, bound to default/<serviceAccount> (applied from YAML with kubectl). */
export async function grant(k: KubectlRunner, serviceAccount: string, name: string, rules: readonly GrantRule[]): Promise<void> {
  const ruleYaml = rules
    .map((r) => [
      `- apiGroups: [""]`,
      `  resources: [${r.resources.map((x) => JSON.stringify(x)).join(', ')}]`,
      `  verbs: [${r.verbs.map((x) => JSON.stringify(x)).join(', ')}]`,
      ...(r.resourceNames ? [`  resourceNames: [${r.resourceNames.map((x) => JSON.stringify(x)).join(', ')}]`] : []),
    ].join('\n'))
    .join('\n');
  const manifest = [
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: ClusterRole',
    `metadata: {name: ${name}}`,
    'rules:',
    ruleYaml,
    '---',
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: ClusterRoleBinding',
    `metadata: {name: ${name}}`,
    `roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${name}}`,
    `subjects: [{kind: ServiceAccount, name: ${serviceAccount}, namespace: default}]`,
    '',
  ].join('\n');
  await must(k, ['apply', '-f', '-'], manifest);
}

export { must as kubectlMust };
