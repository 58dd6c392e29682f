// The kubelet's endpoints on a live embedded cluster: what an authorized caller reads, that it
// agrees with the API server, and how the kubelet treats credentials on the TLS side.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parse } from 'yaml';
import { startEmbeddedCluster, type EmbeddedCluster } from '../cluster.js';
import { createCertificateAuthority, issueCertificate } from '../pki/index.js';
import { resourceKey } from '../apiserver/storage/store.js';
import type { KubeVersion } from '../../versions.js';
import { ENDPOINT_HANDLERS } from './handlers/endpoint-table.js';
import type { KubeletContext } from './handlers/types.js';
import { RecordingRuntime } from './testing/recording-runtime.js';
import { openDecisionFile } from './decisions/decision-file.js';
import { adminKubectl, grant, kubectlMust, kubeletFetch, serviceAccountToken } from './testing/live-kubelet.js';

interface Lab {
  cluster: EmbeddedCluster;
  runtime: RecordingRuntime;
  admin: string;
  dataDir: string;
}

async function lab(name: string, version: KubeVersion, extra: { nodes?: number; featureGates?: Record<string, boolean> } = {}): Promise<Lab> {
  const runtime = new RecordingRuntime();
  const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-kubelet-'));
  const cluster = await startEmbeddedCluster({ spec: { name: `${name}${process.pid % 1000}`, version, ...extra }, dataDir, containerRuntime: () => runtime });
  const k = await adminKubectl(cluster.kubeconfigPath);
  const admin = await serviceAccountToken(k, 'admin');
  await kubectlMust(k, ['create', 'clusterrolebinding', 'admin', '--clusterrole=cluster-admin', '--serviceaccount=default:admin']);
  return { cluster, runtime, admin, dataDir };
}

let v133: Lab;
let v136: Lab;
let v131: Lab;

beforeAll(async () => {
  v133 = await lab('srv-a', '1.33', { nodes: 2, featureGates: { KubeletFineGrainedAuthz: false } });
  v136 = await lab('srv-b', '1.36');
  v131 = await lab('srv-c', '1.31');
}, 120_000);

afterAll(async () => {
  await Promise.all([v133, v136, v131].filter(Boolean).map((l) => l.cluster.delete()));
});

const get = (l: Lab, path: string, node = 0, headers: Record<string, string> = {}) =>
  kubeletFetch(l.cluster.nodes[node]!, { path, headers: { Authorization: `Bearer ${l.admin}`, ...headers } });

function podsOnNode(l: Lab, node: string): string[] {
  return l.cluster.store
    .list(resourceKey('', 'pods'))
    .filter((p) => (p.spec as { nodeName?: string }).nodeName === node)
    .map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
    .sort();
}

describe('pod endpoints', () => {
  it('/pods lists exactly the pods the API server has bound to that node, static pods under their manifest UID', async () => {
    for (const [index, node] of v133.cluster.nodes.entries()) {
      const res = await get(v133, '/pods', index);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.body.endsWith('}\n')).toBe(true);
      const list = JSON.parse(res.body) as { kind: string; apiVersion: string; items: { metadata: { name: string; namespace: string; uid: string; annotations?: Record<string, string> } }[] };
      expect([list.kind, list.apiVersion]).toEqual(['PodList', 'v1']);
      expect(list.items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort()).toEqual(podsOnNode(v133, node.name));
      const statics = list.items.filter((p) => p.metadata.annotations?.['kubernetes.io/config.source'] === 'file');
      expect(statics.length > 0).toBe(node.role === 'control-plane');
      for (const p of statics) expect(p.metadata.uid).toBe(p.metadata.annotations?.['kubernetes.io/config.hash']);
    }
  });

  it('/pods answers items: null on a node without pods', async () => {
    const ctx = { pods: { managed: () => [] } } as unknown as KubeletContext;
    const reply = await ENDPOINT_HANDLERS.pods!({} as never, ctx);
    expect(reply.body).toBe('{"kind":"PodList","apiVersion":"v1","metadata":{},"items":null}\n');
  });

  it('/runningpods/ is the runtime view: name, namespace, uid and container images only', async () => {
    const res = await get(v133, '/runningpods/');
    const list = JSON.parse(res.body) as { items: Record<string, unknown>[] };
    expect(list.items.length).toBeGreaterThan(0);
    for (const item of list.items) {
      expect(Object.keys(item)).toEqual(['metadata', 'spec', 'status']);
      expect(item.status).toEqual({});
    }
  });

  it('a pod being deleted is still in /pods but its containers are gone from /runningpods/', async () => {
    const node = v133.cluster.nodes[1]!;
    const pods = v133.cluster.store.list(resourceKey('', 'pods'));
    const victim = pods.find((p) => (p.spec as { nodeName?: string }).nodeName === node.name && p.metadata.namespace === 'kube-system')!;
    v133.cluster.store.update(resourceKey('', 'pods'), { ...victim, metadata: { ...victim.metadata, deletionTimestamp: new Date().toISOString() } });
    const managed = JSON.parse((await get(v133, '/pods', 1)).body) as { items: { metadata: { name: string } }[] };
    const running = JSON.parse((await get(v133, '/runningpods/', 1)).body) as { items: { metadata: { name: string } }[] };
    expect(managed.items.map((p) => p.metadata.name)).toContain(victim.metadata.name);
    expect(running.items.map((p) => p.metadata.name)).not.toContain(victim.metadata.name);
  });
});

