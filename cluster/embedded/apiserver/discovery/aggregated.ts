// Aggregated discovery (apidiscovery.k8s.io APIGroupDiscoveryList): one document for /api (the
// core group) and one for /apis (every named group), with subresources nested under resources.
// In responseKind, an empty group and version mean "the containing group version".

import type { CatalogResource, ResourceCatalog } from '../catalog/catalog.js';

export type AggregatedVersion = 'v2' | 'v2beta1';

/** /api serves the core group alone; /apis serves all the named groups. */
export type DiscoveryRoot = 'api' | 'apis';

export function aggregatedDiscovery(catalog: ResourceCatalog, root: DiscoveryRoot, apiVersion: AggregatedVersion) {
  const groups = catalog.groups().filter((g) => (g.name === '') === (root === 'api'));
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${apiVersion}`,
    metadata: {},
    items: groups.map((g) => ({
      // ObjectMeta omits an empty name (the core group) but always writes creationTimestamp.
      metadata: g.name === '' ? { creationTimestamp: null } : { name: g.name, creationTimestamp: null },
      versions: g.versions.map((version) => ({
        version,
        resources: catalog.resourcesIn(g.name, version).map(resourceDiscovery),
        freshness: 'Current',
      })),
    })),
  };
}

function resourceDiscovery(r: CatalogResource) {
  return {
    resource: r.plural,
    responseKind: { group: '', version: '', kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
    ...(r.shortNames && { shortNames: r.shortNames }),
    ...(r.categories && { categories: r.categories }),
    ...(r.subresources && {
      subresources: r.subresources.map((s) => ({
        subresource: s.name,
        responseKind: { group: s.group ?? '', version: s.version ?? '', kind: s.kind },
        verbs: s.verbs,
      })),
    }),
  };
}
