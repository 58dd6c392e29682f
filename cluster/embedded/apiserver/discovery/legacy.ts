// The legacy (unaggregated) discovery documents: /api, /apis, /apis/<group>, /api/v1 and
// /apis/<group>/<version>. Objects are built field by field in the Go structs' order, so their
// JSON matches what kube-apiserver writes.

import type { ApiGroupInfo, CatalogResource, ResourceCatalog } from '../catalog/catalog.js';

interface GroupVersionForDiscovery {
  groupVersion: string;
  version: string;
}

/** /api: the core group's versions and the address clients should use. */
export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** /apis: every named group with its versions, the preferred one first. */
export function apiGroupList(catalog: ResourceCatalog) {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: catalog
      .groups()
      .filter((g) => g.name !== '')
      .map(groupEntry),
  };
}

/** /apis/<group>. */
export function apiGroup(group: ApiGroupInfo) {
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(group) };
}

function groupEntry(group: ApiGroupInfo) {
  return {
    name: group.name,
    versions: group.versions.map((v) => forDiscovery(group.name, v)),
    preferredVersion: forDiscovery(group.name, group.preferredVersion),
  };
}

function forDiscovery(group: string, version: string): GroupVersionForDiscovery {
  return { groupVersion: `${group}/${version}`, version };
}

/**
 * /api/v1 or /apis/<group>/<version>. Subresources are separate "res/sub" entries. The core
 * list carries no apiVersion: kube-apiserver writes it without one.
 */
export function apiResourceList(catalog: ResourceCatalog, group: string, version: string) {
  const resources = catalog.resourcesIn(group, version).flatMap(resourceEntries);
  return group === ''
    ? { kind: 'APIResourceList', groupVersion: version, resources }
    : { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${group}/${version}`, resources };
}

function resourceEntries(r: CatalogResource) {
  const main = {
    name: r.plural,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: r.verbs,
    ...(r.shortNames && { shortNames: r.shortNames }),
    ...(r.categories && { categories: r.categories }),
    ...(r.storageVersionHash !== undefined && { storageVersionHash: r.storageVersionHash }),
  };
  const subresources = (r.subresources ?? []).map((s) => ({
    name: `${r.plural}/${s.name}`,
    singularName: '',
    namespaced: r.namespaced,
    ...(s.group !== undefined && { group: s.group }),
    ...(s.version !== undefined && { version: s.version }),
    kind: s.kind,
    verbs: s.verbs,
  }));
  return [main, ...subresources];
}
