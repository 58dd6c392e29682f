// The state a fresh kind cluster of this version has when `kind create cluster` returns: bootstrap
// RBAC (aggregated roles already settled), kubeadm/kind objects, nodes and kube-system pods.

import type { ClusterNode } from '../provider.js';
import type { VersionInfo } from '../versions.js';
import type { KubeObject } from './apiserver/types.js';
import { resourceKey, type ObjectStore } from './apiserver/storage/store.js';
import { catalogFor } from './apiserver/catalog/catalog.js';
import { bootstrapPolicy } from './apiserver/bootstrap/policy.js';
import { settledAggregation } from './apiserver/bootstrap/aggregation.js';
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
    store.create(resourceKey(def.group, def.plural), obj);
  };

  const policy = bootstrapPolicy(input.version.version, input.featureGates);
  const aggregated = settledAggregation(policy.clusterRoles);
  for (const role of policy.clusterRoles) put(aggregated.has(role.metadata.name ?? '') ? { ...role, rules: aggregated.get(role.metadata.name ?? '')! } : role);
  for (const o of [...policy.clusterRoleBindings, ...policy.roles, ...policy.roleBindings]) put(o);

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
    put(obj);
  }
}

function splitApiVersion(apiVersion: string): [string, string] {
  const i = apiVersion.indexOf('/');
  return i < 0 ? ['', apiVersion] : [apiVersion.slice(0, i), apiVersion.slice(i + 1)];
}
