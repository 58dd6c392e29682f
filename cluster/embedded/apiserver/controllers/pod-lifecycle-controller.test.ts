import { describe, expect, it, vi } from 'vitest';
import { VERSIONS, type KubeVersion } from '../../../versions.js';
import type { KubeObject } from '../types.js';
import { ObjectStore, resourceKey } from '../storage/store.js';
import { runControllers } from './controller.js';
import { fakeControllerTimers } from '../../../../test/support/controller-timers.js';
import { PodLifecycleController } from './pod-lifecycle-controller.js';

const PODS = resourceKey('', 'pods');
const NODES = resourceKey('', 'nodes');
const UNPULLABLE_ERROR =
  'rpc error: code = Unknown desc = failed to pull and unpack image "registry.invalid/nope:1": failed to resolve reference ' +
  '"registry.invalid/nope:1": failed to do request: Head "https://registry.invalid/v2/nope/manifests/1": dial tcp: lookup ' +
  'registry.invalid on 172.18.0.1:53: no such host';

async function settled(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}

/** The controller's follow-ups (back-off, final delete) are timers; tests move time on by hand. */
async function after(ms: number): Promise<void> {
  vi.advanceTimersByTime(ms);
  await settled();
}

const stopAfterTest = fakeControllerTimers();

/** A store with one node whose kubelet reports `release`, and the controller running on it. */
function nodeOf(release: KubeVersion, timings: { terminationDelayMs?: number; pullBackOffDelayMs?: number } = {}): ObjectStore {
  const store = new ObjectStore();
  store.create(NODES, {
    metadata: { name: 'n1' },
    spec: { podCIDR: '10.244.0.0/24' },
    status: { addresses: [{ type: 'InternalIP', address: '172.18.0.2' }], nodeInfo: { kubeletVersion: VERSIONS[release].gitVersion } },
  });
  const controller = new PodLifecycleController(store, () => new Date('2026-05-20T10:00:00Z'), timings);
  const stop = runControllers(store, [controller]);
  stopAfterTest(stop, () => controller.stop());
  return store;
}

function podWith(name: string, containers: { name: string; image: string; imagePullPolicy?: string }[], finalizers?: string[]): KubeObject {
  return {
    metadata: { name, namespace: 'dev', uid: `uid-${name}`, ...(finalizers ? { finalizers } : {}) },
    spec: { containers, terminationGracePeriodSeconds: 30 },
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  };
}

interface Status {
  phase: string;
  startTime?: string;
  conditions: { type: string; status: string; reason?: string; message?: string }[];
  containerStatuses: { name: string; ready: boolean; imageID: string; state: Record<string, { reason?: string; message?: string; exitCode?: number }> }[];
}
const statusOf = (store: ObjectStore, name: string) => store.get(PODS, 'dev', name)?.status as Status;
const condition = (s: Status, type: string) => s.conditions.find((c) => c.type === type);

