// The ClusterRoleBindings of the bootstrap policy (policy.go ClusterRoleBindings() and one
// binding per controller role of controller_policy.go).
import type { ClusterRoleBinding, Subject } from '../types.js';
import { holds, type PolicyContext } from './conditions.js';
import { CONTROLLER_ROLES } from './controller-roles.js';
import { clusterRoleBinding, group, serviceAccount, user } from './rbac-builders.js';

interface BindingSpec {
  name: string;
  role: string;
  subjects: Subject[];
}

export const BOOTSTRAP_CLUSTER_ROLE_BINDINGS: readonly BindingSpec[] = [
  { name: 'cluster-admin', role: 'cluster-admin', subjects: [group('system:masters')] },
  { name: 'system:monitoring', role: 'system:monitoring', subjects: [group('system:monitoring')] },
  { name: 'system:discovery', role: 'system:discovery', subjects: [group('system:authenticated')] },
  { name: 'system:basic-user', role: 'system:basic-user', subjects: [group('system:authenticated')] },
  {
    name: 'system:public-info-viewer',
    role: 'system:public-info-viewer',
    subjects: [group('system:authenticated'), group('system:unauthenticated')],
  },
  { name: 'system:node-proxier', role: 'system:node-proxier', subjects: [user('system:kube-proxy')] },
  {
    name: 'system:kube-controller-manager',
    role: 'system:kube-controller-manager',
    subjects: [user('system:kube-controller-manager')],
  },
  // Bound to a ServiceAccount no kubeadm cluster creates (CoreDNS runs as "coredns").
  { name: 'system:kube-dns', role: 'system:kube-dns', subjects: [serviceAccount('kube-system', 'kube-dns')] },
  { name: 'system:kube-scheduler', role: 'system:kube-scheduler', subjects: [user('system:kube-scheduler')] },
  { name: 'system:volume-scheduler', role: 'system:volume-scheduler', subjects: [user('system:kube-scheduler')] },
  // Kept without subjects since the Node authorizer replaced it (1.8); the object still exists.
  { name: 'system:node', role: 'system:node', subjects: [] },
  {
    name: 'system:service-account-issuer-discovery',
    role: 'system:service-account-issuer-discovery',
    subjects: [group('system:serviceaccounts')],
  },
];

export function bootstrapClusterRoleBindings(ctx: PolicyContext): ClusterRoleBinding[] {
  const fixed = BOOTSTRAP_CLUSTER_ROLE_BINDINGS.map((b) => clusterRoleBinding(b.name, b.role, b.subjects, { bootstrap: true }));
  // A controller's binding exists exactly when its role does.
  const controllers = CONTROLLER_ROLES.filter((role) => holds(role.when, ctx)).map((role) =>
    clusterRoleBinding(role.name, role.name, [serviceAccount('kube-system', role.serviceAccount)], { bootstrap: true }),
  );
  return [...fixed, ...controllers];
}
