// The arithmetic and bookkeeping of the deployment controller, as
// pkg/controller/deployment/util/deployment_util.go has it: surge and unavailability fenceposts,
// revisions and the annotations a Deployment's ReplicaSets carry, which ReplicaSet is the new one,
// and when a rollout is complete, progressing or timed out.

import type { Condition, Deployment, DeploymentStatus, IntOrString, PodTemplate, ReplicaSet } from '../registry/strategies/apps.js';
import { ROLLING_UPDATE } from '../registry/strategies/apps.js';
import { canonicalJson } from './canonical-json.js';
import { findCondition } from './workload-conditions.js';

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
const DEPRECATED_ROLLBACK_TO = 'deprecated.deployment.rollback.to';
/** Annotations a Deployment never copies to its ReplicaSets (annotationsToSkip). */
const ANNOTATIONS_TO_SKIP = new Set([LAST_APPLIED_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, DEPRECATED_ROLLBACK_TO]);
/** The deployment controller's limit on the revision-history annotation. */
export const MAX_REVISION_HISTORY_CHARS = 2000;
const MAX_INT32 = 2147483647;

// Condition reasons.
export const NEW_RS_REASON = 'NewReplicaSetCreated';
export const FOUND_NEW_RS_REASON = 'FoundNewReplicaSet';
export const RS_UPDATED_REASON = 'ReplicaSetUpdated';
export const NEW_RS_AVAILABLE_REASON = 'NewReplicaSetAvailable';
export const FAILED_RS_CREATE_REASON = 'ReplicaSetCreateError';
export const TIMED_OUT_REASON = 'ProgressDeadlineExceeded';
export const PAUSED_REASON = 'DeploymentPaused';
export const RESUMED_REASON = 'DeploymentResumed';
export const MIN_AVAILABLE_REASON = 'MinimumReplicasAvailable';
export const MIN_UNAVAILABLE_REASON = 'MinimumReplicasUnavailable';

export function replicasOf(w: Deployment | ReplicaSet): number {
  return w.spec.replicas ?? 1;
}

/** intstr.GetScaledValueFromIntOrPercent: "25%" of total, rounded up or down. */
export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const percent = /^(\d+)%$/.exec(value);
  if (!percent) {
    if (/^\d+$/.test(value)) return Number(value);
    throw new Error(`invalid value for IntOrString: invalid value ${JSON.stringify(value)}`);
  }
  const scaled = (Number(percent[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? ROLLING_UPDATE) === ROLLING_UPDATE;
}

/** ResolveFenceposts: both zero would stall a rollout, so unavailability becomes 1. */
export function resolveFenceposts(d: Deployment): { surge: number; unavailable: number } {
  const rolling = d.spec.strategy?.rollingUpdate;
  const desired = replicasOf(d);
  const surge = scaledValue(rolling?.maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(rolling?.maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: Deployment): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0;
}

export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, replicasOf(d));
}

/** The revision annotation as a number; 0 without one, undefined when it is not a number. */
export function revisionOf(rs: ReplicaSet): number | undefined {
  const value = rs.metadata.annotations?.[REVISION_ANNOTATION];
  if (value === undefined) return 0;
  return /^-?\d+$/.test(value) ? Number(value) : undefined;
}

export function maxRevision(replicaSets: readonly ReplicaSet[]): number {
  return replicaSets.reduce((max, rs) => Math.max(max, revisionOf(rs) ?? 0), 0);
}

/** EqualIgnoreHash: the same template once the pod-template-hash label is set aside. */
export function equalIgnoreHash(a: PodTemplate | undefined, b: PodTemplate | undefined): boolean {
  return canonicalJson(withoutHash(a)) === canonicalJson(withoutHash(b));
}

function withoutHash(t: PodTemplate | undefined): PodTemplate {
  const metadata = { ...t?.metadata };
  const { [POD_TEMPLATE_HASH_LABEL]: _hash, ...labels } = metadata.labels ?? {};
  // Semantic equality takes an empty map for a missing one.
  if (Object.keys(labels).length) metadata.labels = labels;
  else delete metadata.labels;
  return { ...t, metadata };
}

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const at = a.metadata.creationTimestamp ?? '';
  const bt = b.metadata.creationTimestamp ?? '';
  if (at !== bt) return at < bt ? -1 : 1;
  const an = a.metadata.name ?? '';
  const bn = b.metadata.name ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/** FindNewReplicaSet: the oldest ReplicaSet with the Deployment's template. */
export function findNewReplicaSet(d: Deployment, replicaSets: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...replicaSets].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
}

export function activeReplicaSets(replicaSets: readonly (ReplicaSet | undefined)[]): ReplicaSet[] {
  return replicaSets.filter((rs): rs is ReplicaSet => rs !== undefined && replicasOf(rs) > 0);
}

const sum = (replicaSets: readonly (ReplicaSet | undefined)[], count: (rs: ReplicaSet) => number) =>
  replicaSets.reduce((total, rs) => total + (rs ? count(rs) : 0), 0);

export const specReplicas = (rss: readonly (ReplicaSet | undefined)[]) => sum(rss, replicasOf);
export const actualReplicas = (rss: readonly (ReplicaSet | undefined)[]) => sum(rss, (rs) => rs.status?.replicas ?? 0);
export const readyReplicas = (rss: readonly (ReplicaSet | undefined)[]) => sum(rss, (rs) => rs.status?.readyReplicas ?? 0);
export const availableReplicas = (rss: readonly (ReplicaSet | undefined)[]) => sum(rss, (rs) => rs.status?.availableReplicas ?? 0);

