// Roles and RoleBindings of the bootstrap policy (namespace_policy.go): leader locking and the
// authentication ConfigMap reader in kube-system, the bootstrap-token controllers' access in
// kube-system and kube-public. Labelled and annotated like the cluster-scoped bootstrap objects.
import type { Role, RoleBinding, Subject } from '../types.js';
import { eventsRule, namespacedRole, READ, roleBinding, rule, serviceAccount, user } from './rbac-builders.js';

const KUBE_SYSTEM = 'kube-system';
const KUBE_PUBLIC = 'kube-public';
const bootstrap = { bootstrap: true };

const leaderLocking = (component: string) =>
  namespacedRole(KUBE_SYSTEM, `system::leader-locking-${component}`, [
    rule(['watch'], [''], ['configmaps']),
    rule(['get', 'update'], [''], ['configmaps'], [component]),
  ], bootstrap);

export function bootstrapRoles(): Role[] {
  return [
    namespacedRole(KUBE_SYSTEM, 'extension-apiserver-authentication-reader', [
      rule(READ, [''], ['configmaps'], ['extension-apiserver-authentication']),
    ], bootstrap),
    leaderLocking('kube-controller-manager'),
    leaderLocking('kube-scheduler'),
    namespacedRole(KUBE_SYSTEM, 'system:controller:bootstrap-signer', [rule(READ, [''], ['secrets'])], bootstrap),
    namespacedRole(KUBE_SYSTEM, 'system:controller:cloud-provider', [
      rule(['create', 'get', 'list', 'watch'], [''], ['configmaps']),
    ], bootstrap),
    namespacedRole(KUBE_SYSTEM, 'system:controller:token-cleaner', [
      rule(['delete', 'get', 'list', 'watch'], [''], ['secrets']),
      eventsRule(),
    ], bootstrap),
    namespacedRole(KUBE_PUBLIC, 'system:controller:bootstrap-signer', [
      rule(READ, [''], ['configmaps']),
      rule(['update'], [''], ['configmaps'], ['cluster-info']),
      eventsRule(),
    ], bootstrap),
  ];
}

const bindRole = (namespace: string, name: string, role: string, subjects: Subject[]): RoleBinding =>
  roleBinding(namespace, name, { kind: 'Role', name: role }, subjects, bootstrap);

export function bootstrapRoleBindings(): RoleBinding[] {
  return [
    bindRole(KUBE_SYSTEM, 'system::extension-apiserver-authentication-reader', 'extension-apiserver-authentication-reader', [
      user('system:kube-controller-manager'),
      user('system:kube-scheduler'),
    ]),
    ...['kube-controller-manager', 'kube-scheduler'].map((component) =>
      bindRole(KUBE_SYSTEM, `system::leader-locking-${component}`, `system::leader-locking-${component}`, [
        user(`system:${component}`),
        serviceAccount(KUBE_SYSTEM, component),
      ]),
    ),
    ...['bootstrap-signer', 'cloud-provider', 'token-cleaner'].map((controller) =>
      bindRole(KUBE_SYSTEM, `system:controller:${controller}`, `system:controller:${controller}`, [
        serviceAccount(KUBE_SYSTEM, controller),
      ]),
    ),
    bindRole(KUBE_PUBLIC, 'system:controller:bootstrap-signer', 'system:controller:bootstrap-signer', [
      serviceAccount(KUBE_SYSTEM, 'bootstrap-signer'),
    ]),
  ];
}
