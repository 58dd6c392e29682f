// The event recorders of client-go, writing core/v1 Events into the store as kube-apiserver stores
// them (events.k8s.io/v1 Events live there as core/v1 Events too):
// - LegacyEventRecorder, tools/record (kubelet, kube-controller-manager): a core/v1 Event with
//   source, first/last timestamps and count. An event identical to one already recorded bumps
//   that one's count and lastTimestamp (eventLogger.eventObserve); each source and object may
//   write 25 events, then one every 5 minutes (EventSourceObjectSpamFilter), the count still
//   rising in between. Aggregation into "(combined from similar events)" needs 10 distinct
//   messages of one reason within 10 minutes, which nothing here produces, so it is left out.
// - EventsV1Recorder, tools/events (kube-scheduler): an events.k8s.io/v1 Event, which the core/v1
//   view shows with eventTime, action and reportingComponent/Instance, no source, no timestamps
//   and no count.
// As kube-apiserver's NamespaceLifecycle admission refuses them, events about objects of a missing
// or terminating namespace are dropped. Events never expire here (kube-apiserver's --event-ttl is
// 1 h): a lab does not run that long.

import { formatTime, resourceKey, type ObjectStore } from '../storage/store.js';
import type { KubeObject } from '../types.js';

const EVENTS = resourceKey('', 'events');
const NAMESPACES = resourceKey('', 'namespaces');

/** corev1.ObjectReference, in its JSON field order. */
export interface ObjectReference {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  apiVersion: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** What happened, as an event records it. */
export interface EventNote {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

/** corev1.EventSource: the kubelet fills both fields, kube-controller-manager's controllers the component only. */
export interface EventSource {
  component: string;
  host?: string;
}

/** reference.GetReference (GetPartialReference with a field path) of a stored object. */
export function referenceTo(obj: KubeObject, type: { apiVersion: string; kind: string }, fieldPath?: string): ObjectReference {
  const { name = '', namespace, uid, resourceVersion } = obj.metadata;
  return {
    kind: obj.kind ?? type.kind,
    ...(namespace ? { namespace } : {}),
    name,
    ...(uid ? { uid } : {}),
    apiVersion: obj.apiVersion ?? type.apiVersion,
    ...(resourceVersion ? { resourceVersion } : {}),
    ...(fieldPath ? { fieldPath } : {}),
  };
}

interface Instant {
  date: Date;
  /** Unix nanoseconds: event names are "<object name>.<hex of this>" (fmt "%v.%x" of t.UnixNano()). */
  nanos: bigint;
}

/**
 * Event times for every recorder of one cluster: from the cluster's clock, with a sub-millisecond
 * part, never repeating, so names are unique and sort in the order events were recorded (the
 * order kubectl keeps for events of the same second).
 */
export class EventClock {
  private last = 0n;

  constructor(private readonly clock: () => Date) {}

  now(): Instant {
    let nanos = BigInt(this.clock().getTime()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
    if (nanos <= this.last) nanos = this.last + 1n;
    this.last = nanos;
    return { date: new Date(Number(nanos / 1_000_000n)), nanos };
  }
}

/** metav1.MicroTime as it marshals: RFC 3339 with six fractional digits. */
function microTime({ date, nanos }: Instant): string {
  const micros = ((nanos / 1000n) % 1_000_000n).toString().padStart(6, '0');
  return `${formatTime(date).slice(0, -1)}.${micros}Z`;
}

/** The event's namespace: its object's, or "default" for cluster-scoped objects. */
function eventMeta(ref: ObjectReference, at: Instant): { name: string; namespace: string } {
  return { name: `${ref.name}.${at.nanos.toString(16)}`, namespace: ref.namespace || 'default' };
}

/** Whether NamespaceLifecycle admission lets a new object into the namespace. */
function namespaceAdmits(store: ObjectStore, namespace: string): boolean {
  const ns = store.get(NAMESPACES, undefined, namespace);
  return ns !== undefined && !ns.metadata.deletionTimestamp;
}

/** Past observations, least recently used first (the correlator's LRU caches hold 4096). */
class Lru<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly size = 4096) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
  }
}

interface Observation {
  name: string;
  firstTimestamp: string;
  count: number;
}

interface TokenBucket {
  tokens: number;
  at: number;
}

interface CoreEvent extends KubeObject {
  involvedObject: ObjectReference;
  source: EventSource;
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  type: string;
  reason: string;
  message: string;
}

const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000;

