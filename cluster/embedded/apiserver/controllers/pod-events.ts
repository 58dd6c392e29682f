// The events of a pod's life, as kube-scheduler and the node's kubelet record them: Scheduled or
// FailedScheduling (events.k8s.io, reported by "default-scheduler"), then per container the
// kubelet's pull, create and start, its back-off on a later sync, and Killing on deletion
// (core/v1, source kubelet on the node). The pod lifecycle controller says when; this says what.

import type { KubeVersion } from '../../../versions.js';
import type { KubeObject } from '../types.js';
import { resourceKey, type ObjectStore } from '../storage/store.js';
import { EventClock, EventsV1Recorder, LegacyEventRecorder, referenceTo, type EventNote, type ObjectReference } from './event-recorder.js';
import { qualifiedImage } from './image-pull.js';
import type { PodStatus } from './kubelet-pod-status.js';
import { firstSyncNotes, killingNote, retriesSync, retrySyncNotes, type ContainerSpec } from './kubelet-event-notes.js';

const PODS = resourceKey('', 'pods');
const NODES = resourceKey('', 'nodes');
const POD = { apiVersion: 'v1', kind: 'Pod' };
const SCHEDULER = 'default-scheduler';
const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane';

type ContainerStatus = PodStatus['containerStatuses'][number];

const containersOf = (pod: KubeObject): ContainerSpec[] => (pod.spec as { containers?: ContainerSpec[] } | undefined)?.containers ?? [];
const statusesOf = (pod: KubeObject): ContainerStatus[] => (pod.status as Partial<PodStatus> | undefined)?.containerStatuses ?? [];
const nodeOf = (pod: KubeObject): string => (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '';

export class PodEvents {
  private readonly kubelet: LegacyEventRecorder;
  private readonly scheduler: EventsV1Recorder;
  /** Images each node pulled since this controller started: they stay after their pods go. */
  private readonly pulled = new Map<string, Set<string>>();

  constructor(
    private readonly store: ObjectStore,
    clock: () => Date,
  ) {
    const events = new EventClock(clock);
    this.kubelet = new LegacyEventRecorder(store, events);
    this.scheduler = new EventsV1Recorder(store, events);
  }

  /** The binding cycle's event, about the pod as the scheduler dequeued it. */
  scheduled(pod: KubeObject, nodeName: string): void {
    const message = `Successfully assigned ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} to ${nodeName}`;
    this.scheduler.record(this.schedulerReporter(), referenceTo(pod, POD), { type: 'Normal', reason: 'Scheduled', message }, 'Binding');
  }

  /** handleSchedulingFailure: the FitError's message. */
  failedScheduling(pod: KubeObject, message: string): void {
    this.scheduler.record(this.schedulerReporter(), referenceTo(pod, POD), { type: 'Warning', reason: 'FailedScheduling', message }, 'Scheduling');
  }

  /** The kubelet's first sync of `pod` (as it was before), which ended in `status`. */
  firstSync(pod: KubeObject, status: PodStatus, release: KubeVersion | undefined, only?: readonly string[]): void {
    const node = nodeOf(pod);
    const present = this.imagesOn(node, pod.metadata.uid);
    for (const c of containersOf(pod)) {
      if (only && !only.includes(c.name)) continue;
      const waiting = status.containerStatuses.find((s) => s.name === c.name)?.state.waiting;
      this.recordAll(pod, c, firstSyncNotes(c, waiting, present.has(qualifiedImage(c.image)), release));
      if (!waiting) this.remember(node, c.image, present);
    }
  }

  /** A later sync of a pod whose containers wait on an image: each says so again. */
  retrySync(pod: KubeObject): void {
    for (const c of containersOf(pod)) {
      const waiting = statusesOf(pod).find((s) => s.name === c.name)?.state.waiting;
      if (waiting) this.recordAll(pod, c, retrySyncNotes(c, waiting));
    }
  }

  /** Whether the pod's worker keeps syncing it (a sync that fails is retried after its back-off). */
  retriesSync(pod: KubeObject): boolean {
    return statusesOf(pod).some((s) => retriesSync(s.state.waiting));
  }

  /** killContainer for each running container of a deleted pod. */
  killing(pod: KubeObject): void {
    for (const c of containersOf(pod)) {
      if (statusesOf(pod).find((s) => s.name === c.name)?.state.running) this.recordAll(pod, c, [killingNote(c)]);
    }
  }

  private recordAll(pod: KubeObject, c: ContainerSpec, notes: EventNote[]): void {
    const source = { component: 'kubelet', host: nodeOf(pod) };
    const ref: ObjectReference = referenceTo(pod, POD, `spec.containers{${c.name}}`);
    for (const note of notes) this.kubelet.record(source, ref, note);
  }

  /** What the node's containerd holds: images its running pods use (the preloaded ones included) and what it pulled. */
  private imagesOn(node: string, except: string | undefined): Set<string> {
    const images = new Set(this.pulled.get(node));
    for (const p of this.store.list(PODS)) {
      if (nodeOf(p) !== node || p.metadata.uid === except) continue;
      for (const s of statusesOf(p)) if (s.imageID) images.add(qualifiedImage(s.image));
    }
    return images;
  }

  private remember(node: string, image: string, present: Set<string>): void {
    const q = qualifiedImage(image);
    present.add(q);
    let pulled = this.pulled.get(node);
    if (!pulled) this.pulled.set(node, (pulled = new Set()));
    pulled.add(q);
  }

  /** events.NewRecorder: "<scheduler name>-<hostname>", the control-plane node kube-scheduler runs on. */
  private schedulerReporter(): { controller: string; instance: string } {
    const nodes = this.store.list(NODES);
    const host = (nodes.find((n) => n.metadata.labels?.[CONTROL_PLANE_LABEL] !== undefined) ?? nodes[0])?.metadata.name ?? '';
    return { controller: SCHEDULER, instance: `${SCHEDULER}-${host}` };
  }
}
