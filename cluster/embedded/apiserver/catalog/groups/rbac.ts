// rbac.authorization.k8s.io/v1: the four RBAC kinds, all stored. None has a short name.

import type { GroupSpec } from '../model.js';
import { resource } from '../model.js';

export const rbac: GroupSpec = {
  name: 'rbac.authorization.k8s.io',
  priority: 17000,
  versions: [
    {
      version: 'v1',
      priority: 15,
      resources: [
        resource('ClusterRoleBinding', 'clusterrolebindings', { namespaced: false, storage: 'stored' }),
        resource('ClusterRole', 'clusterroles', { namespaced: false, storage: 'stored' }),
        resource('RoleBinding', 'rolebindings', { namespaced: true, storage: 'stored' }),
        resource('Role', 'roles', { namespaced: true, storage: 'stored' }),
      ],
    },
  ],
};
