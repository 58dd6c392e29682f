// printers.go handlers for apps/v1 Deployments, ReplicaSets and DaemonSets.

import type { KubeObject, LabelSelector } from '../types.js';
import { pod as podDoc, workload as doc } from './descriptions.js';
import { translateTimestampSince } from './human-duration.js';
import { formatLabelSelector, formatLabels, labelSelectorString } from './label-format.js';
import type { ResourcePrinter } from './printer.js';
import { ageColumn, column, containerCells, nameColumn, nameOf, wideColumn } from './printer.js';

interface WorkloadJson extends KubeObject {
  spec?: {
    replicas?: number;
    selector?: LabelSelector | null;
    template?: {
      spec?: { containers?: { name?: string; image?: string }[]; nodeSelector?: Record<string, string> };
    };
  };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    desiredNumberScheduled?: number;
    currentNumberScheduled?: number;
    numberReady?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
  };
}

/** spec.replicas as the internal type holds it: apps/v1 defaulting makes an absent value 1. */
function desiredReplicas(w: WorkloadJson): number {
  return w.spec?.replicas ?? 1;
}

const containersColumn = wideColumn('Containers', 'string', doc.containers);
const imagesColumn = wideColumn('Images', 'string', doc.images);

export const deploymentPrinter: ResourcePrinter = {
  source: 'printer',
  columns: [
    nameColumn,
    column('Ready', 'string', doc.readyPods),
    column('Up-to-date', 'string', doc.deploymentUpdatedReplicas),
    column('Available', 'string', doc.deploymentAvailableReplicas),
    ageColumn,
    containersColumn,
    imagesColumn,
    wideColumn('Selector', 'string', doc.deploymentSelector),
  ],
  printRow(obj, { now }) {
    const d = obj as WorkloadJson;
    const status = d.status ?? {};
    const { names, images } = containerCells(d.spec?.template?.spec?.containers);
    // Unlike ReplicaSets, an empty selector prints as "" here, an invalid one as "<invalid>".
    const selector = labelSelectorString(d.spec?.selector) ?? '<invalid>';
    return {
      cells: [
        nameOf(d),
        `${status.readyReplicas ?? 0}/${desiredReplicas(d)}`,
        status.updatedReplicas ?? 0,
        status.availableReplicas ?? 0,
        translateTimestampSince(d.metadata.creationTimestamp, now),
        names,
        images,
        selector,
      ],
    };
  },
};

export const replicaSetPrinter: ResourcePrinter = {
  source: 'printer',
  columns: [
    nameColumn,
    column('Desired', 'integer', doc.replicaSetDesired),
    column('Current', 'integer', doc.replicaSetCurrent),
    column('Ready', 'integer', doc.replicaSetReady),
    ageColumn,
    containersColumn,
    imagesColumn,
    wideColumn('Selector', 'string', doc.replicaSetSelector),
  ],
  printRow(obj, { now }) {
    const rs = obj as WorkloadJson;
    const { names, images } = containerCells(rs.spec?.template?.spec?.containers);
    return {
      cells: [
        nameOf(rs),
        desiredReplicas(rs),
        rs.status?.replicas ?? 0,
        rs.status?.readyReplicas ?? 0,
        translateTimestampSince(rs.metadata.creationTimestamp, now),
        names,
        images,
        formatLabelSelector(rs.spec?.selector),
      ],
    };
  },
};

export const daemonSetPrinter: ResourcePrinter = {
  source: 'printer',
  columns: [
    nameColumn,
    column('Desired', 'integer', doc.daemonSetDesired),
    column('Current', 'integer', doc.daemonSetCurrent),
    column('Ready', 'integer', doc.daemonSetReady),
    column('Up-to-date', 'integer', doc.daemonSetUpdated),
    column('Available', 'integer', doc.daemonSetAvailable),
    column('Node Selector', 'string', podDoc.nodeSelector),
    ageColumn,
    containersColumn,
    imagesColumn,
    wideColumn('Selector', 'string', doc.daemonSetSelector),
  ],
  printRow(obj, { now }) {
    const ds = obj as WorkloadJson;
    const status = ds.status ?? {};
    const podSpec = ds.spec?.template?.spec;
    const { names, images } = containerCells(podSpec?.containers);
    return {
      cells: [
        nameOf(ds),
        status.desiredNumberScheduled ?? 0,
        status.currentNumberScheduled ?? 0,
        status.numberReady ?? 0,
        status.updatedNumberScheduled ?? 0,
        status.numberAvailable ?? 0,
        formatLabels(podSpec?.nodeSelector),
        translateTimestampSince(ds.metadata.creationTimestamp, now),
        names,
        images,
        formatLabelSelector(ds.spec?.selector),
      ],
    };
  },
};
