// The learner's path, end to end with real tools: `kubectl create token`, then
// `curl -k -H "Authorization: Bearer $T" https://<node IP>:10250/<endpoint>` against the kubelet
// of an embedded cluster, on every shipped version and gate state, for the roles a CKS exercise
// hands out. Expectations are the sourced facts (docs/FACTS.md), not what the code happens to do.

import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../cluster/embedded/cluster.js';
import { InvalidClusterSpecError } from '../../cluster/embedded/errors.js';
import { grant, type GrantRule } from '../../cluster/embedded/kubelet/testing/live-kubelet.js';
import { renderKubeconfig } from '../../cluster/kubeconfig.js';
import type { ClusterSpec } from '../../cluster/provider.js';
import type { KubeVersion } from '../../cluster/versions.js';
import { startTestCluster } from '../support/cluster.js';
import { kubectlRunner, minorOf, supportedKubectls, type KubectlRunner } from '../support/kubectl.js';

interface Curl {
  status: number;
  body: string;
}

/** curl -sk, as a learner types it; the status comes from -w. */
function curl(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Curl> {
  const args = ['-sk', '-X', method, '-o', '-', '-w', '\n%{http_code}', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), url];
  return new Promise((resolve, reject) => {
    execFile('curl', args, { timeout: 20_000 }, (err, stdout) => {
      if (err) return reject(err);
      const cut = stdout.lastIndexOf('\n');
      resolve({ status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) });
    });
  });
}

/** The kubectl whose minor matches the cluster when there is one (1.31 for 1.31), else the newest. */
async function kubectlFor(cluster: EmbeddedCluster): Promise<KubectlRunner> {
  const all = await supportedKubectls();
  const minor = Number(cluster.spec.version.split('.')[1]);
  const binary = all.find((k) => minorOf(k) === minor) ?? all[all.length - 1];
  if (!binary) throw new Error('no kubectl found');
  return kubectlRunner(binary, cluster.kubeconfigPath);
}

