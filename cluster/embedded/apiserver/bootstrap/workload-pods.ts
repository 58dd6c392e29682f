// The DaemonSets and Deployments of a fresh kind cluster (kube-proxy and CoreDNS from kubeadm's
// addon phase, kindnet and local-path-provisioner from kind's manifests), their ReplicaSets and
// the pods they run, as the controllers and kubelets leave them once everything is Ready.
import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../types.js';
import { controlPlaneEndpoint, KIND_NETWORK } from './config-maps.js';
import type { KindImages } from './kind-images.js';
import { serviceAccountTokenVolume } from '../registry/strategies/pod.js';
import {
  controllerOwner,
  daemonSetTolerations,
  DEFAULT_EVICTION_TOLERATIONS,
  iso,
  later,
  runningStatus,
  type Placement,
  type QosClass,
} from './pod-status.js';

type Mount = { name: string; mountPath: string; readOnly?: boolean };
type Suffix = (length: number) => string;

export interface WorkloadInput {
  clusterName: string;
  nodes: readonly Placement[];
  images: KindImages;
  now: Date;
  randomSuffix: Suffix;
}

interface Workload {
  kind: 'DaemonSet' | 'Deployment';
  namespace: string;
  name: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
  serviceAccount: string;
  hostNetwork: boolean;
  qosClass: QosClass;
  podSpec: Record<string, unknown>;
  container: { name: string; image: string; mounts: Mount[] };
  /** Deployments: how many replicas and their pod IPs (all on the control plane). */
  replicaIPs?: string[];
  startedAfterSeconds: number;
}

// Defaulting stores an unset hostPath type as "", which is how kubectl shows it.
const hostPath = (name: string, path: string, type = '') => ({ name, hostPath: { path, type } });
const fieldEnv = (name: string, fieldPath: string) => ({ name, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath } } });

