// The events the pod lifecycle controller records, read from the store as `kubectl describe pod`
// reads them (in name order, which is recording order).

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { VERSIONS, type KubeVersion } from '../../../versions.js';
import type { KubeObject } from '../types.js';
import { ObjectStore, resourceKey } from '../storage/store.js';
import { runControllers } from './controller.js';
import { fakeControllerTimers } from '../../../../test/support/controller-timers.js';
import { PodLifecycleController } from './pod-lifecycle-controller.js';
import { pullError } from './image-pull.js';

const PODS = resourceKey('', 'pods');
const NODES = resourceKey('', 'nodes');
const EVENTS = resourceKey('', 'events');

interface StoredEvent extends KubeObject {
  involvedObject: { name: string; resourceVersion?: string; fieldPath?: string };
  type: string;
  reason: string;
  message: string;
  count?: number;
  source: { component?: string; host?: string };
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  reportingComponent: string;
  reportingInstance: string;
}

async function settled(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}

let now = 0;
const stopAfterTest = fakeControllerTimers();
beforeEach(() => {
  now = new Date('2026-05-20T10:00:00Z').getTime();
});

/** Moves the cluster's clock and its timers on together. */
async function after(ms: number): Promise<void> {
  now += ms;
  vi.advanceTimersByTime(ms);
  await settled();
}

/** A control-plane node and a worker whose kubelets report `release`, and the controller on them. */
function cluster(release: KubeVersion): ObjectStore {
  const store = new ObjectStore(() => new Date(now));
  store.create(resourceKey('', 'namespaces'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
  const node = (name: string, labels: Record<string, string>, ip: string) =>
    store.create(NODES, {
      metadata: { name, labels },
      spec: { podCIDR: '10.244.0.0/24' },
      status: { addresses: [{ type: 'InternalIP', address: ip }], nodeInfo: { kubeletVersion: VERSIONS[release].gitVersion } },
    });
  node('lab-control-plane', { 'node-role.kubernetes.io/control-plane': '' }, '172.18.0.2');
  node('lab-worker', {}, '172.18.0.3');
  const controller = new PodLifecycleController(store, () => new Date(now));
  stopAfterTest(runControllers(store, [controller]), () => controller.stop());
  return store;
}

function pod(name: string, containers: { name: string; image: string; imagePullPolicy?: string }[], spec: object = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'dev', uid: `uid-${name}` }, spec: { containers, ...spec }, status: { phase: 'Pending' } };
}

const eventsOf = (store: ObjectStore, name: string) => (store.list(EVENTS, 'dev') as StoredEvent[]).filter((e) => e.involvedObject.name === name);
const lines = (store: ObjectStore, name: string) => eventsOf(store, name).map((e) => `${e.type} ${e.reason}: ${e.message}`);
const nodeName = (store: ObjectStore, name: string) => (store.get(PODS, 'dev', name)?.spec as { nodeName?: string }).nodeName;

describe('the events of a pod that starts', () => {
  it('are the scheduler\'s Scheduled, then the kubelet\'s pull, create and start of each container', async () => {
    const store = cluster('1.33');
    const created = store.create(PODS, pod('web', [{ name: 'app', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }]));
    await settled();
    const node = nodeName(store, 'web')!;
    expect(lines(store, 'web')).toEqual([
      `Normal Scheduled: Successfully assigned dev/web to ${node}`,
      'Normal Pulling: Pulling image "nginx:1.27"',
      expect.stringMatching(/^Normal Pulled: Successfully pulled image "nginx:1\.27" in .+ including waiting\)\. Image size: \d+ bytes\.$/),
      'Normal Created: Created container: app',
      'Normal Started: Started container app',
    ]);
    const [scheduled, ...kubelet] = eventsOf(store, 'web');
    expect(scheduled).toMatchObject({
      source: {},
      firstTimestamp: null,
      action: 'Binding',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-lab-control-plane',
      involvedObject: { resourceVersion: created.metadata.resourceVersion },
    });
    const bound = kubelet[0]!.involvedObject.resourceVersion;
    expect(Number(bound)).toBeGreaterThan(Number(created.metadata.resourceVersion));
    for (const e of kubelet) {
      expect(e).toMatchObject({ source: { component: 'kubelet', host: node }, reportingInstance: node, count: 1, firstTimestamp: '2026-05-20T10:00:00Z' });
      expect(e.involvedObject).toMatchObject({ fieldPath: 'spec.containers{app}', resourceVersion: bound });
    }
  });

  it('finds an image already on the node (IfNotPresent), but pulls it on another node', async () => {
    const store = cluster('1.31');
    const container = { name: 'app', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' };
    store.create(PODS, pod('one', [container], { nodeName: 'lab-worker' }));
    await settled();
    store.create(PODS, pod('two', [container], { nodeName: 'lab-worker' }));
    store.create(PODS, pod('three', [container], { nodeName: 'lab-control-plane' }));
    await settled();
    // Pods bound by hand are never scheduled, so the kubelet's events come alone.
    expect(lines(store, 'two')).toEqual([
      'Normal Pulled: Container image "nginx:1.27" already present on machine',
      'Normal Created: Created container app',
      'Normal Started: Started container app',
    ]);
    expect(lines(store, 'three')[0]).toBe('Normal Pulling: Pulling image "nginx:1.27"');
  });

  it('adds Killing for each running container when the pod is deleted', async () => {
    const store = cluster('1.36');
    store.create(PODS, pod('web', [{ name: 'app', image: 'nginx:1.27' }, { name: 'side', image: 'busybox:1.36' }]));
    await settled();
    const running = store.get(PODS, 'dev', 'web')!;
    store.update(PODS, { ...running, metadata: { ...running.metadata, deletionTimestamp: '2026-05-20T10:00:30Z', deletionGracePeriodSeconds: 30 } });
    await settled();
    const killing = eventsOf(store, 'web').filter((e) => e.reason === 'Killing');
    expect(killing.map((e) => [e.involvedObject.fieldPath, e.message])).toEqual([
      ['spec.containers{app}', 'Stopping container app'],
      ['spec.containers{side}', 'Stopping container side'],
    ]);
  });
});

