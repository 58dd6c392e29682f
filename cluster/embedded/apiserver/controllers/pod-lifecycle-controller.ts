// Stands in for kube-scheduler and each node's kubelet and container runtime: binds new pods to a
// node that fits them (scheduling.ts), or marks them Unschedulable, then writes the status a kubelet writes (kubelet-pod-status.ts):
// containers running, or waiting on an image that cannot be pulled (image-pull.ts) and backed off
// on the next sync, until the image is replaced. A deleted pod has its containers stopped at once; the kubelet's final delete
// follows, and a pod with finalizers stays, Terminating, until they are removed. Each step records
// the events the scheduler and the kubelet record (pod-events.ts), before the status it leads to,
// as the kubelet reports during a sync and writes the status after it.
//
// Decisions are taken from the stored pod alone (level-triggered), so replaying every pod after a
// restore (ObjectStore.resync) finishes whatever was under way.

import { VERSIONS, type KubeVersion } from '../../../versions.js';
import type { KubeObject } from '../types.js';
import { formatTime, resourceKey, type ObjectStore, type WatchEvent } from '../storage/store.js';
import type { Controller } from './controller.js';
import { awaitsPullBackOff, backOffStatus, firstSyncStatus, isTerminalPhase, newImageSyncStatus, terminatedStatus, waitingOnAReplacedImage } from './kubelet-pod-status.js';
import { PodEvents } from './pod-events.js';
import { fitErrorMessage, unfitReason } from './scheduling.js';

const PODS = resourceKey('', 'pods');
const NODES = resourceKey('', 'nodes');
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export interface PodLifecycleTimings {
  /** From the stopped containers to the kubelet's final delete, in ms (real: a status sync away). */
  terminationDelayMs?: number;
  /**
   * From a failed pull to the sync that reports ImagePullBackOff, in ms: the pod worker retries a
   * failed sync after its back-off period (backOffPeriod, 10 s).
   */
  pullBackOffDelayMs?: number;
}