function workloads(input: WorkloadInput): Workload[] {
  const { images, clusterName } = input;
  return [
    {
      kind: 'DaemonSet',
      namespace: 'kube-system',
      name: 'kube-proxy',
      labels: { 'k8s-app': 'kube-proxy' },
      selector: { 'k8s-app': 'kube-proxy' },
      serviceAccount: 'kube-proxy',
      hostNetwork: true,
      qosClass: 'BestEffort',
      container: {
        name: 'kube-proxy',
        image: images.kubeProxy,
        mounts: [
          { name: 'kube-proxy', mountPath: '/var/lib/kube-proxy' },
          { name: 'xtables-lock', mountPath: '/run/xtables.lock' },
          { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true },
        ],
      },
      podSpec: {
        command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
        env: [fieldEnv('NODE_NAME', 'spec.nodeName')],
        resources: {},
        securityContext: { privileged: true },
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        priorityClassName: 'system-node-critical',
        priority: 2000001000,
        tolerations: [{ operator: 'Exists' }],
        volumes: [
          { name: 'kube-proxy', configMap: { defaultMode: 420, name: 'kube-proxy' } },
          hostPath('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
          hostPath('lib-modules', '/lib/modules'),
        ],
      },
      startedAfterSeconds: 14,
    },
    {
      kind: 'DaemonSet',
      namespace: 'kube-system',
      name: 'kindnet',
      labels: { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' },
      selector: { app: 'kindnet' },
      serviceAccount: 'kindnet',
      hostNetwork: true,
      qosClass: 'Guaranteed',
      container: {
        name: 'kindnet-cni',
        image: images.kindnetd,
        mounts: [
          { name: 'cni-cfg', mountPath: '/etc/cni/net.d' },
          { name: 'xtables-lock', mountPath: '/run/xtables.lock' },
          { name: 'lib-modules', mountPath: '/lib/modules', readOnly: true },
        ],
      },
      podSpec: {
        env: [
          fieldEnv('HOST_IP', 'status.hostIP'),
          fieldEnv('POD_IP', 'status.podIP'),
          { name: 'POD_SUBNET', value: KIND_NETWORK.podSubnet },
          { name: 'CONTROL_PLANE_ENDPOINT', value: controlPlaneEndpoint(clusterName) },
        ],
        resources: { limits: { cpu: '100m', memory: '50Mi' }, requests: { cpu: '100m', memory: '50Mi' } },
        securityContext: { capabilities: { add: ['NET_RAW', 'NET_ADMIN'] }, privileged: false },
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [{ operator: 'Exists' }],
        volumes: [
          hostPath('cni-cfg', '/etc/cni/net.d'),
          hostPath('xtables-lock', '/run/xtables.lock', 'FileOrCreate'),
          hostPath('lib-modules', '/lib/modules'),
        ],
      },
      startedAfterSeconds: 14,
    },
    {
      kind: 'Deployment',
      namespace: 'kube-system',
      name: 'coredns',
      labels: { 'k8s-app': 'kube-dns' },
      selector: { 'k8s-app': 'kube-dns' },
      serviceAccount: 'coredns',
      hostNetwork: false,
      qosClass: 'Burstable',
      container: {
        name: 'coredns',
        image: images.coredns,
        mounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
      },
      podSpec: {
        args: ['-conf', '/etc/coredns/Corefile'],
        livenessProbe: {
          failureThreshold: 5,
          httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
          initialDelaySeconds: 60,
          periodSeconds: 10,
          successThreshold: 1,
          timeoutSeconds: 5,
        },
        ports: [
          { containerPort: 53, name: 'dns', protocol: 'UDP' },
          { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
          { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
        ],
        readinessProbe: {
          failureThreshold: 3,
          httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' },
          periodSeconds: 10,
          successThreshold: 1,
          timeoutSeconds: 1,
        },
        resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
        securityContext: {
          allowPrivilegeEscalation: false,
          capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
          readOnlyRootFilesystem: true,
        },
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                podAffinityTerm: {
                  labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] },
                  topologyKey: 'kubernetes.io/hostname',
                },
                weight: 100,
              },
            ],
          },
        },
        dnsPolicy: 'Default',
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        priorityClassName: 'system-cluster-critical',
        priority: 2000000000,
        tolerations: [
          { key: 'CriticalAddonsOnly', operator: 'Exists' },
          { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
          ...DEFAULT_EVICTION_TOLERATIONS,
        ],
        volumes: [{ name: 'config-volume', configMap: { defaultMode: 420, items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' } }],
      },
      replicaIPs: ['10.244.0.2', '10.244.0.3'],
      startedAfterSeconds: 20,
    },
    {
      kind: 'Deployment',
      namespace: 'local-path-storage',
      name: 'local-path-provisioner',
      labels: { app: 'local-path-provisioner' },
      selector: { app: 'local-path-provisioner' },
      serviceAccount: 'local-path-provisioner-service-account',
      hostNetwork: false,
      qosClass: 'BestEffort',
      container: {
        name: 'local-path-provisioner',
        image: images.localPathProvisioner,
        mounts: [{ name: 'config-volume', mountPath: '/etc/config/' }],
      },
      podSpec: {
        command: ['local-path-provisioner', '--debug', 'start', '--helper-image', images.localPathHelper, '--config', '/etc/config/config.json'],
        env: [fieldEnv('POD_NAMESPACE', 'metadata.namespace')],
        resources: {},
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [
          { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane', operator: 'Equal' },
          { effect: 'NoSchedule', key: 'node-role.kubernetes.io/master', operator: 'Equal' },
          ...DEFAULT_EVICTION_TOLERATIONS,
        ],
        volumes: [{ name: 'config-volume', configMap: { defaultMode: 420, name: 'local-path-config' } }],
      },
      replicaIPs: ['10.244.0.4'],
      startedAfterSeconds: 20,
    },
  ];
}

const SPEC_KEYS_ON_CONTAINER = ['args', 'command', 'env', 'livenessProbe', 'ports', 'readinessProbe', 'resources', 'securityContext'];

/** Split a workload's flat spec into container fields and pod fields. */
function splitSpec(spec: Record<string, unknown>) {
  const container: Record<string, unknown> = {};
  const pod: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(spec)) (SPEC_KEYS_ON_CONTAINER.includes(key) ? container : pod)[key] = value;
  return { container, pod };
}

function pod(
  w: Workload,
  name: string,
  placement: Placement,
  podIP: string,
  labels: Record<string, string>,
  owner: ReturnType<typeof controllerOwner>,
  created: Date,
  tokenVolume: string,
): KubeObject {
  const { container, pod: podFields } = splitSpec(w.podSpec);
  const tokenMount: Mount = { name: tokenVolume, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true };
  const mounts = [...w.container.mounts, tokenMount];
  const { volumes, tolerations, ...rest } = podFields as { volumes: unknown[]; tolerations: unknown[] };
  const daemon = w.kind === 'DaemonSet';
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, generateName: name.slice(0, name.length - 5), namespace: w.namespace, creationTimestamp: iso(created), labels, ownerReferences: owner },
    spec: {
      ...(daemon
        ? {
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [placement.nodeName] }] }],
                },
              },
            },
          }
        : {}),
      containers: [
        {
          name: w.container.name,
          image: w.container.image,
          imagePullPolicy: 'IfNotPresent',
          ...container,
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: mounts,
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      ...(w.hostNetwork ? { hostNetwork: true } : {}),
      nodeName: placement.nodeName,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: w.serviceAccount,
      serviceAccountName: w.serviceAccount,
      terminationGracePeriodSeconds: 30,
      ...rest,
      tolerations: [...tolerations, ...(daemon ? daemonSetTolerations(w.hostNetwork) : [])],
      volumes: [...volumes, serviceAccountTokenVolume(tokenVolume)],
    },
    status: runningStatus(placement, podIP, [{ name: w.container.name, image: w.container.image, volumeMounts: mounts }], w.qosClass, later(created, 1)),
  };
}

