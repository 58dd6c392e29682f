import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import {
  componentStatusPrinter,
  configMapPrinter,
  endpointSlicePrinter,
  endpointsPrinter,
  namespacePrinter,
  nodePrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from './core-printers.js';
import { controlPlaneNode, NOW } from './testdata/kind-cluster.js';

const now = NOW;
const created = '2026-03-01T10:00:00Z'; // 25m30s before NOW

function obj(kind: string, name: string, fields: object, metadata: object = {}): KubeObject {
  return { apiVersion: 'v1', kind, metadata: { name, creationTimestamp: created, ...metadata }, ...fields };
}

function withNode(change: (node: KubeObject) => void): KubeObject {
  const node = structuredClone(controlPlaneNode);
  change(node);
  return node;
}

describe('nodes', () => {
  it('prints a kind control-plane node, wide cells included', () => {
    expect(nodePrinter.printRow(controlPlaneNode, { now }).cells).toEqual([
      'kind-control-plane',
      'Ready',
      'control-plane',
      '25m',
      'v1.31.14',
      '172.18.0.2',
      '<none>',
      'Debian GNU/Linux 12 (bookworm)',
      '6.8.0-60-generic',
      'containerd://2.2.0',
    ]);
    expect(nodePrinter.columns.filter((c) => c.priority === 0).map((c) => c.name)).toEqual([
      'Name',
      'Status',
      'Roles',
      'Age',
      'Version',
    ]);
  });

  it('appends SchedulingDisabled to a cordoned node', () => {
    const cordoned = withNode((n) => (n.spec = { unschedulable: true }));
    expect(nodePrinter.printRow(cordoned, { now }).cells[1]).toBe('Ready,SchedulingDisabled');
  });

  it('prints NotReady for a Ready condition that is False or Unknown, Unknown without one', () => {
    const withReady = (status: string): KubeObject =>
      withNode((n) => ((n.status as { conditions: object[] }).conditions = [{ type: 'Ready', status }]));
    expect(nodePrinter.printRow(withReady('False'), { now }).cells[1]).toBe('NotReady');
    expect(nodePrinter.printRow(withReady('Unknown'), { now }).cells[1]).toBe('NotReady');
    const noConditions = withNode((n) => ((n.status as { conditions: object[] }).conditions = []));
    expect(nodePrinter.printRow(noConditions, { now }).cells[1]).toBe('Unknown');
  });

  it('collects roles from node-role.kubernetes.io/* keys and kubernetes.io/role, sorted', () => {
    const node = withNode((n) => {
      n.metadata.labels = { 'node-role.kubernetes.io/worker': '', 'kubernetes.io/role': 'ingress', 'node-role.kubernetes.io/': '' };
    });
    expect(nodePrinter.printRow(node, { now }).cells[2]).toBe('ingress,worker');
    const plain = withNode((n) => (n.metadata.labels = { 'kubernetes.io/hostname': 'w1', 'kubernetes.io/role': '' }));
    expect(nodePrinter.printRow(plain, { now }).cells[2]).toBe('<none>');
  });

  it('prints the external IP when there is one and <unknown> for unreported node info', () => {
    const node = withNode((n) => {
      n.status = { addresses: [{ type: 'ExternalIP', address: '203.0.113.7' }], nodeInfo: { kubeletVersion: 'v1.33.12' } };
    });
    expect(nodePrinter.printRow(node, { now }).cells.slice(4)).toEqual([
      'v1.33.12',
      '<none>',
      '203.0.113.7',
      '<unknown>',
      '<unknown>',
      '<unknown>',
    ]);
  });
});

describe('namespaces, secrets, configmaps, serviceaccounts', () => {
  it('prints the namespace phase', () => {
    expect(namespacePrinter.printRow(obj('Namespace', 'kube-system', { status: { phase: 'Active' } }), { now }).cells).toEqual([
      'kube-system',
      'Active',
      '25m',
    ]);
    const leaving = obj('Namespace', 'dev', { status: { phase: 'Terminating' } });
    expect(namespacePrinter.printRow(leaving, { now }).cells[1]).toBe('Terminating');
  });

  it('prints a secret type and its number of keys as an integer', () => {
    const token = obj('Secret', 'sa-token', { type: 'kubernetes.io/service-account-token', data: { token: 'eA==', 'ca.crt': 'eA==', namespace: 'eA==' } });
    expect(secretPrinter.printRow(token, { now }).cells).toEqual(['sa-token', 'kubernetes.io/service-account-token', 3, '25m']);
    expect(secretPrinter.printRow(obj('Secret', 'empty', { type: 'Opaque' }), { now }).cells[2]).toBe(0);
  });

  it('counts data and binaryData keys of a configmap', () => {
    const cm = obj('ConfigMap', 'coredns', { data: { Corefile: '.:53 {}' }, binaryData: { blob: 'AA==' } });
    expect(configMapPrinter.printRow(cm, { now }).cells).toEqual(['coredns', 2, '25m']);
    expect(configMapPrinter.printRow(obj('ConfigMap', 'kube-root-ca.crt', { data: { 'ca.crt': 'x' } }), { now }).cells[1]).toBe(1);
  });

  it('counts the legacy secrets of a service account (0 since token secrets went away)', () => {
    expect(serviceAccountPrinter.printRow(obj('ServiceAccount', 'default', {}), { now }).cells).toEqual(['default', 0, '25m']);
    const legacy = obj('ServiceAccount', 'builder', { secrets: [{ name: 'builder-token-abcde' }] });
    expect(serviceAccountPrinter.printRow(legacy, { now }).cells[1]).toBe(1);
  });
});

describe('services and endpoints', () => {
  const kubeDns = obj('Service', 'kube-dns', {
    spec: {
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' },
    },
  });

  it('prints kind\'s kube-dns service', () => {
    expect(servicePrinter.printRow(kubeDns, { now }).cells).toEqual([
      'kube-dns',
      'ClusterIP',
      '10.96.0.10',
      '<none>',
      '53/UDP,53/TCP,9153/TCP',
      '25m',
      'k8s-app=kube-dns',
    ]);
  });

  it('prints node ports, pending and assigned load balancers', () => {
    const lb = (ingress: object[]): KubeObject =>
      obj('Service', 'web', {
        spec: { type: 'LoadBalancer', clusterIPs: ['10.96.1.2'], ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }] },
        status: { loadBalancer: { ingress } },
      });
    expect(servicePrinter.printRow(lb([]), { now }).cells.slice(3, 5)).toEqual(['<pending>', '80:30080/TCP']);
    expect(servicePrinter.printRow(lb([{ ip: '172.18.255.201' }, { hostname: 'lb.example' }]), { now }).cells[3]).toBe(
      '172.18.255.201,lb.example',
    );
  });

  it('prints headless and selector-less services', () => {
    const headless = obj('Service', 'db', { spec: { type: 'ClusterIP', clusterIP: 'None', ports: [] } });
    expect(servicePrinter.printRow(headless, { now }).cells.slice(2)).toEqual(['None', '<none>', '<none>', '25m', '<none>']);
    const external = obj('Service', 'ext', { spec: { type: 'ExternalName', externalName: 'db.example.com' } });
    expect(servicePrinter.printRow(external, { now }).cells.slice(2, 4)).toEqual(['<none>', 'db.example.com']);
  });

  it('lists three endpoints and counts the rest', () => {
    const endpoints = obj('Endpoints', 'kube-dns', {
      subsets: [
        {
          addresses: [{ ip: '10.244.0.2' }, { ip: '10.244.0.3' }],
          ports: [
            { name: 'dns-tcp', port: 53, protocol: 'TCP' },
            { name: 'dns', port: 53, protocol: 'UDP' },
            { name: 'metrics', port: 9153, protocol: 'TCP' },
          ],
        },
      ],
    });
    expect(endpointsPrinter.printRow(endpoints, { now }).cells).toEqual([
      'kube-dns',
      '10.244.0.2:53,10.244.0.3:53,10.244.0.2:53 + 3 more...',
      '25m',
    ]);
  });

  it('prints the API server endpoint, IPv6 in brackets, and <none> without subsets', () => {
    const kubernetes = obj('Endpoints', 'kubernetes', { subsets: [{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443 }] }] });
    expect(endpointsPrinter.printRow(kubernetes, { now }).cells[1]).toBe('172.18.0.2:6443');
    const v6 = obj('Endpoints', 'v6', { subsets: [{ addresses: [{ ip: 'fd00::2' }], ports: [{ port: 80 }] }] });
    expect(endpointsPrinter.printRow(v6, { now }).cells[1]).toBe('[fd00::2]:80');
    expect(endpointsPrinter.printRow(obj('Endpoints', 'none', {}), { now }).cells[1]).toBe('<none>');
  });
});

