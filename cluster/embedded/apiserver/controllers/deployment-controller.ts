// kube-controller-manager's deployment controller (pkg/controller/deployment): a Deployment owns
// ReplicaSets named "<deployment>-<pod-template-hash>"; the one whose template is the
// Deployment's is the new one, the others are old. A template change creates a new ReplicaSet and
// moves the replicas over (RollingUpdate within maxSurge/maxUnavailable, or Recreate: old ones to
// zero first); a replicas change alone scales (proportionally during a rollout). Revisions,
// status counts and the Available/Progressing conditions are kept as upstream keeps them.
//
// Everything is level-triggered from the stored objects: any change to a Deployment, one of its
// ReplicaSets (or, for Recreate, the deletion of one of their pods) syncs it again.

import type { KubeObject } from '../types.js';
import type { Deployment, DeploymentStatus, ReplicaSet } from '../registry/strategies/apps.js';
import { RECREATE } from '../registry/strategies/apps.js';
import { resourceKey, formatTime, type WatchEvent } from '../storage/store.js';
import { selectorMatches } from '../label-selector.js';
import { ApiError } from '../status.js';
import { goQuote } from '../authorization/go-quote.js';
import { DEPLOYMENTS, REPLICA_SETS } from '../registry/internal-client.js';
import type { Controller } from './controller.js';
import type { WorkloadControllerDeps } from './replicaset-controller.js';
import { claim, claimsEverything, controllerOf, controllerRef, withOwner, withoutOwner } from './owner-references.js';
import { podTemplateHash } from './pod-template-hash.js';
import { podPhase } from './pod-state.js';
import { sameData } from './canonical-json.js';
import { DelayedWork } from './delayed-work.js';
import { runSafely } from './run-safely.js';
import { findCondition, withCondition } from './workload-conditions.js';
import { calculateStatus, inApiOrder, rolloutStatus } from './deployment-status.js';
import {
  activeReplicaSets,
  actualReplicas,
  availableReplicas,
  byCreation,
  deploymentComplete,
  DESIRED_REPLICAS_ANNOTATION,
  equalIgnoreHash,
  FAILED_RS_CREATE_REASON,
  findNewReplicaSet,
  FOUND_NEW_RS_REASON,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  NEW_RS_REASON,
  newCondition,
  newReplicaSetReplicas,
  PAUSED_REASON,
  POD_TEMPLATE_HASH_LABEL,
  progressDeadline,
  proportion,
  REVISION_ANNOTATION,
  replicasOf,
  RESUMED_REASON,
  revisionOf,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  specReplicas,
  TIMED_OUT_REASON,
} from './deployment-util.js';

const DEPLOY_KEY = resourceKey('apps', 'deployments');
const RS_KEY = resourceKey('apps', 'replicasets');
const POD_KEY = resourceKey('', 'pods');

/** The working set of one sync: the Deployment as last written, its new and old ReplicaSets. */
interface Rollout {
  d: Deployment;
  newRS: ReplicaSet | undefined;
  old: ReplicaSet[];
}

export class DeploymentController implements Controller {
  /** Re-syncs at a rollout's progress deadline (requeueStuckDeployment). */
  private readonly deadlines = new DelayedWork();

  constructor(private readonly deps: WorkloadControllerDeps) {}

  onEvent(event: WatchEvent): void {
    const obj = event.object;
    const namespace = obj.metadata.namespace ?? '';
    if (event.resource === DEPLOY_KEY) {
      if (event.type !== 'DELETED') this.syncNamed(namespace, obj.metadata.name ?? '');
      return;
    }
    if (event.resource === RS_KEY) {
      const owner = controllerOf(obj);
      if (owner?.kind === 'Deployment') this.syncNamed(namespace, owner.name, owner.uid);
      else if (!owner && event.type !== 'DELETED') this.syncMatching(obj);
      return;
    }
    // Recreate starts the new ReplicaSet only once the old pods are gone.
    if (event.resource === POD_KEY && event.type === 'DELETED') {
      const rsRef = controllerOf(obj);
      const rs = rsRef?.kind === 'ReplicaSet' ? this.deps.store.get(RS_KEY, namespace, rsRef.name) : undefined;
      const owner = rs && controllerOf(rs);
      const d = owner?.kind === 'Deployment' ? (this.deps.store.get(DEPLOY_KEY, namespace, owner.name) as Deployment | undefined) : undefined;
      if (d?.spec.strategy?.type === RECREATE) this.sync(d);
    }
  }

