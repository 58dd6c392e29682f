// The bootstrap RBAC policy with aggregated ClusterRoles already filled in, as a fresh cluster's
// store holds it once the aggregation controller has run. Depends only on version and gates, so
// it is built once per pair and shared (objects are never mutated in place).

import type { KubeVersion } from '../../../versions.js';
import { bootstrapPolicy, type BootstrapPolicy } from './policy.js';
import { settledAggregation } from './aggregation.js';

const settled = new Map<string, BootstrapPolicy>();

export function settledBootstrapPolicy(version: KubeVersion, featureGates: Readonly<Record<string, boolean>>): BootstrapPolicy {
  const key = `${version} ${JSON.stringify(Object.entries(featureGates).sort())}`;
  let policy = settled.get(key);
  if (!policy) {
    const raw = bootstrapPolicy(version, featureGates);
    const aggregated = settledAggregation(raw.clusterRoles);
    policy = {
      ...raw,
      clusterRoles: raw.clusterRoles.map((role) => {
        const rules = aggregated.get(role.metadata.name ?? '');
        return rules ? { ...role, rules } : role;
      }),
    };
    settled.set(key, policy);
  }
  return policy;
}