describe('health, configuration and metrics', () => {
  it('/healthz is "ok", and ?verbose lists the kubelet checks', async () => {
    expect((await get(v136, '/healthz')).body).toBe('ok');
    expect((await get(v136, '/healthz?verbose')).body).toBe('[+]ping ok\n[+]log ok\n[+]syncloop ok\nhealthz check passed\n');
    expect((await get(v136, '/healthz/syncloop')).body).toBe('ok');
  });

  it('/configz shows the effective KubeletConfiguration, feature gates included', async () => {
    const res = await get(v133, '/configz');
    const config = (JSON.parse(res.body) as { kubeletconfig: Record<string, unknown> }).kubeletconfig;
    expect(config.featureGates).toEqual({ KubeletFineGrainedAuthz: false });
    expect(config.authentication).toEqual({ x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' }, webhook: { enabled: true, cacheTTL: '2m0s' }, anonymous: { enabled: false } });
    expect(config.authorization).toEqual({ mode: 'Webhook', webhook: { cacheAuthorizedTTL: '5m0s', cacheUnauthorizedTTL: '30s' } });
    expect((JSON.parse((await get(v136, '/configz')).body) as { kubeletconfig: object }).kubeletconfig).not.toHaveProperty('featureGates');
  });

  it('/metrics reports every feature gate with its stage, and the build', async () => {
    const m133 = (await get(v133, '/metrics')).body;
    expect(m133).toContain('kubernetes_feature_enabled{name="KubeletFineGrainedAuthz",stage="BETA"} 0\n');
    expect(m133).toContain('# HELP kubernetes_feature_enabled [BETA] This metric records the data about the stage and enablement of a k8s feature.\n');
    expect(m133).toMatch(/kubernetes_build_info\{.*git_version="v1\.33\.12".*minor="33".*\} 1\n/);
    const m136 = (await get(v136, '/metrics')).body;
    expect(m136).toContain('kubernetes_feature_enabled{name="KubeletFineGrainedAuthz",stage=""} 1\n');
    expect((await get(v131, '/metrics')).body).not.toContain('KubeletFineGrainedAuthz');
    // The kubelet counts what it served, refused requests included.
    expect(m136).toMatch(/kubelet_http_requests_total\{long_running="false",method="GET",path="healthz",server_type="readwrite"\} \d+/);
  });

  it('/metrics/resource, /metrics/cadvisor and /stats/summary agree on the running containers', async () => {
    const node = v136.cluster.nodes[0]!.name;
    const summary = JSON.parse((await get(v136, '/stats/summary')).body) as { node: { nodeName: string }; pods: { podRef: { name: string }; containers: unknown[] }[] };
    expect(summary.node.nodeName).toBe(node);
    const resource = (await get(v136, '/metrics/resource')).body;
    for (const pod of summary.pods) expect(resource).toMatch(new RegExp(`pod_cpu_usage_seconds_total\\{namespace="[^"]+",pod="${pod.podRef.name}"\\} [\\d.e+]+ \\d+\\n`));
    const containerSeries = resource.split('\n').filter((l) => l.startsWith('container_cpu_usage_seconds_total{'));
    expect(containerSeries.length).toBe(summary.pods.reduce((n, p) => n + p.containers.length, 0));
    expect((await get(v136, '/metrics/cadvisor')).body).toContain('machine_cpu_cores');
  });
});

describe('logs, zpages and debugging endpoints', () => {
  it('/logs/ serves /var/log like Go\'s FileServer, container logs included', async () => {
    const root = await get(v136, '/logs/');
    expect(root.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(root.body).toContain('<a href="pods/">pods/</a>\n');
    const redirect = await get(v136, '/logs/pods');
    expect([redirect.status, redirect.headers.location]).toEqual([301, 'pods/']);
    const pods = await get(v136, '/logs/pods/');
    const dir = /<a href="(kube-system_kube-apiserver[^"]+)">/.exec(pods.body)![1]!;
    const log = await get(v136, `/logs/pods/${dir}kube-apiserver/0.log`);
    expect(log.body).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z stdout F kube-apiserver started\n/);
    expect((await get(v136, '/logs/nope')).status).toBe(404);
  });

  it('/statusz on 1.36 is the zpage with a random delimiter, and is forbidden without nodes/statusz', async () => {
    const body = (await get(v136, '/statusz')).body;
    expect(body).toMatch(/^\nkubelet statusz\nWarning: This endpoint is not meant to be machine parseable/);
    expect(body).toMatch(/\nBinary version(:|: |=| ) 1\.36\.1\n/);
    expect(body).toMatch(/\nPaths(:|: |=| ) \/configz \/debug \/flagz \/healthz \/metrics\n$/);
  });

  it('/debug/pprof/heap is a gzipped profile; an unknown profile is 404', async () => {
    const heap = await get(v136, '/debug/pprof/heap');
    expect(heap.headers['content-disposition']).toBe('attachment; filename="heap"');
    expect((await get(v136, '/debug/pprof/nope')).body).toBe('Unknown profile\n');
  });
});

