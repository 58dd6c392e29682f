// RbacSource over the object store: what the RBAC authorizer reads in a running cluster.
// Its state stamp is the store's list of each RBAC resource: ObjectStore.list() hands out the same
// array until that resource changes (or the store is restored), then a new one.

import type { ClusterRole, ClusterRoleBinding, RbacSource, Role, RoleBinding } from '../types.js';
import { resourceKey, type ObjectStore } from '../storage/store.js';

const CLUSTER_ROLES = resourceKey('rbac.authorization.k8s.io', 'clusterroles');
const CLUSTER_ROLE_BINDINGS = resourceKey('rbac.authorization.k8s.io', 'clusterrolebindings');
const ROLES = resourceKey('rbac.authorization.k8s.io', 'roles');
const ROLE_BINDINGS = resourceKey('rbac.authorization.k8s.io', 'rolebindings');

export class StoreRbacSource implements RbacSource {
  constructor(private readonly store: ObjectStore) {}

  listClusterRoleBindings(): readonly ClusterRoleBinding[] {
    return this.store.list(CLUSTER_ROLE_BINDINGS) as readonly ClusterRoleBinding[];
  }

  listRoleBindings(namespace: string): readonly RoleBinding[] {
    return this.store.list(ROLE_BINDINGS, namespace) as readonly RoleBinding[];
  }

  getClusterRole(name: string): ClusterRole | undefined {
    return this.store.get(CLUSTER_ROLES, undefined, name) as ClusterRole | undefined;
  }

  getRole(namespace: string, name: string): Role | undefined {
    return this.store.get(ROLES, namespace, name) as Role | undefined;
  }

  stateStamp(): readonly unknown[] {
    return [this.store.list(CLUSTER_ROLE_BINDINGS), this.store.list(ROLE_BINDINGS), this.store.list(CLUSTER_ROLES), this.store.list(ROLES)];
  }
}
