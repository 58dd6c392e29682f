// storageVersionHash as kube-apiserver computes it (apiserver/pkg/endpoints/discovery
// StorageVersionHash): base64 of the first 8 bytes of sha256("<group>/<version>/<kind>") of the
// version the resource is encoded in in etcd. Clients only compare hashes for equality.

import { createHash } from 'node:crypto';
import type { StoredAs } from './model.js';

export function storageVersionHash(group: string, version: string, kind: string): string {
  return createHash('sha256').update(`${group}/${version}/${kind}`).digest().subarray(0, 8).toString('base64');
}

/**
 * The hash discovery shows for a resource, or undefined when it shows none. By default a
 * resource is stored in its group's preferred version (autoscaling HPAs as v2, flowcontrol
 * v1beta3 objects as v1).
 */
export function hashFor(
  resource: { group: string; kind: string; storedAs?: StoredAs },
  preferredVersion: string,
): string | undefined {
  const { storedAs } = resource;
  if (storedAs === 'notPersisted' || storedAs === 'unverified') return undefined;
  if (storedAs) return storageVersionHash(storedAs.group, storedAs.version, resource.kind);
  return storageVersionHash(resource.group, preferredVersion, resource.kind);
}