  stop(): void {
    this.deadlines.stop();
  }

  /** An orphaned ReplicaSet: the Deployments whose selector matches it may adopt it. */
  private syncMatching(rs: KubeObject): void {
    for (const d of this.deps.store.list(DEPLOY_KEY, rs.metadata.namespace) as Deployment[]) {
      if (d.spec.selector && selectorMatches(d.spec.selector, rs.metadata.labels)) this.sync(d);
    }
  }

  private syncNamed(namespace: string, name: string, uid?: string): void {
    const d = this.deps.store.get(DEPLOY_KEY, namespace, name) as Deployment | undefined;
    if (d && (uid === undefined || d.metadata.uid === uid)) this.sync(d);
  }

  private sync(d: Deployment): void {
    runSafely(`syncing Deployment ${d.metadata.namespace}/${d.metadata.name}`, () => this.syncDeployment(d));
  }

  /** syncDeployment. */
  private syncDeployment(stored: Deployment): void {
    if (claimsEverything(stored.spec.selector)) {
      // Selecting every pod is refused: only record that the spec was seen.
      if ((stored.status?.observedGeneration ?? 0) < (stored.metadata.generation ?? 0)) {
        this.writeDeployment(stored, { status: inApiOrder({ ...stored.status, observedGeneration: stored.metadata.generation ?? 0 }) });
      }
      return;
    }
    const rsList = this.claimReplicaSets(stored);
    if (stored.metadata.deletionTimestamp) {
      this.syncStatus(this.newAndOld(stored, rsList, false));
      return;
    }
    const checked = this.checkPausedConditions(stored);
    const scaling = checked.spec.paused || this.isScalingEvent(checked, rsList);
    // Both may have written the Deployment or its new ReplicaSet: go on from what is stored.
    const d = (this.deps.store.get(DEPLOY_KEY, checked.metadata.namespace, checked.metadata.name ?? '') as Deployment | undefined) ?? checked;
    const current = this.claimReplicaSets(d);
    if (scaling) this.syncScaling(d, current);
    else if (d.spec.strategy?.type === RECREATE) this.rolloutRecreate(d, current);
    else this.rolloutRolling(d, current);
  }

  /** getReplicaSetsForDeployment: owned ReplicaSets, after adopting orphans and releasing strays. */
  private claimReplicaSets(d: Deployment): ReplicaSet[] {
    const candidates = this.deps.store.list(RS_KEY, d.metadata.namespace) as ReplicaSet[];
    const claimed = claim(d, candidates, (rs) => selectorMatches(d.spec.selector!, rs.metadata.labels));
    const adopted = claimed.adopt.map((rs) => this.deps.client.update(REPLICA_SETS, withOwner(rs, controllerRef(d, 'apps/v1', 'Deployment'))) as ReplicaSet);
    for (const rs of claimed.release) this.deps.client.update(REPLICA_SETS, withoutOwner(rs, d.metadata.uid ?? ''));
    const adoptedUids = new Set(adopted.map((rs) => rs.metadata.uid));
    return [...(claimed.owned as ReplicaSet[]).filter((rs) => !adoptedUids.has(rs.metadata.uid)), ...adopted];
  }

  /** getAllReplicaSetsAndSyncRevision / getNewReplicaSet. */
  private newAndOld(d: Deployment, rsList: readonly ReplicaSet[], create: boolean): Rollout {
    const existing = findNewReplicaSet(d, rsList);
    const old = rsList.filter((rs) => rs.metadata.uid !== existing?.metadata.uid);
    const newRevision = maxRevision(old) + 1;
    if (existing) return this.syncNewReplicaSet(d, existing, old, newRevision);
    if (!create) return { d, newRS: undefined, old };
    return this.createNewReplicaSet(d, old, newRevision);
  }

