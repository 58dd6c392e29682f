// Owner references and the ControllerRefManager's claim rules (pkg/controller/controller_ref_manager.go):
// a controller owns the objects whose controller reference carries its uid, adopts orphans its
// selector matches and releases the ones it owns that its selector no longer matches.

import type { KubeObject, LabelSelector } from '../types.js';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export function ownerReferencesOf(obj: KubeObject): OwnerReference[] {
  return (obj.metadata.ownerReferences ?? []) as OwnerReference[];
}

/** metav1.GetControllerOf. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return ownerReferencesOf(obj).find((r) => r.controller === true);
}

/** metav1.NewControllerRef. */
export function controllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** A missing or empty selector, which would claim every object of the namespace (validation refuses both). */
export function claimsEverything(selector: LabelSelector | null | undefined): boolean {
  return !selector || (!Object.keys(selector.matchLabels ?? {}).length && !selector.matchExpressions?.length);
}

export interface Claim {
  owned: KubeObject[];
  adopt: KubeObject[];
  release: KubeObject[];
}

/**
 * ClaimObject for each candidate. Adopted objects count as owned (the caller writes the
 * reference); released ones do not. A controller being deleted adopts and releases nothing.
 */
export function claim(owner: KubeObject, candidates: readonly KubeObject[], matches: (obj: KubeObject) => boolean): Claim {
  const result: Claim = { owned: [], adopt: [], release: [] };
  const deleting = Boolean(owner.metadata.deletionTimestamp);
  for (const obj of candidates) {
    const ref = controllerOf(obj);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (matches(obj)) result.owned.push(obj);
      else if (!deleting) result.release.push(obj);
      continue;
    }
    if (deleting || !matches(obj) || obj.metadata.deletionTimestamp) continue;
    result.adopt.push(obj);
    result.owned.push(obj);
  }
  return result;
}

/** The object with `ref` added to its owner references (the adoption patch). */
export function withOwner(obj: KubeObject, ref: OwnerReference): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, ownerReferences: [...ownerReferencesOf(obj), ref] } };
}

/** The object without its references to `uid`; no ownerReferences field when none are left. */
export function withoutOwner(obj: KubeObject, uid: string): KubeObject {
  const { ownerReferences: _dropped, ...metadata } = obj.metadata;
  const rest = ownerReferencesOf(obj).filter((r) => r.uid !== uid);
  return { ...obj, metadata: rest.length ? { ...metadata, ownerReferences: rest } : metadata };
}
