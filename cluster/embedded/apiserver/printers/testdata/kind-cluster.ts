// Test data: the objects of a fresh single-node kind cluster (v1.31), 25m30s after creation,
// plus one crash-looping pod in "default". Shared by the printer unit tests and the
// real-kubectl end-to-end test.

import type { ClusterRole, ClusterRoleBinding, KubeObject, Subject } from '../../types.js';

const CREATED = Date.parse('2026-03-01T10:00:00Z');
const CLUSTER_AGE = 25 * 60 + 30; // seconds
export const NOW = new Date(CREATED + CLUSTER_AGE * 1000);
const NODE_NAME = 'kind-control-plane';
const NODE_IP = '172.18.0.2';

function at(offsetSeconds: number): string {
  return new Date(CREATED + offsetSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

function ago(seconds: number): string {
  return new Date(NOW.getTime() - seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export const controlPlaneNode: KubeObject = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: NODE_NAME,
    uid: 'a3f1c2d4-0000-4000-8000-000000000001',
    resourceVersion: '612',
    creationTimestamp: at(0),
    labels: {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': NODE_NAME,
      'kubernetes.io/os': 'linux',
      'node-role.kubernetes.io/control-plane': '',
      'node.kubernetes.io/exclude-from-external-load-balancers': '',
    },
  },
  spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'], providerID: `kind://docker/kind/${NODE_NAME}` },
  status: {
    conditions: [
      { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory' },
      { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure' },
      { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID' },
      { type: 'Ready', status: 'True', reason: 'KubeletReady' },
    ],
    addresses: [
      { type: 'InternalIP', address: NODE_IP },
      { type: 'Hostname', address: NODE_NAME },
    ],
    nodeInfo: {
      kubeletVersion: 'v1.31.14',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      kernelVersion: '6.8.0-60-generic',
      containerRuntimeVersion: 'containerd://2.2.0',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  },
};

interface PodSketch {
  namespace: string;
  name: string;
  createdSecondsAgo: number;
  ip: string;
  containers: string[];
  restarts?: { count: number; lastFinishedSecondsAgo: number };
  /** The app container is crash-looping instead of running. */
  crashLooping?: boolean;
  labels?: Record<string, string>;
}

function runningPod(p: PodSketch): KubeObject {
  const ready = !p.crashLooping;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: p.namespace,
      uid: `uid-${p.name}`,
      resourceVersion: '500',
      creationTimestamp: ago(p.createdSecondsAgo),
      labels: p.labels ?? {},
    },
    spec: {
      nodeName: NODE_NAME,
      containers: p.containers.map((name) => ({ name, image: `registry.k8s.io/${name}:v1` })),
    },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: ready ? 'True' : 'False' },
        { type: 'ContainersReady', status: ready ? 'True' : 'False' },
        { type: 'PodScheduled', status: 'True' },
      ],
      hostIP: NODE_IP,
      podIP: p.ip,
      podIPs: [{ ip: p.ip }],
      containerStatuses: p.containers.map((name) => ({
        name,
        ready,
        started: ready,
        restartCount: p.restarts?.count ?? 0,
        state: p.crashLooping
          ? { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container' } }
          : { running: { startedAt: ago(p.createdSecondsAgo - 5) } },
        lastState: p.restarts
          ? { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(p.restarts.lastFinishedSecondsAgo) } }
          : {},
      })),
    },
  };
}

export const kubeSystemPods: KubeObject[] = [
  runningPod({ namespace: 'kube-system', name: 'coredns-7c65d6cfc9-4xk2p', createdSecondsAgo: CLUSTER_AGE - 14, ip: '10.244.0.2', containers: ['coredns'], labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': '7c65d6cfc9' } }),
  runningPod({ namespace: 'kube-system', name: 'coredns-7c65d6cfc9-9vnqz', createdSecondsAgo: CLUSTER_AGE - 14, ip: '10.244.0.3', containers: ['coredns'], labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': '7c65d6cfc9' } }),
  runningPod({ namespace: 'kube-system', name: `etcd-${NODE_NAME}`, createdSecondsAgo: CLUSTER_AGE - 5, ip: NODE_IP, containers: ['etcd'], labels: { component: 'etcd', tier: 'control-plane' } }),
  runningPod({ namespace: 'kube-system', name: 'kindnet-7h2xq', createdSecondsAgo: CLUSTER_AGE - 14, ip: NODE_IP, containers: ['kindnet-cni'], restarts: { count: 1, lastFinishedSecondsAgo: CLUSTER_AGE - 40 }, labels: { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' } }),
  runningPod({ namespace: 'kube-system', name: `kube-apiserver-${NODE_NAME}`, createdSecondsAgo: CLUSTER_AGE - 5, ip: NODE_IP, containers: ['kube-apiserver'], labels: { component: 'kube-apiserver', tier: 'control-plane' } }),
  runningPod({ namespace: 'kube-system', name: `kube-controller-manager-${NODE_NAME}`, createdSecondsAgo: CLUSTER_AGE - 5, ip: NODE_IP, containers: ['kube-controller-manager'], labels: { component: 'kube-controller-manager', tier: 'control-plane' } }),
  runningPod({ namespace: 'kube-system', name: 'kube-proxy-r8m4j', createdSecondsAgo: CLUSTER_AGE - 14, ip: NODE_IP, containers: ['kube-proxy'], labels: { 'k8s-app': 'kube-proxy' } }),
  runningPod({ namespace: 'kube-system', name: `kube-scheduler-${NODE_NAME}`, createdSecondsAgo: CLUSTER_AGE - 5, ip: NODE_IP, containers: ['kube-scheduler'], labels: { component: 'kube-scheduler', tier: 'control-plane' } }),
];

export const otherPods: KubeObject[] = [
  runningPod({ namespace: 'default', name: 'crashy', createdSecondsAgo: 9 * 60 + 12, ip: '10.244.0.5', containers: ['app'], crashLooping: true, restarts: { count: 5, lastFinishedSecondsAgo: 95 } }),
  runningPod({ namespace: 'local-path-storage', name: 'local-path-provisioner-57c5987fd4-k8pq7', createdSecondsAgo: CLUSTER_AGE - 14, ip: '10.244.0.4', containers: ['local-path-provisioner'], labels: { app: 'local-path-provisioner', 'pod-template-hash': '57c5987fd4' } }),
];

function binding(name: string, role: string, subjects: Subject[]): ClusterRoleBinding {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, uid: `uid-${name}`, resourceVersion: '150', creationTimestamp: at(2) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects,
  };
}

const group = (name: string): Subject => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name });
const user = (name: string): Subject => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name });
const sa = (namespace: string, name: string): Subject => ({ kind: 'ServiceAccount', namespace, name });

export const clusterRoleBindings: ClusterRoleBinding[] = [
  binding('cluster-admin', 'cluster-admin', [group('system:masters')]),
  binding('kindnet', 'kindnet', [sa('kube-system', 'kindnet')]),
  binding('kubeadm:get-nodes', 'kubeadm:get-nodes', [group('system:bootstrappers:kubeadm:default-node-token')]),
  binding('no-subjects', 'view', []),
  binding('system:kube-controller-manager', 'system:kube-controller-manager', [user('system:kube-controller-manager')]),
  binding('system:public-info-viewer', 'system:public-info-viewer', [group('system:authenticated'), group('system:unauthenticated')]),
  binding('trainee-mixed', 'view', [user('alice'), user('bob'), group('devs'), sa('dev', 'builder'), sa('kube-system', 'kindnet')]),
];

function clusterRole(name: string): ClusterRole {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, uid: `uid-${name}`, resourceVersion: '90', creationTimestamp: at(1) },
    rules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
  };
}

export const clusterRoles: ClusterRole[] = [clusterRole('admin'), clusterRole('cluster-admin')];

function podEvent(name: string, fields: object): KubeObject {
  return { apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default', creationTimestamp: ago(551) }, ...fields };
}

/** What the crash-looping pod leaves behind: an old-style kubelet event and a new-style scheduler one. */
export const defaultNamespaceEvents: KubeObject[] = [
  podEvent('crashy.182a4c7e1f0b9a01', {
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'crashy', uid: 'uid-crashy' },
    reason: 'Scheduled',
    message: 'Successfully assigned default/crashy to kind-control-plane',
    type: 'Normal',
    source: {},
    firstTimestamp: null,
    lastTimestamp: null,
    eventTime: '2026-03-01T10:16:18.532101Z',
    reportingComponent: 'default-scheduler',
    reportingInstance: 'default-scheduler-kind-control-plane',
    count: 0,
  }),
  podEvent('crashy.182a4c7f6a2d3b02', {
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'crashy', uid: 'uid-crashy', fieldPath: 'spec.containers{app}' },
    reason: 'BackOff',
    message: 'Back-off restarting failed container app in pod crashy_default(uid-crashy)',
    type: 'Warning',
    source: { component: 'kubelet', host: NODE_NAME },
    firstTimestamp: ago(500),
    lastTimestamp: ago(12),
    count: 41,
  }),
];
