// pkg/registry/core/pod/strategy.go: finding the pod, its container and its node for the
// subresources the kubelet serves (LogLocation, streamLocation, PortForwardLocation), with the
// BadRequest texts of validateContainer.

import type { KubeObject } from '../types.js';
import { badRequest, notFound } from '../status.js';
import { resourceKey, type ObjectStore } from '../storage/store.js';

interface Named {
  name: string;
}

interface PodSpecView {
  nodeName?: string;
  containers?: Named[];
  initContainers?: Named[];
  ephemeralContainers?: Named[];
}

export interface LocatedPod {
  pod: KubeObject;
  namespace: string;
  name: string;
  /** spec.nodeName; "" while the pod is not scheduled. */
  nodeName: string;
}

/** getPod: the stored pod, or the usual 404. */
export function findPod(store: ObjectStore, namespace: string, name: string): LocatedPod {
  const pod = store.get(resourceKey('', 'pods'), namespace, name);
  if (!pod) throw notFound('', 'pods', name);
  return { pod, namespace, name, nodeName: specOf(pod).nodeName ?? '' };
}

/**
 * validateContainer: the named container (init and ephemeral ones count), or the only container
 * when none is named. Several and none named lists every container, init ones first
 * (podutil.VisitContainers order).
 */
export function validateContainer(located: LocatedPod, container: string): string {
  const spec = specOf(located.pod);
  const all = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])].map((c) => c.name);
  if (container) {
    if (!all.includes(container)) throw badRequest(`container ${container} is not valid for pod ${located.name}`);
    return container;
  }
  const regular = spec.containers ?? [];
  if (regular.length === 1) return regular[0]!.name;
  if (regular.length === 0) throw badRequest(`a container name must be specified for pod ${located.name}`);
  throw badRequest(`a container name must be specified for pod ${located.name}, choose one of: [${all.join(' ')}]`);
}

/** streamLocation / PortForwardLocation: a pod not yet bound to a node has no kubelet to reach. */
export function requireNode(located: LocatedPod): string {
  if (!located.nodeName) throw badRequest(`pod ${located.name} does not have a host assigned`);
  return located.nodeName;
}

function specOf(pod: KubeObject): PodSpecView {
  return (pod.spec ?? {}) as PodSpecView;
}
