// The RBAC a cluster of another version would hold if the learner had done there what they did on
// their own cluster: the other version's bootstrap policy (kube-apiserver, kubeadm and kind
// objects, aggregated roles settled), with the learner's changes laid over it. An object of the
// session counts as the learner's when the session's own bootstrap policy has no such object, or
// has it with other rules, subjects or roleRef; a bootstrap object the learner deleted stays gone.

import type { KubeVersion } from '../../cluster/versions.js';
import type { ObjectStore } from '../../cluster/embedded/apiserver/storage/store.js';
import { resourceKey } from '../../cluster/embedded/apiserver/storage/store.js';
import { settledBootstrapPolicy } from '../../cluster/embedded/apiserver/bootstrap/settled-policy.js';
import type { ClusterRole, ClusterRoleBinding, KubeObject, Role, RoleBinding } from '../../cluster/embedded/apiserver/types.js';

const RBAC = 'rbac.authorization.k8s.io';
type Kind = keyof RbacObjectLists;
const KINDS: readonly Kind[] = ['clusterRoles', 'roles', 'clusterRoleBindings', 'roleBindings'];
const PLURAL: Record<Kind, string> = { clusterRoles: 'clusterroles', roles: 'roles', clusterRoleBindings: 'clusterrolebindings', roleBindings: 'rolebindings' };

export interface RbacObjectLists {
  clusterRoles: ClusterRole[];
  roles: Role[];
  clusterRoleBindings: ClusterRoleBinding[];
  roleBindings: RoleBinding[];
}

export function rbacObjectsOf(store: ObjectStore): RbacObjectLists {
  const lists: Record<Kind, KubeObject[]> = { clusterRoles: [], roles: [], clusterRoleBindings: [], roleBindings: [] };
  for (const kind of KINDS) lists[kind] = [...store.list(resourceKey(RBAC, PLURAL[kind]))];
  return lists as RbacObjectLists;
}

/** A fresh cluster's RBAC for the version and gates, as the API server's store holds it. */
export function freshClusterRbac(version: KubeVersion, featureGates: Readonly<Record<string, boolean>>): RbacObjectLists {
  const policy = settledBootstrapPolicy(version, featureGates);
  return { clusterRoles: policy.clusterRoles, roles: policy.roles, clusterRoleBindings: policy.clusterRoleBindings, roleBindings: policy.roleBindings };
}

/** `session` with `sessionFresh` (its version's fresh RBAC) swapped for `targetFresh`. */
export function carryOver(session: RbacObjectLists, sessionFresh: RbacObjectLists, targetFresh: RbacObjectLists): RbacObjectLists {
  const out: Record<Kind, KubeObject[]> = { clusterRoles: [], roles: [], clusterRoleBindings: [], roleBindings: [] };
  for (const kind of KINDS) {
    const fresh = new Map<string, KubeObject>(sessionFresh[kind].map((o) => [objectKey(o), o]));
    const present = new Set(session[kind].map(objectKey));
    const learners = (session[kind] as KubeObject[]).filter((o) => {
      const original = fresh.get(objectKey(o));
      return !original || content(original) !== content(o);
    });
    const learnerKeys = new Set(learners.map(objectKey));
    const defaults = (targetFresh[kind] as KubeObject[]).filter((o) => {
      const key = objectKey(o);
      if (learnerKeys.has(key)) return false;
      // Deleted by the learner: absent from the session although its version created it.
      return present.has(key) || !fresh.has(key);
    });
    out[kind] = [...defaults, ...learners];
  }
  return out as RbacObjectLists;
}

function objectKey(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}

// Stored objects are replaced, never changed in place, so an object's content can be kept.
const contents = new WeakMap<KubeObject, string>();

/** What authorization reads of an RBAC object. */
function content(o: KubeObject): string {
  let text = contents.get(o);
  if (text === undefined) {
    text = JSON.stringify([o.rules ?? null, o.aggregationRule ?? null, o.subjects ?? null, o.roleRef ?? null]);
    contents.set(o, text);
  }
  return text;
}