/**
 * GetTerminatingReplicaCountForReplicaSets: undefined when a ReplicaSet the controller has seen
 * does not report them (the gate was off when it last wrote).
 */
export function terminatingReplicas(replicaSets: readonly (ReplicaSet | undefined)[]): number | undefined {
  let total = 0;
  for (const rs of replicaSets) {
    if (!rs) continue;
    const terminating = rs.status?.terminatingReplicas;
    if (terminating === undefined) {
      if (!rs.status?.observedGeneration) continue;
      return undefined;
    }
    total += terminating;
  }
  return total;
}

/** NewRSNewReplicas: how big the new ReplicaSet may be now. */
export function newReplicaSetReplicas(d: Deployment, all: readonly ReplicaSet[], newRS: ReplicaSet): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const maxTotal = replicasOf(d) + scaledValue(d.spec.strategy?.rollingUpdate?.maxSurge ?? 0, replicasOf(d), true);
  const current = specReplicas(all);
  if (current >= maxTotal) return replicasOf(newRS);
  return replicasOf(newRS) + Math.min(maxTotal - current, replicasOf(d) - replicasOf(newRS));
}

/** IsSaturated: the new ReplicaSet runs every replica, all of them available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
  return replicasOf(rs) === replicasOf(d) && desired === String(replicasOf(d)) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}

/** SetReplicasAnnotations; true when they changed. Mutates `rs`. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [key, value] of [[DESIRED_REPLICAS_ANNOTATION, String(desired)], [MAX_REPLICAS_ANNOTATION, String(max)]] as const) {
    if (annotations[key] !== value) {
      annotations[key] = value;
      changed = true;
    }
  }
  return changed;
}

/**
 * SetNewReplicaSetAnnotations: the Deployment's own annotations, the new revision (keeping the
 * revisions a rolled-back-to ReplicaSet served before in revision-history) and, for a ReplicaSet
 * about to be created, the replicas annotations. True when anything changed. Mutates `rs`.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  const old = annotations[REVISION_ANNOTATION];
  const oldRevision = old === undefined || old === '' ? 0 : /^-?\d+$/.test(old) ? Number(old) : undefined;
  if (oldRevision === undefined) return changed; // not a number: leave it alone, as upstream does
  if (oldRevision < newRevision) {
    annotations[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (old !== undefined) appendRevisionHistory(annotations, old);
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

function appendRevisionHistory(annotations: Record<string, string>, oldRevision: string): void {
  const history = annotations[REVISION_HISTORY_ANNOTATION] ?? '';
  if (!history) {
    annotations[REVISION_HISTORY_ANNOTATION] = oldRevision;
    return;
  }
  const revisions = history.split(',');
  let length = history.length + oldRevision.length + 1;
  let start = 0;
  while (length > MAX_REVISION_HISTORY_CHARS && start < revisions.length) length -= revisions[start++]!.length + 1;
  if (length <= MAX_REVISION_HISTORY_CHARS) annotations[REVISION_HISTORY_ANNOTATION] = [...revisions.slice(start), oldRevision].join(',');
}

export function hasProgressDeadline(d: Deployment): boolean {
  const deadline = d.spec.progressDeadlineSeconds;
  return deadline !== undefined && deadline !== MAX_INT32;
}

export function hasRevisionHistoryLimit(d: Deployment): boolean {
  const limit = d.spec.revisionHistoryLimit;
  return limit !== undefined && limit !== MAX_INT32;
}

/** DeploymentComplete: every replica updated and available, and the latest spec observed. */
export function deploymentComplete(d: Deployment, status: DeploymentStatus): boolean {
  const want = replicasOf(d);
  return (status.updatedReplicas ?? 0) === want && (status.replicas ?? 0) === want && (status.availableReplicas ?? 0) === want && (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: new pods came up, or old ones went away, since the last status. */
export function deploymentProgressing(d: Deployment, status: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  return (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld || (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/** When the Progressing condition runs out of time, in ms; undefined when it cannot. */
export function progressDeadline(d: Deployment, status: DeploymentStatus): number | undefined {
  if (!hasProgressDeadline(d)) return undefined;
  const progressing = findCondition(status.conditions, 'Progressing');
  if (!progressing || progressing.reason === NEW_RS_AVAILABLE_REASON || progressing.reason === TIMED_OUT_REASON) return undefined;
  return Date.parse(progressing.lastUpdateTime ?? '') + (d.spec.progressDeadlineSeconds ?? 0) * 1000;
}

/** DeploymentTimedOut. */
export function deploymentTimedOut(d: Deployment, status: DeploymentStatus, now: Date): boolean {
  if (!hasProgressDeadline(d)) return false;
  const progressing = findCondition(status.conditions, 'Progressing');
  if (progressing?.reason === TIMED_OUT_REASON) return true;
  const deadline = progressDeadline(d, status);
  return deadline !== undefined && deadline < now.getTime();
}

export function newCondition(type: string, status: string, reason: string, message: string, now: string): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/**
 * GetProportion: the share of `toAdd` replicas (negative: to remove) this ReplicaSet takes when a
 * Deployment is scaled in the middle of a rollout, by its size against the size it was made for.
 */
export function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const deploymentReplicas = replicasOf(d) + maxSurge(d);
  const annotated = Number(rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION] ?? NaN);
  const base = Number.isInteger(annotated) ? annotated : (d.status?.replicas ?? 0);
  // integer.RoundToInt32 rounds half away from zero.
  const size = (replicasOf(rs) * deploymentReplicas) / base;
  return Math.sign(size) * Math.round(Math.abs(size)) - replicasOf(rs);
}
