// What the runtime needs from the cluster: objects to read, and ServiceAccount tokens to mount.
// objectsFromStore adapts the embedded API server's store to it.

import { resourceKey, type ObjectStore } from '../../apiserver/storage/store.js';
import type { KubeObject } from '../../apiserver/types.js';

export interface ClusterObjects {
  pod(namespace: string, name: string): KubeObject | undefined;
  configMap(namespace: string, name: string): KubeObject | undefined;
  secret(namespace: string, name: string): KubeObject | undefined;
  /** Services of a namespace (for the service-link environment variables). */
  services(namespace: string): readonly KubeObject[];
}

/** What the kubelet asks TokenRequest for when it fills a projected serviceAccountToken. */
export interface PodTokenRequest {
  namespace: string;
  serviceAccountName: string;
  pod: { name: string; uid: string };
  /** Empty: the API server's own audiences. */
  audiences: string[];
  expirationSeconds: number;
}

export type TokenResult = { ok: true; token: string } | { ok: false; error: string };

export type IssuePodToken = (request: PodTokenRequest) => Promise<TokenResult>;

/** The runtime's view of an API server's object store (what the cluster wiring passes). */
export function objectsFromStore(store: ObjectStore): ClusterObjects & { serviceAccount(namespace: string, name: string): KubeObject | undefined; node(name: string): KubeObject | undefined } {
  const get = (plural: string) => (namespace: string, name: string) => store.get(resourceKey('', plural), namespace, name);
  return {
    pod: get('pods'),
    configMap: get('configmaps'),
    secret: get('secrets'),
    serviceAccount: get('serviceaccounts'),
    services: (namespace) => store.list(resourceKey('', 'services'), namespace),
    node: (name) => store.get(resourceKey('', 'nodes'), undefined, name),
  };
}
