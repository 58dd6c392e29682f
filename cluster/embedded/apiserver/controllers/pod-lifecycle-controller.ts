// Stands in for kube-scheduler and the node's container runtime: binds new pods to a node whose
// taints they tolerate, then reports them Running with the status a kubelet writes (IPs, container
// statuses), and removes pods once their deletion was requested.

import { createHash } from 'node:crypto';
import type { KubeObject } from '../types.js';
import { formatTime, resourceKey, type ObjectStore, type WatchEvent } from '../storage/store.js';
import type { Controller } from './controller.js';

const PODS = resourceKey('', 'pods');
const NODES = resourceKey('', 'nodes');

interface Taint { key: string; value?: string; effect: string }
interface Toleration { key?: string; operator?: string; value?: string; effect?: string }
interface ContainerSpec { name: string; image: string; ports?: unknown[] }

export class PodLifecycleController implements Controller {
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextIp = new Map<string, number>();

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: () => Date,
    /** How long a deleted pod takes to stop, in ms (real: until its containers exit). */
    private readonly terminationDelayMs = 1000,
  ) {}

  onEvent(event: WatchEvent): void {
    if (event.resource !== PODS || event.type === 'DELETED') return;
    const pod = this.store.get(PODS, event.object.metadata.namespace, event.object.metadata.name ?? '');
    if (!pod || pod.metadata.resourceVersion !== event.object.metadata.resourceVersion) return; // stale event
    const spec = (pod.spec ?? {}) as { nodeName?: string };
    const status = (pod.status ?? {}) as { phase?: string };
    if (pod.metadata.deletionTimestamp) this.terminate(pod);
    else if (!spec.nodeName) this.schedule(pod);
    else if (status.phase === 'Pending') this.start(pod, spec.nodeName);
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private schedule(pod: KubeObject): void {
    const tolerations = ((pod.spec as { tolerations?: Toleration[] }).tolerations ?? []);
    const candidates = this.store.list(NODES).filter((n) => {
      const taints = ((n.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter((t) => t.effect !== 'PreferNoSchedule');
      return taints.every((t) => tolerations.some((tol) => tolerates(tol, t)));
    });
    if (!candidates.length) return; // stays Pending, as with no feasible node
    const load = (n: KubeObject) => this.store.list(PODS).filter((p) => (p.spec as { nodeName?: string }).nodeName === n.metadata.name).length;
    const node = candidates.reduce((best, n) => (load(n) < load(best) ? n : best));
    this.store.update(PODS, { ...pod, spec: { ...(pod.spec as object), nodeName: node.metadata.name } });
  }

  private start(pod: KubeObject, nodeName: string): void {
    const node = this.store.get(NODES, undefined, nodeName);
    const now = formatTime(this.clock());
    const hostIP = ((node?.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? []).find((a) => a.type === 'InternalIP')?.address ?? '';
    const spec = pod.spec as { containers?: ContainerSpec[]; hostNetwork?: boolean };
    const podIP = spec.hostNetwork ? hostIP : this.allocateIp(node);
    const containerStatuses = (spec.containers ?? []).map((c) => ({
      name: c.name,
      state: { running: { startedAt: now } },
      lastState: {},
      ready: true,
      restartCount: 0,
      image: qualifiedImage(c.image),
      imageID: `${qualifiedImage(c.image).split(':')[0]}@sha256:${digest(c.image)}`,
      containerID: `containerd://${digest(`${pod.metadata.uid}/${c.name}`)}`,
      started: true,
    }));
    const conditions = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({
      type,
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: now,
    }));
    this.store.update(PODS, {
      ...pod,
      status: {
        phase: 'Running',
        conditions,
        hostIP,
        hostIPs: hostIP ? [{ ip: hostIP }] : [],
        podIP,
        podIPs: podIP ? [{ ip: podIP }] : [],
        startTime: now,
        containerStatuses,
        qosClass: (pod.status as { qosClass?: string } | undefined)?.qosClass ?? 'BestEffort',
      },
    });
  }

  private terminate(pod: KubeObject): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.store.delete(PODS, pod.metadata.namespace, pod.metadata.name ?? '');
    }, this.terminationDelayMs);
    t.unref();
    this.timers.add(t);
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

function tolerates(tol: Toleration, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.operator === 'Exists') return !tol.key || tol.key === taint.key;
  return tol.key === taint.key && (tol.value ?? '') === (taint.value ?? '');
}

function qualifiedImage(image: string): string {
  const withTag = /:[^/]+$/.test(image) || image.includes('@') ? image : `${image}:latest`;
  const first = withTag.split('/')[0]!;
  if (withTag.split('/').length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) return withTag;
  return withTag.includes('/') ? `docker.io/${withTag}` : `docker.io/library/${withTag}`;
}

function digest(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
