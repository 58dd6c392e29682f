// Small constructors for RBAC objects, shaped like the kube-apiserver stores and serves them
// (field order as in the Go structs, so `kubectl get -o json` reads like a real cluster's).
import type { ClusterRole, PolicyRule, Role, RoleBinding, Subject } from '../types.js';

export const RBAC_API_VERSION = 'rbac.authorization.k8s.io/v1';
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** What bootstrappolicy stamps on every object it owns (addClusterRoleLabel and friends). */
export const BOOTSTRAP_LABELS: Readonly<Record<string, string>> = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
export const AUTOUPDATE_ANNOTATIONS: Readonly<Record<string, string>> = {
  'rbac.authorization.kubernetes.io/autoupdate': 'true',
};

export const READ = ['get', 'list', 'watch'];
export const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];
export const READ_WRITE = [...READ, ...WRITE];
export const READ_UPDATE = [...READ, 'update', 'patch'];

const sorted = (values: readonly string[]): string[] => [...values].sort();

/**
 * A resource rule. Like rbacv1helpers.NewRule(...).RuleOrDie(), every list is sorted, so data can
 * be written in the order upstream source lists it and still come out as the server serves it.
 */
export function rule(
  verbs: readonly string[],
  apiGroups: readonly string[],
  resources: readonly string[],
  resourceNames?: readonly string[],
): PolicyRule {
  const built: PolicyRule = { verbs: sorted(verbs), apiGroups: sorted(apiGroups), resources: sorted(resources) };
  if (resourceNames) built.resourceNames = sorted(resourceNames);
  return built;
}

/** A non-resource rule (URL paths). */
export function urlRule(verbs: readonly string[], urls: readonly string[]): PolicyRule {
  return { verbs: sorted(verbs), nonResourceURLs: sorted(urls) };
}

/** bootstrappolicy.eventsRule(): create/update/patch events in both event API groups. */
export const eventsRule = (): PolicyRule => rule(['create', 'update', 'patch'], ['', 'events.k8s.io'], ['events']);

// Subjects as stored: the API server defaults apiGroup for User and Group, never for ServiceAccount.
export const user = (name: string): Subject => ({ kind: 'User', apiGroup: RBAC_GROUP, name });
export const group = (name: string): Subject => ({ kind: 'Group', apiGroup: RBAC_GROUP, name });
export const serviceAccount = (namespace: string, name: string): Subject => ({ kind: 'ServiceAccount', name, namespace });

interface OwnerMeta {
  /** Objects of the bootstrap policy carry its label and auto-update annotation; kubeadm's and kind's do not. */
  bootstrap: boolean;
  labels?: Record<string, string>;
}

function metadata(name: string, namespace: string | undefined, owner: OwnerMeta): ClusterRole['metadata'] {
  const labels = { ...(owner.bootstrap ? BOOTSTRAP_LABELS : {}), ...owner.labels };
  const meta: ClusterRole['metadata'] = { name };
  if (namespace) meta.namespace = namespace;
  if (Object.keys(labels).length > 0) meta.labels = labels;
  if (owner.bootstrap) meta.annotations = { ...AUTOUPDATE_ANNOTATIONS };
  return meta;
}

export function clusterRole(name: string, rules: PolicyRule[], owner: OwnerMeta): ClusterRole {
  return { kind: 'ClusterRole', apiVersion: RBAC_API_VERSION, metadata: metadata(name, undefined, owner), rules };
}

/** A role whose rules the aggregation controller fills; bootstrap stores it with `rules: null`. */
export function aggregatedClusterRole(name: string, selectorLabel: string, owner: OwnerMeta): ClusterRole {
  return {
    kind: 'ClusterRole',
    apiVersion: RBAC_API_VERSION,
    metadata: metadata(name, undefined, owner),
    rules: null,
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [selectorLabel]: 'true' } }] },
  };
}

export function namespacedRole(namespace: string, name: string, rules: PolicyRule[], owner: OwnerMeta): Role {
  return { kind: 'Role', apiVersion: RBAC_API_VERSION, metadata: metadata(name, namespace, owner), rules };
}

export function clusterRoleBinding(name: string, roleName: string, subjects: Subject[], owner: OwnerMeta): RoleBinding {
  return binding('ClusterRoleBinding', undefined, name, { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: roleName }, subjects, owner);
}

export function roleBinding(
  namespace: string,
  name: string,
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string },
  subjects: Subject[],
  owner: OwnerMeta,
): RoleBinding {
  return binding('RoleBinding', namespace, name, { apiGroup: RBAC_GROUP, ...roleRef }, subjects, owner);
}

function binding(
  kind: string,
  namespace: string | undefined,
  name: string,
  roleRef: RoleBinding['roleRef'],
  subjects: Subject[],
  owner: OwnerMeta,
): RoleBinding {
  // Go field order: subjects before roleRef. An empty list is omitted (`subjects,omitempty`),
  // which is how the system:node binding is served.
  return {
    kind,
    apiVersion: RBAC_API_VERSION,
    metadata: metadata(name, namespace, owner),
    ...(subjects.length > 0 ? { subjects } : {}),
    roleRef,
  };
}
