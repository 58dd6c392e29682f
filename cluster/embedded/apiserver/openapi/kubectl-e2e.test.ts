// Real kubectl binaries against this folder's discovery and OpenAPI documents, served by a tiny
// HTTP server: resource resolution, api-resources/api-versions, explain, and apply/create -f
// reaching the write with server-side field validation.

import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { KubeVersion } from '../../../versions.js';
import { KUBE_VERSIONS } from '../../../versions.js';
import { catalogFor } from '../catalog/catalog.js';
import { rbacTypes } from './schemas/rbac.js';
import {
  KUBECTL_DIR,
  installedKubectls,
  runKubectl,
  startFakeApiServer,
  type FakeApiServer,
} from './testing/fake-apiserver.js';

const kubectls = installedKubectls();

/**
 * `kubectl api-resources` rows of a fresh kind cluster: 58 built-in resources in 1.31; 1.33 adds
 * ipaddresses and servicecidrs; 1.36 adds the two MutatingAdmissionPolicy kinds,
 * volumeattributesclasses and the four resource.k8s.io kinds.
 */
const API_RESOURCE_ROWS: Record<KubeVersion, number> = { '1.31': 58, '1.33': 60, '1.36': 67 };

/** Rows as upstream prints them: NAME, SHORTNAMES, APIVERSION, NAMESPACED, KIND. */
const KNOWN_ROWS = [
  ['nodes', 'no', 'v1', 'false', 'Node'],
  ['pods', 'po', 'v1', 'true', 'Pod'],
  ['serviceaccounts', 'sa', 'v1', 'true', 'ServiceAccount'],
  ['namespaces', 'ns', 'v1', 'false', 'Namespace'],
  ['secrets', '', 'v1', 'true', 'Secret'],
  ['clusterroles', '', 'rbac.authorization.k8s.io/v1', 'false', 'ClusterRole'],
  ['rolebindings', '', 'rbac.authorization.k8s.io/v1', 'true', 'RoleBinding'],
  ['deployments', 'deploy', 'apps/v1', 'true', 'Deployment'],
  ['horizontalpodautoscalers', 'hpa', 'autoscaling/v2', 'true', 'HorizontalPodAutoscaler'],
  ['subjectaccessreviews', '', 'authorization.k8s.io/v1', 'false', 'SubjectAccessReview'],
  ['customresourcedefinitions', 'crd,crds', 'apiextensions.k8s.io/v1', 'false', 'CustomResourceDefinition'],
];

const ROLE_YAML = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
  namespace: dev
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
`;

const SAR_YAML = `apiVersion: authorization.k8s.io/v1
kind: SubjectAccessReview
spec:
  user: system:serviceaccount:dev:monitor
  resourceAttributes:
    verb: get
    resource: nodes
    subresource: proxy
