// The access matrix against the shared golden fixture of kubelet authorization: for a
// ServiceAccount bound to nodes/proxy and one bound to nodes/pods, every cell must be what the
// fixture's attributes (for that version's default gates) and the grant imply. Then the
// carrying over of a learner's RBAC to the other versions, and the speed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedCluster } from '../../cluster/embedded/cluster.js';
import { resourceKey } from '../../cluster/embedded/apiserver/storage/store.js';
import type { KubeObject } from '../../cluster/embedded/apiserver/types.js';
import { FEATURE_GATES } from '../../cluster/feature-gates.js';
import { KUBE_VERSIONS, type KubeVersion } from '../../cluster/versions.js';
import { computeAccessMatrix, type AccessMatrix } from '../../server/access-matrix/access-matrix.js';
import { rbacObjectsOf } from '../../server/access-matrix/version-policy.js';
import { parseSubject } from '../../server/grading/identities.js';
import { startTestCluster } from '../support/cluster.js';
import { kubeletGoldenCases, type KubeletGoldenCase } from '../support/fixtures.js';

const GOLDEN = kubeletGoldenCases();

/** The fixture's request for each endpoint group of the matrix. */
const FIXTURE_REQUEST: Record<string, { method: string; path: string; websocket?: boolean }> = {
  pods: { method: 'GET', path: '/pods' },
  runningpods: { method: 'GET', path: '/runningpods/' },
  healthz: { method: 'GET', path: '/healthz' },
  configz: { method: 'GET', path: '/configz' },
  metrics: { method: 'GET', path: '/metrics' },
  'metrics/cadvisor': { method: 'GET', path: '/metrics/cadvisor' },
  'stats/summary': { method: 'GET', path: '/stats/summary' },
  logs: { method: 'GET', path: '/logs/' },
  containerLogs: { method: 'GET', path: '/containerLogs/default/web/nginx' },
  'exec (WebSocket)': { method: 'GET', path: '/exec/default/web/nginx', websocket: true },
  run: { method: 'POST', path: '/run/default/web/nginx' },
  checkpoint: { method: 'POST', path: '/checkpoint/default/web/nginx' },
  statusz: { method: 'GET', path: '/statusz' },
  flagz: { method: 'GET', path: '/flagz' },
};

const isDefault = (version: KubeVersion, gate: string, value: boolean | null | undefined) =>
  (FEATURE_GATES[version][gate]?.default ?? null) === (value ?? null);

/** The fixture case of a default kind cluster of `version` for the request. */
function goldenCase(version: KubeVersion, group: string): KubeletGoldenCase {
  const want = FIXTURE_REQUEST[group]!;
  const found = GOLDEN.filter(
    (c) =>
      c.version === version &&
      c.method === want.method &&
      c.path === want.path &&
      c.upgradeWebsocket === (want.websocket ?? false) &&
      isDefault(version, 'KubeletFineGrainedAuthz', c.featureGate) &&
      Object.entries(c.otherGates ?? {}).every(([gate, value]) => isDefault(version, gate, value)),
  );
  if (found.length !== 1) throw new Error(`${found.length} fixture cases for ${version} ${group}`);
  return found[0]!;
}

/** What the fixture implies for a subject granted `verbs` on nodes/`subresource`. */
function expected(c: KubeletGoldenCase, grant: { verbs: string[]; subresource: string }) {
  if (!c.authFilterRuns) return { allowed: false, subresources: [] as string[] };
  const tried: string[] = [];
  for (const a of c.expectAttributes) {
    tried.push(a.subresource);
    if (a.subresource === grant.subresource && grant.verbs.includes(a.verb)) return { allowed: true, subresources: tried };
  }
  return { allowed: false, subresources: tried };
}

const RBAC = 'rbac.authorization.k8s.io';

function grant(cluster: EmbeddedCluster, name: string, rules: { resources: string[]; verbs: string[] }[], subject: { kind: string; name: string; namespace?: string }, roleName = name): void {
  if (rules.length) cluster.store.create(resourceKey(RBAC, 'clusterroles'), { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: roleName }, rules: rules.map((r) => ({ apiGroups: [''], ...r })) } as KubeObject);
  cluster.store.create(resourceKey(RBAC, 'clusterrolebindings'), {
    apiVersion: `${RBAC}/v1`,
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: roleName },
    subjects: [subject],
  } as KubeObject);
}

function matrix(cluster: EmbeddedCluster, subject: string): AccessMatrix {
  return computeAccessMatrix({ subject: parseSubject(subject), objects: rbacObjectsOf(cluster.store), spec: cluster.spec, nodeName: cluster.nodes[0]!.name });
}

const cell = (m: AccessMatrix, endpoint: string, version: string) => m.cells.find((c) => c.endpoint === endpoint && c.version === version)!;

