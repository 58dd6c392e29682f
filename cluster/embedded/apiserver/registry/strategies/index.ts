// Which strategy and which field selectors each stored kind has.

import type { KubeObject, ResourceDef } from '../../types.js';
import type { Strategy } from '../strategy.js';
import { DEFAULT_FIELD_SELECTORS, metadataFieldGetters, registeredFieldSelectors, type FieldGetter, type FieldSelectorSpec } from '../selectors.js';
import { bindingStrategy, roleStrategy } from './rbac.js';
import { configMapStrategy, namespaceStrategy, secretStrategy, serviceAccountStrategy } from './core.js';
import { podStrategy } from './pod.js';
import { deploymentStrategy, replicaSetStrategy } from './apps.js';

const STRATEGIES: Record<string, Strategy> = {
  'rbac.authorization.k8s.io/clusterroles': roleStrategy('ClusterRole'),
  'rbac.authorization.k8s.io/roles': roleStrategy('Role'),
  'rbac.authorization.k8s.io/clusterrolebindings': bindingStrategy('ClusterRoleBinding'),
  'rbac.authorization.k8s.io/rolebindings': bindingStrategy('RoleBinding'),
  '/namespaces': namespaceStrategy,
  '/secrets': secretStrategy,
  '/serviceaccounts': serviceAccountStrategy,
  '/configmaps': configMapStrategy,
  '/pods': podStrategy,
  'apps/deployments': deploymentStrategy,
  'apps/daemonsets': { tracksGeneration: true },
  'apps/statefulsets': { tracksGeneration: true },
  'apps/replicasets': replicaSetStrategy,
  'batch/jobs': { tracksGeneration: true },
  'batch/cronjobs': { tracksGeneration: true },
};

const field = (path: string): FieldGetter => (o: KubeObject) => {
  let v: unknown = o;
  for (const part of path.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
  return v === undefined || v === null ? '' : String(v);
};

const fields = (...paths: string[]): Record<string, FieldGetter> => Object.fromEntries(paths.map((p) => [p, field(p)]));

/** An event's "source" field: the component of the old API, else the reporting controller of the new. */
const eventSource = (component: string, reportingController: string): FieldGetter => (o) => field(component)(o) || field(reportingController)(o);

// Kinds with their own field-label conversion func (pkg/apis/core/v1/conversion.go); every
// other kind accepts metadata.name and metadata.namespace only.
const FIELDS: Record<string, FieldSelectorSpec> = {
  '/pods': registeredFieldSelectors({
    ...metadataFieldGetters('metadata.name', 'metadata.namespace'),
    ...fields('spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'),
    'status.podIPs': field('status.podIP'),
    'spec.host': field('spec.nodeName'), // old v1 clients' name for spec.nodeName
  }),
  '/events': registeredFieldSelectors({
    ...metadataFieldGetters('metadata.name', 'metadata.namespace'),
    ...fields('involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'type'),
    source: eventSource('source.component', 'reportingComponent'),
  }),
  // events.k8s.io/v1 names the same selectable fields after its own (pkg/apis/events/v1/conversion.go).
  'events.k8s.io/events': registeredFieldSelectors({
    ...metadataFieldGetters('metadata.name', 'metadata.namespace'),
    ...fields('regarding.kind', 'regarding.namespace', 'regarding.name', 'regarding.uid', 'regarding.apiVersion', 'regarding.resourceVersion', 'regarding.fieldPath', 'reason', 'reportingController', 'type'),
    source: eventSource('deprecatedSource.component', 'reportingController'),
  }),
  '/secrets': registeredFieldSelectors({ ...metadataFieldGetters('metadata.name', 'metadata.namespace'), ...fields('type') }),
  '/services': registeredFieldSelectors({ ...metadataFieldGetters('metadata.name', 'metadata.namespace'), ...fields('spec.clusterIP', 'spec.type') }),
  '/replicationcontrollers': registeredFieldSelectors({ ...metadataFieldGetters('metadata.name', 'metadata.namespace'), ...fields('status.replicas') }),
  '/namespaces': registeredFieldSelectors({ ...metadataFieldGetters('metadata.name'), ...fields('status.phase') }),
  '/nodes': registeredFieldSelectors({ ...metadataFieldGetters('metadata.name'), ...fields('spec.unschedulable') }),
};

export function strategyFor(def: ResourceDef): Strategy | undefined {
  return STRATEGIES[`${def.group}/${def.plural}`];
}

export function fieldSelectorsFor(def: ResourceDef): FieldSelectorSpec {
  return FIELDS[`${def.group}/${def.plural}`] ?? DEFAULT_FIELD_SELECTORS;
}
