// Node objects as a kind node registers them: labels, taints, addresses (our loopback address as
// InternalIP), daemonEndpoints (where the kubelet listens), capacity, conditions and nodeInfo.

import { randomUUID } from 'node:crypto';
import { cpus, release, totalmem } from 'node:os';
import type { KubeObject } from './apiserver/types.js';
import type { ClusterNode } from '../provider.js';
import type { VersionInfo } from '../versions.js';
import { formatTime, resourceKey, type ObjectStore } from './apiserver/storage/store.js';

export interface NodeSpec {
  clusterName: string;
  name: string;
  role: 'control-plane' | 'worker';
  index: number;
  internalIP: string;
  kubeletPort: number;
  /** Single-node kind clusters untaint the control plane so workloads can run on it. */
  tainted: boolean;
}

export function nodeObject(n: NodeSpec, version: VersionInfo, now: Date): KubeObject {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
  };
  if (n.role === 'control-plane') {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const time = formatTime(now);
  const spec: Record<string, unknown> = {
    podCIDR: `10.244.${n.index}.0/24`,
    podCIDRs: [`10.244.${n.index}.0/24`],
    providerID: `kind://docker/${n.clusterName}/${n.name}`,
  };
  if (n.tainted) spec.taints = [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }];
  const condition = (type: string, status: string, reason: string, message: string) => ({
    lastHeartbeatTime: time,
    lastTransitionTime: time,
    message,
    reason,
    status,
    type,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      creationTimestamp: time,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec,
    status: {
      addresses: [
        { address: n.internalIP, type: 'InternalIP' },
        { address: n.name, type: 'Hostname' },
      ],
      // kind nodes report the host's resources and reserve none.
      allocatable: hostResources(),
      capacity: hostResources(),
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: n.kubeletPort } },
      images: [],
      nodeInfo: {
        architecture: 'amd64',
        bootID: randomUUID(),
        containerRuntimeVersion: version.containerRuntimeVersion,
        kernelVersion: release(),
        kubeletVersion: version.gitVersion,
        machineID: randomUUID().replace(/-/g, ''),
        operatingSystem: 'linux',
        osImage: version.nodeOsImage,
        systemUUID: randomUUID(),
      },
    },
  };
}

function hostResources(): Record<string, string> {
  return {
    cpu: String(cpus().length),
    'ephemeral-storage': '263174212Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${Math.floor(totalmem() / 1024)}Ki`,
    pods: '110',
  };
}

/**
 * Moves restored nodes to the kubelet addresses they got this time, as their kubelets would report
 * them: a changed address is replaced in every object that names it (Node InternalIP, pods'
 * hostIP, host-network pods' podIP, the control plane's flags and endpoints), a changed port in
 * the Node's daemonEndpoints. Changed objects get a new resourceVersion, as any update does.
 */
export function relocateNodes(store: ObjectStore, before: readonly ClusterNode[], after: readonly ClusterNode[]): void {
  const newIp = new Map<string, string>();
  before.forEach((node, i) => {
    const moved = after[i]!;
    if (moved.internalIP !== node.internalIP) newIp.set(node.internalIP, moved.internalIP);
  });
  if (newIp.size > 0) {
    const addresses = `(?<![\\d.])(?:${[...newIp.keys()].map((ip) => ip.replace(/\./g, '\\.')).join('|')})(?!\\d)`;
    const names = new RegExp(addresses);
    const every = new RegExp(addresses, 'g');
    const replace = (text: string) => text.replace(every, (ip) => newIp.get(ip) ?? ip);
    for (const [resource, objects] of Object.entries(store.snapshot().resources)) {
      for (const object of objects) if (names.test(JSON.stringify(object))) store.update(resource, mapStrings(object, replace) as KubeObject);
    }
  }
  before.forEach((node, i) => {
    const port = after[i]!.kubeletPort;
    if (port === node.kubeletPort) return;
    const stored = store.get(resourceKey('', 'nodes'), undefined, node.name);
    if (!stored) return;
    store.update(resourceKey('', 'nodes'), { ...stored, status: { ...(stored.status as object), daemonEndpoints: { kubeletEndpoint: { Port: port } } } });
  });
}

function mapStrings(value: unknown, replace: (text: string) => string): unknown {
  if (typeof value === 'string') return replace(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, replace));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, replace)]));
  return value;
}