describe('access matrix on a v1.33 session', () => {
  let cluster: EmbeddedCluster;

  beforeAll(async () => {
    cluster = await startTestCluster({ version: '1.33' });
    grant(cluster, 'proxy-reader', [{ resources: ['nodes/proxy'], verbs: ['get'] }], { kind: 'ServiceAccount', name: 'proxy-sa', namespace: 'monitoring' });
    grant(cluster, 'pods-reader', [{ resources: ['nodes/pods'], verbs: ['get'] }], { kind: 'ServiceAccount', name: 'pods-sa', namespace: 'monitoring' });
  });

  afterAll(() => cluster?.delete());

  const subjects = [
    { subject: 'ServiceAccount:monitoring/proxy-sa', grant: { verbs: ['get'], subresource: 'proxy' } },
    { subject: 'ServiceAccount:monitoring/pods-sa', grant: { verbs: ['get'], subresource: 'pods' } },
  ];

  it.each(subjects)('matches the golden cases for $subject', ({ subject, grant: g }) => {
    const m = matrix(cluster, subject);
    expect(m.subject).toBe(subject);
    expect(m.versions).toEqual([...KUBE_VERSIONS]);
    expect(m.cells).toHaveLength(m.endpoints.length * KUBE_VERSIONS.length);
    for (const version of KUBE_VERSIONS) {
      for (const endpoint of m.endpoints) {
        const want = expected(goldenCase(version, endpoint.group), g);
        const got = cell(m, endpoint.group, version);
        expect({ endpoint: endpoint.group, version, allowed: got.allowed, subresources: got.subresources }).toEqual({ endpoint: endpoint.group, version, ...want });
      }
    }
  });

  it('says which binding allowed a cell, and why each binding did not', () => {
    const proxy = matrix(cluster, 'ServiceAccount:monitoring/proxy-sa');
    expect(cell(proxy, 'exec (WebSocket)', '1.36').reason).toContain('allowed by ClusterRoleBinding "proxy-reader"');
    const pods = matrix(cluster, 'ServiceAccount:monitoring/pods-sa');
    const exec = cell(pods, 'exec (WebSocket)', '1.33');
    expect(exec.reason).toContain('Forbidden (user=system:serviceaccount:monitoring:pods-sa, verb=get, resource=nodes, subresource(s)=[proxy])');
    expect(exec.reason).toContain('ClusterRoleBinding pods-reader');
    expect(exec.reason).toContain('does not match "nodes/proxy"');
    expect(cell(pods, 'pods', '1.31').reason).toContain('subresource=proxy)'); // the 1.31 403 names one subresource
    expect(cell(pods, 'statusz', '1.31').reason).toMatch(/Not served on v1\.31/);
    const nobody = matrix(cluster, 'User:nobody');
    expect(nobody.cells.every((c) => !c.allowed)).toBe(true);
    expect(cell(nobody, 'pods', '1.33').reason).toContain('no binding gives this subject any rule on nodes');
  });

  it('answers for groups and for the privileged system:masters', () => {
    const masters = matrix(cluster, 'Group:system:masters');
    expect(masters.cells.filter((c) => c.subresources.length > 0).every((c) => c.allowed)).toBe(true);
    expect(cell(masters, 'run', '1.31').reason).toContain('system:masters');
    expect(cell(matrix(cluster, 'Group:kubeadm:cluster-admins'), 'checkpoint', '1.36').allowed).toBe(true);
  });

  it('keeps a bootstrap binding the learner deleted deleted on every version', () => {
    const before = matrix(cluster, 'Group:kubeadm:cluster-admins');
    expect(cell(before, 'pods', '1.31').allowed).toBe(true);
    cluster.store.delete(resourceKey(RBAC, 'clusterrolebindings'), undefined, 'kubeadm:cluster-admins');
    const after = matrix(cluster, 'Group:kubeadm:cluster-admins');
    expect(after.cells.some((c) => c.allowed)).toBe(false);
  });

  it('takes well under 50 ms', () => {
    matrix(cluster, 'ServiceAccount:monitoring/pods-sa');
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      matrix(cluster, 'ServiceAccount:monitoring/pods-sa');
      times.push(performance.now() - t);
    }
    // The best run is the cost itself; the others measure how busy a shared test machine is.
    expect(Math.min(...times)).toBeLessThan(50);
  });
});

describe('access matrix on a v1.31 session', () => {
  let cluster: EmbeddedCluster;

  beforeAll(async () => {
    cluster = await startTestCluster({ version: '1.31' });
    // The learner binds the bootstrap role, which has nodes/pods only from 1.33 (with the gate) on.
    grant(cluster, 'prom-admin', [], { kind: 'ServiceAccount', name: 'prometheus', namespace: 'monitoring' }, 'system:kubelet-api-admin');
  });

  afterAll(() => cluster?.delete());

  it("evaluates another version with that version's bootstrap roles", () => {
    const m = matrix(cluster, 'ServiceAccount:monitoring/prometheus');
    expect(cell(m, 'pods', '1.31')).toMatchObject({ allowed: true, subresources: ['proxy'] });
    // Were the 1.31 role carried over, /pods would pass only on its fallback: ['pods', 'proxy'].
    expect(cell(m, 'pods', '1.33')).toMatchObject({ allowed: true, subresources: ['pods'] });
    expect(cell(m, 'checkpoint', '1.36')).toMatchObject({ allowed: false, subresources: ['checkpoint'] });
  });
});
