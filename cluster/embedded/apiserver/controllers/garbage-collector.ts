// kube-controller-manager's garbage collector (pkg/controller/garbagecollector), for owners that
// go away:
// - background (the default, `kubectl delete`'s too): once the owner is gone, each dependent is
//   deleted, or, when another of its owners still exists, just loses its reference to this one;
// - `orphan` finalizer on an owner being deleted: dependents lose their reference, then the
//   finalizer goes and the owner with it;
// - `foregroundDeletion` finalizer: dependents are deleted first (themselves in the foreground when
//   they have dependents), and the owner goes once no dependent with blockOwnerDeletion is left.
// Dependents are deleted as any client deletes them: pods gracefully, finalizers honoured.

import type { KubeObject, ResourceDef } from '../types.js';
import { resourceKey, type ObjectStore, type WatchEvent } from '../storage/store.js';
import type { InternalClient, ResourceTarget } from '../registry/internal-client.js';
import type { Controller } from './controller.js';
import { ownerReferencesOf, withoutOwner, type OwnerReference } from './owner-references.js';
import { runSafely } from './run-safely.js';

export const ORPHAN_FINALIZER = 'orphan';
export const FOREGROUND_FINALIZER = 'foregroundDeletion';

export interface GarbageCollectorDeps {
  store: ObjectStore;
  client: InternalClient;
  /** Every resource the store may hold (stored, not reviews), for finding dependents and owners. */
  resources: () => readonly ResourceDef[];
}

export class GarbageCollector implements Controller {
  constructor(private readonly deps: GarbageCollectorDeps) {}

  onEvent(event: WatchEvent): void {
    const obj = event.object;
    runSafely(`collecting the dependents of ${obj.kind ?? event.resource} ${obj.metadata.name ?? ''}`, () => {
      if (event.type === 'DELETED') {
        this.ownerGone(obj);
        // A dependent gone may be what an owner deleted in the foreground was waiting for.
        for (const ref of ownerReferencesOf(obj)) this.recheckForeground(ref, obj.metadata.namespace);
        return;
      }
      if (!obj.metadata.deletionTimestamp) return;
      const finalizers = obj.metadata.finalizers ?? [];
      if (finalizers.includes(ORPHAN_FINALIZER)) this.orphanDependents(event.resource, obj);
      else if (finalizers.includes(FOREGROUND_FINALIZER)) this.deleteInForeground(event.resource, obj);
    });
  }

  /** Background cascade. */
  private ownerGone(owner: KubeObject): void {
    for (const { target, dependent } of this.dependentsOf(owner)) {
      if (dependent.metadata.deletionTimestamp) continue;
      const others = ownerReferencesOf(dependent).filter((r) => r.uid !== owner.metadata.uid);
      if (others.some((r) => this.ownerExists(r, dependent.metadata.namespace))) this.deps.client.update(target, withoutOwner(dependent, owner.metadata.uid ?? ''));
      else this.deleteDependent(target, dependent);
    }
  }

  private orphanDependents(resource: string, owner: KubeObject): void {
    for (const { target, dependent } of this.dependentsOf(owner)) this.deps.client.update(target, withoutOwner(dependent, owner.metadata.uid ?? ''));
    this.removeFinalizer(resource, owner, ORPHAN_FINALIZER);
  }

  private deleteInForeground(resource: string, owner: KubeObject): void {
    const dependents = this.dependentsOf(owner);
    for (const { target, dependent } of dependents) {
      if (dependent.metadata.deletionTimestamp) continue;
      // Its own dependents go before it, as before its owner.
      const finalizers = dependent.metadata.finalizers ?? [];
      if (!finalizers.includes(FOREGROUND_FINALIZER) && this.dependentsOf(dependent).length > 0) {
        this.deps.client.update(target, { ...dependent, metadata: { ...dependent.metadata, finalizers: [...finalizers, FOREGROUND_FINALIZER] } });
      }
      this.deleteDependent(target, dependent);
    }
    const blocking = dependents.some(({ dependent }) => this.blocksOwner(dependent, owner));
    if (!blocking) this.removeFinalizer(resource, owner, FOREGROUND_FINALIZER);
  }

  /** An owner deleted in the foreground goes once its last blocking dependent has. */
  private recheckForeground(ref: OwnerReference, namespace: string | undefined): void {
    const found = this.findOwner(ref, namespace);
    if (!found?.owner.metadata.deletionTimestamp || !(found.owner.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER)) return;
    if (!this.dependentsOf(found.owner).some(({ dependent }) => this.blocksOwner(dependent, found.owner))) {
      this.removeFinalizer(found.resource, found.owner, FOREGROUND_FINALIZER);
    }
  }

  private blocksOwner(dependent: KubeObject, owner: KubeObject): boolean {
    return ownerReferencesOf(dependent).some((r) => r.uid === owner.metadata.uid && r.blockOwnerDeletion === true);
  }

  private deleteDependent(target: ResourceTarget, dependent: KubeObject): void {
    void this.deps.client.delete(target, dependent.metadata.namespace, dependent.metadata.name ?? '').catch(() => undefined); // gone already
  }

  /** The update that empties the finalizer; the registry removes the object when none is left. */
  private removeFinalizer(resource: string, owner: KubeObject, finalizer: string): void {
    const current = this.deps.store.get(resource, owner.metadata.namespace, owner.metadata.name ?? '');
    const def = this.defOf(resource);
    if (!current || current.metadata.uid !== owner.metadata.uid || !def) return;
    const finalizers = (current.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    this.deps.client.update(targetOf(def), { ...current, metadata: { ...current.metadata, finalizers } });
  }

  /** Objects with an owner reference to `owner`; a namespaced owner's dependents share its namespace. */
  private dependentsOf(owner: KubeObject): { target: ResourceTarget; dependent: KubeObject }[] {
    const uid = owner.metadata.uid;
    if (!uid) return [];
    const found: { target: ResourceTarget; dependent: KubeObject }[] = [];
    for (const def of this.deps.resources()) {
      if (owner.metadata.namespace && !def.namespaced) continue;
      for (const obj of this.deps.store.list(resourceKey(def.group, def.plural), owner.metadata.namespace)) {
        if (obj.metadata.ownerReferences?.length && ownerReferencesOf(obj).some((r) => r.uid === uid)) found.push({ target: targetOf(def), dependent: obj });
      }
    }
    return found;
  }

  private ownerExists(ref: OwnerReference, namespace: string | undefined): boolean {
    return this.findOwner(ref, namespace) !== undefined;
  }

  /** The owner a reference names (apiVersion's group, kind, name) if it exists with that uid. */
  private findOwner(ref: OwnerReference, namespace: string | undefined): { resource: string; owner: KubeObject } | undefined {
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0]! : '';
    const def = this.deps.resources().find((d) => d.group === group && d.kind === ref.kind);
    if (!def) return undefined;
    const resource = resourceKey(def.group, def.plural);
    const owner = this.deps.store.get(resource, def.namespaced ? namespace : undefined, ref.name);
    return owner?.metadata.uid === ref.uid ? { resource, owner } : undefined;
  }

  private defOf(resource: string): ResourceDef | undefined {
    return this.deps.resources().find((d) => resourceKey(d.group, d.plural) === resource);
  }
}

function targetOf(def: ResourceDef): ResourceTarget {
  return { group: def.group, version: def.version, plural: def.plural };
}
