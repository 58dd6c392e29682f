import { describe, expect, test } from 'vitest';
import { KUBE_VERSIONS, type KubeVersion } from '../../../versions.js';
import { assembleRelease } from './assemble.js';
import { BASE_GROUPS } from './base.js';
import { catalogFor } from './catalog.js';
import { RELEASE_CHANGES } from './releases.js';
import { storageVersionHash } from './storage-version.js';

const ALL_CRUD = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** Facts read from upstream (api/discovery golden files, kube-apiserver registries). */
const UPSTREAM_CORE = [
  { plural: 'nodes', kind: 'Node', namespaced: false, shortNames: ['no'], verbs: ALL_CRUD },
  { plural: 'pods', kind: 'Pod', namespaced: true, shortNames: ['po'], verbs: ALL_CRUD },
  { plural: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, shortNames: ['sa'], verbs: ALL_CRUD },
  {
    plural: 'namespaces',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  },
  { plural: 'secrets', kind: 'Secret', namespaced: true, shortNames: undefined, verbs: ALL_CRUD },
  { plural: 'configmaps', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'], verbs: ALL_CRUD },
  { plural: 'componentstatuses', kind: 'ComponentStatus', namespaced: false, shortNames: ['cs'], verbs: ['get', 'list'] },
];

describe.each(KUBE_VERSIONS)('catalog %s', (version: KubeVersion) => {
  const catalog = catalogFor(version);

  test.each(UPSTREAM_CORE)('core $plural matches upstream discovery', (fact) => {
    const r = catalog.lookup('', 'v1', fact.plural);
    expect(r).toMatchObject({ kind: fact.kind, namespaced: fact.namespaced, verbs: fact.verbs, singular: fact.kind.toLowerCase() });
    expect(r?.shortNames).toEqual(fact.shortNames);
  });

  test('pods are in the "all" category; nodes and secrets are not', () => {
    expect(catalog.lookup('', 'v1', 'pods')?.categories).toEqual(['all']);
    expect(catalog.lookup('', 'v1', 'nodes')?.categories).toBeUndefined();
    expect(catalog.lookup('', 'v1', 'secrets')?.categories).toBeUndefined();
    expect(catalog.lookup('apps', 'v1', 'deployments')?.categories).toEqual(['all']);
  });

  test('subresources carry their own kind and verbs, and cross-group response kinds', () => {
    const sub = (group: string, plural: string, name: string) =>
      catalog.lookup(group, 'v1', plural)?.subresources?.find((s) => s.name === name);
    expect(sub('', 'nodes', 'proxy')).toEqual({ name: 'proxy', kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] });
    expect(sub('', 'serviceaccounts', 'token')).toEqual({
      name: 'token',
      kind: 'TokenRequest',
      group: 'authentication.k8s.io',
      version: 'v1',
      verbs: ['create'],
    });
    expect(sub('', 'pods', 'eviction')).toMatchObject({ kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] });
    expect(sub('', 'pods', 'exec')).toEqual({ name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] });
    expect(sub('', 'pods', 'log')).toEqual({ name: 'log', kind: 'Pod', verbs: ['get'] });
    expect(sub('', 'namespaces', 'finalize')?.verbs).toEqual(['update']);
    expect(sub('apps', 'deployments', 'scale')).toMatchObject({ kind: 'Scale', group: 'autoscaling', version: 'v1' });
    expect(sub('', 'nodes', 'status')?.verbs).toEqual(['get', 'patch', 'update']);
  });

  test('the kubelet-only attributes nodes/metrics, nodes/stats, nodes/log are not API subresources', () => {
    const names = catalog.lookup('', 'v1', 'nodes')?.subresources?.map((s) => s.name);
    expect(names).toEqual(['proxy', 'status']);
  });

  test('storage classes follow what the lab stores, answers or only lists', () => {
    const byStorage = (storage: string) =>
      catalog
        .resources()
        .filter((r) => r.storage === storage)
        .map((r) => `${r.plural}.${r.group}`)
        .sort();
    expect(byStorage('stored')).toEqual(
      [
        'clusterrolebindings.rbac.authorization.k8s.io',
        'clusterroles.rbac.authorization.k8s.io',
        'configmaps.',
        'events.',
        'events.events.k8s.io',
        'namespaces.',
        'nodes.',
        'pods.',
        'rolebindings.rbac.authorization.k8s.io',
        'roles.rbac.authorization.k8s.io',
        'secrets.',
        'serviceaccounts.',
      ].sort(),
    );
    expect(byStorage('review')).toEqual(
      [
        'localsubjectaccessreviews.authorization.k8s.io',
        'selfsubjectaccessreviews.authorization.k8s.io',
        'selfsubjectreviews.authentication.k8s.io',
        'selfsubjectrulesreviews.authorization.k8s.io',
        'subjectaccessreviews.authorization.k8s.io',
        'tokenreviews.authentication.k8s.io',
      ].sort(),
    );
    for (const r of catalog.resources().filter((x) => x.storage === 'review')) expect(r.verbs).toEqual(['create']);
  });

  test('RBAC kinds have full CRUD and no short names; only localsubjectaccessreviews is a namespaced review', () => {
    for (const plural of ['clusterroles', 'clusterrolebindings', 'roles', 'rolebindings']) {
      const r = catalog.lookup('rbac.authorization.k8s.io', 'v1', plural);
      expect(r?.verbs).toEqual(ALL_CRUD);
      expect(r?.shortNames).toBeUndefined();
    }
    const namespacedReviews = catalog.resources().filter((r) => r.storage === 'review' && r.namespaced);
    expect(namespacedReviews.map((r) => r.plural)).toEqual(['localsubjectaccessreviews']);
  });

  test('groups: core first, then kube-aggregator\'s own group, then by APIService priority', () => {
    const names = catalog.groups().map((g) => g.name);
    expect(names.slice(0, 5)).toEqual(['', 'apiregistration.k8s.io', 'apps', 'events.k8s.io', 'authentication.k8s.io']);
    // Equal priority (16700): ties go by name.
    expect(names.indexOf('admissionregistration.k8s.io')).toBe(names.indexOf('apiextensions.k8s.io') - 1);
    expect(names.indexOf('rbac.authorization.k8s.io')).toBeLessThan(names.indexOf('storage.k8s.io'));
    expect(names.at(-1)).toBe('flowcontrol.apiserver.k8s.io');
  });

  test('preferred versions: autoscaling/v2 over v1, flowcontrol v1', () => {
    expect(catalog.preferred('autoscaling')).toBe('v2');
    expect(catalog.groups().find((g) => g.name === 'autoscaling')?.versions).toEqual(['v2', 'v1']);
    expect(catalog.preferred('flowcontrol.apiserver.k8s.io')).toBe('v1');
    expect(catalog.preferred('')).toBe('v1');
    expect(catalog.preferred('extensions')).toBeUndefined();
  });

  test('lookup, byKind and resourcesIn agree and ignore unknown or unserved names', () => {
    const role = catalog.byKind('rbac.authorization.k8s.io', 'v1', 'Role');
    expect(role).toBe(catalog.lookup('rbac.authorization.k8s.io', 'v1', 'roles'));
    expect(catalog.resourcesIn('rbac.authorization.k8s.io', 'v1')).toContain(role);
    expect(catalog.lookup('', 'v1', 'nodes/proxy')).toBeUndefined();
    expect(catalog.lookup('apps', 'v1beta1', 'deployments')).toBeUndefined();
    expect(catalog.resourcesIn('extensions', 'v1beta1')).toEqual([]);
    const plurals = catalog.resourcesIn('', 'v1').map((r) => r.plural);
    expect(plurals).toEqual([...plurals].sort());
  });

  test('the catalog is immutable and shared', () => {
    expect(catalogFor(version)).toBe(catalog);
    const pods = catalog.lookup('', 'v1', 'pods');
    expect(Object.isFrozen(pods)).toBe(true);
    expect(Object.isFrozen(pods?.verbs)).toBe(true);
    expect(Object.isFrozen(catalog.resources())).toBe(true);
  });

  test('storage version hashes: the upstream values, shared by cohabiting and multi-version resources', () => {
    expect(catalog.lookup('', 'v1', 'pods')?.storageVersionHash).toBe('xPOwRZ+Yhw8=');
    expect(catalog.lookup('', 'v1', 'namespaces')?.storageVersionHash).toBe('Q3oi5N2YM8M=');
    // events.k8s.io Events are stored as core v1 Events.
    expect(catalog.lookup('events.k8s.io', 'v1', 'events')?.storageVersionHash).toBe('r2yiGXH7wu8=');
    expect(catalog.lookup('', 'v1', 'events')?.storageVersionHash).toBe('r2yiGXH7wu8=');
    // Both autoscaling versions are stored as v2.
    expect(catalog.lookup('autoscaling', 'v1', 'horizontalpodautoscalers')?.storageVersionHash).toBe('qwQve8ut294=');
    expect(catalog.lookup('autoscaling', 'v2', 'horizontalpodautoscalers')?.storageVersionHash).toBe('qwQve8ut294=');
    for (const r of catalog.resources().filter((x) => x.storage === 'review')) expect(r.storageVersionHash).toBeUndefined();
    expect(catalog.lookup('', 'v1', 'bindings')?.storageVersionHash).toBeUndefined();
  });
});