export class PodLifecycleController implements Controller {
  /** Pending follow-ups, one per pod and kind of work ("<uid>/delete", "<uid>/backoff", "<uid>/sync"). */
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private nextIp = new Map<string, number>();
  private readonly terminationDelayMs: number;
  private readonly pullBackOffDelayMs: number;
  private readonly events: PodEvents;

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: () => Date,
    timings: PodLifecycleTimings = {},
  ) {
    this.terminationDelayMs = timings.terminationDelayMs ?? 1000;
    this.pullBackOffDelayMs = timings.pullBackOffDelayMs ?? 10_000;
    this.events = new PodEvents(store, clock);
  }

  onEvent(event: WatchEvent): void {
    if (event.resource === NODES && event.type !== 'DELETED') {
      // A changed node may fit pods that fit nowhere before (the scheduler's queue retries them).
      for (const pod of this.store.list(PODS)) {
        if (!(pod.spec as { nodeName?: string }).nodeName && !pod.metadata.deletionTimestamp) this.schedule(pod);
      }
      return;
    }
    if (event.resource !== PODS || event.type === 'DELETED') return;
    const pod = this.store.get(PODS, event.object.metadata.namespace, event.object.metadata.name ?? '');
    if (!pod || pod.metadata.resourceVersion !== event.object.metadata.resourceVersion) return; // stale event
    const spec = (pod.spec ?? {}) as { nodeName?: string };
    const status = (pod.status ?? {}) as { phase?: string; startTime?: string };
    if (pod.metadata.deletionTimestamp) this.terminate(pod);
    else if (!spec.nodeName) this.schedule(pod);
    else if (status.phase === 'Pending' && !status.startTime) this.start(pod, spec.nodeName);
    else this.syncStarted(pod);
  }

  /** A later sync of a started pod: a replaced image is pulled at once, a failed pull backed off. */
  private syncStarted(pod: KubeObject): void {
    const replaced = waitingOnAReplacedImage(pod);
    if (replaced.length > 0) this.pullReplacedImages(pod, replaced);
    else if (awaitsPullBackOff(pod)) this.later(pod, 'backoff', this.pullBackOffDelayMs, (current) => this.backOff(current));
    else if (this.events.retriesSync(pod)) this.later(pod, 'sync', this.pullBackOffDelayMs, (current) => this.retrySync(current));
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private schedule(pod: KubeObject): void {
    const nodes = this.store.list(NODES);
    const candidates = nodes.filter((n) => unfitReason(pod, n) === undefined);
    if (!candidates.length) {
      this.markUnschedulable(pod, fitErrorMessage(nodes.map((n) => unfitReason(pod, n)!)));
      return;
    }
    const load = (n: KubeObject) => this.store.list(PODS).filter((p) => (p.spec as { nodeName?: string }).nodeName === n.metadata.name).length;
    const node = candidates.reduce((best, n) => (load(n) < load(best) ? n : best));
    this.store.update(PODS, { ...pod, spec: { ...(pod.spec as object), nodeName: node.metadata.name } });
    this.events.scheduled(pod, node.metadata.name ?? '');
  }

  /** The scheduler's PodScheduled=False condition; the pod stays Pending. */
  private markUnschedulable(pod: KubeObject, message: string): void {
    const { phase, conditions = [], ...rest } = (pod.status ?? {}) as { phase?: string; conditions?: { type: string; message?: string }[] };
    if (conditions.some((c) => c.type === 'PodScheduled' && c.message === message)) return;
    const scheduled = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: formatTime(this.clock()), reason: 'Unschedulable', message };
    this.events.failedScheduling(pod, message);
    // Field order as the API server encodes a PodStatus: phase, conditions, then the rest.
    this.store.update(PODS, { ...pod, status: { phase, conditions: [...conditions.filter((c) => c.type !== 'PodScheduled'), scheduled], ...rest } });
  }

  private start(pod: KubeObject, nodeName: string): void {
    const node = this.store.get(NODES, undefined, nodeName);
    const hostIP = ((node?.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? []).find((a) => a.type === 'InternalIP')?.address ?? '';
    const podIP = (pod.spec as { hostNetwork?: boolean }).hostNetwork ? hostIP : this.allocateIp(node);
    const status = firstSyncStatus(pod, { hostIP, podIP }, formatTime(this.clock()));
    this.events.firstSync(pod, status, kubeletRelease(node));
    this.store.update(PODS, { ...pod, status });
  }

  /** The sync an image change brings: containers that waited on the old image start on the new one. */
  private pullReplacedImages(pod: KubeObject, names: readonly string[]): void {
    const status = newImageSyncStatus(pod, names, formatTime(this.clock()));
    this.events.firstSync(pod, status, this.releaseOn(pod), names);
    this.store.update(PODS, { ...pod, status });
  }

  private backOff(pod: KubeObject): void {
    if (pod.metadata.deletionTimestamp || !awaitsPullBackOff(pod)) return;
    const status = backOffStatus(pod, formatTime(this.clock()), this.releaseOn(pod));
    this.events.retrySync({ ...pod, status });
    this.store.update(PODS, { ...pod, status });
  }

  /** The pod worker syncs a pod whose sync failed again after its back-off period, reporting again. */
  private retrySync(pod: KubeObject): void {
    if (pod.metadata.deletionTimestamp || !this.events.retriesSync(pod)) return;
    this.events.retrySync(pod);
    this.later(pod, 'sync', this.pullBackOffDelayMs, (current) => this.retrySync(current));
  }

  /**
   * The kubelet's side of a deletion: stop the containers and the sandbox (a mirror pod's static
   * pod keeps running), report the terminal phase, then delete with grace period 0.
   */
  private terminate(pod: KubeObject): void {
    const bound = Boolean((pod.spec as { nodeName?: string }).nodeName);
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (bound && !isMirror(pod) && !isTerminalPhase(phase)) {
      this.events.killing(pod);
      this.store.update(PODS, { ...pod, status: terminatedStatus(pod, formatTime(this.clock())) });
      return; // the write comes back as an event, which schedules the final delete
    }
    if (hasFinalizers(pod) && pod.metadata.deletionGracePeriodSeconds === 0) return; // waiting on the finalizers
    this.later(pod, 'delete', this.terminationDelayMs, (current) => this.finalDelete(current));
  }

  /** DELETE with gracePeriodSeconds 0: gone, or, with finalizers, marked to go once they are removed. */
  private finalDelete(pod: KubeObject): void {
    if (!pod.metadata.deletionTimestamp) return;
    if (!hasFinalizers(pod)) {
      this.store.delete(PODS, pod.metadata.namespace, pod.metadata.name ?? '');
      return;
    }
    if (pod.metadata.deletionGracePeriodSeconds === 0) return;
    // BeforeDelete shortens the grace period; the deletion time moves to now, never into the past.
    this.store.update(PODS, { ...pod, metadata: { ...pod.metadata, deletionTimestamp: formatTime(this.clock()), deletionGracePeriodSeconds: 0 } });
  }

  /** The release of the kubelet on the pod's node. */
  private releaseOn(pod: KubeObject): KubeVersion | undefined {
    return kubeletRelease(this.store.get(NODES, undefined, (pod.spec as { nodeName?: string }).nodeName ?? ''));
  }

  /** Runs `work` on the pod as stored `delayMs` from now, once per pod and kind of work. */
  private later(pod: KubeObject, kind: string, delayMs: number, work: (current: KubeObject) => void): void {
    const key = `${pod.metadata.uid ?? ''}/${kind}`;
    if (this.timers.has(key)) return;
    const t = setTimeout(() => {
      this.timers.delete(key);
      const current = this.store.get(PODS, pod.metadata.namespace, pod.metadata.name ?? '');
      if (current && current.metadata.uid === pod.metadata.uid) work(current);
    }, delayMs);
    t.unref();
    this.timers.set(key, t);
  }

  /**
   * The next free address of the node's pod CIDR, as host-local IPAM hands them out: after the
   * last one given, skipping addresses pods already hold (the bootstrap pods have .2-.4).
   */
  private allocateIp(node: KubeObject | undefined): string {
    const cidr = (node?.spec as { podCIDR?: string } | undefined)?.podCIDR ?? '10.244.0.0/24';
    const base = cidr.split('/')[0]!.split('.').slice(0, 3).join('.');
    const inUse = new Set(this.store.list(PODS).map((p) => (p.status as { podIP?: string } | undefined)?.podIP));
    let host = this.nextIp.get(cidr) ?? 1;
    for (let tries = 0; tries < 253; tries++) {
      host = host >= 254 ? 2 : host + 1;
      if (!inUse.has(`${base}.${host}`)) break;
    }
    this.nextIp.set(cidr, host);
    return `${base}.${host}`;
  }
}

function isMirror(pod: KubeObject): boolean {
  return pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined;
}

function hasFinalizers(pod: KubeObject): boolean {
  return (pod.metadata.finalizers ?? []).length > 0;
}

/** The release of the node's kubelet, from the version it reports (status.nodeInfo.kubeletVersion). */
function kubeletRelease(node: KubeObject | undefined): KubeVersion | undefined {
  const reported = (node?.status as { nodeInfo?: { kubeletVersion?: string } } | undefined)?.nodeInfo?.kubeletVersion;
  return Object.values(VERSIONS).find((v) => v.gitVersion === reported)?.version;
}
