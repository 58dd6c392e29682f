// What the clusterrole-aggregation controller makes of admin, edit and view once it has run,
// so tests (and a cluster that starts "settled") can compare against it.
import type { ClusterRole, LabelSelector, PolicyRule } from '../types.js';

function matches(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  // Bootstrap selectors only use matchLabels; an expression-based selector never matches here.
  if (selector.matchExpressions?.length) return false;
  return Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels?.[key] === value);
}

// Go's sort.Strings order: by code unit, not locale.
const byName = (a: ClusterRole, b: ClusterRole): number => {
  const [x, y] = [a.metadata.name ?? '', b.metadata.name ?? ''];
  return x < y ? -1 : x > y ? 1 : 0;
};

const ruleKey = (rule: PolicyRule): string => JSON.stringify(rule);

/**
 * One controller pass over `target`: for each selector in order, the matching roles sorted by
 * name (itself excluded), appending each rule not already present (semantic equality).
 */
function aggregateOnce(target: ClusterRole, all: ReadonlyMap<string, ClusterRole>): PolicyRule[] {
  const rules: PolicyRule[] = [];
  const seen = new Set<string>();
  for (const selector of target.aggregationRule?.clusterRoleSelectors ?? []) {
    const sources = [...all.values()]
      .filter((role) => role.metadata.name !== target.metadata.name && matches(selector, role.metadata.labels))
      .sort((a, b) => byName(a, b));
    for (const source of sources) {
      for (const rule of source.rules ?? []) {
        const key = ruleKey(rule);
        if (!seen.has(key)) {
          seen.add(key);
          rules.push(rule);
        }
      }
    }
  }
  return rules;
}

/** The settled rules of every aggregated role (the controller re-queues until nothing changes). */
export function settledAggregation(roles: readonly ClusterRole[]): Map<string, PolicyRule[]> {
  const current = new Map(roles.map((role) => [role.metadata.name ?? '', role]));
  const aggregated = roles.filter((role) => role.aggregationRule);
  for (let pass = 0; pass <= aggregated.length; pass++) {
    let changed = false;
    for (const role of aggregated) {
      const name = role.metadata.name ?? '';
      const rules = aggregateOnce(current.get(name) ?? role, current);
      if (JSON.stringify(rules) !== JSON.stringify(current.get(name)?.rules ?? null)) {
        current.set(name, { ...role, rules });
        changed = true;
      }
    }
    if (!changed) break;
  }
  return new Map(aggregated.map((role) => [role.metadata.name ?? '', current.get(role.metadata.name ?? '')?.rules ?? []]));
}
