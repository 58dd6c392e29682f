// `kubectl get pods`: printPod from pkg/printers/internalversion/printers.go, read over the
// v1 JSON of a Pod. STATUS is the pod phase, overridden by the first failing init container
// (Init:Error, Init:CrashLoopBackOff, Init:1/3...) or else by the last app container that is
// waiting or terminated (CrashLoopBackOff, Completed, ExitCode:1...), then by Terminating.

import type { KubeObject } from '../types.js';
import { pod as doc } from './descriptions.js';
import { humanDuration, parseTimestamp, translateTimestampSince } from './human-duration.js';
import type { PrintedRow, PrinterOptions, ResourcePrinter, TableRowCondition } from './printer.js';
import { ageColumn, column, nameColumn, nameOf, wideColumn } from './printer.js';

interface ContainerSpec {
  name: string;
  restartPolicy?: string;
}

interface ContainerState {
  waiting?: { reason?: string };
  running?: object;
  terminated?: { exitCode?: number; signal?: number; reason?: string; finishedAt?: string | null };
}

interface ContainerStatus {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface Condition {
  type: string;
  status?: string;
  reason?: string;
}

interface PodJson extends KubeObject {
  spec?: {
    containers?: ContainerSpec[];
    initContainers?: ContainerSpec[];
    nodeName?: string;
    readinessGates?: { conditionType: string }[];
  };
  status?: {
    phase?: string;
    reason?: string;
    conditions?: Condition[];
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
    podIP?: string;
    podIPs?: { ip: string }[];
    nominatedNodeName?: string;
  };
}

const SUCCEEDED: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const FAILED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

/** The reason the node lifecycle controller sets on pods of an unreachable node. */
const NODE_LOST = 'NodeLost';

export const podPrinter: ResourcePrinter = {
  source: 'printer',
  columns: [
    nameColumn,
    column('Ready', 'string', doc.ready),
    column('Status', 'string', doc.status),
    column('Restarts', 'string', doc.restarts),
    ageColumn,
    wideColumn('IP', 'string', doc.podIP),
    wideColumn('Node', 'string', doc.nodeName),
    wideColumn('Nominated Node', 'string', doc.nominatedNodeName),
    wideColumn('Readiness Gates', 'string', doc.readinessGates),
  ],
  printRow: (obj, options) => printPod(obj as PodJson, options),
};

/** A restart tally: how many, and when the latest one ended (epoch ms, undefined if never). */
class Restarts {
  count = 0;
  last: number | undefined;

  add(status: ContainerStatus): void {
    this.count += status.restartCount ?? 0;
    const finished = parseTimestamp(status.lastState?.terminated?.finishedAt);
    if (finished !== undefined && (this.last === undefined || finished > this.last)) this.last = finished;
  }
}

function isRestartable(container: ContainerSpec | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

/** Whether the first condition of a type is True (upstream never looks past the first). */
function conditionTrue(conditions: Condition[] | undefined, type: string): boolean {
  const condition = (conditions ?? []).find((c) => c.type === type);
  return condition?.status === 'True';
}

function terminatedReason(terminated: NonNullable<ContainerState['terminated']>, prefix: string): string {
  if (terminated.reason) return prefix + terminated.reason;
  if (terminated.signal) return `${prefix}Signal:${terminated.signal}`;
  return `${prefix}ExitCode:${terminated.exitCode ?? 0}`;
}

function printPod(pod: PodJson, options: PrinterOptions): PrintedRow {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const initSpecs = new Map((spec.initContainers ?? []).map((c) => [c.name, c]));
  const phase = status.phase ?? '';

  let reason = status.reason || phase;
  if ((status.conditions ?? []).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  // Sidecars (restartable init containers) count towards READY like app containers.
  let totalContainers = (spec.containers ?? []).length;
  for (const c of spec.initContainers ?? []) if (isRestartable(c)) totalContainers++;
  let readyContainers = 0;

  let restarts = new Restarts();
  const sidecarRestarts = new Restarts();
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [i, container] of initStatuses.entries()) {
    restarts.add(container);
    const restartable = isRestartable(initSpecs.get(container.name));
    if (restartable) sidecarRestarts.add(container);

    const terminated = container.state?.terminated;
    const waitingReason = container.state?.waiting?.reason;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      reason = terminatedReason(terminated, 'Init:');
    } else if (waitingReason && waitingReason !== 'PodInitializing') {
      reason = `Init:${waitingReason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status.conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    let hasRunning = false;
    const appStatuses = status.containerStatuses ?? [];
    // Walk backwards so the first container's state wins, as upstream does.
    for (let i = appStatuses.length - 1; i >= 0; i--) {
      const container = appStatuses[i];
      if (!container) continue;
      restarts.add(container);
      const state = container.state ?? {};
      if (state.waiting?.reason) {
        reason = state.waiting.reason;
      } else if (state.terminated) {
        reason = terminatedReason(state.terminated, '');
      } else if (container.ready && state.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A finished container next to a running one does not make the pod "Completed".
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === NODE_LOST) {
    reason = 'Unknown';
  } else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartsCell = String(restarts.count);
  if (restarts.count !== 0 && restarts.last !== undefined) {
    restartsCell = `${restarts.count} (${humanDuration(options.now.getTime() - restarts.last)} ago)`;
  }

  const row: PrintedRow = {
    cells: [
      nameOf(pod),
      `${readyContainers}/${totalContainers}`,
      reason,
      restartsCell,
      translateTimestampSince(pod.metadata.creationTimestamp, options.now),
      podIP(pod) || '<none>',
      spec.nodeName || '<none>',
      status.nominatedNodeName || '<none>',
      readinessGates(pod),
    ],
  };
  if (phase === 'Succeeded') row.conditions = SUCCEEDED;
  if (phase === 'Failed') row.conditions = FAILED;
  return row;
}

/** The first pod IP; v1 objects that only set the legacy podIP convert to a one-entry podIPs. */
function podIP(pod: PodJson): string {
  return pod.status?.podIPs?.[0]?.ip ?? pod.status?.podIP ?? '';
}

function readinessGates(pod: PodJson): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const satisfied = gates.filter((g) => conditionTrue(pod.status?.conditions, g.conditionType)).length;
  return `${satisfied}/${gates.length}`;
}
