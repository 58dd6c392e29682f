// kube-controller-manager's replicaset controller (pkg/controller/replicaset): keeps
// spec.replicas pods matching a ReplicaSet's selector, creating them from its template
// (generateName "<rs>-", owner reference to the ReplicaSet) or deleting the most expendable, adopts
// orphans its selector matches, releases pods it no longer matches, and reports the counts in its
// status. Pods turn Running and Ready through the pod lifecycle controller.

import type { KubeObject } from '../types.js';
import type { ReplicaSet } from '../registry/strategies/apps.js';
import { resourceKey, type ObjectStore, type WatchEvent } from '../storage/store.js';
import { selectorMatches } from '../label-selector.js';
import { PODS, REPLICA_SETS, type InternalClient } from '../registry/internal-client.js';
import type { Controller } from './controller.js';
import { claim, claimsEverything, controllerOf, controllerRef, withOwner, withoutOwner } from './owner-references.js';
import { isActive, isTerminating } from './pod-state.js';
import { podFromTemplate, podsToDelete, replicaSetStatus } from './replicaset-pods.js';
import { sameData } from './canonical-json.js';
import { DelayedWork } from './delayed-work.js';
import { runSafely } from './run-safely.js';

const POD_KEY = resourceKey('', 'pods');
const RS_KEY = resourceKey('apps', 'replicasets');

export interface WorkloadControllerDeps {
  store: ObjectStore;
  client: InternalClient;
  clock: () => Date;
  /** The DeploymentReplicaSetTerminatingReplicas gate: status reports terminating pods. */
  terminatingReplicas: boolean;
}

export class ReplicaSetController implements Controller {
  /** Pods whose DELETE is under way, so a sync in between does not delete more (the expectations). */
  private readonly deleting = new Set<string>();
  private readonly later = new DelayedWork();

  constructor(private readonly deps: WorkloadControllerDeps) {}

  onEvent(event: WatchEvent): void {
    const obj = event.object;
    if (event.resource === RS_KEY) {
      if (event.type !== 'DELETED') this.syncNamed(obj.metadata.namespace ?? '', obj.metadata.name ?? '');
      return;
    }
    if (event.resource !== POD_KEY) return;
    const owner = controllerOf(obj);
    if (owner?.kind === 'ReplicaSet') {
      this.syncNamed(obj.metadata.namespace ?? '', owner.name, owner.uid);
      return;
    }
    if (owner || event.type === 'DELETED') return;
    // An orphan: every ReplicaSet whose selector matches it may adopt it.
    for (const rs of this.deps.store.list(RS_KEY, obj.metadata.namespace) as ReplicaSet[]) {
      if (rs.spec.selector && selectorMatches(rs.spec.selector, obj.metadata.labels)) this.sync(rs);
    }
  }

  stop(): void {
    this.later.stop();
  }

  private syncNamed(namespace: string, name: string, uid?: string): void {
    const rs = this.deps.store.get(RS_KEY, namespace, name) as ReplicaSet | undefined;
    if (rs && (uid === undefined || rs.metadata.uid === uid)) this.sync(rs);
  }

  private sync(rs: ReplicaSet): void {
    runSafely(`syncing ReplicaSet ${rs.metadata.namespace}/${rs.metadata.name}`, () => this.syncReplicaSet(rs));
  }

  private syncReplicaSet(rs: ReplicaSet): void {
    const selector = rs.spec.selector;
    if (!selector || claimsEverything(selector)) return;
    const matches = (p: KubeObject) => selectorMatches(selector, p.metadata.labels);
    const pods = this.deps.store.list(POD_KEY, rs.metadata.namespace);
    const claimed = claim(rs, pods.filter(isActive), matches);
    for (const pod of claimed.adopt) this.deps.client.update(PODS, withOwner(pod, controllerRef(rs, 'apps/v1', 'ReplicaSet')));
    for (const pod of claimed.release) this.deps.client.update(PODS, withoutOwner(pod, rs.metadata.uid ?? ''));
    const active = claimed.owned.filter((p) => !this.deleting.has(p.metadata.uid ?? ''));

    const manageError = rs.metadata.deletionTimestamp ? undefined : this.manageReplicas(rs, active);
    const terminating = this.deps.terminatingReplicas
      ? pods.filter((p) => isTerminating(p) && controllerOf(p)?.uid === rs.metadata.uid && matches(p))
      : undefined;
    const now = this.deps.clock();
    const status = replicaSetStatus(rs, { active, terminating, now, ...(manageError ? { manageError } : {}) });
    const current = this.deps.store.get(RS_KEY, rs.metadata.namespace, rs.metadata.name ?? '') as ReplicaSet | undefined;
    if (current && current.metadata.uid === rs.metadata.uid && !sameData(current.status ?? {}, status)) {
      this.deps.client.updateStatus(REPLICA_SETS, { ...current, status });
    }
    this.recheckAvailability(rs, status.readyReplicas ?? 0, status.availableReplicas ?? 0);
  }

  /** manageReplicas: creates or deletes the difference; the first failure stops it and is returned. */
  private manageReplicas(rs: ReplicaSet, active: readonly KubeObject[]): { message: string; creating: boolean } | undefined {
    const templateLabels = rs.spec.template?.metadata?.labels;
    // Pods the selector would not match would never count, and the ReplicaSet would create forever.
    if (!rs.spec.selector || !selectorMatches(rs.spec.selector, templateLabels)) return undefined;
    const diff = active.length - (rs.spec.replicas ?? 1);
    if (diff < 0) {
      for (let i = 0; i < -diff; i++) {
        try {
          this.deps.client.create(PODS, podFromTemplate(rs));
        } catch (e) {
          return { message: (e as Error).message, creating: true };
        }
      }
      return undefined;
    }
    for (const pod of podsToDelete(active, active, diff)) {
      const uid = pod.metadata.uid ?? '';
      this.deleting.add(uid);
      void this.deps.client
        .delete(PODS, pod.metadata.namespace, pod.metadata.name ?? '')
        .catch(() => undefined) // already gone: nothing left to do
        .finally(() => this.deleting.delete(uid));
    }
    return undefined;
  }

  /** Pods ready but not yet for minReadySeconds become available later: look again then. */
  private recheckAvailability(rs: ReplicaSet, ready: number, available: number): void {
    const minReady = rs.spec.minReadySeconds ?? 0;
    const want = rs.spec.replicas ?? 1;
    if (minReady <= 0 || ready !== want || available === want) return;
    const { namespace = '', name = '', uid } = rs.metadata;
    this.later.after(`${namespace}/${name}`, minReady * 1000, () => this.syncNamed(namespace, name, uid));
  }
}
