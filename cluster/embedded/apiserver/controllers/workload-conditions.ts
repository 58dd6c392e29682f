// Status conditions of Deployments and ReplicaSets, set as deploymentutil.SetDeploymentCondition
// and replicaset.SetCondition do: nothing changes when type, status and reason are the same;
// otherwise the condition moves to the end of the list. A Deployment's condition keeps its
// lastTransitionTime while its status stays the same; a ReplicaSet's is replaced whole.

import type { Condition } from '../registry/strategies/apps.js';

export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

export function withCondition(conditions: readonly Condition[] | undefined, condition: Condition, keepTransitionTime: boolean): Condition[] {
  const list = [...(conditions ?? [])];
  const current = findCondition(list, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return list;
  const next = keepTransitionTime && current && current.status === condition.status ? { ...condition, lastTransitionTime: current.lastTransitionTime } : condition;
  return [...list.filter((c) => c.type !== condition.type), next];
}

export function withoutCondition(conditions: readonly Condition[] | undefined, type: string): Condition[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}