function templateOf(w: Workload, labels: Record<string, string>) {
  const { container, pod: fields } = splitSpec(w.podSpec);
  // Priority is resolved from priorityClassName by admission on each pod, never in a template.
  const { priority: _priority, ...podFields } = fields;
  return {
    metadata: { labels },
    spec: {
      containers: [{ name: w.container.name, image: w.container.image, imagePullPolicy: 'IfNotPresent', ...container, volumeMounts: w.container.mounts }],
      ...(w.hostNetwork ? { hostNetwork: true } : {}),
      serviceAccountName: w.serviceAccount,
      ...podFields,
    },
  };
}

function meta(w: Workload, name: string, created: Date, extra: Record<string, unknown> = {}) {
  return { name, namespace: w.namespace, uid: randomUUID(), creationTimestamp: iso(created), generation: 1, labels: w.labels, ...extra };
}

/** Controllers plus their pods, with owner references that resolve. */
export function workloadObjects(input: WorkloadInput): KubeObject[] {
  const { nodes, now, randomSuffix } = input;
  const controlPlane = nodes[0];
  if (!controlPlane) return [];
  const objects: KubeObject[] = [];
  for (const w of workloads(input)) {
    const created = later(now, w.startedAfterSeconds);
    const template = templateOf(w, w.labels);
    if (w.kind === 'DaemonSet') {
      const revision = randomSuffix(10);
      const metadata = meta(w, w.name, created, { annotations: { 'deprecated.daemonset.template.generation': '1' } });
      const count = nodes.length;
      objects.push({
        kind: 'DaemonSet',
        apiVersion: 'apps/v1',
        metadata,
        spec: { revisionHistoryLimit: 10, selector: { matchLabels: w.selector }, template, updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' } },
        status: { currentNumberScheduled: count, desiredNumberScheduled: count, numberAvailable: count, numberMisscheduled: 0, numberReady: count, observedGeneration: 1, updatedNumberScheduled: count },
      });
      const owner = controllerOwner('DaemonSet', w.name, metadata.uid);
      const labels = { ...w.selector, ...w.labels, 'controller-revision-hash': revision, 'pod-template-generation': '1' };
      for (const node of nodes) {
        objects.push(pod(w, `${w.name}-${randomSuffix(5)}`, node, node.nodeIP, labels, owner, later(created, 1), `kube-api-access-${randomSuffix(5)}`));
      }
      continue;
    }
    const ips = w.replicaIPs ?? [];
    const hash = randomSuffix(10);
    const replicas = ips.length;
    const readyStatus = { availableReplicas: replicas, fullyLabeledReplicas: replicas, observedGeneration: 1, readyReplicas: replicas, replicas };
    const deployment = meta(w, w.name, created, { annotations: { 'deployment.kubernetes.io/revision': '1' } });
    objects.push({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: deployment,
      spec: { progressDeadlineSeconds: 600, replicas, revisionHistoryLimit: 10, selector: { matchLabels: w.selector }, strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 }, type: 'RollingUpdate' }, template },
      status: { availableReplicas: replicas, observedGeneration: 1, readyReplicas: replicas, replicas, updatedReplicas: replicas },
    });
    const rsName = `${w.name}-${hash}`;
    const labels = { ...w.selector, 'pod-template-hash': hash };
    const replicaSet = meta(w, rsName, created, {
      labels,
      annotations: { 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas + 1), 'deployment.kubernetes.io/revision': '1' },
      ownerReferences: controllerOwner('Deployment', w.name, deployment.uid),
    });
    objects.push({
      kind: 'ReplicaSet',
      apiVersion: 'apps/v1',
      metadata: replicaSet,
      spec: { replicas, selector: { matchLabels: labels }, template: { ...template, metadata: { labels } } },
      status: readyStatus,
    });
    const owner = controllerOwner('ReplicaSet', rsName, replicaSet.uid);
    ips.forEach((ip, i) => {
      objects.push(pod(w, `${rsName}-${randomSuffix(5)}`, controlPlane, ip, labels, owner, later(created, i), `kube-api-access-${randomSuffix(5)}`));
    });
  }
  return objects;
}
