// A ReplicaSet's pods: the pod made from its template (controller.GetPodFromTemplate), which pods
// go first when it has too many (ActivePodsWithRanks, with the LogarithmicScaleDown ranking
// simplified to exact times), and its status (replicaset.calculateStatus).

import type { KubeObject } from '../types.js';
import type { ReplicaSet, ReplicaSetStatus } from '../registry/strategies/apps.js';
import { selectorMatches } from '../label-selector.js';
import { controllerRef } from './owner-references.js';
import { isAvailable, isReady, podPhase, readySince, restartCount } from './pod-state.js';
import { withCondition, withoutCondition } from './workload-conditions.js';
import { formatTime } from '../storage/store.js';

export function podFromTemplate(rs: ReplicaSet): KubeObject {
  const template = rs.spec.template ?? {};
  const meta = template.metadata ?? {};
  const metadata: KubeObject['metadata'] = { generateName: `${rs.metadata.name ?? ''}-`, namespace: rs.metadata.namespace };
  if (meta.labels) metadata.labels = { ...meta.labels };
  if (meta.annotations) metadata.annotations = { ...meta.annotations };
  if (meta.finalizers) metadata.finalizers = [...meta.finalizers];
  metadata.ownerReferences = [controllerRef(rs, 'apps/v1', 'ReplicaSet')];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(template.spec ?? {}) };
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function nodeOf(pod: KubeObject): string {
  return (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
}

/**
 * The `count` pods to delete, most expendable first: unscheduled, then pending, not ready,
 * doubled up on a node with more of the related pods, ready for less time, restarted more,
 * created later.
 */
export function podsToDelete(pods: readonly KubeObject[], related: readonly KubeObject[], count: number): KubeObject[] {
  const perNode = new Map<string, number>();
  for (const p of related) perNode.set(nodeOf(p), (perNode.get(nodeOf(p)) ?? 0) + 1);
  const key = (p: KubeObject) => [
    nodeOf(p) ? 1 : 0,
    PHASE_RANK[podPhase(p) ?? ''] ?? 0,
    isReady(p) ? 1 : 0,
    -(perNode.get(nodeOf(p)) ?? 0),
    -(readySince(p) ?? 0),
    -restartCount(p),
    -Date.parse(p.metadata.creationTimestamp ?? '') || 0,
  ];
  const ranked = pods.map((p) => ({ p, k: key(p) }));
  ranked.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) if (a.k[i] !== b.k[i]) return a.k[i]! - b.k[i]!;
    return 0;
  });
  return ranked.slice(0, count).map((r) => r.p);
}

export interface StatusInput {
  active: readonly KubeObject[];
  /** Owned pods being deleted; undefined where DeploymentReplicaSetTerminatingReplicas is off. */
  terminating: readonly KubeObject[] | undefined;
  /** The error of the last create or delete, for the ReplicaFailure condition. */
  manageError?: { message: string; creating: boolean };
  now: Date;
}

/** calculateStatus plus observedGeneration, in the API's field order, zero counts left out. */
export function replicaSetStatus(rs: ReplicaSet, input: StatusInput): ReplicaSetStatus {
  const templateLabels = rs.spec.template?.metadata?.labels ?? {};
  const minReady = rs.spec.minReadySeconds ?? 0;
  const fullyLabeled = input.active.filter((p) => selectorMatches({ matchLabels: templateLabels }, p.metadata.labels)).length;
  const ready = input.active.filter(isReady).length;
  const available = input.active.filter((p) => isAvailable(p, minReady, input.now)).length;
  let conditions = rs.status?.conditions;
  const failure = conditions?.find((c) => c.type === 'ReplicaFailure');
  if (input.manageError && !failure) {
    const reason = input.manageError.creating ? 'FailedCreate' : 'FailedDelete';
    conditions = withCondition(conditions, { type: 'ReplicaFailure', status: 'True', lastTransitionTime: formatTime(input.now), reason, message: input.manageError.message }, false);
  } else if (!input.manageError && failure) {
    conditions = withoutCondition(conditions, 'ReplicaFailure');
  }
  const status: ReplicaSetStatus = { replicas: input.active.length };
  if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (input.terminating) status.terminatingReplicas = input.terminating.length;
  if (rs.metadata.generation) status.observedGeneration = rs.metadata.generation;
  if (conditions?.length) status.conditions = conditions;
  return status;
}
