import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KUBE_VERSIONS, type KubeVersion } from '../../../versions.js';
import type { KubeObject } from '../types.js';
import { freshClusterObjects } from './kube-system.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
const NODES = ['lab-control-plane', 'lab-worker', 'lab-worker2'];

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
let counter = 0;
const suffix = (length: number) => Array.from({ length }, (_, i) => ALPHABET[(++counter * 7 + i) % ALPHABET.length]).join('');

function fresh(version: KubeVersion, extra: Partial<Parameters<typeof freshClusterObjects>[0]> = {}) {
  return freshClusterObjects({
    clusterName: 'lab',
    version,
    nodeNames: NODES,
    caPem: CA,
    now: new Date('2026-06-01T10:00:00Z'),
    randomSuffix: suffix,
    nodeUids: { 'lab-control-plane': 'uid-cp' },
    ...extra,
  });
}

const ofKind = (objects: KubeObject[], kind: string) => objects.filter((o) => o.kind === kind);
const named = (objects: KubeObject[], kind: string, name: string, namespace?: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
interface PodView {
  spec: {
    nodeName: string;
    hostNetwork?: boolean;
    priorityClassName?: string;
    serviceAccountName?: string;
    containers: { image: string; command: string[] }[];
  };
  status: {
    phase: string;
    podIP: string;
    hostIP: string;
    conditions: { type: string; status: string }[];
    containerStatuses: { ready: boolean; started: boolean; restartCount: number; containerID: string }[];
  };
}
interface OwnerRef {
  kind: string;
  uid: string;
}
const spec = (o: KubeObject | undefined) => (o as unknown as PodView | undefined)?.spec;
const status = (o: KubeObject | undefined) => (o as unknown as PodView | undefined)?.status;
const owners = (o: KubeObject | undefined) => (o?.metadata.ownerReferences ?? []) as OwnerRef[];
const dataOf = (o: KubeObject | undefined) => (o as unknown as { data: Record<string, string> } | undefined)?.data ?? {};

describe.each(KUBE_VERSIONS)('fresh %s cluster', (version) => {
  const objects = fresh(version);
  const pods = ofKind(objects, 'Pod');

  it('has the five namespaces, each labelled with its name and holding kube-root-ca.crt', () => {
    const namespaces = ofKind(objects, 'Namespace').map((n) => n.metadata.name);
    expect(namespaces.sort()).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage']);
    for (const name of namespaces) {
      expect(named(objects, 'Namespace', name as string)?.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': name });
      expect(dataOf(named(objects, 'ConfigMap', 'kube-root-ca.crt', name))['ca.crt']).toBe(CA);
      expect(named(objects, 'ServiceAccount', 'default', name)).toBeDefined();
    }
  });

  it('runs the control plane as static pods on the first node', () => {
    for (const component of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      const pod = named(pods, 'Pod', `${component}-lab-control-plane`, 'kube-system');
      expect(pod?.metadata.labels).toEqual({ component, tier: 'control-plane' });
      expect(pod?.metadata.annotations?.['kubernetes.io/config.source']).toBe('file');
      expect(pod?.metadata.annotations?.['kubernetes.io/config.mirror']).toBe(pod?.metadata.annotations?.['kubernetes.io/config.hash']);
      expect(pod?.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'lab-control-plane', uid: 'uid-cp', controller: true }]);
      expect(spec(pod)?.priorityClassName).toBe('system-node-critical');
      expect(spec(pod)?.hostNetwork).toBe(true);
      expect(status(pod)?.podIP).toBe('172.18.0.2');
    }
    const apiserver = named(pods, 'Pod', 'kube-apiserver-lab-control-plane');
    expect(apiserver?.metadata.annotations?.['kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint']).toBe('172.18.0.2:6443');
    expect(spec(apiserver)?.containers[0]?.image).toMatch(/^registry\.k8s\.io\/kube-apiserver:v1\.\d+\.\d+$/);
  });

  it('runs kube-proxy and kindnet once per node', () => {
    for (const prefix of ['kube-proxy-', 'kindnet-']) {
      const daemonPods = pods.filter((p) => p.metadata.name?.startsWith(prefix));
      expect(daemonPods.map((p) => spec(p)?.nodeName).sort()).toEqual([...NODES].sort());
      for (const pod of daemonPods) expect(status(pod)?.podIP).toBe(status(pod)?.hostIP);
    }
  });

  it('runs two CoreDNS replicas and the local-path provisioner on the control plane, owned by their ReplicaSets', () => {
    const coredns = pods.filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns');
    expect(coredns).toHaveLength(2);
    const replicaSet = ofKind(objects, 'ReplicaSet').find((rs) => rs.metadata.name?.startsWith('coredns-'));
    for (const pod of coredns) {
      expect(pod.metadata.name).toMatch(new RegExp(`^${replicaSet?.metadata.name}-[a-z0-9]{5}$`));
      expect(owners(pod)[0]).toMatchObject({ kind: 'ReplicaSet', uid: replicaSet?.metadata.uid });
      expect(spec(pod)?.nodeName).toBe('lab-control-plane');
      expect(spec(pod)?.priorityClassName).toBe('system-cluster-critical');
    }
    const localPath = pods.filter((p) => p.metadata.namespace === 'local-path-storage');
    expect(localPath).toHaveLength(1);
    expect(spec(localPath[0])?.serviceAccountName).toBe('local-path-provisioner-service-account');
  });

  it('reports every pod Running and Ready with containerd container IDs', () => {
    expect(pods.length).toBe(4 + 2 * NODES.length + 3);
    for (const pod of pods) {
      expect(status(pod)?.phase).toBe('Running');
      expect(status(pod)?.conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
      for (const container of status(pod)?.containerStatuses ?? []) {
        expect(container).toMatchObject({ ready: true, started: true, restartCount: 0 });
        expect(container.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
      }
    }
  });

  it('points every controller-owned pod at an object that exists', () => {
    const uids = new Set(objects.map((o) => o.metadata.uid).filter(Boolean));
    for (const pod of pods.filter((p) => owners(p)[0]?.kind !== 'Node')) {
      expect(uids.has(owners(pod)[0]?.uid), pod.metadata.name).toBe(true);
    }
  });
});

describe('per-release differences', () => {
  const image = (version: KubeVersion, prefix: string) =>
    spec(ofKind(fresh(version), 'Pod').find((p) => p.metadata.name?.startsWith(prefix)))?.containers[0]?.image;

  it('pins etcd and CoreDNS to what each release’s kubeadm uses', () => {
    expect(image('1.31', 'etcd-')).toBe('registry.k8s.io/etcd:3.5.24-0');
    expect(image('1.36', 'etcd-')).toBe('registry.k8s.io/etcd:3.6.8-0');
    expect(image('1.31', 'coredns-')).toBe('registry.k8s.io/coredns/coredns:v1.11.3');
    expect(image('1.33', 'coredns-')).toBe('registry.k8s.io/coredns/coredns:v1.12.0');
  });

  it('creates the ServiceCIDR controller account only where its gate is on', () => {
    const has = (version: KubeVersion, gates = {}) =>
      named(fresh(version, { featureGates: gates }), 'ServiceAccount', 'service-cidrs-controller', 'kube-system') !== undefined;
    expect(has('1.31')).toBe(false);
    expect(has('1.33')).toBe(true);
    expect(has('1.31', { MultiCIDRServiceAllocator: true })).toBe(true);
  });

  it('passes the cluster’s feature gates to the control plane', () => {
    const objects = fresh('1.33', { featureGates: { KubeletFineGrainedAuthz: false } });
    const command = spec(named(objects, 'Pod', 'kube-apiserver-lab-control-plane'))?.containers[0]?.command;
    expect(command).toContain('--feature-gates=KubeletFineGrainedAuthz=false');
  });
});

describe('cluster-info', () => {
  it('carries a kubeconfig signed for the kind bootstrap token', () => {
    const data = dataOf(named(fresh('1.33'), 'ConfigMap', 'cluster-info', 'kube-public'));
    expect(data.kubeconfig).toContain('server: https://lab-control-plane:6443');
    const [header, , signature] = (data['jws-kubeconfig-abcdef'] ?? '').split('.');
    const expected = createHmac('sha256', '0123456789abcdef')
      .update(`${header}.${Buffer.from(data.kubeconfig ?? '').toString('base64url')}`)
      .digest('base64url');
    expect(signature).toBe(expected);
  });
});
