import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import { ObjectStore, resourceKey } from '../storage/store.js';
import { EventClock, EventsV1Recorder, LegacyEventRecorder, referenceTo, type EventNote, type ObjectReference } from './event-recorder.js';

const EVENTS = resourceKey('', 'events');
const NAMESPACES = resourceKey('', 'namespaces');
const KUBELET = { component: 'kubelet', host: 'kind-worker' };
const POD = { apiVersion: 'v1', kind: 'Pod' };

/** A clock the test moves by hand. */
function manualClock(start = '2026-05-20T10:00:00Z'): { now: () => Date; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms) => (t += ms) };
}

const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'dev', uid: 'uid-web', resourceVersion: '42' } };
const container: ObjectReference = referenceTo(pod, POD, 'spec.containers{app}');
const backOff: EventNote = { type: 'Normal', reason: 'BackOff', message: 'Back-off pulling image "registry.invalid/app:1"' };

interface StoredEvent extends KubeObject {
  count?: number;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  message: string;
  eventTime: string | null;
}
const events = (store: ObjectStore) => store.list(EVENTS) as StoredEvent[];

/** A store with the namespaces events go to. */
function storeWithNamespaces(): ObjectStore {
  const store = new ObjectStore();
  for (const name of ['default', 'dev']) store.create(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return store;
}

describe('referenceTo', () => {
  it('is the object reference a kubelet puts in involvedObject, in its field order', () => {
    expect(JSON.stringify(container)).toBe(
      '{"kind":"Pod","namespace":"dev","name":"web","uid":"uid-web","apiVersion":"v1","resourceVersion":"42","fieldPath":"spec.containers{app}"}',
    );
  });
});

describe('LegacyEventRecorder', () => {
  it('writes a core/v1 Event named "<object>.<hex UnixNano>" with source, timestamps and count 1', () => {
    const store = storeWithNamespaces();
    const clock = manualClock();
    new LegacyEventRecorder(store, new EventClock(clock.now)).record(KUBELET, container, backOff);
    const [event] = events(store);
    expect(event?.metadata.name).toMatch(/^web\.[0-9a-f]{16}$/);
    expect(BigInt(`0x${event!.metadata.name!.slice(4)}`) / 1_000_000n).toBe(BigInt(clock.now().getTime()));
    expect(event).toMatchObject({
      metadata: { namespace: 'dev' },
      involvedObject: container,
      reason: 'BackOff',
      message: backOff.message,
      source: KUBELET,
      firstTimestamp: '2026-05-20T10:00:00Z',
      lastTimestamp: '2026-05-20T10:00:00Z',
      count: 1,
      type: 'Normal',
      eventTime: null,
      reportingComponent: 'kubelet',
      reportingInstance: 'kind-worker',
    });
  });

  it('counts an identical event on the first one, and records a different message apart', () => {
    const store = storeWithNamespaces();
    const clock = manualClock();
    const recorder = new LegacyEventRecorder(store, new EventClock(clock.now));
    recorder.record(KUBELET, container, backOff);
    const first = events(store)[0]!;
    clock.advance(10_000);
    recorder.record(KUBELET, { ...container, resourceVersion: '43' }, backOff);
    clock.advance(10_000);
    recorder.record(KUBELET, container, backOff);
    recorder.record(KUBELET, container, { ...backOff, type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff' });

    const [counted, other] = events(store);
    expect(counted).toMatchObject({ metadata: { name: first.metadata.name, uid: first.metadata.uid }, count: 3, firstTimestamp: '2026-05-20T10:00:00Z', lastTimestamp: '2026-05-20T10:00:20Z' });
    expect(counted?.involvedObject).toEqual(container); // the first occurrence's reference stays
    expect(other).toMatchObject({ reason: 'Failed', count: 1 });
  });

  it('lets a source write 25 events about an object, then one per 5 minutes, the count rising meanwhile', () => {
    const store = storeWithNamespaces();
    const clock = manualClock();
    const recorder = new LegacyEventRecorder(store, new EventClock(clock.now));
    for (let i = 0; i < 30; i++) {
      recorder.record(KUBELET, container, backOff);
      clock.advance(1000);
    }
    expect(events(store)[0]?.count).toBe(25);
    // Another object of the same source has its own allowance.
    recorder.record(KUBELET, { ...container, name: 'db', uid: 'uid-db' }, backOff);
    expect(events(store).map((e) => e.count)).toEqual([1, 25]);

    clock.advance(300_000 - 30_000);
    recorder.record(KUBELET, container, backOff);
    expect(events(store)[1]).toMatchObject({ count: 31, lastTimestamp: '2026-05-20T10:05:00Z' });
    recorder.record(KUBELET, container, backOff);
    expect(events(store)[1]?.count).toBe(31);
  });

  it('goes on counting a stored event after a restart, and creates it again if it was deleted', () => {
    const store = storeWithNamespaces();
    const clock = manualClock();
    new LegacyEventRecorder(store, new EventClock(clock.now)).record(KUBELET, container, backOff);
    const name = events(store)[0]!.metadata.name!;

    const restarted = new LegacyEventRecorder(store, new EventClock(clock.now));
    restarted.record(KUBELET, container, backOff);
    expect(events(store)).toHaveLength(1);
    expect(events(store)[0]).toMatchObject({ metadata: { name }, count: 2 });

    store.delete(EVENTS, 'dev', name);
    restarted.record(KUBELET, container, backOff);
    expect(events(store)).toHaveLength(1);
    expect(events(store)[0]).toMatchObject({ metadata: { name }, count: 3, firstTimestamp: '2026-05-20T10:00:00Z' });
  });

  it('files events about cluster-scoped objects in "default", with the component alone as source', () => {
    const store = storeWithNamespaces();
    const node: KubeObject = { metadata: { name: 'kind-worker', uid: 'uid-node' } };
    new LegacyEventRecorder(store, new EventClock(manualClock().now)).record({ component: 'node-controller' }, referenceTo(node, { apiVersion: 'v1', kind: 'Node' }), {
      type: 'Normal',
      reason: 'RegisteredNode',
      message: 'Node kind-worker event: Registered Node kind-worker in Controller',
    });
    expect(events(store)[0]).toMatchObject({ metadata: { namespace: 'default' }, source: { component: 'node-controller' }, reportingComponent: 'node-controller', reportingInstance: '' });
    expect(events(store)[0]?.source).not.toHaveProperty('host');
  });

  it('loses events about objects of a missing or terminating namespace, as admission refuses them', () => {
    const store = storeWithNamespaces();
    const recorder = new LegacyEventRecorder(store, new EventClock(manualClock().now));
    recorder.record(KUBELET, { ...container, namespace: 'gone' }, backOff);
    const dev = store.get(NAMESPACES, undefined, 'dev')!;
    store.update(NAMESPACES, { ...dev, metadata: { ...dev.metadata, deletionTimestamp: '2026-05-20T10:00:00Z' } });
    recorder.record(KUBELET, container, backOff);
    expect(events(store)).toEqual([]);
  });
});

describe('EventsV1Recorder', () => {
  it('stores what the core/v1 view shows of an events.k8s.io Event: eventTime and action, no source, timestamps or count', () => {
    const store = storeWithNamespaces();
    const clock = new EventClock(manualClock('2026-05-20T10:00:07Z').now);
    new EventsV1Recorder(store, clock).record(
      { controller: 'default-scheduler', instance: 'default-scheduler-kind-control-plane' },
      referenceTo(pod, POD),
      { type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned dev/web to kind-worker' },
      'Binding',
    );
    const [event] = events(store);
    expect(event?.eventTime).toMatch(/^2026-05-20T10:00:07\.\d{6}Z$/);
    expect(event).toMatchObject({
      involvedObject: { kind: 'Pod', namespace: 'dev', name: 'web', uid: 'uid-web', apiVersion: 'v1', resourceVersion: '42' },
      reason: 'Scheduled',
      message: 'Successfully assigned dev/web to kind-worker',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type: 'Normal',
      action: 'Binding',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-kind-control-plane',
    });
    expect(event).not.toHaveProperty('count');
  });
});

describe('EventClock', () => {
  it('never gives the same instant twice, so names of one object sort in recording order', () => {
    const clock = new EventClock(() => new Date('2026-05-20T10:00:00Z'));
    const stamps = Array.from({ length: 50 }, () => clock.now().nanos);
    expect(new Set(stamps).size).toBe(50);
    expect([...stamps].sort((a, b) => (a < b ? -1 : 1))).toEqual(stamps);
  });
});