async function ok(k: KubectlRunner, args: string[]): Promise<string> {
  const r = await k.run(args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

async function tokenFor(k: KubectlRunner, sa: string): Promise<string> {
  await ok(k, ['create', 'serviceaccount', sa]);
  return (await ok(k, ['create', 'token', sa])).trim();
}

const kubeletUrl = (c: EmbeddedCluster, path: string) => `https://${c.nodes[0]!.internalIP}:${c.nodes[0]!.kubeletPort}${path}`;

const ENDPOINTS = ['/pods', '/runningpods/', '/healthz', '/configz', '/metrics', '/stats/summary', '/logs/'] as const;
type Endpoint = (typeof ENDPOINTS)[number];
const PROXY_MAPPED: Endpoint[] = ['/pods', '/runningpods/', '/healthz', '/configz'];

interface RoleCase {
  rules: (node: string) => GrantRule[];
  /** Endpoints answered 200 with KubeletFineGrainedAuthz on (1.33 default, 1.36), and with it off or absent (1.31). */
  fine: readonly Endpoint[];
  coarse: readonly Endpoint[];
}

const ROLES: Readonly<Record<string, RoleCase>> = {
  'get nodes/proxy': { rules: () => [{ verbs: ['get'], resources: ['nodes/proxy'] }], fine: PROXY_MAPPED, coarse: PROXY_MAPPED },
  'get nodes/pods': { rules: () => [{ verbs: ['get'], resources: ['nodes/pods'] }], fine: ['/pods', '/runningpods/'], coarse: [] },
  'get nodes/metrics': { rules: () => [{ verbs: ['get'], resources: ['nodes/metrics'] }], fine: ['/metrics'], coarse: ['/metrics'] },
  'get nodes/healthz': { rules: () => [{ verbs: ['get'], resources: ['nodes/healthz'] }], fine: ['/healthz'], coarse: [] },
  'get * (every resource)': { rules: () => [{ verbs: ['get'], resources: ['*'] }], fine: ENDPOINTS, coarse: ENDPOINTS },
  'get */proxy': { rules: () => [{ verbs: ['get'], resources: ['*/proxy'] }], fine: PROXY_MAPPED, coarse: PROXY_MAPPED },
  'get nodes/pods, resourceNames: this node': { rules: (node) => [{ verbs: ['get'], resources: ['nodes/pods'], resourceNames: [node] }], fine: ['/pods', '/runningpods/'], coarse: [] },
  'get nodes/proxy, resourceNames: another node': { rules: () => [{ verbs: ['get'], resources: ['nodes/proxy'], resourceNames: ['some-other-node'] }], fine: [], coarse: [] },
};

const MATRIX: readonly { label: string; version: KubeVersion; featureGates: Record<string, boolean>; fineGrained: boolean }[] = [
  { label: 'v1.31 (no gate)', version: '1.31', featureGates: {}, fineGrained: false },
  { label: 'v1.33 (gate on by default)', version: '1.33', featureGates: {}, fineGrained: true },
  { label: 'v1.33 --feature-gates KubeletFineGrainedAuthz=false', version: '1.33', featureGates: { KubeletFineGrainedAuthz: false }, fineGrained: false },
  { label: 'v1.36 (GA)', version: '1.36', featureGates: {}, fineGrained: true },
];

describe.each(MATRIX)('curl with a ServiceAccount token on $label', ({ version, featureGates, fineGrained }) => {
  let cluster: EmbeddedCluster;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    cluster = await startTestCluster({ version, featureGates });
    const k = await kubectlFor(cluster);
    let i = 0;
    for (const [role, spec] of Object.entries(ROLES)) {
      const sa = `learner${i++}`;
      tokens.set(role, await tokenFor(k, sa));
      await grant(k, sa, `kubelet-${sa}`, spec.rules(cluster.nodes[0]!.name));
    }
  }, 120_000);

  afterAll(async () => {
    await cluster?.delete();
  });

  it.each(Object.keys(ROLES))('%s', async (role) => {
    const spec = ROLES[role]!;
    const allowed = fineGrained ? spec.fine : spec.coarse;
    const got: Record<string, number> = {};
    for (const endpoint of ENDPOINTS) got[endpoint] = (await curl(kubeletUrl(cluster, endpoint), { Authorization: `Bearer ${tokens.get(role)}` })).status;
    expect(got).toEqual(Object.fromEntries(ENDPOINTS.map((e) => [e, allowed.includes(e) ? 200 : 403])));
  });

  it('says which subresources it tried, in the format of the version', async () => {
    const denied = await curl(kubeletUrl(cluster, '/pods'), { Authorization: `Bearer ${tokens.get('get nodes/metrics')}` });
    const user = 'system:serviceaccount:default:learner2';
    const expected =
      version === '1.31'
        ? `Forbidden (user=${user}, verb=get, resource=nodes, subresource=proxy)`
        : `Forbidden (user=${user}, verb=get, resource=nodes, subresource(s)=[${fineGrained ? 'pods proxy' : 'proxy'}])\n`;
    expect(denied).toEqual({ status: 403, body: expected });
  });

  it('answers 401 without a token, and before any auth for paths it does not serve', async () => {
    expect(await curl(kubeletUrl(cluster, '/pods'))).toEqual({ status: 401, body: 'Unauthorized' });
    expect(await curl(kubeletUrl(cluster, '/spec/'))).toEqual({ status: 404, body: '404 page not found\n' });
    expect(await curl(kubeletUrl(cluster, '/runningPods/'))).toEqual({ status: 404, body: '404 page not found\n' });
    expect((await curl(kubeletUrl(cluster, '/runningpods'))).status).toBe(301);
  });

  it('is reached through the API server node proxy as kube-apiserver-kubelet-client', async () => {
    const k = await kubectlFor(cluster);
    const node = cluster.nodes[0]!.name;
    const pods = JSON.parse(await ok(k, ['get', '--raw', `/api/v1/nodes/${node}/proxy/pods`])) as { kind: string; items: unknown[] };
    expect(pods.kind).toBe('PodList');
    expect(pods.items.length).toBeGreaterThan(0);
    const seen = cluster.decisions().filter((d) => d.path === '/pods' && d.authentication?.user === 'kube-apiserver-kubelet-client').at(-1)!;
    // kubeadm issued the certificate in kubeadm:cluster-admins up to v1.31.14; later patch releases bind a dedicated role.
    const binding = version === '1.31' ? 'kubeadm:cluster-admins' : 'kubeadm:apiserver-kubelet-client';
    expect(seen.authentication).toMatchObject({ method: 'x509', groups: version === '1.31' ? ['kubeadm:cluster-admins', 'system:authenticated'] : ['system:authenticated'] });
    expect(seen.reviews.at(-1)?.reason).toContain(`ClusterRoleBinding "${binding}"`);
    if (version === '1.36') {
      const statusz = await k.run(['get', '--raw', `/api/v1/nodes/${node}/proxy/statusz`]);
      expect(statusz.code).not.toBe(0);
      expect(statusz.stderr).toContain('Forbidden (user=kube-apiserver-kubelet-client, verb=get, resource=nodes, subresource(s)=[statusz])');
    }
  });
});

