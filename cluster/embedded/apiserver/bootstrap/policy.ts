// The RBAC objects a fresh kind cluster holds right after `kind create cluster`: the API
// server's bootstrap policy plus what kubeadm and kind create, for one release and gate set.
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from '../types.js';
import { FEATURE_GATES } from '../../../feature-gates.js';
import type { KubeVersion } from '../../../versions.js';
import type { PolicyContext } from './conditions.js';
import { bootstrapClusterRoles, buildClusterRoles } from './cluster-roles.js';
import { bootstrapClusterRoleBindings } from './cluster-role-bindings.js';
import { CONTROLLER_ROLES } from './controller-roles.js';
import { installerClusterRoleBindings, installerClusterRoles, installerRoleBindings, installerRoles } from './installer-rbac.js';
import { bootstrapRoleBindings, bootstrapRoles } from './namespaced-roles.js';

export interface BootstrapPolicy {
  clusterRoles: ClusterRole[];
  clusterRoleBindings: ClusterRoleBinding[];
  roles: Role[];
  roleBindings: RoleBinding[];
}

/**
 * The gates that shape the API server's policy: the release defaults, overridden by what the
 * API server was started with. Validate `featureGates` first (validateFeatureGates); unknown
 * names are ignored here.
 */
export function policyContext(version: KubeVersion, featureGates: Readonly<Record<string, boolean>>): PolicyContext {
  const gates: Record<string, boolean> = {};
  for (const [name, spec] of Object.entries(FEATURE_GATES[version])) gates[name] = featureGates[name] ?? spec.default;
  return { version, gates };
}

export function bootstrapPolicy(version: KubeVersion, featureGates: Readonly<Record<string, boolean>>): BootstrapPolicy {
  const ctx = policyContext(version, featureGates);
  return {
    clusterRoles: [
      ...bootstrapClusterRoles(ctx),
      ...buildClusterRoles(CONTROLLER_ROLES, ctx, true),
      ...installerClusterRoles(),
    ],
    clusterRoleBindings: [...bootstrapClusterRoleBindings(ctx), ...installerClusterRoleBindings(version)],
    roles: [...bootstrapRoles(), ...installerRoles()],
    roleBindings: [...bootstrapRoleBindings(), ...installerRoleBindings()],
  };
}
