// An RbacSource over plain arrays: for golden-case tests and for "what if" evaluations that must
// not touch the cluster's store. List order is the order given, like an informer cache snapshot.

import type { ClusterRole, ClusterRoleBinding, RbacSource, Role, RoleBinding } from '../types.js';

export interface RbacObjects {
  clusterRoles?: readonly ClusterRole[];
  roles?: readonly Role[];
  clusterRoleBindings?: readonly ClusterRoleBinding[];
  roleBindings?: readonly RoleBinding[];
}

export class MemoryRbacSource implements RbacSource {
  private readonly clusterRoles = new Map<string, ClusterRole>();
  private readonly roles = new Map<string, Role>();
  private readonly clusterRoleBindings: readonly ClusterRoleBinding[];
  private readonly roleBindings = new Map<string, RoleBinding[]>();

  constructor(objects: RbacObjects) {
    for (const role of objects.clusterRoles ?? []) this.clusterRoles.set(role.metadata.name ?? '', role);
    for (const role of objects.roles ?? []) this.roles.set(key(role.metadata.namespace, role.metadata.name), role);
    this.clusterRoleBindings = objects.clusterRoleBindings ?? [];
    for (const binding of objects.roleBindings ?? []) {
      const namespace = binding.metadata.namespace ?? '';
      const list = this.roleBindings.get(namespace) ?? [];
      list.push(binding);
      this.roleBindings.set(namespace, list);
    }
  }

  listClusterRoleBindings(): readonly ClusterRoleBinding[] {
    return this.clusterRoleBindings;
  }

  listRoleBindings(namespace: string): readonly RoleBinding[] {
    return this.roleBindings.get(namespace) ?? [];
  }

  getClusterRole(name: string): ClusterRole | undefined {
    return this.clusterRoles.get(name);
  }

  getRole(namespace: string, name: string): Role | undefined {
    return this.roles.get(key(namespace, name));
  }
}

function key(namespace: string | undefined, name: string | undefined): string {
  return `${namespace ?? ''}/${name ?? ''}`;
}