describe('container endpoints (with a recording runtime)', () => {
  let podNode = 0;
  beforeAll(async () => {
    const k = await adminKubectl(v133.cluster.kubeconfigPath);
    await kubectlMust(k, ['run', 'web', '--image=nginx']);
    for (let i = 0; i < 100; i++) {
      const pod = v133.cluster.store.get(resourceKey('', 'pods'), 'default', 'web');
      if ((pod?.status as { phase?: string } | undefined)?.phase === 'Running') {
        podNode = v133.cluster.nodes.findIndex((n) => n.name === (pod!.spec as { nodeName: string }).nodeName);
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('pod web did not start');
  }, 60_000);

  it('/containerLogs reads the container output; a missing container is 404 with the kubelet\'s words', async () => {
    expect((await get(v133, '/containerLogs/default/web/web?tailLines=1', podNode)).body).toBe('web ready\n');
    const missing = await get(v133, '/containerLogs/default/web/nope', podNode);
    expect([missing.status, missing.body]).toEqual([404, 'container "nope" not found in pod "web"']);
    expect((await get(v133, '/containerLogs/default/web/web?tailLines=-1', podNode)).status).toBe(422);
    // sinceSeconds / sinceTime become the time before which the runtime leaves lines out (kubectl logs --since / --since-time).
    const reads = () => v133.runtime.logReads;
    const before = Date.now();
    await get(v133, '/containerLogs/default/web/web?sinceSeconds=60', podNode);
    expect(reads().at(-1)!.sinceMs).toBeGreaterThanOrEqual(before - 60_000);
    expect(reads().at(-1)!.sinceMs).toBeLessThanOrEqual(Date.now() - 60_000);
    await get(v133, '/containerLogs/default/web/web?sinceTime=2099-01-01T00:00:00.5Z', podNode);
    expect(reads().at(-1)!.sinceMs).toBe(Date.parse('2099-01-01T00:00:00.500Z'));
    expect((await get(v133, '/containerLogs/default/web/web?sinceSeconds=60&sinceTime=2099-01-01T00:00:00Z', podNode)).status).toBe(422);
    // The pod lives on one node only: the other kubelet does not know it.
    expect((await get(v133, '/containerLogs/default/web/web', 1 - podNode)).body).toBe('pod "web" does not exist');
  });

  it('/run splits cmd on spaces and answers with application/json', async () => {
    const res = await kubeletFetch(v133.cluster.nodes[podNode]!, { method: 'POST', path: '/run/default/web/web?cmd=cat%20/etc/hostname', headers: { Authorization: `Bearer ${v133.admin}` } });
    expect([res.status, res.headers['content-type'], res.body]).toEqual([200, 'application/json', 'ran cat /etc/hostname\n']);
    expect(v133.runtime.runs.at(-1)?.command).toEqual(['cat', '/etc/hostname']);
  });

  it('/checkpoint answers with the archive path', async () => {
    const res = await kubeletFetch(v133.cluster.nodes[podNode]!, { method: 'POST', path: '/checkpoint/default/web/web', headers: { Authorization: `Bearer ${v133.admin}` } });
    expect(res.body).toMatch(/^\{"items":\["\/var\/lib\/kubelet\/checkpoints\/checkpoint-web_default-web-\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.tar"\]\}$/);
  });

  it('a WebSocket exec authenticated by the subprotocol token reaches the runtime without that token', async () => {
    const node = v133.cluster.nodes[podNode]!;
    const token = Buffer.from(v133.admin).toString('base64url');
    const ws = new WebSocket(`wss://${node.internalIP}:${node.kubeletPort}/exec/default/web/web?command=id&output=1`, [`base64url.bearer.authorization.k8s.io.${token}`, 'v4.channel.k8s.io'], { rejectUnauthorized: false });
    const message = await new Promise<string>((resolve, reject) => {
      ws.on('message', (data) => resolve(String(data)));
      ws.on('error', reject);
    });
    expect(message).toBe('exec default/web/web');
    expect(v133.runtime.streams.at(-1)).toMatchObject({ kind: 'exec', protocols: 'v4.channel.k8s.io', query: 'command=id&output=1' });
  });

  it('a POST to /exec without an upgrade fails in the kubelet\'s upgrade proxy', async () => {
    const res = await kubeletFetch(v133.cluster.nodes[podNode]!, { method: 'POST', path: '/exec/default/web/web?command=id&output=1', headers: { Authorization: `Bearer ${v133.admin}` } });
    expect([res.status, res.body]).toEqual([500, 'Upgrade request required\n']);
  });
});

describe('the decision log', () => {
  it('is mirrored to DATA_DIR/clusters/NAME/kubelet-decisions.jsonl for `kubelab cluster log`', async () => {
    await get(v131, '/pods');
    const file = join(v131.dataDir, 'clusters', v131.cluster.spec.name, 'kubelet-decisions.jsonl');
    for (let i = 0; i < 100 && openDecisionFile(file).existing.length < v131.cluster.decisions().length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(openDecisionFile(file).existing.map((d) => d.seq)).toEqual(v131.cluster.decisions().map((d) => d.seq));
  });
});

describe('TLS and the HTTP layer', () => {
  function kubeconfigAdminCert(l: Lab): { certPem: string; keyPem: string } {
    const config = parse(readFileSync(l.cluster.kubeconfigPath, 'utf8')) as { users: { user: Record<string, string> }[] };
    const user = config.users[0]!.user;
    return { certPem: Buffer.from(user['client-certificate-data']!, 'base64').toString(), keyPem: Buffer.from(user['client-key-data']!, 'base64').toString() };
  }

  it('accepts a client certificate of the cluster CA as its CN and O (kubernetes-admin, kubeadm:cluster-admins)', async () => {
    const res = await kubeletFetch(v136.cluster.nodes[0]!, { path: '/configz', cert: kubeconfigAdminCert(v136) });
    expect(res.status).toBe(200);
    const decision = v136.cluster.decisions().at(-1)!;
    expect(decision.authentication).toMatchObject({ method: 'x509', user: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] });
  });

  it('refuses a certificate from another CA with 401', async () => {
    const other = createCertificateAuthority('not-the-cluster-ca');
    const cert = issueCertificate(other, { commonName: 'kubernetes-admin', organizations: ['system:masters'], usage: 'client' });
    const res = await kubeletFetch(v136.cluster.nodes[0]!, { path: '/pods', cert });
    expect([res.status, res.body]).toEqual([401, 'Unauthorized']);
  });

  it('serves a self-signed certificate named after the node, as a kubelet without serving certificates does', async () => {
    const node = v136.cluster.nodes[0]!;
    const peer = await new Promise<{ subject: { CN: string }; issuer: { CN: string } }>((resolve, reject) => {
      const socket = connect({ host: node.internalIP, port: node.kubeletPort, rejectUnauthorized: false }, () => {
        resolve(socket.getPeerCertificate() as never);
        socket.destroy();
      });
      socket.on('error', reject);
    });
    expect(peer.subject.CN).toMatch(new RegExp(`^${node.name}@\\d+$`));
    expect(peer.issuer.CN).toMatch(new RegExp(`^${node.name}-ca@\\d+$`));
  });

  it('answers a malformed request target the way Go\'s server does, before any handler', async () => {
    const node = v136.cluster.nodes[0]!;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: node.internalIP, port: node.kubeletPort, rejectUnauthorized: false }, () => socket.write('GET /pods%zz HTTP/1.1\r\nHost: x\r\n\r\n'));
      let data = '';
      socket.on('data', (c) => (data += String(c)));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toBe('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request');
  });

  it('grants by resourceNames only for the node named', async () => {
    const k = await adminKubectl(v136.cluster.kubeconfigPath);
    const token = await serviceAccountToken(k, 'named');
    const other = await serviceAccountToken(k, 'other');
    await grant(k, 'named', 'named-pods', [{ verbs: ['get'], resources: ['nodes/pods'], resourceNames: [v136.cluster.nodes[0]!.name] }]);
    await grant(k, 'other', 'other-pods', [{ verbs: ['get'], resources: ['nodes/pods'], resourceNames: ['some-other-node'] }]);
    const fetchAs = (t: string) => kubeletFetch(v136.cluster.nodes[0]!, { path: '/pods', headers: { Authorization: `Bearer ${t}` } });
    expect((await fetchAs(token)).status).toBe(200);
    expect((await fetchAs(other)).status).toBe(403);
  });
});