  private syncNewReplicaSet(d: Deployment, existing: ReplicaSet, old: ReplicaSet[], newRevision: number): Rollout {
    const copy = structuredClone(existing);
    const annotationsChanged = setNewReplicaSetAnnotations(d, copy, newRevision, true);
    const minReady = d.spec.minReadySeconds ?? 0;
    if (annotationsChanged || (copy.spec.minReadySeconds ?? 0) !== minReady) {
      copy.spec = withMinReadySeconds(copy.spec, minReady);
      // The next sync (this write's event) brings the Deployment's revision up to date.
      return { d, newRS: this.deps.client.update(REPLICA_SETS, copy) as ReplicaSet, old };
    }
    const annotations = { ...d.metadata.annotations, [REVISION_ANNOTATION]: copy.metadata.annotations?.[REVISION_ANNOTATION] ?? '' };
    let conditions = d.status?.conditions;
    if (hasProgressDeadline(d) && !findCondition(conditions, 'Progressing')) {
      const found = newCondition('Progressing', 'True', FOUND_NEW_RS_REASON, `Found new replica set ${goQuote(copy.metadata.name ?? '')}`, this.now());
      conditions = withCondition(conditions, found, true);
    }
    const written = this.writeDeployment(d, { annotations, status: inApiOrder({ ...d.status, conditions }) });
    return { d: written, newRS: existing, old };
  }