`;

/** Splits a kubectl table into cells using the header's column positions. */
function tableRows(output: string): string[][] {
  const [header = '', ...lines] = output.trimEnd().split('\n');
  const starts = [...header.matchAll(/\S+/g)].map((m) => m.index);
  return lines.map((line) => starts.map((start, i) => line.slice(start, starts[i + 1]).trim()));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Each installed kubectl paired with a server version, so every release is covered. */
function pairings(): { minor: string; path: string; server: KubeVersion }[] {
  return kubectls.map((k, i) => ({ ...k, server: KUBE_VERSIONS[i % KUBE_VERSIONS.length] as KubeVersion }));
}

describe.skipIf(kubectls.length === 0)(`real kubectl from ${KUBECTL_DIR}`, () => {
  const servers = new Map<string, FakeApiServer>();
  const server = (version: KubeVersion, aggregatedDiscovery = true): FakeApiServer => {
    const s = servers.get(`${version}/${aggregatedDiscovery}`);
    if (!s) throw new Error(`server ${version} not started`);
    return s;
  };

  beforeAll(async () => {
    for (const version of KUBE_VERSIONS) {
      for (const aggregatedDiscovery of [true, false]) {
        servers.set(`${version}/${aggregatedDiscovery}`, await startFakeApiServer(version, { aggregatedDiscovery }));
      }
    }
  });
  afterAll(async () => {
    for (const s of servers.values()) await s.close();
  });

  describe.each(kubectls)('kubectl $minor', ({ path }) => {
    test.each(KUBE_VERSIONS)('api-resources against %s lists every preferred-version resource', async (version) => {
      const result = await runKubectl(path, server(version).url, ['api-resources']);
      expect(result.code, result.stderr).toBe(0);
      const rows = tableRows(result.stdout);
      const catalog = catalogFor(version);
      const preferred = catalog.groups().flatMap((g) => catalog.resourcesIn(g.name, g.preferredVersion));
      expect(rows).toHaveLength(API_RESOURCE_ROWS[version]);
      expect(rows).toHaveLength(preferred.length);
      for (const row of KNOWN_ROWS) expect(rows).toContainEqual(row);
      const has = (name: string) => rows.some((r) => r[0] === name);
      expect(has('volumeattributesclasses')).toBe(version === '1.36');
      expect(has('servicecidrs')).toBe(version !== '1.31');
    });
  });

  test.each(pairings())('kubectl $minor reads legacy discovery exactly like aggregated discovery ($server)', async (k) => {
    const aggregated = await runKubectl(k.path, server(k.server).url, ['api-resources']);
    const legacy = await runKubectl(k.path, server(k.server, false).url, ['api-resources']);
    expect(legacy.code, legacy.stderr).toBe(0);
    expect(legacy.stdout).toBe(aggregated.stdout);
    // Legacy mode really fetched the group-version lists.
    expect(server(k.server, false).requests.some((r) => r.path === '/apis/rbac.authorization.k8s.io/v1')).toBe(true);
  });

  test.each(pairings())('kubectl $minor api-versions prints every served group version ($server)', async (k) => {
    const result = await runKubectl(k.path, server(k.server).url, ['api-versions']);
    expect(result.code, result.stderr).toBe(0);
    const expected = catalogFor(k.server)
      .groups()
      .flatMap((g) => g.versions.map((v) => (g.name ? `${g.name}/${v}` : v)))
      .sort();
    expect(result.stdout.trim().split('\n')).toEqual(expected);
    expect(result.stdout.includes('flowcontrol.apiserver.k8s.io/v1beta3')).toBe(k.server === '1.31');
  });

  test.each(pairings())('kubectl $minor explain clusterrole prints our descriptions ($server)', async (k) => {
    const descriptionOf = (name: string) => rbacTypes.find((t) => t.name === `io.k8s.api.rbac.v1.${name}`)?.description ?? 'missing';
    const kind = await runKubectl(k.path, server(k.server).url, ['explain', 'clusterrole']);
    expect(kind.code, kind.stderr).toBe(0);
    expect(kind.stdout).toContain('GROUP:      rbac.authorization.k8s.io\nKIND:       ClusterRole\nVERSION:    v1');
    expect(oneLine(kind.stdout)).toContain(oneLine(descriptionOf('ClusterRole')));
    expect(kind.stdout).toContain('rules\t<[]PolicyRule>');
    expect(kind.stdout).toContain('aggregationRule\t<AggregationRule>');

    const field = await runKubectl(k.path, server(k.server).url, ['explain', 'clusterrole.rules']);
    expect(field.code, field.stderr).toBe(0);
    expect(field.stdout).toContain('FIELD: rules <[]PolicyRule>');
    expect(oneLine(field.stdout)).toContain(oneLine(descriptionOf('PolicyRule')));
    expect(field.stdout).toContain('verbs\t<[]string> -required-');
  });

  test.each(pairings())('kubectl $minor apply --dry-run=server reaches the POST with fieldValidation=Strict ($server)', async (k) => {
    const s = server(k.server);
    const before = s.requests.length;
    const result = await runKubectl(k.path, s.url, ['apply', '-f', 'role.yaml', '--dry-run=server'], { 'role.yaml': ROLE_YAML });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('role.rbac.authorization.k8s.io/pod-reader created (server dry run)');
    const sent = s.requests.slice(before);
    const post = sent.find((r) => r.method === 'POST');
    expect(post?.path).toBe('/apis/rbac.authorization.k8s.io/v1/namespaces/dev/roles');
    expect(post?.query.get('fieldValidation')).toBe('Strict');
    expect(post?.query.get('dryRun')).toBe('All');
    expect(JSON.parse(post?.body ?? '{}')).toMatchObject({ kind: 'Role', metadata: { name: 'pod-reader', namespace: 'dev' } });
    expect(sent.some((r) => r.path === '/openapi/v2')).toBe(false);
  });

  test.each(pairings())('kubectl $minor create -f of a create-only kind validates server-side ($server)', async (k) => {
    const s = server(k.server);
    const before = s.requests.length;
    const result = await runKubectl(k.path, s.url, ['create', '-f', 'sar.yaml', '-o', 'json'], { 'sar.yaml': SAR_YAML });
    expect(result.code, result.stderr).toBe(0);
    const sent = s.requests.slice(before);
    const post = sent.find((r) => r.method === 'POST');
    expect(post?.path).toBe('/apis/authorization.k8s.io/v1/subjectaccessreviews');
    expect(post?.query.get('fieldValidation')).toBe('Strict');
    expect(sent.some((r) => r.path === '/openapi/v2')).toBe(false);
    expect(JSON.parse(result.stdout)).toMatchObject({ kind: 'SubjectAccessReview', spec: { user: 'system:serviceaccount:dev:monitor' } });
  });
});

test.skipIf(kubectls.length > 0)(`real kubectl tests skipped: no kubectl.1.31/1.32/1.33 in ${KUBECTL_DIR}`, () => {});
