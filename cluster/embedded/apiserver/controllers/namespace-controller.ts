// What a new namespace gets (the `default` ServiceAccount from the serviceaccounts controller,
// the `kube-root-ca.crt` ConfigMap from the root-ca-cert-publisher) and how a deleted one goes
// away (the namespace controller empties it, then removes it).

import { rootCaConfigMap } from '../bootstrap/config-maps.js';
import { resourceKey, type ObjectStore, type WatchEvent } from '../storage/store.js';
import type { Controller } from './controller.js';

const NAMESPACES = resourceKey('', 'namespaces');

export class NamespaceController implements Controller {
  constructor(
    private readonly store: ObjectStore,
    private readonly caPem: string,
    /** Resource keys of every namespaced kind stored, for emptying a namespace. */
    private readonly namespacedResources: () => string[],
  ) {}

  onEvent(event: WatchEvent): void {
    if (event.resource !== NAMESPACES || event.type === 'DELETED') return;
    const ns = event.object;
    const name = ns.metadata.name ?? '';
    if (ns.metadata.deletionTimestamp) {
      this.finalize(name);
      return;
    }
    this.populate(name);
  }

  /** Idempotent: creates what is missing. */
  populate(namespace: string): void {
    const sa = resourceKey('', 'serviceaccounts');
    if (!this.store.get(sa, namespace, 'default')) {
      this.store.create(sa, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
    }
    const cm = resourceKey('', 'configmaps');
    if (!this.store.get(cm, namespace, 'kube-root-ca.crt')) {
      this.store.create(cm, rootCaConfigMap(namespace, this.caPem));
    }
  }

  private finalize(namespace: string): void {
    for (const resource of this.namespacedResources()) {
      for (const obj of this.store.list(resource, namespace)) {
        this.store.delete(resource, namespace, obj.metadata.name ?? '');
      }
    }
    this.store.delete(NAMESPACES, undefined, namespace);
  }
}
