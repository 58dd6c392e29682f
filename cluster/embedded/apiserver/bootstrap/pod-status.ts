// The status a kubelet reports for a pod whose containers all started and passed their probes,
// and the small pieces every fresh pod shares (owner references, times, runtime IDs).
import { createHash, randomBytes } from 'node:crypto';

export interface Placement {
  nodeName: string;
  nodeIP: string;
  nodeUid: string;
}

export interface RunningContainer {
  name: string;
  image: string;
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
}

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

export const iso = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
export const later = (date: Date, seconds: number): Date => new Date(date.getTime() + seconds * 1000);

/** Preloaded images have no registry digest; the runtime reports the image config ID instead. */
const imageId = (image: string) => `sha256:${createHash('sha256').update(image).digest('hex')}`;

const condition = (type: string, at: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: at });

export function runningStatus(
  placement: Placement,
  podIP: string,
  containers: readonly RunningContainer[],
  qosClass: QosClass,
  started: Date,
): Record<string, unknown> {
  const startTime = iso(started);
  const readyAt = iso(later(started, 2));
  return {
    phase: 'Running',
    conditions: [
      condition('PodReadyToStartContainers', iso(later(started, 1))),
      condition('Initialized', startTime),
      condition('Ready', readyAt),
      condition('ContainersReady', readyAt),
      condition('PodScheduled', startTime),
    ],
    hostIP: placement.nodeIP,
    hostIPs: [{ ip: placement.nodeIP }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime,
    containerStatuses: containers.map((c) => ({
      name: c.name,
      state: { running: { startedAt: iso(later(started, 1)) } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: c.image,
      imageID: imageId(c.image),
      containerID: `containerd://${randomBytes(32).toString('hex')}`,
      started: true,
      // RecursiveReadOnlyMounts (beta since 1.31) makes the kubelet echo the mounts it applied.
      volumeMounts: c.volumeMounts.map((m) => ({
        name: m.name,
        mountPath: m.mountPath,
        ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
      })),
    })),
    qosClass,
  };
}

/** Mirror pods are owned by their Node (the kubelet sets this since 1.24). */
export function nodeOwner(placement: Placement) {
  return [{ apiVersion: 'v1', kind: 'Node', name: placement.nodeName, uid: placement.nodeUid, controller: true }];
}

export function controllerOwner(kind: string, name: string, uid: string, apiVersion = 'apps/v1') {
  return [{ apiVersion, kind, name, uid, controller: true, blockOwnerDeletion: true }];
}

/** Taints every DaemonSet pod tolerates on top of its own (daemon controller AddOrUpdateDaemonPodTolerations). */
export function daemonSetTolerations(hostNetwork: boolean) {
  const tolerations = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) tolerations.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return tolerations;
}

/** DefaultTolerationSeconds admission adds these to pods that do not tolerate the taints already. */
export const DEFAULT_EVICTION_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];