async function startLab(spec: Omit<ClusterSpec, 'name'>): Promise<EmbeddedCluster> {
  return startEmbeddedCluster({ spec: { ...spec, name: `e2e${process.pid % 10000}${Math.floor(Math.random() * 1000)}` }, dataDir: mkdtempSync(join(tmpdir(), 'kubelab-e2e-')) });
}

const PATCH_HEADER = 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n';

describe('kubelet configuration from `cluster up --kubelet-config`', () => {
  it('with webhook authentication off, a valid token is ignored: 401, or anonymous when that is on', async () => {
    const off = await startLab({ version: '1.33', kubeletConfigPatch: `${PATCH_HEADER}authentication:\n  webhook:\n    enabled: false\n` });
    const anonymous = await startLab({ version: '1.33', kubeletConfigPatch: `${PATCH_HEADER}authentication:\n  webhook:\n    enabled: false\n  anonymous:\n    enabled: true\n` });
    try {
      for (const c of [off, anonymous]) {
        const k = await kubectlFor(c);
        const token = await tokenFor(k, 'admin');
        await ok(k, ['create', 'clusterrolebinding', 'admin', '--clusterrole=cluster-admin', '--serviceaccount=default:admin']);
        const res = await curl(kubeletUrl(c, '/pods'), { Authorization: `Bearer ${token}` });
        if (c === off) expect(res).toEqual({ status: 401, body: 'Unauthorized' });
        else expect(res).toEqual({ status: 403, body: 'Forbidden (user=system:anonymous, verb=get, resource=nodes, subresource(s)=[pods proxy])\n' });
      }
    } finally {
      await Promise.all([off.delete(), anonymous.delete()]);
    }
  }, 60_000);

  it('caches decisions for the configured TTLs: a new grant, and a revocation, reach the kubelet late', async () => {
    const c = await startLab({ version: '1.33', kubeletConfigPatch: `${PATCH_HEADER}authorization:\n  webhook:\n    cacheAuthorizedTTL: 1500ms\n    cacheUnauthorizedTTL: 1500ms\n` });
    try {
      const k = await kubectlFor(c);
      const token = await tokenFor(k, 'late');
      const pods = () => curl(kubeletUrl(c, '/pods'), { Authorization: `Bearer ${token}` });
      expect((await pods()).status).toBe(403);
      await grant(k, 'late', 'late-proxy', [{ verbs: ['get'], resources: ['nodes/proxy'] }]);
      const granted = Date.now();
      expect((await pods()).status).toBe(403); // still the cached denial
      const stale = c.decisions().at(-1)!;
      expect(stale.reviews.map((r) => [r.subresource, r.cached, r.liveDecision])).toEqual([['pods', true, 'noOpinion'], ['proxy', true, 'allow']]);
      await new Promise((r) => setTimeout(r, Math.max(0, granted + 1600 - Date.now())));
      expect((await pods()).status).toBe(200);
      await ok(k, ['delete', 'clusterrolebinding', 'late-proxy']);
      const revoked = Date.now();
      expect((await pods()).status).toBe(200); // the cached allow outlives the binding
      await new Promise((r) => setTimeout(r, Math.max(0, revoked + 1600 - Date.now())));
      expect((await pods()).status).toBe(403);
    } finally {
      await c.delete();
    }
  }, 60_000);

  it.each([
    ['1.31', 'featureGates:\n  KubeletFineGrainedAuthz: true\n', 'unrecognized feature gate: KubeletFineGrainedAuthz'],
    ['1.36', 'featureGates:\n  KubeletFineGrainedAuthz: false\n', 'cannot set feature gate KubeletFineGrainedAuthz to false, feature is locked to true'],
    ['1.33', 'authorization:\n  webhook:\n    cacheAuthorizedTTL: 5x\n', 'time: unknown unit "x" in duration "5x"'],
  ] as const)('refuses an invalid patch on %s before anything starts', async (version, patch, message) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kubelab-e2e-'));
    const started = startEmbeddedCluster({ spec: { name: 'bad', version, kubeletConfigPatch: `${PATCH_HEADER}${patch}` }, dataDir });
    await expect(started).rejects.toBeInstanceOf(InvalidClusterSpecError);
    await expect(started).rejects.toThrow(message);
  });
});

