// The state a fresh kind cluster of this version has when `kind create cluster` returns: bootstrap
// RBAC (aggregated roles already settled), kubeadm/kind objects, nodes and kube-system pods.

import type { ClusterNode } from '../provider.js';
import type { KubeVersion, VersionInfo } from '../versions.js';
import type { KubeObject } from './apiserver/types.js';
import { formatTime, resourceKey, type ObjectStore } from './apiserver/storage/store.js';
import { recordUpdate } from './apiserver/patch/managed-fields.js';
import type { JsonObject } from './apiserver/patch/json.js';
import { catalogFor } from './apiserver/catalog/catalog.js';
import { settledBootstrapPolicy } from './apiserver/bootstrap/settled-policy.js';
import { freshClusterObjects } from './apiserver/bootstrap/kube-system.js';
import { randomSuffix } from './apiserver/names.js';
import { nodeObject } from './nodes.js';

export interface SeedInput {
  clusterName: string;
  version: VersionInfo;
  featureGates: Record<string, boolean>;
  nodes: readonly ClusterNode[];
  caPem: string;
  now: Date;
}

export function seedClusterState(store: ObjectStore, input: SeedInput): void {
  const catalog = catalogFor(input.version.version);
  const put = (obj: KubeObject) => {
    const [group, version] = splitApiVersion(obj.apiVersion ?? 'v1');
    const def = catalog.byKind(group, version, obj.kind ?? '');
    if (!def) throw new Error(`bootstrap object ${obj.kind}/${obj.metadata.name} has no resource in the ${input.version.version} catalog`);
    store.create(resourceKey(def.group, def.plural), withCreationTime(obj, input.now));
  };

  for (const o of settledPolicy(input.version.version, input.featureGates)) put(o);

  const nodeUids: Record<string, string> = {};
  const nodeIPs: Record<string, string> = {};
  input.nodes.forEach((n, index) => {
    const stored = store.create(
      resourceKey('', 'nodes'),
      nodeObject(
        { clusterName: input.clusterName, name: n.name, role: n.role, index, internalIP: n.internalIP, kubeletPort: n.kubeletPort, tainted: n.role === 'control-plane' && input.nodes.length > 1 },
        input.version,
        input.now,
      ),
    );
    nodeUids[n.name] = stored.metadata.uid ?? '';
    nodeIPs[n.name] = n.internalIP;
  });

  for (const obj of freshClusterObjects({
    clusterName: input.clusterName,
    version: input.version.version,
    nodeNames: input.nodes.map((n) => n.name),
    nodeUids,
    nodeIPs,
    caPem: input.caPem,
    now: input.now,
    randomSuffix,
    featureGates: input.featureGates,
  })) {
    // kube-system objects go in without managedFields: computing them costs more than the whole
    // rest of start-up, and they only matter to a server-side apply onto those objects.
    put(obj);
  }
}

// Shared by every cluster of the same version and gates; see settledBootstrapPolicy.
const managedPolicies = new Map<string, readonly KubeObject[]>();

function settledPolicy(version: KubeVersion, featureGates: Record<string, boolean>): readonly KubeObject[] {
  const key = `${version} ${JSON.stringify(Object.entries(featureGates).sort())}`;
  let objects = managedPolicies.get(key);
  if (!objects) {
    const policy = settledBootstrapPolicy(version, featureGates);
    objects = [...policy.clusterRoles, ...policy.clusterRoleBindings, ...policy.roles, ...policy.roleBindings].map((o) => managedBy(o, 'kube-apiserver'));
    managedPolicies.set(key, objects);
  }
  return objects;
}

/**
 * Real objects carry managedFields from whoever wrote them; without an entry, a learner's first
 * `kubectl apply --server-side` would conflict with "before-first-apply" instead of succeeding.
 */
function managedBy(obj: KubeObject, manager: string): KubeObject {
  return recordUpdate(undefined, obj as JsonObject, { manager, kind: obj.kind ?? '', apiVersion: obj.apiVersion ?? 'v1', now: new Date(0) }) as KubeObject;
}

/** Stamps creation (and the managedFields entries') time; shared objects are copied, not changed. */
function withCreationTime(obj: KubeObject, now: Date): KubeObject {
  const time = obj.metadata.creationTimestamp ?? formatTime(now);
  const managedFields = (obj.metadata.managedFields as Record<string, unknown>[] | undefined)?.map((e) => ({ ...e, time }));
  return { ...obj, metadata: { ...obj.metadata, creationTimestamp: time, ...(managedFields ? { managedFields } : {}) } };
}

function splitApiVersion(apiVersion: string): [string, string] {
  const i = apiVersion.indexOf('/');
  return i < 0 ? ['', apiVersion] : [apiVersion.slice(0, i), apiVersion.slice(i + 1)];
}