describe('per-release differences', () => {
  const has = (version: KubeVersion, group: string, apiVersion: string, plural: string) =>
    catalogFor(version).lookup(group, apiVersion, plural) !== undefined;

  test('flowcontrol v1beta3 is still served by default only in 1.31', () => {
    expect(catalogFor('1.31').groups().find((g) => g.name === 'flowcontrol.apiserver.k8s.io')?.versions).toEqual(['v1', 'v1beta3']);
    expect(has('1.33', 'flowcontrol.apiserver.k8s.io', 'v1beta3', 'flowschemas')).toBe(false);
    expect(has('1.36', 'flowcontrol.apiserver.k8s.io', 'v1beta3', 'flowschemas')).toBe(false);
    // v1beta3 objects are stored as v1.
    expect(catalogFor('1.31').lookup('flowcontrol.apiserver.k8s.io', 'v1beta3', 'flowschemas')?.storageVersionHash).toBe(
      storageVersionHash('flowcontrol.apiserver.k8s.io', 'v1', 'FlowSchema'),
    );
  });

  test('pods/resize appears with InPlacePodVerticalScaling on (1.33+)', () => {
    const resize = (v: KubeVersion) => catalogFor(v).lookup('', 'v1', 'pods')?.subresources?.some((s) => s.name === 'resize');
    expect(resize('1.31')).toBe(false);
    expect(resize('1.33')).toBe(true);
    expect(resize('1.36')).toBe(true);
  });

  test('ServiceCIDR and IPAddress are served at networking.k8s.io/v1 from 1.33', () => {
    expect(has('1.31', 'networking.k8s.io', 'v1', 'servicecidrs')).toBe(false);
    expect(has('1.33', 'networking.k8s.io', 'v1', 'servicecidrs')).toBe(true);
    expect(catalogFor('1.36').lookup('networking.k8s.io', 'v1', 'ipaddresses')?.shortNames).toEqual(['ip']);
    // The promoting release's storage version is unconfirmed: no hash rather than a guess.
    expect(catalogFor('1.33').lookup('networking.k8s.io', 'v1', 'ipaddresses')?.storageVersionHash).toBeUndefined();
  });

  test('1.36 adds MutatingAdmissionPolicy, VolumeAttributesClass and resource.k8s.io/v1', () => {
    for (const v of ['1.31', '1.33'] as const) {
      expect(has(v, 'admissionregistration.k8s.io', 'v1', 'mutatingadmissionpolicies')).toBe(false);
      expect(has(v, 'storage.k8s.io', 'v1', 'volumeattributesclasses')).toBe(false);
      expect(catalogFor(v).preferred('resource.k8s.io')).toBeUndefined();
    }
    const c = catalogFor('1.36');
    expect(c.lookup('admissionregistration.k8s.io', 'v1', 'mutatingadmissionpolicies')?.categories).toEqual(['api-extensions']);
    // Served as v1, still stored as v1beta1 until 1.37.
    expect(c.lookup('admissionregistration.k8s.io', 'v1', 'mutatingadmissionpolicies')?.storageVersionHash).toBe(
      storageVersionHash('admissionregistration.k8s.io', 'v1beta1', 'MutatingAdmissionPolicy'),
    );
    expect(c.lookup('storage.k8s.io', 'v1', 'volumeattributesclasses')?.shortNames).toEqual(['vac']);
    expect(c.resourcesIn('resource.k8s.io', 'v1').map((r) => r.plural)).toEqual([
      'deviceclasses',
      'resourceclaims',
      'resourceclaimtemplates',
      'resourceslices',
    ]);
    // resource.k8s.io (16200) ties with discovery.k8s.io and sorts after it by name.
    const names = c.groups().map((g) => g.name);
    expect(names.indexOf('resource.k8s.io')).toBe(names.indexOf('discovery.k8s.io') + 1);
  });

  test('what every release leaves off: beta and alpha APIs, storage version migration', () => {
    for (const v of KUBE_VERSIONS) {
      const c = catalogFor(v);
      const versions = c.groups().flatMap((g) => g.versions.map((ver) => `${g.name}/${ver}`));
      expect(versions.filter((gv) => /alpha|beta/.test(gv) && gv !== 'flowcontrol.apiserver.k8s.io/v1beta3')).toEqual([]);
      expect(c.preferred('storagemigration.k8s.io')).toBeUndefined();
      expect(has(v, 'certificates.k8s.io', 'v1', 'clustertrustbundles')).toBe(false);
      expect(has(v, 'coordination.k8s.io', 'v1', 'leasecandidates')).toBe(false);
    }
  });
});

describe('release changes', () => {
  test('a change naming something that does not exist fails with the name in the message', () => {
    const change = (changes: Parameters<typeof assembleRelease>[1][number]['changes']) => [{ why: 'test', changes }];
    expect(() => assembleRelease(BASE_GROUPS, change([{ add: 'resources', group: 'nope.k8s.io', version: 'v1', resources: [] }]))).toThrow(
      'unknown group "nope.k8s.io"',
    );
    expect(() =>
      assembleRelease(BASE_GROUPS, change([{ add: 'subresource', group: '', version: 'v1', plural: 'gizmos', subresource: { name: 's', kind: 'K', verbs: [] } }])),
    ).toThrow('unknown resource gizmos in /v1');
  });

  test('applying changes never alters the authored base data', () => {
    const before = JSON.stringify(BASE_GROUPS);
    for (const v of KUBE_VERSIONS) assembleRelease(BASE_GROUPS, RELEASE_CHANGES[v]);
    expect(JSON.stringify(BASE_GROUPS)).toBe(before);
  });
});
