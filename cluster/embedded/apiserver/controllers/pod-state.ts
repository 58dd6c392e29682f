// What controllers read from a pod's status (pkg/api/v1/pod/util.go, pkg/controller's
// FilterActivePods): active, ready, available.

import type { KubeObject } from '../types.js';

interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
}

interface PodStatus {
  phase?: string;
  conditions?: PodCondition[];
  containerStatuses?: { restartCount?: number }[];
}

export function podPhase(pod: KubeObject): string | undefined {
  return (pod.status as PodStatus | undefined)?.phase;
}

export function isTerminal(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase === 'Succeeded' || phase === 'Failed';
}

/** IsPodActive: not terminal, not being deleted. */
export function isActive(pod: KubeObject): boolean {
  return !isTerminal(pod) && !pod.metadata.deletionTimestamp;
}

/** IsPodTerminating: being deleted and not yet terminal. */
export function isTerminating(pod: KubeObject): boolean {
  return !isTerminal(pod) && Boolean(pod.metadata.deletionTimestamp);
}

function readyCondition(pod: KubeObject): PodCondition | undefined {
  return (pod.status as PodStatus | undefined)?.conditions?.find((c) => c.type === 'Ready');
}

export function isReady(pod: KubeObject): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** When the pod became ready, in ms since the epoch; undefined when it is not ready. */
export function readySince(pod: KubeObject): number | undefined {
  const ready = readyCondition(pod);
  if (ready?.status !== 'True') return undefined;
  return ready.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : 0;
}

/** IsPodAvailable: ready for at least minReadySeconds. */
export function isAvailable(pod: KubeObject, minReadySeconds: number, now: Date): boolean {
  const since = readySince(pod);
  if (since === undefined) return false;
  return minReadySeconds <= 0 || since + minReadySeconds * 1000 <= now.getTime();
}

export function restartCount(pod: KubeObject): number {
  return ((pod.status as PodStatus | undefined)?.containerStatuses ?? []).reduce((sum, c) => sum + (c.restartCount ?? 0), 0);
}
