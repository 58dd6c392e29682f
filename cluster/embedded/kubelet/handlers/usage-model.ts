// Resource usage of the node and its running containers, as cAdvisor would measure it: invented,
// but stable per container (seeded by pod UID and name) and growing with time, so that /stats/summary,
// /metrics/resource and /metrics/cadvisor agree with each other and with `kubectl get pods`.

import { createHash } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import type { KubeObject } from '../../apiserver/types.js';

const MIB = 1024 * 1024;
/** What the node's own daemons (containerd, kubelet, systemd) use beyond the pods. */
const SYSTEM_CPU_CORES = 0.12;
const SYSTEM_MEMORY_BYTES = 620 * MIB;
/** kind nodes share the host's disk; these figures are what a fresh kind node's filesystems show. */
export const NODE_FS = { capacityBytes: 269490393088, inodes: 16744448 };

export interface ContainerUsage {
  namespace: string;
  pod: string;
  podUid: string;
  container: string;
  /** The runtime's container ID, as the pod status reports it (without "containerd://"). */
  containerId: string;
  image: string;
  startedAt: Date;
  cpuCoreSeconds: number;
  cpuNanoCores: number;
  memoryWorkingSetBytes: number;
  memoryRssBytes: number;
  rootfsUsedBytes: number;
  logsUsedBytes: number;
}

export interface NodeUsage {
  cores: number;
  memoryCapacityBytes: number;
  cpuCoreSeconds: number;
  cpuNanoCores: number;
  memoryWorkingSetBytes: number;
  memoryRssBytes: number;
}

/** Uniform in [0, 1), fixed per seed. */
function unit(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

interface PodShape {
  spec?: { containers?: { name: string; image?: string }[] };
  status?: { startTime?: string; containerStatuses?: { name: string; containerID?: string; state?: { running?: { startedAt?: string } } }[] };
}

/** Usage of each running container of `pod` at `now`. */
export function containerUsage(pod: KubeObject, now: Date): ContainerUsage[] {
  const { spec, status } = pod as unknown as PodShape;
  const images = new Map((spec?.containers ?? []).map((c) => [c.name, c.image ?? '']));
  const podUid = pod.metadata.uid ?? '';
  return (status?.containerStatuses ?? []).flatMap((s) => {
    if (!s.state?.running || !images.has(s.name)) return [];
    const startedAt = new Date(s.state.running.startedAt ?? status?.startTime ?? now.toISOString());
    const seconds = Math.max(1, (now.getTime() - startedAt.getTime()) / 1000);
    const seed = `${podUid}/${s.name}`;
    const cores = 0.001 + unit(`${seed}/cpu`) * 0.03;
    // A little jitter per scrape, as real usage has.
    const jitter = 0.9 + unit(`${seed}/${Math.floor(now.getTime() / 10_000)}`) * 0.2;
    const workingSet = Math.round((6 + unit(`${seed}/mem`) * 90) * MIB * jitter);
    return [
      {
        namespace: pod.metadata.namespace ?? '',
        pod: pod.metadata.name ?? '',
        podUid,
        container: s.name,
        containerId: (s.containerID ?? '').replace(/^[a-z]+:\/\//, '') || createHash('sha256').update(seed).digest('hex'),
        image: images.get(s.name) ?? '',
        startedAt,
        cpuCoreSeconds: cores * seconds,
        cpuNanoCores: Math.round(cores * jitter * 1e9),
        memoryWorkingSetBytes: workingSet,
        memoryRssBytes: Math.round(workingSet * 0.8),
        rootfsUsedBytes: 4096 * Math.round(2 + unit(`${seed}/fs`) * 40),
        logsUsedBytes: 4096 * Math.round(1 + unit(`${seed}/logs`) * 8),
      },
    ];
  });
}

export function nodeUsage(containers: readonly ContainerUsage[], bootedAt: Date, now: Date): NodeUsage {
  const seconds = Math.max(1, (now.getTime() - bootedAt.getTime()) / 1000);
  const sum = (f: (c: ContainerUsage) => number) => containers.reduce((total, c) => total + f(c), 0);
  return {
    cores: cpus().length,
    memoryCapacityBytes: totalmem(),
    cpuCoreSeconds: SYSTEM_CPU_CORES * seconds + sum((c) => c.cpuCoreSeconds),
    cpuNanoCores: Math.round(SYSTEM_CPU_CORES * 1e9) + sum((c) => c.cpuNanoCores),
    memoryWorkingSetBytes: SYSTEM_MEMORY_BYTES + sum((c) => c.memoryWorkingSetBytes),
    memoryRssBytes: Math.round(SYSTEM_MEMORY_BYTES * 0.7) + sum((c) => c.memoryRssBytes),
  };
}