  private createNewReplicaSet(d: Deployment, old: ReplicaSet[], newRevision: number): Rollout {
    const hash = podTemplateHash(d.spec.template, d.status?.collisionCount);
    const template = structuredClone(d.spec.template ?? {});
    const labels = { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash };
    template.metadata = { ...template.metadata, labels };
    const selector = structuredClone(d.spec.selector!);
    selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
    const name = `${d.metadata.name ?? ''}-${hash}`;
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, namespace: d.metadata.namespace, labels, ownerReferences: [controllerRef(d, 'apps/v1', 'Deployment')] },
      spec: withMinReadySeconds({ replicas: 0, selector, template }, d.spec.minReadySeconds ?? 0),
    };
    rs.spec.replicas = newReplicaSetReplicas(d, [...old, rs], rs);
    setNewReplicaSetAnnotations(d, rs, newRevision, false);
    let created: ReplicaSet;
    let alreadyExisted = false;
    try {
      created = this.deps.client.create(REPLICA_SETS, rs) as ReplicaSet;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const found = e.reason === 'AlreadyExists' ? (this.deps.store.get(RS_KEY, d.metadata.namespace, name) as ReplicaSet | undefined) : undefined;
      if (found && controllerOf(found)?.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, found.spec.template)) {
        created = found;
        alreadyExisted = true;
      } else if (e.reason === 'AlreadyExists') {
        // A hash collision: count it, and the write's event brings the next try with a new hash.
        this.writeDeployment(d, { status: inApiOrder({ ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 }) });
        return { d, newRS: undefined, old };
      } else {
        if (hasProgressDeadline(d)) {
          const failed = newCondition('Progressing', 'False', FAILED_RS_CREATE_REASON, `Failed to create new replica set ${goQuote(name)}: ${e.message}`, this.now());
          this.writeDeployment(d, { status: inApiOrder({ ...d.status, conditions: withCondition(d.status?.conditions, failed, true) }) });
        }
        throw e;
      }
    }
    const annotations = { ...d.metadata.annotations, [REVISION_ANNOTATION]: String(newRevision) };
    let conditions = d.status?.conditions;
    if (!alreadyExisted && hasProgressDeadline(d)) {
      conditions = withCondition(conditions, newCondition('Progressing', 'True', NEW_RS_REASON, `Created new replica set ${goQuote(created.metadata.name ?? '')}`, this.now()), true);
    }
    const written = this.writeDeployment(d, { annotations, status: inApiOrder({ ...d.status, conditions }) });
    return { d: written, newRS: created, old };
  }

  /** checkPausedConditions: Progressing turns Unknown while paused, and says so on resume. */
  private checkPausedConditions(d: Deployment): Deployment {
    if (!hasProgressDeadline(d)) return d;
    const progressing = findCondition(d.status?.conditions, 'Progressing');
    if (progressing?.reason === TIMED_OUT_REASON) return d;
    const pausedCondition = progressing?.reason === PAUSED_REASON;
    let condition;
    if (d.spec.paused && !pausedCondition) condition = newCondition('Progressing', 'Unknown', PAUSED_REASON, 'Deployment is paused', this.now());
    else if (!d.spec.paused && pausedCondition) condition = newCondition('Progressing', 'Unknown', RESUMED_REASON, 'Deployment is resumed', this.now());
    if (!condition) return d;
    return this.writeDeployment(d, { status: inApiOrder({ ...d.status, conditions: withCondition(d.status?.conditions, condition, true) }) });
  }

  /** isScalingEvent: an active ReplicaSet was made for another replica count. */
  private isScalingEvent(d: Deployment, rsList: readonly ReplicaSet[]): boolean {
    const { newRS, old } = this.newAndOld(d, rsList, false);
    return activeReplicaSets([...old, newRS]).some((rs) => {
      const desired = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
      return desired !== undefined && /^\d+$/.test(desired) && Number(desired) !== replicasOf(d);
    });
  }

  /** sync: scaling (or paused) only; no rollout. */
  private syncScaling(d: Deployment, rsList: readonly ReplicaSet[]): void {
    const rollout = this.newAndOld(d, rsList, false);
    this.scale(rollout);
    if (rollout.d.spec.paused) this.cleanup(rollout);
    this.syncStatus(rollout);
  }

  /** scale: the single active ReplicaSet takes every replica; during a rollout they are shared out. */
  private scale({ d, newRS, old }: Rollout): void {
    const activeOrLatest = this.activeOrLatest(newRS, old);
    if (activeOrLatest) {
      this.resize(activeOrLatest, replicasOf(d), d);
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const rs of activeReplicaSets(old)) this.resize(rs, 0, d);
      return;
    }
    if (d.spec.strategy?.type === RECREATE) return;
    const all = activeReplicaSets([...old, newRS]);
    const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
    const toAdd = allowed - specReplicas(all);
    // Larger first; among equals, newer first when adding and older first when removing.
    all.sort((a, b) => replicasOf(b) - replicasOf(a) || (toAdd > 0 ? -byCreation(a, b) : byCreation(a, b)));
    let added = 0;
    const sizes = all.map((rs) => {
      if (toAdd === 0) return replicasOf(rs);
      const share = proportion(rs, d, toAdd, added);
      added += share;
      return replicasOf(rs) + share;
    });
    // Leftovers go to the largest.
    if (toAdd !== 0 && sizes.length) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
    all.forEach((rs, i) => this.scaleReplicaSet(rs, sizes[i]!, d));
  }

  /** FindActiveOrLatest: the one active ReplicaSet, or the newest when none is. */
  private activeOrLatest(newRS: ReplicaSet | undefined, old: readonly ReplicaSet[]): ReplicaSet | undefined {
    const newestFirst = [...old].sort((a, b) => byCreation(b, a));
    const active = activeReplicaSets([...newestFirst, newRS]);
    if (active.length === 0) return newRS ?? newestFirst[0];
    return active.length === 1 ? active[0] : undefined;
  }

  /** scaleReplicaSet: writes the size and the replicas annotations when either changed. */
  private scaleReplicaSet(rs: ReplicaSet, size: number, d: Deployment): void {
    const copy = structuredClone(rs);
    const annotated = setReplicasAnnotations(copy, replicasOf(d), replicasOf(d) + maxSurge(d));
    if (replicasOf(rs) === size && !annotated) return;
    copy.spec.replicas = size;
    this.deps.client.update(REPLICA_SETS, copy);
  }

  /** scaleReplicaSetAndRecordEvent: only a change of size writes; true when it did. */
  private resize(rs: ReplicaSet, size: number, d: Deployment): boolean {
    if (replicasOf(rs) === size) return false;
    this.scaleReplicaSet(rs, size, d);
    return true;
  }

  /** rolloutRolling: scale the new ReplicaSet up within maxSurge, then the old ones down within maxUnavailable. */
  private rolloutRolling(d: Deployment, rsList: readonly ReplicaSet[]): void {
    const rollout = this.newAndOld(d, rsList, true);
    const { newRS } = rollout;
    if (!newRS) return; // a hash collision was counted; its event retries
    const all = [...rollout.old, newRS];
    if (this.reconcileNewReplicaSet(all, newRS, rollout.d) || this.reconcileOldReplicaSets(all, rollout.old, newRS, rollout.d)) {
      this.syncRolloutStatus(rollout);
      return;
    }
    if (deploymentComplete(rollout.d, rollout.d.status ?? {})) this.cleanup(rollout);
    this.syncRolloutStatus(rollout);
  }

  private reconcileNewReplicaSet(all: readonly ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
    if (replicasOf(newRS) === replicasOf(d)) return false;
    const size = replicasOf(newRS) > replicasOf(d) ? replicasOf(d) : newReplicaSetReplicas(d, all, newRS);
    return this.resize(newRS, size, d);
  }

  /** reconcileOldReplicaSets: never below spec.replicas - maxUnavailable available pods. */
  private reconcileOldReplicaSets(all: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
    let old = activeReplicaSets(oldRSs).sort(byCreation);
    if (specReplicas(old) === 0) return false;
    const minAvailable = replicasOf(d) - maxUnavailable(d);
    const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = specReplicas(all) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    // Unhealthy old replicas go first: they would block the rollout otherwise.
    let cleaned = 0;
    old = old.map((rs) => {
      const unhealthy = replicasOf(rs) - (rs.status?.availableReplicas ?? 0);
      if (cleaned >= maxScaledDown || unhealthy <= 0) return rs;
      const count = Math.min(maxScaledDown - cleaned, unhealthy);
      cleaned += count;
      this.resize(rs, replicasOf(rs) - count, d);
      return this.current(rs) ?? rs;
    });
    // Then healthy ones, as far as availability allows.
    let scaledDown = 0;
    const available = availableReplicas([...old, newRS]);
    const toScaleDown = available - minAvailable;
    for (const rs of old) {
      if (scaledDown >= toScaleDown) break;
      if (replicasOf(rs) === 0) continue;
      const count = Math.min(replicasOf(rs), toScaleDown - scaledDown);
      this.resize(rs, replicasOf(rs) - count, d);
      scaledDown += count;
    }
    return cleaned + scaledDown > 0;
  }

  /** rolloutRecreate: old ReplicaSets to zero, wait for their pods to go, then the new one up. */
  private rolloutRecreate(d: Deployment, rsList: readonly ReplicaSet[]): void {
    let rollout = this.newAndOld(d, rsList, false);
    let scaledDown = false;
    for (const rs of activeReplicaSets(rollout.old)) if (this.resize(rs, 0, rollout.d)) scaledDown = true;
    if (scaledDown || this.oldPodsRunning(rollout)) {
      this.syncRolloutStatus(rollout);
      return;
    }
    if (!rollout.newRS) {
      rollout = this.newAndOld(rollout.d, rsList, true);
      if (!rollout.newRS) return;
    }
    this.resize(rollout.newRS, replicasOf(rollout.d), rollout.d);
    if (deploymentComplete(rollout.d, rollout.d.status ?? {})) this.cleanup(rollout);
    this.syncRolloutStatus(rollout);
  }

  /** oldPodsRunning: old ReplicaSets still report pods, or own pods not yet terminal. */
  private oldPodsRunning({ newRS, old }: Rollout): boolean {
    if (actualReplicas(old) > 0) return true;
    const oldUids = new Set(old.map((rs) => rs.metadata.uid));
    oldUids.delete(newRS?.metadata.uid);
    return this.deps.store.list(POD_KEY, old[0]?.metadata.namespace).some((pod) => {
      const owner = controllerOf(pod);
      const phase = podPhase(pod);
      return owner !== undefined && oldUids.has(owner.uid) && phase !== 'Succeeded' && phase !== 'Failed';
    });
  }

  /** cleanupDeployment: old, empty ReplicaSets beyond revisionHistoryLimit go, oldest revision first. */
  private cleanup({ d, old }: Rollout): void {
    if (!hasRevisionHistoryLimit(d)) return;
    const cleanable = old.filter((rs) => !rs.metadata.deletionTimestamp);
    const excess = cleanable.length - (d.spec.revisionHistoryLimit ?? 0);
    if (excess <= 0) return;
    cleanable.sort((a, b) => (revisionOf(a) ?? 0) - (revisionOf(b) ?? 0) || byCreation(a, b));
    for (const rs of cleanable.slice(0, excess)) {
      const busy = (rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0);
      if (!busy) void this.deps.client.delete(REPLICA_SETS, rs.metadata.namespace, rs.metadata.name ?? '').catch(() => undefined);
    }
  }

  /** syncDeploymentStatus: counts and availability only. */
  private syncStatus(rollout: Rollout): void {
    const { all, newRS } = this.refreshed(rollout);
    this.writeDeployment(rollout.d, { status: calculateStatus(all, newRS, rollout.d, this.statusOptions()) });
  }

  /** syncRolloutStatus, then a look again at the progress deadline. */
  private syncRolloutStatus(rollout: Rollout): void {
    const { all, newRS } = this.refreshed(rollout);
    const status = rolloutStatus(all, newRS, rollout.d, this.statusOptions());
    const written = this.writeDeployment(rollout.d, { status });
    const deadline = deploymentComplete(written, status) ? undefined : progressDeadline(written, status);
    if (deadline === undefined) return;
    const { namespace = '', name = '', uid } = written.metadata;
    // A second past the deadline: lastUpdateTime has whole seconds, and the check is "before now".
    this.deadlines.after(`${namespace}/${name}`, deadline - this.deps.clock().getTime() + 1000, () => this.syncNamed(namespace, name, uid));
  }

  /** The rollout's ReplicaSets as stored now (scaling wrote some of them). */
  private refreshed({ newRS, old }: Rollout): { all: ReplicaSet[]; newRS: ReplicaSet | undefined } {
    const fresh = newRS && (this.current(newRS) ?? newRS);
    return { all: [...old.map((rs) => this.current(rs) ?? rs), ...(fresh ? [fresh] : [])], newRS: fresh };
  }

  private current(rs: ReplicaSet): ReplicaSet | undefined {
    const stored = this.deps.store.get(RS_KEY, rs.metadata.namespace, rs.metadata.name ?? '') as ReplicaSet | undefined;
    return stored?.metadata.uid === rs.metadata.uid ? stored : undefined;
  }

  /** UpdateStatus with these annotations and status, when they differ from what is stored. */
  private writeDeployment(d: Deployment, change: { status?: DeploymentStatus; annotations?: Record<string, string> }): Deployment {
    const current = this.deps.store.get(DEPLOY_KEY, d.metadata.namespace, d.metadata.name ?? '') as Deployment | undefined;
    if (!current || current.metadata.uid !== d.metadata.uid) return d;
    const annotations = change.annotations ?? current.metadata.annotations;
    const status = change.status ?? current.status;
    if (sameData(annotations ?? {}, current.metadata.annotations ?? {}) && sameData(status ?? {}, current.status ?? {})) return current;
    const metadata = { ...current.metadata, ...(annotations ? { annotations } : {}) };
    return this.deps.client.updateStatus(DEPLOYMENTS, { ...current, metadata, status }) as Deployment;
  }

  private statusOptions() {
    return { now: this.deps.clock(), terminatingReplicas: this.deps.terminatingReplicas };
  }

  private now(): string {
    return formatTime(this.deps.clock());
  }
}

/** spec.minReadySeconds in its place (after replicas), left out when zero. */
function withMinReadySeconds(spec: ReplicaSet['spec'], seconds: number): ReplicaSet['spec'] {
  const { replicas, minReadySeconds: _old, ...rest } = spec;
  return { replicas, ...(seconds ? { minReadySeconds: seconds } : {}), ...rest };
}

