// `kubectl get cs`, the default namespace's `kubernetes` Service, and the API server's deprecation
// warnings, with the real kubectl: what a learner checking the control plane sees, per release.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster } from '../../../test/support/cluster.js';
import type { KubectlRunner } from '../../../test/support/kubectl.js';
import type { KubeVersion } from '../../versions.js';
import type { EmbeddedCluster } from '../cluster.js';
import { adminKubectl } from '../kubelet/testing/live-kubelet.js';

const clusters = new Map<KubeVersion, { cluster: EmbeddedCluster; k: KubectlRunner }>();

beforeAll(async () => {
  for (const version of ['1.31', '1.33'] as const) {
    const cluster = await startTestCluster({ version });
    clusters.set(version, { cluster, k: await adminKubectl(cluster.kubeconfigPath) });
  }
}, 60_000);

afterAll(async () => {
  for (const { cluster } of clusters.values()) await cluster.delete();
});

describe('componentstatuses', () => {
  it('lists the scheduler, the controller-manager and etcd as healthy, with the v1.19 deprecation warning', async () => {
    const { k } = clusters.get('1.33')!;
    const got = await k.run(['get', 'cs']);
    expect(got.stderr).toBe('Warning: v1 ComponentStatus is deprecated in v1.19+\n');
    const rows = got.stdout.trimEnd().split('\n').map((line) => line.trim().split(/\s+/));
    expect(rows[0]).toEqual(['NAME', 'STATUS', 'MESSAGE', 'ERROR']);
    expect(rows.slice(1).sort()).toEqual([['controller-manager', 'Healthy', 'ok'], ['etcd-0', 'Healthy', 'ok'], ['scheduler', 'Healthy', 'ok']]);
  });

  it('gets one as the registry builds it, and answers an unknown name with its plain error', async () => {
    const { k } = clusters.get('1.33')!;
    const one = JSON.parse((await k.run(['get', 'cs', 'etcd-0', '-o', 'json'])).stdout) as Record<string, unknown>;
    expect(one).toEqual({
      kind: 'ComponentStatus',
      apiVersion: 'v1',
      metadata: { name: 'etcd-0', creationTimestamp: null },
      conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }],
    });
    expect((await k.run(['get', 'cs', 'nope'])).stderr).toBe('Warning: v1 ComponentStatus is deprecated in v1.19+\nError from server: Component not found: nope\n');
  });
});

describe('the kubernetes Service', () => {
  it('is in default, pointing at the API server\'s secure port through its Endpoints and EndpointSlice', async () => {
    const { cluster, k } = clusters.get('1.31')!;
    expect((await k.run(['get', 'svc', 'kubernetes', '--no-headers'])).stdout.split(/\s+/).slice(0, 5)).toEqual(['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP']);
    const apiserverIP = cluster.nodes[0]!.internalIP;
    expect((await k.run(['get', 'endpoints', 'kubernetes', '--no-headers'])).stdout.split(/\s+/).slice(0, 2)).toEqual(['kubernetes', `${apiserverIP}:6443`]);
    expect((await k.run(['get', 'endpointslices', 'kubernetes', '--no-headers'])).stdout.split(/\s+/).slice(0, 4)).toEqual(['kubernetes', 'IPv4', '6443', apiserverIP]);
  });
});

describe('v1 Endpoints', () => {
  it('carries the deprecation warning from 1.33 on, and none before', async () => {
    expect((await clusters.get('1.33')!.k.run(['get', 'endpoints', 'kubernetes'])).stderr).toBe(
      'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n',
    );
    expect((await clusters.get('1.31')!.k.run(['get', 'endpoints', 'kubernetes'])).stderr).toBe('');
  });
});