describe('PodLifecycleController', () => {
  it('gives a new pod a free address of the node\'s pod CIDR, never one a pod already holds', async () => {
    const store = new ObjectStore();
    store.create(NODES, { metadata: { name: 'n1' }, spec: { podCIDR: '10.244.0.0/24' }, status: { addresses: [{ type: 'InternalIP', address: '172.18.0.2' }] } });
    // What a fresh kind node already runs: coredns and local-path-provisioner hold .2-.4.
    for (const [name, ip] of [['coredns-a', '10.244.0.2'], ['coredns-b', '10.244.0.3'], ['local-path', '10.244.0.4']] as const) {
      store.create(PODS, { metadata: { name, namespace: 'kube-system' }, spec: { nodeName: 'n1' }, status: { phase: 'Running', podIP: ip } });
    }
    const controller = new PodLifecycleController(store, () => new Date());
    stopAfterTest(runControllers(store, [controller]), () => controller.stop());
    store.create(PODS, { metadata: { name: 'web', namespace: 'dev', uid: 'u1' }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, status: { phase: 'Pending' } });
    store.create(PODS, { metadata: { name: 'db', namespace: 'dev', uid: 'u2' }, spec: { containers: [{ name: 'c', image: 'redis' }] }, status: { phase: 'Pending' } });
    await settled();
    const ip = (name: string) => (store.get(PODS, 'dev', name)?.status as { podIP?: string } | undefined)?.podIP;
    expect([ip('web'), ip('db')]).toEqual(['10.244.0.5', '10.244.0.6']);
  });

  it('leaves a pod no node fits Pending and Unschedulable, and binds it once a node fits', async () => {
    const store = nodeOf('1.33');
    store.create(PODS, { ...podWith('reports', [{ name: 'app', image: 'nginx:1.27' }]), spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], nodeSelector: { disktype: 'ssd' } } });
    await settled();
    const pending = store.get(PODS, 'dev', 'reports')!;
    expect((pending.spec as { nodeName?: string }).nodeName).toBeUndefined();
    expect(pending.status).toEqual({
      phase: 'Pending',
      conditions: [{
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: '2026-05-20T10:00:00Z',
        reason: 'Unschedulable',
        message: "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
      }],
      qosClass: 'BestEffort',
    });
    const node = store.get(NODES, undefined, 'n1')!;
    store.update(NODES, { ...node, metadata: { ...node.metadata, labels: { disktype: 'ssd' } } });
    await settled();
    expect(statusOf(store, 'reports').phase).toBe('Running');
  });

  it('leaves a pod whose image cannot be pulled Pending in ErrImagePull, with its sandbox up and not ready', async () => {
    const store = nodeOf('1.33');
    store.create(PODS, podWith('broken', [{ name: 'app', image: 'registry.invalid/nope:1' }, { name: 'side', image: 'busybox:1.36' }]));
    await settled();
    const status = statusOf(store, 'broken');
    expect(status.phase).toBe('Pending');
    expect(status.startTime).toBe('2026-05-20T10:00:00Z');
    const [app, side] = status.containerStatuses;
    expect(app).toEqual({
      name: 'app',
      state: { waiting: { reason: 'ErrImagePull', message: UNPULLABLE_ERROR } },
      lastState: {},
      ready: false,
      restartCount: 0,
      image: 'registry.invalid/nope:1',
      imageID: '',
      started: false,
    });
    expect(side!.state.running).toBeDefined();
    expect(condition(status, 'PodReadyToStartContainers')?.status).toBe('True');
    expect(condition(status, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' });
    expect(condition(status, 'ContainersReady')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
  });

  it.each([
    ['1.31', 'Back-off pulling image "registry.invalid/nope:1"'],
    ['1.33', `Back-off pulling image "registry.invalid/nope:1": ErrImagePull: ${UNPULLABLE_ERROR}`],
    ['1.36', `Back-off pulling image "registry.invalid/nope:1": ErrImagePull: ${UNPULLABLE_ERROR}`],
  ] as const)('backs the failed pull off on the next sync, with the v%s kubelet\'s message', async (release, message) => {
    const store = nodeOf(release, { pullBackOffDelayMs: 20 });
    store.create(PODS, podWith('broken', [{ name: 'app', image: 'registry.invalid/nope:1' }]));
    await settled();
    await after(19);
    expect(statusOf(store, 'broken').containerStatuses[0]!.state.waiting?.reason).toBe('ErrImagePull');
    await after(1);
    const status = statusOf(store, 'broken');
    expect(status.phase).toBe('Pending');
    expect(status.containerStatuses[0]!.state).toEqual({ waiting: { reason: 'ImagePullBackOff', message } });
  });

  it('pulls the new image at once when a waiting container\'s image is replaced, leaving the other containers be', async () => {
    const store = nodeOf('1.33', { pullBackOffDelayMs: 20 });
    store.create(resourceKey('', 'namespaces'), { metadata: { name: 'dev' } }); // where the kubelet's events go
    store.create(PODS, podWith('broken', [{ name: 'app', image: 'registry.invalid/nope:1' }, { name: 'side', image: 'busybox:1.36' }]));
    await settled();
    await after(20);
    expect(statusOf(store, 'broken').containerStatuses[0]!.state.waiting?.reason).toBe('ImagePullBackOff');
    const sideBefore = statusOf(store, 'broken').containerStatuses[1];
    const setImage = (image: string) => {
      const pod = store.get(PODS, 'dev', 'broken')!;
      const containers = (pod.spec as { containers: { name: string; image: string }[] }).containers.map((c) => (c.name === 'app' ? { ...c, image } : c));
      store.update(PODS, { ...pod, spec: { ...(pod.spec as object), containers } });
    };
    // Another image that cannot be pulled: the container waits on that one, in ErrImagePull again.
    setImage('registry.invalid/other:2');
    await settled();
    expect(statusOf(store, 'broken').containerStatuses[0]).toMatchObject({ image: 'registry.invalid/other:2', state: { waiting: { reason: 'ErrImagePull' } } });
    setImage('nginx:1.27');
    await settled();
    const status = statusOf(store, 'broken');
    expect(status.phase).toBe('Running');
    expect(status.containerStatuses[0]!.state.running).toBeDefined();
    expect(status.containerStatuses[1]).toEqual(sideBefore);
    expect(condition(status, 'Ready')?.status).toBe('True');
    const notes = store.list(resourceKey('', 'events')).filter((e) => (e as { involvedObject?: { fieldPath?: string } }).involvedObject?.fieldPath === 'spec.containers{app}').map((e) => (e as { message?: string }).message);
    expect(notes).toEqual(expect.arrayContaining(['Pulling image "nginx:1.27"', 'Created container: app', 'Started container app']));
    // Running now: no back-off comes after.
    await after(100);
    expect(statusOf(store, 'broken').phase).toBe('Running');
  });

  it('reports ErrImageNeverPull, and no back-off, when the policy forbids pulling an image the node lacks', async () => {
    const store = nodeOf('1.36', { pullBackOffDelayMs: 20 });
    store.create(PODS, podWith('never', [{ name: 'app', image: 'registry.invalid/nope:1', imagePullPolicy: 'Never' }]));
    await settled();
    await after(60);
    expect(statusOf(store, 'never').containerStatuses[0]!.state).toEqual({
      waiting: { reason: 'ErrImageNeverPull', message: 'Container image "registry.invalid/nope:1" is not present with pull policy of Never' },
    });
  });

  it('stops a deleted pod\'s containers at once, then removes it with the kubelet\'s final delete', async () => {
    const store = nodeOf('1.36', { terminationDelayMs: 30 });
    store.create(PODS, podWith('web', [{ name: 'app', image: 'nginx:1.27' }]));
    await settled();
    const running = store.get(PODS, 'dev', 'web')!;
    expect((running.status as Status).phase).toBe('Running');
    store.update(PODS, { ...running, metadata: { ...running.metadata, deletionTimestamp: '2026-05-20T10:00:30Z', deletionGracePeriodSeconds: 30 } });
    await settled();
    const stopped = statusOf(store, 'web');
    expect(stopped.phase).toBe('Succeeded');
    expect(stopped.containerStatuses[0]!.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(condition(stopped, 'PodReadyToStartContainers')?.status).toBe('False');
    expect(condition(stopped, 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    await after(29);
    expect(store.get(PODS, 'dev', 'web')).toBeDefined();
    await after(1);
    expect(store.get(PODS, 'dev', 'web')).toBeUndefined();
  });

  it('keeps a deleted pod with finalizers, grace period 0, until they are gone; a pod that never ran fails', async () => {
    const store = nodeOf('1.31', { terminationDelayMs: 20, pullBackOffDelayMs: 10_000 });
    store.create(PODS, podWith('held', [{ name: 'app', image: 'registry.invalid/nope:1' }], ['example.com/hold']));
    await settled();
    const live = store.get(PODS, 'dev', 'held')!;
    store.update(PODS, { ...live, metadata: { ...live.metadata, deletionTimestamp: '2026-05-20T10:00:30Z', deletionGracePeriodSeconds: 30 } });
    await settled();
    await after(60);
    const held = store.get(PODS, 'dev', 'held')!;
    expect(held.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(held.metadata.deletionTimestamp).toBe('2026-05-20T10:00:00Z');
    const status = held.status as Status;
    expect(status.phase).toBe('Failed');
    expect(status.containerStatuses[0]!.state.terminated).toEqual({
      exitCode: 137,
      reason: 'ContainerStatusUnknown',
      message: 'The container could not be located when the pod was terminated',
      startedAt: null,
      finishedAt: null,
    });
    expect(condition(status, 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' });
  });

  it('finishes a deletion under way after a restore, when the pods are replayed', async () => {
    const store = nodeOf('1.36', { terminationDelayMs: 20 });
    store.create(PODS, podWith('web', [{ name: 'app', image: 'nginx:1.27' }]));
    await settled();
    const snapshot = store.snapshot();
    const pod = snapshot.resources[PODS]![0]!;
    snapshot.resources[PODS] = [{ ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2026-05-20T10:00:30Z', deletionGracePeriodSeconds: 30 } }];
    store.restore(snapshot);
    store.resync([PODS]);
    await settled();
    await after(60);
    expect(store.get(PODS, 'dev', 'web')).toBeUndefined();
  });
});
