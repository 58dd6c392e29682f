// Everything besides RBAC that a fresh kind cluster shows: namespaces, ServiceAccounts,
// ConfigMaps, the kube-dns Service, the default StorageClass, the add-on workloads and the pods
// of N nodes (the first is the control plane), templated by cluster name and release.
import { randomUUID } from 'node:crypto';
import type { KubeObject } from '../types.js';
import type { KubeVersion } from '../../../versions.js';
import { only, select, type Conditional } from './conditions.js';
import { clusterConfigMaps, KIND_NETWORK, rootCaConfigMap, type ConfigMapContext } from './config-maps.js';
import { kindImages } from './kind-images.js';
import { iso, later, type Placement } from './pod-status.js';
import { policyContext } from './policy.js';
import { staticPods } from './static-pods.js';
import { workloadObjects } from './workload-pods.js';
import { kubernetesServiceObjects } from './kubernetes-service.js';

interface Named {
  name: string;
}

export const FRESH_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage'] as const;

/**
 * ServiceAccounts in kube-system on a fresh cluster: one per controller the controller manager
 * runs with --use-service-account-credentials (cloud loops, the optional SELinux warning loop and
 * alpha-gated loops do not run), the bootstrap-token controllers kubeadm enables, and the add-ons.
 */
const KUBE_SYSTEM_SERVICE_ACCOUNTS: readonly (Named | Conditional<Named>)[] = [
  ...[
    'attachdetach-controller', 'bootstrap-signer', 'certificate-controller', 'clusterrole-aggregation-controller',
    'coredns', 'cronjob-controller', 'daemon-set-controller', 'default', 'deployment-controller',
    'disruption-controller', 'endpoint-controller', 'endpointslice-controller', 'endpointslicemirroring-controller',
    'ephemeral-volume-controller', 'expand-controller', 'generic-garbage-collector', 'horizontal-pod-autoscaler',
    'job-controller', 'kindnet', 'kube-proxy', 'legacy-service-account-token-cleaner', 'namespace-controller',
    'node-controller', 'persistent-volume-binder', 'pod-garbage-collector', 'pv-protection-controller',
    'pvc-protection-controller', 'replicaset-controller', 'replication-controller', 'resourcequota-controller',
    'root-ca-cert-publisher', 'service-account-controller', 'statefulset-controller', 'token-cleaner',
    'ttl-after-finished-controller', 'ttl-controller', 'validatingadmissionpolicy-status-controller',
  ].map((name) => ({ name })),
  only({ gate: 'DynamicResourceAllocation' }, { name: 'resource-claim-controller' }),
  only({ gate: 'MultiCIDRServiceAllocator' }, { name: 'service-cidrs-controller' }),
  only({ gate: 'VolumeAttributesClass' }, { name: 'volumeattributesclass-protection-controller' }),
];

export interface FreshClusterInput {
  clusterName: string;
  version: KubeVersion;
  /** Node names, control plane first (kind: NAME-control-plane, NAME-worker, NAME-worker2...). */
  nodeNames: readonly string[];
  /** The cluster CA, published as kube-root-ca.crt and in cluster-info. */
  caPem: string;
  now: Date;
  /** Name suffix generator, as apimachinery's (5 characters for pods, 10 for template hashes). */
  randomSuffix: (length: number) => string;
  /** Front-proxy CA for extension-apiserver-authentication; defaults to caPem. */
  frontProxyCaPem?: string;
  /** Node InternalIPs; default 172.18.0.2, .3, ... as on kind's docker network. */
  nodeIPs?: Readonly<Record<string, string>>;
  /** UIDs of the Node objects, so mirror pods' owner references resolve. */
  nodeUids?: Readonly<Record<string, string>>;
  /** Gates the control plane was started with (rendered as --feature-gates, shaping controllers). */
  featureGates?: Readonly<Record<string, boolean>>;
}

function namespace(name: string, created: string): KubeObject {
  return {
    kind: 'Namespace',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: created, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

const serviceAccount = (namespace: string, name: string, created: string): KubeObject => ({
  kind: 'ServiceAccount',
  apiVersion: 'v1',
  metadata: { name, namespace, creationTimestamp: created },
});

function kubeDnsService(created: string): KubeObject {
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      creationTimestamp: created,
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: KIND_NETWORK.clusterDNS,
      clusterIPs: [KIND_NETWORK.clusterDNS],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  };
}

function standardStorageClass(created: string): KubeObject {
  return {
    kind: 'StorageClass',
    apiVersion: 'storage.k8s.io/v1',
    metadata: {
      name: 'standard',
      creationTimestamp: created,
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
    },
    provisioner: 'rancher.io/local-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}

function placements(input: FreshClusterInput): Placement[] {
  return input.nodeNames.map((name, i) => ({
    nodeName: name,
    nodeIP: input.nodeIPs?.[name] ?? `172.18.0.${i + 2}`,
    nodeUid: input.nodeUids?.[name] ?? randomUUID(),
  }));
}

/** The non-RBAC objects of a fresh cluster, in the order kind's creation leaves them. */
export function freshClusterObjects(input: FreshClusterInput): KubeObject[] {
  const { clusterName, version, now } = input;
  const ctx = policyContext(version, input.featureGates ?? {});
  const images = kindImages(version);
  const nodes = placements(input);
  const controlPlane = nodes[0];
  const created = iso(now);
  const addonsCreated = iso(later(now, 10));
  const configCtx: ConfigMapContext = {
    clusterName,
    version,
    caPem: input.caPem,
    frontProxyCaPem: input.frontProxyCaPem ?? input.caPem,
    created,
  };

  const kubeSystemAccounts = select(KUBE_SYSTEM_SERVICE_ACCOUNTS, ctx).map(({ name }) => serviceAccount('kube-system', name, created));

  return [
    ...FRESH_NAMESPACES.map((name) => namespace(name, name === 'local-path-storage' ? addonsCreated : created)),
    ...FRESH_NAMESPACES.filter((ns) => ns !== 'kube-system').map((ns) => serviceAccount(ns, 'default', created)),
    ...kubeSystemAccounts,
    serviceAccount('local-path-storage', 'local-path-provisioner-service-account', addonsCreated),
    ...FRESH_NAMESPACES.map((ns) => rootCaConfigMap(ns, configCtx.caPem, configCtx.created)),
    ...clusterConfigMaps(configCtx, images.localPathHelper),
    kubeDnsService(created),
    ...(controlPlane ? kubernetesServiceObjects(controlPlane.nodeIP, created) : []),
    standardStorageClass(addonsCreated),
    ...(controlPlane
      ? staticPods({ version, clusterName, placement: controlPlane, images, featureGates: input.featureGates ?? {}, now })
      : []),
    ...workloadObjects({ clusterName, nodes, images, now, randomSuffix: input.randomSuffix }),
    ...nodes.map((n) => nodeLease(n, now)),
  ];
}

/**
 * The heartbeat Lease each kubelet keeps in kube-node-lease (`kubectl describe node` shows its
 * holder and renew time), owned by the Node, renewed every 10s; seeded as last renewed at ready.
 */
function nodeLease(node: Placement, now: Date): KubeObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: node.nodeName,
      namespace: 'kube-node-lease',
      creationTimestamp: iso(later(now, 5)),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.nodeName, uid: node.nodeUid }],
    },
    spec: {
      holderIdentity: node.nodeName,
      leaseDurationSeconds: 40,
      renewTime: later(now, 60).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z'), // MicroTime: six fractional digits
    },
  };
}
