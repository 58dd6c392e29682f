// rbacregistry.IsOnlyMutatingGCFields (pkg/registry/rbac/helpers.go): an update that changes only
// ownerReferences, finalizers or selfLink skips the escalation checks, so the garbage collector can
// always finish deleting RBAC objects it could never have created.

import type { KubeObject } from '../types.js';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A Go zero value: what an absent JSON field decodes to. */
function isZero(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isPlainObject(v) && Object.values(v).every(isZero);
}

/**
 * equality.Semantic.DeepEqual on the JSON forms: absent, null and zero values are equal, as are nil
 * and empty slices and maps. (Go would tell a nil pointer from a pointer to an empty struct; no
 * field this is used on depends on that.)
 */
export function semanticallyEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isZero(a) && isZero(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => semanticallyEqual(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!semanticallyEqual(a[key], b[key])) return false;
    return true;
  }
  return false;
}

export function isOnlyMutatingGCFields(obj: KubeObject, old: KubeObject): boolean {
  const withOldGCFields: KubeObject = {
    ...obj,
    metadata: {
      ...obj.metadata,
      ownerReferences: old.metadata.ownerReferences,
      finalizers: old.metadata.finalizers,
      selfLink: old.metadata.selfLink,
    },
  };
  return semanticallyEqual(withOldGCFields, old);
}