describe('endpoint slices', () => {
  it('lists three ports and addresses, then how many more; a slice with none says <unset>', () => {
    const slice = obj('EndpointSlice', 'web-abc12', {
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 80 }, { name: 'all' }, {}, { port: 9090 }],
      endpoints: [{ addresses: ['10.244.1.2'] }, { addresses: ['10.244.1.3', '10.244.1.4'] }, { addresses: ['10.244.1.5'] }],
    });
    expect(endpointSlicePrinter.printRow(slice, { now }).cells).toEqual(['web-abc12', 'IPv4', '80,all,* + 1 more...', '10.244.1.2,10.244.1.3,10.244.1.4 + 1 more...', '25m']);
    const empty = obj('EndpointSlice', 'idle-xyz', { addressType: 'IPv4', ports: null, endpoints: null });
    expect(endpointSlicePrinter.printRow(empty, { now }).cells.slice(2, 4)).toEqual(['<unset>', '<unset>']);
  });
});

describe('component statuses', () => {
  it('reads the Healthy condition; without one the component is Unknown', () => {
    const failing = obj('ComponentStatus', 'etcd-0', { conditions: [{ type: 'Healthy', status: 'False', message: '', error: 'context deadline exceeded' }] });
    expect(componentStatusPrinter.printRow(failing, { now }).cells).toEqual(['etcd-0', 'Unhealthy', '', 'context deadline exceeded']);
    expect(componentStatusPrinter.printRow(obj('ComponentStatus', 'scheduler', {}), { now }).cells).toEqual(['scheduler', 'Unknown', '', '']);
  });
});

