import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import { NOW } from './testdata/kind-cluster.js';
import { daemonSetPrinter, deploymentPrinter, replicaSetPrinter } from './workload-printers.js';

const now = NOW;
const created = '2026-03-01T10:00:01Z';

function apps(kind: string, name: string, spec: object, status: object): KubeObject {
  return { apiVersion: 'apps/v1', kind, metadata: { name, namespace: 'kube-system', creationTimestamp: created }, spec, status };
}

const corednsTemplate = {
  metadata: { labels: { 'k8s-app': 'kube-dns' } },
  spec: { containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3' }] },
};

describe('deployments', () => {
  const coredns = apps(
    'Deployment',
    'coredns',
    { replicas: 2, selector: { matchLabels: { 'k8s-app': 'kube-dns' } }, template: corednsTemplate },
    { replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 },
  );

  it('prints kind\'s coredns deployment, wide cells included', () => {
    expect(deploymentPrinter.printRow(coredns, { now }).cells).toEqual([
      'coredns',
      '2/2',
      2,
      2,
      '25m',
      'coredns',
      'registry.k8s.io/coredns/coredns:v1.11.3',
      'k8s-app=kube-dns',
    ]);
    expect(deploymentPrinter.columns.filter((c) => c.priority === 0).map((c) => c.name)).toEqual([
      'Name',
      'Ready',
      'Up-to-date',
      'Available',
      'Age',
    ]);
  });

  it('prints a rollout in progress and an empty selector as ""', () => {
    const rolling = apps('Deployment', 'web', { replicas: 3, selector: {}, template: corednsTemplate }, { updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2 });
    expect(deploymentPrinter.printRow(rolling, { now }).cells.slice(1, 4)).toEqual(['2/3', 1, 2]);
    expect(deploymentPrinter.printRow(rolling, { now }).cells[7]).toBe('');
  });

  it('prints <invalid> for a selector with an unknown operator', () => {
    const bad = apps('Deployment', 'bad', { selector: { matchExpressions: [{ key: 'a', operator: 'Near' }] } }, {});
    const cells = deploymentPrinter.printRow(bad, { now }).cells;
    expect(cells[1]).toBe('0/1'); // replicas defaults to 1
    expect(cells[7]).toBe('<invalid>');
  });
});

describe('replicasets', () => {
  it('prints the coredns replicaset with its set-based selector', () => {
    const rs = apps(
      'ReplicaSet',
      'coredns-7c65d6cfc9',
      {
        replicas: 2,
        selector: {
          matchLabels: { 'pod-template-hash': '7c65d6cfc9', 'k8s-app': 'kube-dns' },
          matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['node', 'edge'] }],
        },
        template: corednsTemplate,
      },
      { replicas: 2, readyReplicas: 1 },
    );
    expect(replicaSetPrinter.printRow(rs, { now }).cells).toEqual([
      'coredns-7c65d6cfc9',
      2,
      2,
      1,
      '25m',
      'coredns',
      'registry.k8s.io/coredns/coredns:v1.11.3',
      'k8s-app=kube-dns,pod-template-hash=7c65d6cfc9,tier notin (edge,node)',
    ]);
  });

  it('prints an empty selector as <none>, unlike deployments', () => {
    const rs = apps('ReplicaSet', 'loose', { replicas: 0, selector: {} }, {});
    expect(replicaSetPrinter.printRow(rs, { now }).cells.slice(1, 4)).toEqual([0, 0, 0]);
    expect(replicaSetPrinter.printRow(rs, { now }).cells[7]).toBe('<none>');
  });
});

describe('daemonsets', () => {
  it('prints kind\'s kube-proxy and kindnet daemonsets', () => {
    const status = { desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 1, updatedNumberScheduled: 1, numberAvailable: 1 };
    const kubeProxy = apps(
      'DaemonSet',
      'kube-proxy',
      {
        selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
        template: { spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.31.14' }] } },
      },
      status,
    );
    expect(daemonSetPrinter.printRow(kubeProxy, { now }).cells).toEqual([
      'kube-proxy',
      1,
      1,
      1,
      1,
      1,
      'kubernetes.io/os=linux',
      '25m',
      'kube-proxy',
      'registry.k8s.io/kube-proxy:v1.31.14',
      'k8s-app=kube-proxy',
    ]);
    const kindnet = apps(
      'DaemonSet',
      'kindnet',
      { selector: { matchLabels: { app: 'kindnet' } }, template: { spec: { containers: [{ name: 'kindnet-cni', image: 'docker.io/kindest/kindnetd:v20250512' }] } } },
      { ...status, numberReady: 0, numberAvailable: 0 },
    );
    expect(daemonSetPrinter.printRow(kindnet, { now }).cells.slice(1, 7)).toEqual([1, 1, 0, 1, 0, '<none>']);
  });
});