const eventKey = (e: CoreEvent): string =>
  JSON.stringify([e.source.component, e.source.host ?? '', e.involvedObject.kind, e.involvedObject.namespace ?? '', e.involvedObject.name, e.involvedObject.fieldPath ?? '', e.involvedObject.uid ?? '', e.involvedObject.apiVersion, e.type, e.reason, e.message]);

const spamKey = (e: CoreEvent): string =>
  JSON.stringify([e.source.component, e.source.host ?? '', e.involvedObject.kind, e.involvedObject.namespace ?? '', e.involvedObject.name, e.involvedObject.uid ?? '', e.involvedObject.apiVersion]);

/** client-go tools/record's EventRecorder with its EventCorrelator, one per cluster (keys carry the source). */
export class LegacyEventRecorder {
  private readonly observed = new Lru<Observation>();
  private readonly buckets = new Lru<TokenBucket>();

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: EventClock,
  ) {}

  record(source: EventSource, ref: ObjectReference, note: EventNote): void {
    const at = this.clock.now();
    const timestamp = formatTime(at.date);
    const event: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: eventMeta(ref, at),
      involvedObject: ref,
      reason: note.reason,
      message: note.message,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: timestamp,
      lastTimestamp: timestamp,
      count: 1,
      type: note.type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    const key = eventKey(event);
    const last = this.observed.get(key) ?? this.storedObservation(event, key);
    const observed: CoreEvent = last
      ? { ...event, metadata: { ...event.metadata, name: last.name }, firstTimestamp: last.firstTimestamp, count: last.count + 1 }
      : event;
    this.observed.set(key, { name: observed.metadata.name!, firstTimestamp: observed.firstTimestamp, count: observed.count });
    if (!this.acceptSpam(spamKey(event), at.date.getTime())) return;

    const existing = observed.count > 1 ? this.store.get(EVENTS, observed.metadata.namespace, observed.metadata.name!) : undefined;
    // The recorder PATCHes count, lastTimestamp and message of the first event; gone, it creates it again.
    if (existing) this.store.update(EVENTS, { ...existing, count: observed.count, lastTimestamp: observed.lastTimestamp, message: observed.message });
    else if (namespaceAdmits(this.store, observed.metadata.namespace!)) this.store.create(EVENTS, observed);
  }

  /**
   * After a restore the correlator's memory is gone but the events are not: an identical stored
   * event carries on counting, as the same kubelet would have.
   */
  private storedObservation(event: CoreEvent, key: string): Observation | undefined {
    // Events a client wrote may lack any field: compare only those shaped like this recorder's.
    const sameObject = (e: KubeObject): e is CoreEvent =>
      (e as CoreEvent).involvedObject?.uid === event.involvedObject.uid && (e as CoreEvent).reason === event.reason && (e as CoreEvent).source !== undefined;
    const stored = this.store.list(EVENTS, event.metadata.namespace).filter(sameObject).find((e) => eventKey(e) === key);
    return stored && { name: stored.metadata.name!, firstTimestamp: stored.firstTimestamp, count: stored.count };
  }

  /** EventSourceObjectSpamFilter: a token bucket per source and object. */
  private acceptSpam(key: string, nowMs: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: SPAM_BURST, at: nowMs };
    const tokens = Math.min(SPAM_BURST, bucket.tokens + (nowMs - bucket.at) / SPAM_REFILL_MS);
    const accepted = tokens >= 1;
    this.buckets.set(key, { tokens: accepted ? tokens - 1 : tokens, at: nowMs });
    return accepted;
  }
}

/** Who reports an events.k8s.io Event: the recorder's name and "<name>-<hostname>". */
export interface Reporter {
  controller: string;
  instance: string;
}

/**
 * client-go tools/events' recorder, as kube-scheduler uses it. A repeat of an event within
 * 6 minutes would become a series; the emulated scheduler only records an attempt whose outcome
 * changed, after which the pod's resourceVersion differs, so every event it records is new.
 */
export class EventsV1Recorder {
  constructor(
    private readonly store: ObjectStore,
    private readonly clock: EventClock,
  ) {}

  record(reporter: Reporter, regarding: ObjectReference, note: EventNote, action: string): void {
    const at = this.clock.now();
    const metadata = eventMeta(regarding, at);
    if (!namespaceAdmits(this.store, metadata.namespace)) return;
    this.store.create(EVENTS, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata,
      involvedObject: regarding,
      reason: note.reason,
      message: note.message,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type: note.type,
      eventTime: microTime(at),
      action,
      reportingComponent: reporter.controller,
      reportingInstance: reporter.instance,
    });
  }
}
