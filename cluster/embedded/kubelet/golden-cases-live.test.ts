// Every golden case of the shared fixture against a live kubelet of an embedded cluster of that
// version and gate state: without credentials (404/301 before auth, else 401), with a token whose
// ServiceAccount has no grants (403 with the version's exact body), and with a cluster-admin token
// (past the auth filter: go-restful's 405/404 or the endpoint's own answer).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster } from '../../../test/support/cluster.js';
import type { EmbeddedCluster } from '../cluster.js';
import { kubeletGoldenCases, type KubeletGoldenCase } from '../../../test/support/fixtures.js';
import { adminKubectl, kubectlMust, kubeletFetch, serviceAccountToken, type LiveResponse } from './testing/live-kubelet.js';

const cases = kubeletGoldenCases();

function gatesOf(c: KubeletGoldenCase): Record<string, boolean> {
  return { ...c.otherGates, ...(c.featureGate === null ? {} : { KubeletFineGrainedAuthz: c.featureGate }) };
}
const configKey = (c: KubeletGoldenCase) => `${c.version} ${JSON.stringify(Object.entries(gatesOf(c)).sort())}`;

interface LiveCluster {
  cluster: EmbeddedCluster;
  probeToken: string;
  adminToken: string;
}
const clusters = new Map<string, LiveCluster>();

beforeAll(async () => {
  for (const c of cases) {
    const key = configKey(c);
    if (clusters.has(key)) continue;
    const cluster = await startTestCluster({ version: c.version, featureGates: gatesOf(c) });
    const k = await adminKubectl(cluster.kubeconfigPath);
    const probeToken = await serviceAccountToken(k, 'probe');
    const adminToken = await serviceAccountToken(k, 'admin');
    await kubectlMust(k, ['create', 'clusterrolebinding', 'admin', '--clusterrole=cluster-admin', '--serviceaccount=default:admin']);
    clusters.set(key, { cluster, probeToken, adminToken });
  }
}, 180_000);

afterAll(async () => {
  await Promise.all([...clusters.values()].map((c) => c.cluster.delete()));
});

/** The 403 body: one subresource up to 1.31, the whole list (and a newline) from 1.32 on. */
function forbiddenBody(c: KubeletGoldenCase, user: string): string {
  const [first] = c.expectAttributes;
  const who = `user=${user}, verb=${first!.verb}, resource=nodes`;
  return c.version === '1.31'
    ? `Forbidden (${who}, subresource=${first!.subresource})`
    : `Forbidden (${who}, subresource(s)=[${c.expectAttributes.map((a) => a.subresource).join(' ')}])\n`;
}

/** What a cluster-admin gets once the auth filter let the request through (no pod "web" exists). */
const ADMIN_ANSWERS: Readonly<Record<string, [number, string?]>> = {
  'DELETE /pods': [405, '405: Method Not Allowed'],
  'HEAD /pods': [405],
  'OPTIONS /pods': [405, '405: Method Not Allowed'],
  'HEAD /healthz': [200],
  'GET /debug/pprof/': [404, '404: Page Not Found'],
  'GET /logs/syslog': [404, '404 page not found\n'],
  'GET /containerLogs/default/web/nginx': [404, 'pod "web" does not exist'],
  'POST /checkpoint/default/web/nginx': [404, 'pod does not exist'],
  'POST /run/default/web/nginx': [404, 'pod does not exist'],
  'POST /exec/default/web/nginx': [400, 'you must specify at least 1 of stdin, stdout, stderr'],
  'POST /portForward/default/web': [404, 'pod does not exist'],
  'PUT /debug/flags/v': [400, 'failed set klog.logging.verbosity : strconv.ParseInt: parsing "": invalid syntax\n'],
  'GET /exec/default/web/nginx': [400, 'you must specify at least 1 of stdin, stdout, stderr'],
  'GET /exec/default/web/0b1c2d3e-uid/nginx': [400, 'you must specify at least 1 of stdin, stdout, stderr'],
  'GET /attach/default/web/nginx': [400, 'you must specify at least 1 of stdin, stdout, stderr'],
  'GET /portForward/default/web': [400, 'query parameter "port" is required'],
};

function call(c: KubeletGoldenCase, live: LiveCluster, token?: string): Promise<LiveResponse> {
  return kubeletFetch(live.cluster.nodes[0]!, {
    method: c.method,
    path: c.path,
    webSocket: c.upgradeWebsocket,
    ...(token ? { headers: { Authorization: `Bearer ${token}` } } : {}),
  });
}

describe('golden cases on a live kubelet', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const live = clusters.get(configKey(c))!;
    const anonymous = await call(c, live);
    const probe = await call(c, live, live.probeToken);
    const admin = await call(c, live, live.adminToken);

    if (!c.authFilterRuns) {
      // ServeMux answered: the same for everyone, whatever the credentials.
      for (const r of [anonymous, probe, admin]) {
        if (c.routing.includes('301')) {
          expect(r.status).toBe(301);
          expect(r.headers.location).toBe(`${c.path}/`);
        } else {
          expect([r.status, r.body]).toEqual([404, c.method === 'HEAD' ? '' : '404 page not found\n']);
        }
      }
      return;
    }

    expect([anonymous.status, anonymous.body]).toEqual([401, c.method === 'HEAD' ? '' : 'Unauthorized']);
    expect(probe.status).toBe(403);
    if (c.method !== 'HEAD') expect(probe.body).toBe(forbiddenBody(c, 'system:serviceaccount:default:probe'));

    const expected = ADMIN_ANSWERS[`${c.method} ${c.path}`] ?? [200];
    expect(admin.status).toBe(expected[0]);
    if (expected[1] !== undefined) expect(admin.body).toBe(expected[1]);
  });

  it('logged every one of those requests with what the kubelet asked the API server', () => {
    const decisions = [...clusters.values()].flatMap((live) => live.cluster.decisions());
    const forbidden = decisions.filter((d) => d.outcome === 'forbidden');
    const unauthenticated = decisions.filter((d) => d.outcome === 'unauthenticated');
    const beforeAuth = decisions.filter((d) => d.outcome === 'routed-before-auth');
    const perCase = cases.filter((c) => c.authFilterRuns).length;
    expect([forbidden.length, unauthenticated.length]).toEqual([perCase, perCase]);
    expect(beforeAuth.length).toBe(3 * cases.filter((c) => !c.authFilterRuns).length);
    for (const d of forbidden) {
      expect(d.authentication?.user).toBe('system:serviceaccount:default:probe');
      expect(d.reviews.length).toBeGreaterThan(0);
      expect(d.reviews.every((r) => r.decision !== 'allow' && r.resource === 'nodes')).toBe(true);
    }
    const allowed = decisions.filter((d) => d.outcome === 'authorized' && d.authentication?.user === 'system:serviceaccount:default:admin');
    expect(allowed.length).toBe(perCase);
    for (const d of allowed) expect(d.reviews.at(-1)?.reason).toContain('ClusterRoleBinding "admin" of ClusterRole "cluster-admin"');
  });
});
