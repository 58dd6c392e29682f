// /stats/summary: the stats/v1alpha1 Summary the kubelet's stats provider builds (what
// metrics-server scrapes): node totals, system containers and one entry per running pod. go-restful
// writes it with WriteAsJson, pretty-printed with a one-space indent.

import type { KubeObject } from '../../apiserver/types.js';
import { formatTime } from '../../apiserver/storage/store.js';
import { jsonReply, type EndpointHandler } from './types.js';
import { containerUsage, nodeUsage, NODE_FS, type ContainerUsage } from './usage-model.js';

function cpu(time: string, nanoCores: number, coreSeconds: number) {
  return { time, usageNanoCores: nanoCores, usageCoreNanoSeconds: Math.round(coreSeconds * 1e9) };
}

function memory(time: string, workingSet: number, rss: number, available?: number) {
  return {
    time,
    ...(available !== undefined ? { availableBytes: available } : {}),
    usageBytes: Math.round(workingSet * 1.15),
    workingSetBytes: workingSet,
    rssBytes: rss,
    pageFaults: Math.round(rss / 4096),
    majorPageFaults: 0,
  };
}

function fs(time: string, used: number, inodesUsed: number) {
  const available = NODE_FS.capacityBytes - used;
  return { time, availableBytes: available, capacityBytes: NODE_FS.capacityBytes, usedBytes: used, inodesFree: NODE_FS.inodes - inodesUsed, inodes: NODE_FS.inodes, inodesUsed };
}

function podStats(pod: KubeObject, containers: ContainerUsage[], time: string) {
  const sum = (f: (c: ContainerUsage) => number) => containers.reduce((t, c) => t + f(c), 0);
  const volumes = ((pod.spec as { volumes?: { name: string }[] } | undefined)?.volumes ?? []).map((v) => ({ ...fs(time, 12288, 9), name: v.name }));
  return {
    podRef: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
    startTime: (pod.status as { startTime?: string } | undefined)?.startTime ?? time,
    containers: containers.map((c) => ({
      name: c.container,
      startTime: formatTime(c.startedAt),
      cpu: cpu(time, c.cpuNanoCores, c.cpuCoreSeconds),
      memory: memory(time, c.memoryWorkingSetBytes, c.memoryRssBytes),
      rootfs: fs(time, c.rootfsUsedBytes, 12),
      logs: fs(time, c.logsUsedBytes, 1),
    })),
    cpu: cpu(time, sum((c) => c.cpuNanoCores), sum((c) => c.cpuCoreSeconds)),
    memory: memory(time, sum((c) => c.memoryWorkingSetBytes), sum((c) => c.memoryRssBytes)),
    volume: volumes,
    'ephemeral-storage': fs(time, sum((c) => c.rootfsUsedBytes + c.logsUsedBytes), 13 * containers.length),
    process_stats: { process_count: containers.length },
  };
}

export const statsSummary: EndpointHandler = (_req, ctx) => {
  const now = ctx.clock();
  const time = formatTime(now);
  const pods = ctx.pods.managed().map((pod) => ({ pod, containers: containerUsage(pod, now) })).filter((p) => p.containers.length > 0);
  const all = pods.flatMap((p) => p.containers);
  const node = nodeUsage(all, ctx.startedAt, now);
  const started = formatTime(ctx.startedAt);
  const usedFs = 18 * 1024 ** 3 + all.reduce((t, c) => t + c.rootfsUsedBytes + c.logsUsedBytes, 0);
  const summary = {
    node: {
      nodeName: ctx.node.name,
      systemContainers: [
        { name: 'kubelet', startTime: started, cpu: cpu(time, 21_000_000, (now.getTime() - ctx.startedAt.getTime()) / 1000 * 0.021), memory: memory(time, 61 * 1024 ** 2, 48 * 1024 ** 2) },
        { name: 'pods', startTime: started, cpu: cpu(time, node.cpuNanoCores - 120_000_000, node.cpuCoreSeconds * 0.6), memory: memory(time, all.reduce((t, c) => t + c.memoryWorkingSetBytes, 0), all.reduce((t, c) => t + c.memoryRssBytes, 0), node.memoryCapacityBytes - node.memoryWorkingSetBytes) },
      ],
      startTime: started,
      cpu: cpu(time, node.cpuNanoCores, node.cpuCoreSeconds),
      memory: memory(time, node.memoryWorkingSetBytes, node.memoryRssBytes, node.memoryCapacityBytes - node.memoryWorkingSetBytes),
      network: { time, name: 'eth0', rxBytes: 52_000_000, rxErrors: 0, txBytes: 31_000_000, txErrors: 0, interfaces: [{ name: 'eth0', rxBytes: 52_000_000, rxErrors: 0, txBytes: 31_000_000, txErrors: 0 }] },
      fs: fs(time, usedFs, 600_000),
      runtime: { imageFs: fs(time, usedFs, 600_000), containerFs: fs(time, usedFs, 600_000) },
      rlimit: { time, maxpid: 4194304, curproc: 400 + all.length * 3 },
    },
    pods: pods.map(({ pod, containers }) => podStats(pod, containers, time)),
  };
  return jsonReply(JSON.stringify(summary, null, 1));
};
