// Applies a release's changes to the base groups and puts everything in the order the real
// server lists it. Pure: the authored data is never mutated.

import type { GroupSpec, ResourceSpec, VersionSpec } from './model.js';
import type { ApiChange, ReleaseChange } from './releases.js';
import { byteOrder } from './byte-order.js';

/** A group as one release serves it: versions by descending priority, resources by name. */
export interface AssembledGroup {
  name: string;
  priority: number;
  listedFirst: boolean;
  versions: AssembledVersion[];
}

export interface AssembledVersion {
  version: string;
  priority: number;
  resources: ResourceSpec[];
}

export function assembleRelease(
  base: readonly GroupSpec[],
  changes: readonly ReleaseChange[],
): AssembledGroup[] {
  const groups = base.map(copyGroup);
  for (const change of changes.flatMap((c) => c.changes)) applyChange(groups, change);
  for (const group of groups) {
    group.versions.sort((a, b) => b.priority - a.priority);
    for (const v of group.versions) {
      v.resources.sort((a, b) => byteOrder(a.plural, b.plural));
      for (const r of v.resources) r.subresources?.sort((a, b) => byteOrder(a.name, b.name));
    }
  }
  return groups.sort(compareGroups);
}

/**
 * Core first (it is served apart, under /api), then kube-aggregator's own group, then by
 * descending group priority with ties broken by name, as /apis and aggregated discovery do.
 */
function compareGroups(a: AssembledGroup, b: AssembledGroup): number {
  const rank = (g: AssembledGroup) => (g.name === '' ? 0 : g.listedFirst ? 1 : 2);
  return rank(a) - rank(b) || b.priority - a.priority || byteOrder(a.name, b.name);
}

function copyGroup(g: GroupSpec): AssembledGroup {
  return { name: g.name, priority: g.priority, listedFirst: g.listedFirst ?? false, versions: g.versions.map(copyVersion) };
}

function copyVersion(v: VersionSpec): AssembledVersion {
  return { version: v.version, priority: v.priority, resources: v.resources.map(copyResource) };
}

function copyResource(r: ResourceSpec): ResourceSpec {
  return {
    ...r,
    verbs: [...r.verbs],
    ...(r.shortNames && { shortNames: [...r.shortNames] }),
    ...(r.categories && { categories: [...r.categories] }),
    ...(r.subresources && { subresources: r.subresources.map((s) => ({ ...s, verbs: [...s.verbs] })) }),
  };
}

function applyChange(groups: AssembledGroup[], change: ApiChange): void {
  switch (change.add) {
    case 'group':
      if (groups.some((g) => g.name === change.group.name)) throw new Error(`group ${change.group.name} added twice`);
      groups.push(copyGroup(change.group));
      return;
    case 'version':
      findGroup(groups, change.group).versions.push(copyVersion(change.version));
      return;
    case 'resources':
      findVersion(groups, change.group, change.version).resources.push(...change.resources.map(copyResource));
      return;
    case 'subresource': {
      const parent = findResource(groups, change.group, change.version, change.plural);
      parent.subresources = [...(parent.subresources ?? []), { ...change.subresource }];
      return;
    }
    case 'storedAs':
      for (const plural of change.plurals) {
        findResource(groups, change.group, change.version, plural).storedAs = change.storedAs;
      }
      return;
    case 'deprecation':
      findResource(groups, change.group, change.version, change.plural).deprecationWarning = change.warning;
      return;
  }
}

function findGroup(groups: AssembledGroup[], name: string): AssembledGroup {
  const g = groups.find((x) => x.name === name);
  if (!g) throw new Error(`release change names unknown group "${name}"`);
  return g;
}

function findVersion(groups: AssembledGroup[], group: string, version: string): AssembledVersion {
  const v = findGroup(groups, group).versions.find((x) => x.version === version);
  if (!v) throw new Error(`release change names unknown version ${group}/${version}`);
  return v;
}

function findResource(groups: AssembledGroup[], group: string, version: string, plural: string): ResourceSpec {
  const r = findVersion(groups, group, version).resources.find((x) => x.plural === plural);
  if (!r) throw new Error(`release change names unknown resource ${plural} in ${group}/${version}`);
  return r;
}
