import { describe, expect, test } from 'vitest';
import { KUBE_VERSIONS, type KubeVersion } from '../../../versions.js';
import { catalogFor } from '../catalog/catalog.js';
import { ApiError } from '../status.js';
import { DiscoveryDocuments, discoveryFor } from './documents.js';

const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const AGGREGATED_V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

interface LegacyResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  storageVersionHash?: string;
}

interface AggregatedList {
  kind: string;
  apiVersion: string;
  items: {
    metadata: { name?: string; creationTimestamp: null };
    versions: {
      version: string;
      freshness: string;
      resources: {
        resource: string;
        responseKind: { group: string; version: string; kind: string };
        scope: string;
        singularResource: string;
        verbs: string[];
        shortNames?: string[];
        categories?: string[];
        subresources?: { subresource: string; responseKind: { group: string; version: string; kind: string }; verbs: string[] }[];
      }[];
    }[];
  }[];
}

function json<T>(docs: DiscoveryDocuments, path: string, accept?: string): T {
  const response = docs.serve(path, accept);
  if (!response) throw new Error(`no document at ${path}`);
  return JSON.parse(response.body.toString('utf8')) as T;
}

describe.each(KUBE_VERSIONS)('discovery documents %s', (version: KubeVersion) => {
  const catalog = catalogFor(version);
  const docs = discoveryFor(catalog, { serverAddress: '172.18.0.2:6443' });

  test('/api lists v1 and the advertised address', () => {
    expect(docs.serve('/api', 'application/json')?.body.toString()).toBe(
      '{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"172.18.0.2:6443"}]}',
    );
  });

  test('/apis lists every named group in catalog order with its preferred version', () => {
    const list = json<{ kind: string; apiVersion: string; groups: { name: string; versions: { groupVersion: string }[]; preferredVersion: { groupVersion: string; version: string } }[] }>(
      docs,
      '/apis',
    );
    expect(list.kind).toBe('APIGroupList');
    expect(list.apiVersion).toBe('v1');
    expect(list.groups.map((g) => g.name)).toEqual(catalog.groups().filter((g) => g.name).map((g) => g.name));
    const autoscaling = list.groups.find((g) => g.name === 'autoscaling');
    expect(autoscaling?.versions.map((v) => v.groupVersion)).toEqual(['autoscaling/v2', 'autoscaling/v1']);
    expect(autoscaling?.preferredVersion).toEqual({ groupVersion: 'autoscaling/v2', version: 'v2' });
  });

  test('every catalog resource and subresource is in its legacy APIResourceList', () => {
    for (const r of catalog.resources()) {
      const path = r.group === '' ? '/api/v1' : `/apis/${r.group}/${r.version}`;
      const entries = json<{ resources: LegacyResource[] }>(docs, path).resources;
      const main = entries.find((e) => e.name === r.plural);
      expect(main, `${r.plural} in ${path}`).toMatchObject({ singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs });
      expect(main?.shortNames).toEqual(r.shortNames);
      expect(main?.storageVersionHash).toBe(r.storageVersionHash);
      for (const s of r.subresources ?? []) {
        const entry = entries.find((e) => e.name === `${r.plural}/${s.name}`);
        expect(entry, `${r.plural}/${s.name}`).toMatchObject({ singularName: '', kind: s.kind, verbs: s.verbs, namespaced: r.namespaced });
        expect(entry?.group).toBe(s.group);
      }
    }
  });

  test('legacy entries look like kube-apiserver\'s: core list without apiVersion, cross-group subresources', () => {
    const core = docs.serve('/api/v1', undefined)?.body.toString() ?? '';
    expect(core.startsWith('{"kind":"APIResourceList","groupVersion":"v1","resources":[')).toBe(true);
    expect(core).toContain(
      '{"name":"serviceaccounts/token","singularName":"","namespaced":true,"group":"authentication.k8s.io","version":"v1","kind":"TokenRequest","verbs":["create"]}',
    );
    expect(core).toContain(
      '{"name":"nodes/proxy","singularName":"","namespaced":false,"kind":"NodeProxyOptions","verbs":["create","delete","get","patch","update"]}',
    );
    expect(core).toContain(
      '{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],"shortNames":["po"],"categories":["all"],"storageVersionHash":"xPOwRZ+Yhw8="}',
    );
    const rbac = docs.serve('/apis/rbac.authorization.k8s.io/v1', 'application/json, */*')?.body.toString() ?? '';
    expect(rbac.startsWith('{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"rbac.authorization.k8s.io/v1",')).toBe(true);
    const group = json<{ kind: string; name: string }>(docs, '/apis/apps');
    expect(group).toMatchObject({ kind: 'APIGroup', name: 'apps' });
  });

  test('aggregated /api and /apis together list every catalog resource with nested subresources', () => {
    const core = json<AggregatedList>(docs, '/api', AGGREGATED_V2);
    const named = json<AggregatedList>(docs, '/apis', AGGREGATED_V2);
    expect(core.items.map((i) => i.metadata)).toEqual([{ creationTimestamp: null }]);
    expect(named.items.map((i) => i.metadata.name)).toEqual(catalog.groups().filter((g) => g.name).map((g) => g.name));
    for (const r of catalog.resources()) {
      const list = r.group === '' ? core : named;
      const item = list.items.find((i) => (i.metadata.name ?? '') === r.group);
      const v = item?.versions.find((x) => x.version === r.version);
      expect(v?.freshness).toBe('Current');
      const entry = v?.resources.find((x) => x.resource === r.plural);
      expect(entry, `${r.plural}.${r.group}/${r.version}`).toMatchObject({
        responseKind: { group: '', version: '', kind: r.kind },
        scope: r.namespaced ? 'Namespaced' : 'Cluster',
        singularResource: r.singular,
        verbs: r.verbs,
      });
      expect(entry?.shortNames).toEqual(r.shortNames);
      expect(entry?.categories).toEqual(r.categories);
      expect(entry?.subresources?.map((s) => s.subresource)).toEqual(r.subresources?.map((s) => s.name));
    }
    const token = core.items[0]?.versions[0]?.resources
      .find((r) => r.resource === 'serviceaccounts')
      ?.subresources?.find((s) => s.subresource === 'token');
    expect(token).toEqual({
      subresource: 'token',
      responseKind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' },
      verbs: ['create'],
    });
  });

  test('the aggregated response carries its exact content type and an ETag', () => {
    const response = docs.serve('/apis', `${AGGREGATED_V2},application/json`);
    expect(response?.contentType).toBe(AGGREGATED_V2);
    expect(response?.etag).toMatch(/^"[0-9A-F]{128}"$/);
    expect(json<AggregatedList>(docs, '/apis', AGGREGATED_V2).apiVersion).toBe('apidiscovery.k8s.io/v2');
    // Group-version documents are never aggregated.
    expect(docs.serve('/apis/apps/v1', `${AGGREGATED_V2},application/json`)?.contentType).toBe('application/json');
  });

  test('unknown paths are not discovery; an unsatisfiable Accept is a 406', () => {
    // A group-version list cannot be aggregated: asking only for that is unsatisfiable.
    expect(() => docs.serve('/api/v1', AGGREGATED_V2)).toThrow(ApiError);
    expect(docs.serve('/apis/apps/v1beta1', undefined)).toBeUndefined();
    expect(docs.serve('/apis/extensions', undefined)).toBeUndefined();
    expect(docs.serve('/api/v1/pods', undefined)).toBeUndefined();
    const err = (() => {
      try {
        docs.serve('/apis', 'application/vnd.kubernetes.protobuf');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(406);
  });

  test('documents are built once and byte-stable', () => {
    expect(discoveryFor(catalog, { serverAddress: '172.18.0.2:6443' })).toBe(docs);
    const fresh = new DiscoveryDocuments(catalog, '172.18.0.2:6443');
    const accept = `${AGGREGATED_V2},application/json`;
    for (const path of ['/api', '/apis', '/api/v1', '/apis/rbac.authorization.k8s.io/v1']) {
      const first = docs.serve(path, accept)?.body;
      expect(first && fresh.serve(path, accept)?.body.equals(first), path).toBe(true);
    }
  });
});

describe('aggregated discovery versions per release', () => {
  test('v2beta1 is served in 1.31 only (AggregatedDiscoveryRemoveBetaType defaults on from 1.33)', () => {
    const beta = (v: KubeVersion) => discoveryFor(catalogFor(v)).serve('/apis', `${AGGREGATED_V2BETA1},application/json`)?.contentType;
    expect(beta('1.31')).toBe(AGGREGATED_V2BETA1);
    expect(beta('1.33')).toBe('application/json');
    expect(beta('1.36')).toBe('application/json');
  });
});
