// A Deployment's status as the deployment controller computes it: the counts summed over its
// ReplicaSets and the Available condition (sync.go calculateStatus), then the Progressing
// condition and the ReplicaSets' failures (progress.go syncRolloutStatus). Messages are upstream's.

import type { Condition, Deployment, DeploymentStatus, ReplicaSet } from '../registry/strategies/apps.js';
import { goQuote } from '../authorization/go-quote.js';
import { formatTime } from '../storage/store.js';
import {
  actualReplicas,
  availableReplicas,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  hasProgressDeadline,
  maxUnavailable,
  MIN_AVAILABLE_REASON,
  MIN_UNAVAILABLE_REASON,
  NEW_RS_AVAILABLE_REASON,
  newCondition,
  readyReplicas,
  replicasOf,
  RS_UPDATED_REASON,
  specReplicas,
  terminatingReplicas,
  TIMED_OUT_REASON,
} from './deployment-util.js';
import { findCondition, withCondition, withoutCondition } from './workload-conditions.js';

export interface StatusOptions {
  now: Date;
  /** The DeploymentReplicaSetTerminatingReplicas gate. */
  terminatingReplicas: boolean;
}

/** calculateStatus. `all` includes the new ReplicaSet, if there is one. */
export function calculateStatus(all: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, options: StatusOptions): DeploymentStatus {
  const available = availableReplicas(all);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: actualReplicas(all),
    updatedReplicas: actualReplicas([newRS]),
    readyReplicas: readyReplicas(all),
    availableReplicas: available,
    // More available than wanted happens while scaling down: never negative.
    unavailableReplicas: Math.max(0, specReplicas(all) - available),
  };
  if (options.terminatingReplicas) status.terminatingReplicas = terminatingReplicas(all);
  const now = formatTime(options.now);
  const availability = available >= replicasOf(d) - maxUnavailable(d)
    ? newCondition('Available', 'True', MIN_AVAILABLE_REASON, 'Deployment has minimum availability.', now)
    : newCondition('Available', 'False', MIN_UNAVAILABLE_REASON, 'Deployment does not have minimum availability.', now);
  status.conditions = withCondition(d.status?.conditions, availability, true);
  status.collisionCount = d.status?.collisionCount;
  return inApiOrder(status);
}

/** syncRolloutStatus's new status: calculateStatus plus Progressing and ReplicaFailure. */
export function rolloutStatus(all: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, options: StatusOptions): DeploymentStatus {
  const status = calculateStatus(all, newRS, d, options);
  let conditions = status.conditions ?? [];
  if (!hasProgressDeadline(d)) conditions = withoutCondition(conditions, 'Progressing');
  const current = findCondition(d.status?.conditions, 'Progressing');
  const settled = status.replicas === status.updatedReplicas && current?.reason === NEW_RS_AVAILABLE_REASON;
  const subject = newRS ? `ReplicaSet ${goQuote(newRS.metadata.name ?? '')}` : `Deployment ${goQuote(d.metadata.name ?? '')}`;
  const now = formatTime(options.now);
  if (hasProgressDeadline(d) && !settled) {
    const withConditions = { ...status, conditions };
    if (deploymentComplete(d, withConditions)) {
      conditions = withCondition(conditions, newCondition('Progressing', 'True', NEW_RS_AVAILABLE_REASON, `${subject} has successfully progressed.`, now), true);
    } else if (deploymentProgressing(d, withConditions)) {
      // Progress moves lastUpdateTime even when the reason stays the same.
      const progressing = newCondition('Progressing', 'True', RS_UPDATED_REASON, `${subject} is progressing.`, now);
      if (current?.status === 'True') progressing.lastTransitionTime = current.lastTransitionTime;
      conditions = [...withoutCondition(conditions, 'Progressing'), progressing];
    } else if (deploymentTimedOut(d, withConditions, options.now)) {
      conditions = withCondition(conditions, newCondition('Progressing', 'False', TIMED_OUT_REASON, `${subject} has timed out progressing.`, now), true);
    }
  }
  const failure = replicaFailure(all, newRS);
  conditions = failure ? withCondition(conditions, failure, true) : withoutCondition(conditions, 'ReplicaFailure');
  return inApiOrder({ ...status, conditions });
}

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure first, else any old one's. */
function replicaFailure(all: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): Condition | undefined {
  for (const rs of [newRS, ...all]) {
    const c = findCondition(rs?.status?.conditions, 'ReplicaFailure');
    if (c) return { type: c.type, status: c.status, lastUpdateTime: c.lastTransitionTime, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
  }
  return undefined;
}

/** DeploymentStatus in its Go field order, zero counts and empty lists left out (omitempty). */
export function inApiOrder(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.replicas) out.replicas = s.replicas;
  if (s.updatedReplicas) out.updatedReplicas = s.updatedReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.unavailableReplicas) out.unavailableReplicas = s.unavailableReplicas;
  if (s.terminatingReplicas !== undefined) out.terminatingReplicas = s.terminatingReplicas;
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount;
  return out;
}
