// Terse constructors for RBAC objects and subjects, so policy written in code (tests, what-if
// evaluations, scenario setup) reads like the YAML it stands for.

import type { ClusterRole, PolicyRule, Role, RoleBinding, RoleRef, Subject } from '../types.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function clusterRole(name: string, rules: PolicyRule[]): ClusterRole {
  return { apiVersion: `${RBAC_GROUP}/v1`, kind: 'ClusterRole', metadata: { name }, rules };
}

export function role(namespace: string, name: string, rules: PolicyRule[]): Role {
  return { apiVersion: `${RBAC_GROUP}/v1`, kind: 'Role', metadata: { name, namespace }, rules };
}

export function roleRef(kind: string, name: string): RoleRef {
  return { apiGroup: RBAC_GROUP, kind, name };
}

export function clusterRoleBinding(name: string, clusterRoleName: string, subjects: Subject[]): RoleBinding {
  return {
    apiVersion: `${RBAC_GROUP}/v1`,
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: roleRef('ClusterRole', clusterRoleName),
    subjects,
  };
}

export function roleBinding(namespace: string, name: string, ref: RoleRef, subjects: Subject[]): RoleBinding {
  return { apiVersion: `${RBAC_GROUP}/v1`, kind: 'RoleBinding', metadata: { name, namespace }, roleRef: ref, subjects };
}

export function userSubject(name: string): Subject {
  return { kind: 'User', apiGroup: RBAC_GROUP, name };
}

export function groupSubject(name: string): Subject {
  return { kind: 'Group', apiGroup: RBAC_GROUP, name };
}

/** A ServiceAccount subject; leave out the namespace to mean the RoleBinding's own. */
export function serviceAccountSubject(name: string, namespace?: string): Subject {
  return namespace === undefined ? { kind: 'ServiceAccount', name } : { kind: 'ServiceAccount', name, namespace };
}
