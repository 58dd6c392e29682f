// The clusterrole-aggregation controller: a ClusterRole with an aggregationRule gets the rules of
// every ClusterRole its selectors match (selector by selector, roles sorted by name, duplicates
// dropped), recomputed whenever any ClusterRole changes.

import type { ClusterRole, PolicyRule } from '../types.js';
import { resourceKey, type ObjectStore, type WatchEvent } from '../storage/store.js';
import { selectorMatches } from '../label-selector.js';
import type { Controller } from './controller.js';

const CLUSTER_ROLES = resourceKey('rbac.authorization.k8s.io', 'clusterroles');

export class ClusterRoleAggregationController implements Controller {
  constructor(private readonly store: ObjectStore) {}

  onEvent(event: WatchEvent): void {
    if (event.resource === CLUSTER_ROLES) this.reconcileAll();
  }

  reconcileAll(): void {
    const roles = this.store.list(CLUSTER_ROLES) as readonly ClusterRole[];
    for (const role of roles) {
      if (!role.aggregationRule) continue;
      const rules = aggregatedRules(role, roles);
      if (JSON.stringify(rules) !== JSON.stringify(role.rules ?? [])) {
        this.store.update(CLUSTER_ROLES, { ...role, rules });
      }
    }
  }
}

export function aggregatedRules(role: ClusterRole, all: readonly ClusterRole[]): PolicyRule[] {
  const rules: PolicyRule[] = [];
  const seen = new Set<string>();
  for (const selector of role.aggregationRule?.clusterRoleSelectors ?? []) {
    // The store lists roles sorted by name already.
    for (const other of all) {
      if (other.metadata.name === role.metadata.name) continue;
      if (!selectorMatches(selector, other.metadata.labels)) continue;
      for (const rule of other.rules ?? []) {
        const key = JSON.stringify(rule);
        if (seen.has(key)) continue;
        seen.add(key);
        rules.push(rule);
      }
    }
  }
  return rules;
}