describe('WebSocket exec on the kubelet: the get nodes/proxy -> exec -> stolen token chain', () => {
  let cluster: EmbeddedCluster;
  let proxyToken = '';
  let podsToken = '';

  beforeAll(async () => {
    cluster = await startLab({ version: '1.33' });
    const k = await kubectlFor(cluster);
    proxyToken = await tokenFor(k, 'getproxy');
    podsToken = await tokenFor(k, 'getpods');
    await grant(k, 'getproxy', 'getproxy', [{ verbs: ['get'], resources: ['nodes/proxy'] }]);
    await grant(k, 'getpods', 'getpods', [{ verbs: ['get'], resources: ['nodes/pods', 'nodes/metrics', 'nodes/stats', 'nodes/log', 'nodes/healthz', 'nodes/configz'] }]);
    await ok(k, ['run', 'web', '--image=nginx']);
    for (let i = 0; i < 100 && !(await ok(k, ['get', 'pod', 'web', '-o', 'jsonpath={.status.phase}'])).includes('Running'); i++) await new Promise((r) => setTimeout(r, 50));
  }, 60_000);

  afterAll(async () => {
    await cluster?.delete();
  });

  /** `cat` of the pod's ServiceAccount token over v4.channel.k8s.io; stdout is channel 1. */
  function execCatToken(token: string): Promise<{ opened: true; stdout: string } | { opened: false; status: number }> {
    const node = cluster.nodes[0]!;
    const ws = new WebSocket(
      `wss://${node.internalIP}:${node.kubeletPort}/exec/default/web/web?command=cat&command=/var/run/secrets/kubernetes.io/serviceaccount/token&output=1&error=1`,
      ['v4.channel.k8s.io'],
      { rejectUnauthorized: false, headers: { Authorization: `Bearer ${token}` } },
    );
    let stdout = '';
    return new Promise((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        if (data[0] === 1) stdout += data.subarray(1).toString();
      });
      ws.on('close', () => resolve({ opened: true, stdout }));
      ws.on('unexpected-response', (_req, res) => resolve({ opened: false, status: res.statusCode ?? 0 }));
      ws.on('error', reject);
    });
  }

  it('opens with only `get nodes/proxy` (a WebSocket upgrade is a GET) and hands out the pod\'s token', async () => {
    const result = await execCatToken(proxyToken);
    if (!result.opened) throw new Error(`exec refused with ${result.status}`);
    const decision = cluster.decisions().filter((d) => d.upgrade).at(-1)!;
    expect(decision).toMatchObject({ status: 101, reviews: [{ verb: 'get', subresource: 'proxy', decision: 'allow' }] });
    // The stolen token works against the API server as the pod's ServiceAccount.
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'kubelab-stolen-')), 'config');
    writeFileSync(kubeconfig, renderKubeconfig({ clusterName: 'stolen', server: cluster.server, caPem: 'unused', user: { token: result.stdout.trim() } }));
    const all = await supportedKubectls();
    const whoami = await kubectlRunner(all[all.length - 1]!, kubeconfig).run(['--insecure-skip-tls-verify', 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}']);
    expect(whoami.stdout).toBe('system:serviceaccount:default:default');
  });

  it('is refused with every fine-grained grant but not nodes/proxy', async () => {
    expect(await execCatToken(podsToken)).toEqual({ opened: false, status: 403 });
  });
});
