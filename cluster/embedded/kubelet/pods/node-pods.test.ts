import { describe, expect, it } from 'vitest';
import { ObjectStore, resourceKey } from '../../apiserver/storage/store.js';
import type { KubeObject } from '../../apiserver/types.js';
import { NodePods } from './node-pods.js';

const PODS = resourceKey('', 'pods');

type Lifecycle = 'running' | 'waiting' | 'unstarted' | 'stopped' | 'finished';

/** The status a kubelet reports at each point of a pod's life (see controllers/kubelet-pod-status.ts). */
function statusAt(lifecycle: Lifecycle): Record<string, unknown> {
  const started = '2026-05-20T10:00:00Z';
  const sandbox = (ready: boolean) => [{ type: 'PodReadyToStartContainers', status: ready ? 'True' : 'False' }];
  const running = { name: 'app', state: { running: { startedAt: started } }, imageID: 'docker.io/library/nginx@sha256:00' };
  switch (lifecycle) {
    case 'unstarted':
      return { phase: 'Pending' };
    case 'running':
      return { phase: 'Running', conditions: sandbox(true), startTime: started, containerStatuses: [running] };
    case 'waiting':
      return { phase: 'Pending', conditions: sandbox(true), startTime: started, containerStatuses: [{ name: 'app', state: { waiting: { reason: 'ImagePullBackOff' } }, imageID: '' }] };
    case 'stopped':
    case 'finished':
      return { phase: 'Succeeded', conditions: sandbox(false), startTime: started, containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 0 } } }] };
  }
}

function pod(name: string, opts: { node?: string; lifecycle?: Lifecycle; deleting?: boolean; mirror?: boolean } = {}): KubeObject {
  const annotations: Record<string, string> = opts.mirror
    ? { 'kubernetes.io/config.hash': 'abc123', 'kubernetes.io/config.mirror': 'abc123', 'kubernetes.io/config.source': 'file' }
    : {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    status: statusAt(opts.lifecycle ?? 'running'),
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

  it('differs from /pods in the runtime view: a pod waiting on its image has a sandbox but no containers, stopped and finished ones are gone', () => {
    const view = new NodePods(
      storeWith(
        pod('web'),
        pod('pulling', { lifecycle: 'waiting' }),
        pod('new', { lifecycle: 'unstarted' }),
        pod('leaving', { lifecycle: 'stopped', deleting: true }),
        pod('done', { lifecycle: 'finished' }),
      ),
      'lab-worker',
    );
    expect(view.managed().map((p) => p.metadata.name)).toEqual(['done', 'leaving', 'new', 'pulling', 'web']);
    const running = view.running();
    expect(running.map((p) => p.metadata.name)).toEqual(['pulling', 'web']);
    expect(running[0]!.spec).toEqual({ containers: null });
    const web = running[1]!;
    expect(Object.keys(web.metadata)).toEqual(['name', 'namespace', 'uid', 'creationTimestamp']);
    expect(web.spec).toEqual({ containers: [{ name: 'app', image: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), resources: {} }] });
    expect(web.status).toEqual({});
  });

  it('keeps a deleted pod in the runtime view until the kubelet has stopped its containers', () => {
    const view = new NodePods(storeWith(pod('stopping', { deleting: true })), 'lab-worker');
    expect(view.running().map((p) => p.spec)).toEqual([{ containers: [expect.objectContaining({ name: 'app' })] }]);
  });

  it('finds pods by name only on this node', () => {
    const view = new NodePods(storeWith(pod('elsewhere', { node: 'lab-worker2' })), 'lab-worker');
    expect(view.byName('default', 'elsewhere')).toBeUndefined();
  });
});
