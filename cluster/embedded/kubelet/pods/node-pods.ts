// The two views a kubelet has of its pods, both derived from the API server's store so they stay
// consistent with `kubectl get pods`:
// - the pod manager (/pods, and every pod lookup of exec, logs, checkpoint): the pods bound to
//   this node as the kubelet received them; a static pod appears as the kubelet read it from its
//   manifest (its own UID, the config hash), not as its mirror pod in the API server;
// - the container runtime (/runningpods/, kubeGenericRuntimeManager.GetPods(all=false) through
//   kubecontainer.Pod.ToAPIPod): pods with a ready sandbox, listing only name, namespace, uid and
//   their running containers' names and image IDs. A pod whose containers are not running (waiting
//   on an image it cannot pull) has a sandbox but no containers; a pod the kubelet has stopped
//   (deleted, even while finalizers keep it in the API) or that has finished has neither.
// The sandbox is read from the status the kubelet reported: started, not terminal, and its
// PodReadyToStartContainers condition not False.

import { createHash } from 'node:crypto';
import type { KubeObject } from '../../apiserver/types.js';
import { resourceKey, type ObjectStore } from '../../apiserver/storage/store.js';
import { podInGoFieldOrder } from './go-field-order.js';

const PODS = resourceKey('', 'pods');
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const HASH_ANNOTATION = 'kubernetes.io/config.hash';

interface ContainerSpec {
  name: string;
  image?: string;
}

interface ContainerStatus {
  name: string;
  state?: { running?: unknown; waiting?: unknown; terminated?: unknown };
  imageID?: string;
}

interface PodShape {
  spec?: { nodeName?: string; containers?: ContainerSpec[]; initContainers?: ContainerSpec[]; ephemeralContainers?: ContainerSpec[] };
  status?: { phase?: string; startTime?: string; conditions?: { type: string; status: string }[]; containerStatuses?: ContainerStatus[] };
}

const shape = (pod: KubeObject): PodShape => pod as unknown as PodShape;

/** A mirror pod as the kubelet holds the static pod behind it. */
function staticPodFromMirror(mirror: KubeObject): KubeObject {
  const { [MIRROR_ANNOTATION]: _mirror, ...annotations } = mirror.metadata.annotations ?? {};
  const { resourceVersion: _rv, ownerReferences: _owners, managedFields: _fields, ...metadata } = mirror.metadata;
  return {
    ...mirror,
    metadata: { ...metadata, uid: annotations[HASH_ANNOTATION] ?? mirror.metadata.uid, creationTimestamp: null, annotations },
  };
}

function isMirror(pod: KubeObject): boolean {
  return pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined;
}

export class NodePods {
  constructor(
    private readonly store: ObjectStore,
    readonly nodeName: string,
  ) {}

  /** The pod manager's pods, as /pods lists them (items without kind/apiVersion, Go field order). */
  managed(): KubeObject[] {
    return this.store
      .list(PODS)
      .filter((pod) => shape(pod).spec?.nodeName === this.nodeName)
      .map((pod) => {
        const kubeletView = isMirror(pod) ? staticPodFromMirror(pod) : pod;
        const { kind: _kind, apiVersion: _apiVersion, ...rest } = kubeletView;
        return podInGoFieldOrder(rest) as KubeObject;
      });
  }

  /** kubelet GetPodByName: pods bound to this node only. */
  byName(namespace: string, name: string): KubeObject | undefined {
    const pod = this.store.get(PODS, namespace, name);
    if (!pod || shape(pod).spec?.nodeName !== this.nodeName) return undefined;
    return isMirror(pod) ? staticPodFromMirror(pod) : pod;
  }

  /** The container runtime's pods, as /runningpods/ lists them. */
  running(): KubeObject[] {
    const out: KubeObject[] = [];
    for (const pod of this.store.list(PODS)) {
      const { spec, status } = shape(pod);
      if (spec?.nodeName !== this.nodeName || !hasReadySandbox(status)) continue;
      const specs = new Map((spec.containers ?? []).map((c) => [c.name, c]));
      const containers = (status?.containerStatuses ?? [])
        .filter((s) => s.state?.running !== undefined && specs.has(s.name))
        .map((s) => ({ name: s.name, image: imageId(s, specs.get(s.name)!), resources: {} }));
      const uid = isMirror(pod) ? (pod.metadata.annotations?.[HASH_ANNOTATION] ?? pod.metadata.uid) : pod.metadata.uid;
      out.push({
        metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid, creationTimestamp: null },
        // ToAPIPod appends to a nil slice: a sandbox without running containers encodes as null.
        spec: { containers: containers.length ? containers : null },
        status: {},
      });
    }
    return out;
  }
}

/** A sandbox the kubelet created (it set startTime) and has not stopped since. */
function hasReadySandbox(status: PodShape['status']): boolean {
  if (!status?.startTime || status.phase === 'Succeeded' || status.phase === 'Failed') return false;
  return status.conditions?.find((c) => c.type === 'PodReadyToStartContainers')?.status !== 'False';
}

/**
 * The kubelet creates containers from the image ID it resolved, so the runtime reports that ID
 * ("sha256:<config digest>"), not the name from the spec. A repo digest (name@sha256:...) is not
 * the config digest; a stable digest of the image name stands in for it then.
 */
function imageId(status: ContainerStatus, spec: ContainerSpec): string {
  if (status.imageID?.startsWith('sha256:')) return status.imageID;
  return `sha256:${createHash('sha256').update(spec.image ?? status.name).digest('hex')}`;
}

/** kubecontainer.GetContainerSpec: app, init and ephemeral containers all count. */
export function podHasContainer(pod: KubeObject, container: string): boolean {
  const spec = shape(pod).spec;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? []), ...(spec?.ephemeralContainers ?? [])].some((c) => c.name === container);
}

/** The containers (not init or ephemeral) of a pod's spec: what /checkpoint accepts. */
export function podAppContainers(pod: KubeObject): string[] {
  return (shape(pod).spec?.containers ?? []).map((c) => c.name);
}

export function podIsRunning(pod: KubeObject): boolean {
  return shape(pod).status?.phase === 'Running';
}