describe('the events of a pod whose image cannot be pulled', () => {
  const image = 'registry.invalid/nope:1';

  it('report the failed pull, then the back-off on every sync of the pod worker, counted on one event each', async () => {
    const store = cluster('1.36');
    store.create(PODS, pod('broken', [{ name: 'app', image }]));
    await settled();
    const failed = ['Normal Pulling: Pulling image "registry.invalid/nope:1"', `Warning Failed: Failed to pull image "registry.invalid/nope:1": ${pullError(image)}`, 'Warning Failed: Error: ErrImagePull'];
    expect(lines(store, 'broken').slice(1)).toEqual(failed);

    await after(10_000);
    await after(10_000);
    await after(10_000);
    expect(lines(store, 'broken').slice(1)).toEqual([...failed, 'Normal BackOff: Back-off pulling image "registry.invalid/nope:1"', 'Warning Failed: Error: ImagePullBackOff']);
    const [backOff, imagePullBackOff] = eventsOf(store, 'broken').slice(4);
    for (const e of [backOff, imagePullBackOff]) {
      expect(e).toMatchObject({ count: 3, firstTimestamp: '2026-05-20T10:00:10Z', lastTimestamp: '2026-05-20T10:00:30Z' });
    }
  });

  it('stop repeating once the pod is deleted; a container that never ran is not killed', async () => {
    const store = cluster('1.31');
    store.create(PODS, pod('broken', [{ name: 'app', image }]));
    await settled();
    await after(10_000);
    const live = store.get(PODS, 'dev', 'broken')!;
    store.update(PODS, { ...live, metadata: { ...live.metadata, deletionTimestamp: '2026-05-20T10:00:40Z', deletionGracePeriodSeconds: 30 } });
    await settled();
    const before = JSON.stringify(eventsOf(store, 'broken'));
    await after(30_000);
    expect(JSON.stringify(eventsOf(store, 'broken'))).toBe(before);
    expect(eventsOf(store, 'broken').some((e) => e.reason === 'Killing')).toBe(false);
  });

  it('report ErrImageNeverPull on every sync when the policy forbids the pull', async () => {
    const store = cluster('1.33');
    store.create(PODS, pod('never', [{ name: 'app', image, imagePullPolicy: 'Never' }]));
    await settled();
    await after(10_000);
    const never = eventsOf(store, 'never').slice(1);
    expect(never.map((e) => [e.type, e.reason, e.message, e.count])).toEqual([
      ['Warning', 'ErrImageNeverPull', 'Container image "registry.invalid/nope:1" is not present with pull policy of Never', 2],
      ['Warning', 'Failed', 'Error: ErrImageNeverPull', 2],
    ]);
  });
});

describe('the events of a pod no node fits', () => {
  it('are one FailedScheduling per outcome, then Scheduled once a node fits', async () => {
    const store = cluster('1.33');
    store.create(PODS, pod('picky', [{ name: 'app', image: 'nginx:1.27' }], { nodeSelector: { disk: 'ssd' } }));
    await settled();
    const worker = store.get(NODES, undefined, 'lab-worker')!;
    // A change that does not help: same outcome, no new event.
    store.update(NODES, { ...worker, metadata: { ...worker.metadata, labels: { disk: 'hdd' } } });
    await settled();
    expect(lines(store, 'picky')).toEqual([
      "Warning FailedScheduling: 0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    ]);
    expect(eventsOf(store, 'picky')[0]).toMatchObject({ action: 'Scheduling', reportingComponent: 'default-scheduler', source: {} });

    store.update(NODES, { ...worker, metadata: { ...worker.metadata, labels: { disk: 'ssd' } } });
    await settled();
    expect(lines(store, 'picky')[1]).toBe('Normal Scheduled: Successfully assigned dev/picky to lab-worker');
  });
});
