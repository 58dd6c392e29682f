import { describe, expect, it } from 'vitest';
import { ObjectStore, resourceKey } from '../../apiserver/storage/store.js';
import type { KubeObject } from '../../apiserver/types.js';
import { NodePods } from './node-pods.js';

const PODS = resourceKey('', 'pods');

function pod(name: string, opts: { node?: string; phase?: string; running?: boolean; deleting?: boolean; mirror?: boolean } = {}): KubeObject {
  const annotations: Record<string, string> = opts.mirror
    ? { 'kubernetes.io/config.hash': 'abc123', 'kubernetes.io/config.mirror': 'abc123', 'kubernetes.io/config.source': 'file' }
    : {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    status: {
      phase: opts.phase ?? 'Running',
      containerStatuses: [{ name: 'app', state: opts.running === false ? { waiting: { reason: 'ImagePullBackOff' } } : { running: { startedAt: '2026-05-20T10:00:00Z' } }, imageID: 'docker.io/library/nginx@sha256:00' }],
    },
    spec: { containers: [{ name: 'app', image: 'nginx' }], nodeName: opts.node ?? 'lab-worker' },
    metadata: {
      name,
      namespace: opts.mirror ? 'kube-system' : 'default',
      annotations,
      ...(opts.mirror ? { ownerReferences: [{ kind: 'Node', name: 'lab-worker' }] } : {}),
      ...(opts.deleting ? { deletionTimestamp: '2026-05-20T10:05:00Z' } : {}),
    },
  };
}

function storeWith(...pods: KubeObject[]): ObjectStore {
  const store = new ObjectStore(() => new Date('2026-05-20T10:00:00Z'));
  for (const p of pods) store.create(PODS, p);
  return store;
}

describe('a node\'s pods, as the kubelet sees them', () => {
  it('lists only pods bound to this node, without kind/apiVersion, metadata first as Go encodes a Pod', () => {
    const view = new NodePods(storeWith(pod('web'), pod('elsewhere', { node: 'lab-worker2' })), 'lab-worker');
    const pods = view.managed();
    expect(pods.map((p) => p.metadata.name)).toEqual(['web']);
    expect(Object.keys(pods[0]!)).toEqual(['metadata', 'spec', 'status']);
    expect(Object.keys(pods[0]!.metadata).slice(0, 3)).toEqual(['name', 'namespace', 'uid']);
  });

  it('shows a static pod as read from its manifest: the config hash as UID, no mirror annotation or owner', () => {
    const view = new NodePods(storeWith(pod('etcd-lab-worker', { mirror: true })), 'lab-worker');
    const [staticPod] = view.managed();
    expect(staticPod!.metadata.uid).toBe('abc123');
    expect(staticPod!.metadata.annotations).not.toHaveProperty('kubernetes.io/config.mirror');
    expect(staticPod!.metadata.ownerReferences).toBeUndefined();
    expect(staticPod!.metadata.creationTimestamp).toBeNull();
    expect(view.byName('kube-system', 'etcd-lab-worker')?.metadata.uid).toBe('abc123');
  });

  it('differs from /pods in the runtime view: pods still starting have no containers, deleted and finished ones are gone', () => {
    const view = new NodePods(
      storeWith(pod('web'), pod('starting', { running: false, phase: 'Pending' }), pod('leaving', { deleting: true }), pod('done', { phase: 'Succeeded' })),
      'lab-worker',
    );
    expect(view.managed().map((p) => p.metadata.name)).toEqual(['done', 'leaving', 'starting', 'web']);
    const running = view.running();
    expect(running.map((p) => p.metadata.name)).toEqual(['starting', 'web']);
    expect(running[0]!.spec).toEqual({ containers: null });
    const web = running[1]!;
    expect(Object.keys(web.metadata)).toEqual(['name', 'namespace', 'uid', 'creationTimestamp']);
    expect(web.spec).toEqual({ containers: [{ name: 'app', image: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), resources: {} }] });
    expect(web.status).toEqual({});
  });

  it('finds pods by name only on this node', () => {
    const view = new NodePods(storeWith(pod('elsewhere', { node: 'lab-worker2' })), 'lab-worker');
    expect(view.byName('default', 'elsewhere')).toBeUndefined();
  });
});
