// The pod status a kubelet writes at each step of a pod's life on its node, built as the kubelet
// builds it (pkg/kubelet/kubelet_pods.go, status/generate.go, status_manager TerminatePod):
// - first sync: the sandbox is up (PodReadyToStartContainers), each container running, or waiting
//   on an image it could not pull (ErrImagePull, ErrImageNeverPull);
// - next sync: a failed pull is backed off (ImagePullBackOff) until the back-off expires;
// - termination: every container stopped, the sandbox gone, the phase terminal.

import { createHash } from 'node:crypto';
import type { KubeVersion } from '../../../versions.js';
import type { KubeObject } from '../types.js';
import { backOffMessage, imageRepository, neverPullMessage, pullError, qualifiedImage } from './image-pull.js';

interface ContainerSpec {
  name: string;
  image: string;
  imagePullPolicy?: string;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

interface ContainerState {
  running?: { startedAt: string };
  waiting?: { reason: string; message?: string };
  terminated?: Record<string, unknown>;
}

interface ContainerStatus {
  name: string;
  state: ContainerState;
  lastState: ContainerState;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  started: boolean;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; recursiveReadOnly?: string }[];
}

interface PodCondition {
  type: string;
  status: 'True' | 'False';
  lastProbeTime: null;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

export interface PodStatus {
  phase: string;
  conditions: PodCondition[];
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  containerStatuses: ContainerStatus[];
  qosClass?: string;
  [field: string]: unknown;
}

export interface Placement {
  hostIP: string;
  podIP: string;
}

const ERR_IMAGE_PULL = 'ErrImagePull';
const TERMINAL_PHASES: ReadonlySet<string> = new Set(['Succeeded', 'Failed']);

const containersOf = (pod: KubeObject): ContainerSpec[] => (pod.spec as { containers?: ContainerSpec[] } | undefined)?.containers ?? [];
const statusOf = (pod: KubeObject): Partial<PodStatus> => (pod.status ?? {}) as Partial<PodStatus>;
const digest = (s: string): string => createHash('sha256').update(s).digest('hex');

export function isTerminalPhase(phase: string | undefined): boolean {
  return phase !== undefined && TERMINAL_PHASES.has(phase);
}

/** Whether a container of the pod waits in ErrImagePull, which the next sync turns into a back-off. */
export function awaitsPullBackOff(pod: KubeObject): boolean {
  return (statusOf(pod).containerStatuses ?? []).some((s) => s.state.waiting?.reason === ERR_IMAGE_PULL);
}

/** The status after the kubelet's first sync of a pod bound to its node. */
export function firstSyncStatus(pod: KubeObject, placement: Placement, now: string): PodStatus {
  const containerStatuses = containersOf(pod).map((c) => startContainer(pod, c, now));
  const previous = statusOf(pod);
  return {
    ...withPhaseAndConditions(pod, previous.conditions, containerStatuses, true, now),
    hostIP: placement.hostIP,
    hostIPs: placement.hostIP ? [{ ip: placement.hostIP }] : [],
    podIP: placement.podIP,
    podIPs: placement.podIP ? [{ ip: placement.podIP }] : [],
    startTime: now,
    containerStatuses,
    qosClass: previous.qosClass ?? 'BestEffort',
  };
}

/** EnsureImageExists: a running container, or one waiting on an image the runtime cannot pull. */
function startContainer(pod: KubeObject, c: ContainerSpec, now: string): ContainerStatus {
  const error = pullError(c.image);
  if (error !== undefined) {
    const waiting = c.imagePullPolicy === 'Never' ? { reason: 'ErrImageNeverPull', message: neverPullMessage(c.image) } : { reason: ERR_IMAGE_PULL, message: error };
    return { name: c.name, state: { waiting }, lastState: {}, ready: false, restartCount: 0, image: c.image, imageID: '', started: false };
  }
  const status: ContainerStatus = {
    name: c.name,
    state: { running: { startedAt: now } },
    lastState: {},
    ready: true,
    restartCount: 0,
    image: qualifiedImage(c.image),
    imageID: `${imageRepository(c.image)}@sha256:${digest(c.image)}`,
    containerID: `containerd://${digest(`${pod.metadata.uid}/${c.name}`)}`,
    started: true,
  };
  // RecursiveReadOnlyMounts (beta since 1.31): the kubelet echoes the mounts it applied.
  if (c.volumeMounts?.length) {
    status.volumeMounts = c.volumeMounts.map((m) => ({
      name: m.name,
      mountPath: m.mountPath,
      ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
    }));
  }
  return status;
}

/**
 * The next sync after a failed pull: the image is in back-off, so ErrImagePull becomes
 * ImagePullBackOff, with the release's message.
 */
export function backOffStatus(pod: KubeObject, now: string, release: KubeVersion | undefined): PodStatus {
  const previous = statusOf(pod);
  const containerStatuses = (previous.containerStatuses ?? []).map((s) => {
    if (s.state.waiting?.reason !== ERR_IMAGE_PULL) return s;
    const message = backOffMessage(s.image, s.state.waiting.message ?? '', release);
    return { ...s, state: { waiting: { reason: 'ImagePullBackOff', message } } };
  });
  return { ...previous, ...withPhaseAndConditions(pod, previous.conditions, containerStatuses, true, now), containerStatuses };
}

/**
 * Containers waiting on their image whose spec now names another (`kubectl set image`). The
 * update makes the pod worker sync at once, and the image back-off is kept per image, so the
 * new one is pulled straight away.
 */
export function waitingOnAReplacedImage(pod: KubeObject): string[] {
  const statuses = new Map((statusOf(pod).containerStatuses ?? []).map((s) => [s.name, s]));
  return containersOf(pod)
    .filter((c) => {
      const status = statuses.get(c.name);
      return status?.state.waiting !== undefined && status.image !== c.image;
    })
    .map((c) => c.name);
}

/** That sync: the named containers start on their new image, or wait on it; the others stay as they are. */
export function newImageSyncStatus(pod: KubeObject, names: readonly string[], now: string): PodStatus {
  const previous = statusOf(pod);
  const known = new Map((previous.containerStatuses ?? []).map((s) => [s.name, s]));
  const containerStatuses = containersOf(pod).map((c) => {
    const old = known.get(c.name);
    return old && !names.includes(c.name) ? old : startContainer(pod, c, now);
  });
  return { ...previous, ...withPhaseAndConditions(pod, previous.conditions, containerStatuses, true, now), containerStatuses };
}

/**
 * After the kubelet stopped a deleted pod: running containers exited (0, as an application that
 * handles SIGTERM), containers that never ran are ContainerStatusUnknown (TerminatePod), the
 * sandbox is gone and the phase is terminal, as the kubelet sets it before the pod may go.
 */
export function terminatedStatus(pod: KubeObject, now: string): PodStatus {
  const previous = statusOf(pod);
  const known = new Map((previous.containerStatuses ?? []).map((s) => [s.name, s]));
  const containerStatuses = containersOf(pod).map((c): ContainerStatus => {
    const old = known.get(c.name) ?? { name: c.name, state: {}, lastState: {}, ready: false, restartCount: 0, image: c.image, imageID: '', started: false };
    if (old.state.terminated) return old;
    const terminated = old.state.running
      ? { exitCode: 0, reason: 'Completed', startedAt: old.state.running.startedAt, finishedAt: now, containerID: old.containerID }
      : { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated', startedAt: null, finishedAt: null };
    return { ...old, state: { terminated }, ready: false, started: false };
  });
  return { ...previous, ...withPhaseAndConditions(pod, previous.conditions, containerStatuses, false, now), containerStatuses };
}

/** getPhase, then the conditions generated for it (status/generate.go). */
function withPhaseAndConditions(
  pod: KubeObject,
  previous: PodCondition[] | undefined,
  statuses: ContainerStatus[],
  sandboxReady: boolean,
  now: string,
): Pick<PodStatus, 'phase' | 'conditions'> {
  const phase = podPhase(statuses);
  const unready = containersOf(pod).map((c) => c.name).filter((name) => !statuses.find((s) => s.name === name)?.ready);
  const completedReason = phase === 'Succeeded' ? 'PodCompleted' : phase === 'Failed' ? 'PodFailed' : undefined;
  const ready: Omit<PodCondition, 'type' | 'lastProbeTime' | 'lastTransitionTime'> = completedReason
    ? { status: 'False', reason: completedReason }
    : unready.length
      ? { status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]` }
      : { status: 'True' };
  const wanted: [string, Omit<PodCondition, 'type' | 'lastProbeTime' | 'lastTransitionTime'>][] = [
    ['PodReadyToStartContainers', { status: sandboxReady ? 'True' : 'False' }],
    ['Initialized', phase === 'Succeeded' ? { status: 'True', reason: 'PodCompleted' } : { status: 'True' }],
    ['Ready', ready],
    ['ContainersReady', ready],
    ['PodScheduled', { status: 'True' }],
  ];
  const conditions = wanted.map(([type, { status, ...detail }]) => {
    const before = previous?.find((c) => c.type === type);
    const lastTransitionTime = before && before.status === status ? before.lastTransitionTime : now;
    return { type, status, lastProbeTime: null, lastTransitionTime, ...detail };
  });
  return { phase, conditions };
}

/** getPhase for a pod whose containers restart Always: waiting wins, then running; stopped is terminal. */
function podPhase(statuses: ContainerStatus[]): string {
  if (statuses.some((s) => s.state.waiting)) return 'Pending';
  if (statuses.some((s) => s.state.running)) return 'Running';
  return statuses.every((s) => s.state.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
}
