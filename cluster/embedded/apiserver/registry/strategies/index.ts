// Which strategy and which extra field-selector fields each stored kind has.

import type { KubeObject, ResourceDef } from '../../types.js';
import type { Strategy } from '../strategy.js';
import type { FieldGetter } from '../selectors.js';
import { bindingStrategy, roleStrategy } from './rbac.js';
import { configMapStrategy, namespaceStrategy, secretStrategy, serviceAccountStrategy } from './core.js';
import { podStrategy } from './pod.js';

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
  'apps/deployments': { tracksGeneration: true },
  'apps/daemonsets': { tracksGeneration: true },
  'apps/statefulsets': { tracksGeneration: true },
  'apps/replicasets': { tracksGeneration: true },
  'batch/jobs': { tracksGeneration: true },
  'batch/cronjobs': { tracksGeneration: true },
};

const field = (path: string): FieldGetter => (o: KubeObject) => {
  let v: unknown = o;
  for (const part of path.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
  return v === undefined || v === null ? '' : String(v);
};

// The field selectors upstream registers per kind (pkg/registry/core/*/strategy.go ToSelectableFields).
const FIELDS: Record<string, Record<string, FieldGetter>> = {
  '/pods': Object.fromEntries(
    ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'].map((p) => [p, field(p)]),
  ),
  '/events': Object.fromEntries(
    ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'].map((p) => [p, field(p)]),
  ),
  '/secrets': { type: field('type') },
  '/namespaces': { 'status.phase': field('status.phase') },
  '/nodes': { 'spec.unschedulable': field('spec.unschedulable') },
};

export function strategyFor(def: ResourceDef): Strategy | undefined {
  return STRATEGIES[`${def.group}/${def.plural}`];
}

export function fieldsFor(def: ResourceDef): Record<string, FieldGetter> {
  return FIELDS[`${def.group}/${def.plural}`] ?? {};
}
