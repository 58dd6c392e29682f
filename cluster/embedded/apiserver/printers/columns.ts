// Which columns `kubectl get <resource>` shows: the printers.go handler registered for a
// group/resource, or the generic default table convertor (NAME, CREATED AT) for every kind
// without one, such as roles and clusterroles.
//
// Columns and cells follow upstream printers.go as of v1.32/v1.33; no change to these kinds'
// columns was found for v1.31 or later releases, so printers take no version. Should one
// appear, it belongs in PrinterOptions (data), never in a version test inside a cell.

import type { KubeObject } from '../types.js';
import { objectMeta } from './descriptions.js';
import { parseTimestamp } from './human-duration.js';
import { coreEventPrinter, eventsV1Printer } from './event-printer.js';
import {
  componentStatusPrinter,
  configMapPrinter,
  endpointSlicePrinter,
  endpointsPrinter,
  namespacePrinter,
  nodePrinter,
  secretPrinter,
  serviceAccountPrinter,
  servicePrinter,
} from './core-printers.js';
import { leasePrinter } from './lease-printer.js';
import { podPrinter } from './pod-printer.js';
import type { ResourcePrinter } from './printer.js';
import { column, nameColumn, nameOf } from './printer.js';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac-printers.js';
import { storageClassPrinter } from './storage-printers.js';
import { daemonSetPrinter, deploymentPrinter, replicaSetPrinter } from './workload-printers.js';

/** time.RFC3339 of a UTC time: no fractional seconds; an unset time is Go's zero time. */
function rfc3339(timestamp: string | null | undefined): string {
  const ms = parseTimestamp(timestamp);
  return ms === undefined ? '0001-01-01T00:00:00Z' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** k8s.io/apiserver rest.defaultTableConvertor. */
export const defaultTableConvertor: ResourcePrinter = {
  source: 'default-convertor',
  columns: [nameColumn, column('Created At', 'date', objectMeta.creationTimestamp)],
  printRow: (obj: KubeObject) => ({ cells: [nameOf(obj), rfc3339(obj.metadata.creationTimestamp)] }),
};

const PRINTERS: Record<string, ResourcePrinter> = {
  '/pods': podPrinter,
  '/nodes': nodePrinter,
  '/namespaces': namespacePrinter,
  '/secrets': secretPrinter,
  '/configmaps': configMapPrinter,
  '/serviceaccounts': serviceAccountPrinter,
  '/services': servicePrinter,
  '/endpoints': endpointsPrinter,
  '/events': coreEventPrinter,
  '/componentstatuses': componentStatusPrinter,
  'events.k8s.io/events': eventsV1Printer,
  'discovery.k8s.io/endpointslices': endpointSlicePrinter,
  'apps/deployments': deploymentPrinter,
  'apps/replicasets': replicaSetPrinter,
  'apps/daemonsets': daemonSetPrinter,
  'rbac.authorization.k8s.io/rolebindings': roleBindingPrinter,
  'rbac.authorization.k8s.io/clusterrolebindings': clusterRoleBindingPrinter,
  'storage.k8s.io/storageclasses': storageClassPrinter,
  'coordination.k8s.io/leases': leasePrinter,
};

/** The printer for a resource ("" is the core group), falling back to the default convertor. */
export function printerFor(group: string, resource: string): ResourcePrinter {
  return PRINTERS[`${group}/${resource}`] ?? defaultTableConvertor;
}
