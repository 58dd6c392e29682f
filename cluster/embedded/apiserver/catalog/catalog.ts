// The resource catalog of one emulated release: every group, version and resource a fresh kind
// cluster of that version serves, in the server's own order. Built once per version, immutable.

import type { KubeVersion } from '../../../versions.js';
import type { ResourceDef } from '../types.js';
import { assembleRelease, type AssembledGroup } from './assemble.js';
import { BASE_GROUPS } from './base.js';
import { RELEASE_CHANGES } from './releases.js';
import { hashFor } from './storage-version.js';

export interface CatalogResource extends ResourceDef {
  /** Absent for resources that are not persisted, or whose storage version we could not confirm. */
  readonly storageVersionHash?: string;
}

export interface ApiGroupInfo {
  /** "" for the core group. */
  readonly name: string;
  /** Highest priority first; the first one is the preferred version. */
  readonly versions: readonly string[];
  readonly preferredVersion: string;
}

export interface ResourceCatalog {
  readonly kubeVersion: KubeVersion;
  /** Every top-level resource of every served group version, in discovery order. */
  resources(): readonly CatalogResource[];
  /** Core first, then the named groups in the order /apis lists them. */
  groups(): readonly ApiGroupInfo[];
  /** The resources of one group version, sorted by plural name; empty if it is not served. */
  resourcesIn(group: string, version: string): readonly CatalogResource[];
  lookup(group: string, version: string, plural: string): CatalogResource | undefined;
  byKind(group: string, version: string, kind: string): CatalogResource | undefined;
  /** The preferred version of a served group, undefined for an unknown group. */
  preferred(group: string): string | undefined;
}

const catalogs = new Map<KubeVersion, ResourceCatalog>();

export function catalogFor(version: KubeVersion): ResourceCatalog {
  let catalog = catalogs.get(version);
  if (!catalog) {
    catalog = buildCatalog(version, assembleRelease(BASE_GROUPS, RELEASE_CHANGES[version]));
    catalogs.set(version, catalog);
  }
  return catalog;
}

function buildCatalog(kubeVersion: KubeVersion, assembled: readonly AssembledGroup[]): ResourceCatalog {
  const groups: ApiGroupInfo[] = [];
  const byGroupVersion = new Map<string, readonly CatalogResource[]>();
  for (const g of assembled) {
    const versions = g.versions.map((v) => v.version);
    const preferredVersion = versions[0];
    if (preferredVersion === undefined) throw new Error(`group "${g.name}" serves no version`);
    groups.push(Object.freeze({ name: g.name, versions: Object.freeze(versions), preferredVersion }));
    for (const v of g.versions) {
      const resources = v.resources.map(({ storedAs, ...spec }) => {
        const def = { ...spec, group: g.name, version: v.version };
        const hash = hashFor({ group: g.name, kind: spec.kind, storedAs }, preferredVersion);
        return deepFreeze(hash === undefined ? def : { ...def, storageVersionHash: hash });
      });
      byGroupVersion.set(gvKey(g.name, v.version), Object.freeze(resources));
    }
  }

  const all = Object.freeze([...byGroupVersion.values()].flat());
  const byPlural = new Map(all.map((r) => [`${gvKey(r.group, r.version)}/${r.plural}`, r]));
  const byKindKey = new Map(all.map((r) => [`${gvKey(r.group, r.version)}/${r.kind}`, r]));
  const preferred = new Map(groups.map((g) => [g.name, g.preferredVersion]));
  const frozenGroups = Object.freeze(groups);

  return {
    kubeVersion,
    resources: () => all,
    groups: () => frozenGroups,
    resourcesIn: (group, version) => byGroupVersion.get(gvKey(group, version)) ?? [],
    lookup: (group, version, plural) => byPlural.get(`${gvKey(group, version)}/${plural}`),
    byKind: (group, version, kind) => byKindKey.get(`${gvKey(group, version)}/${kind}`),
    preferred: (group) => preferred.get(group),
  };
}

function gvKey(group: string, version: string): string {
  return `${group}/${version}`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
