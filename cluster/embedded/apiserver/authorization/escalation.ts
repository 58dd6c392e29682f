// RBAC's privilege-escalation prevention, as the registry applies it before storing a write:
// pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}/policybased/storage.go,
// pkg/registry/rbac/escalation_check.go and ConfirmNoEscalation in pkg/registry/rbac/validation/rule.go.
//
// The registry calls checkRoleWrite / checkBindingWrite on create, update, patch and apply of the
// four RBAC kinds (with `old` for anything but a create), before validation, and stores the object
// only when they return undefined; otherwise it answers with the returned ApiError.

import { forbidden, type ApiError } from '../status.js';
import type {
  Attributes,
  Authorizer,
  ClusterRole,
  PolicyRule,
  RbacSource,
  Role,
  RoleBinding,
  RoleRef,
  UserInfo,
} from '../types.js';
import { aggregateMessage } from './aggregate-error.js';
import { describeMissingRules } from './compact-rules.js';
import { isOnlyMutatingGCFields } from './gc-fields.js';
import { goQuote, goQuoteList } from './go-quote.js';
import { covers } from './policy-comparator.js';
import { isPrivileged } from './privileged-groups.js';
import { registryError } from './role-errors.js';
import { getRoleReferenceRules, isResolutionError, rulesFor } from './rule-resolver.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** What setting an aggregationRule requires: everything, i.e. cluster-admin. */
const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

export interface WriteRequest {
  /** The requesting user (after impersonation). */
  user: UserInfo;
  /** The request's namespace; "" for the cluster-scoped kinds. */
  namespace: string;
  /** The API server's authorizer chain: it answers the `escalate` and `bind` checks. */
  authorizer: Authorizer;
  /** Roles and bindings as the registry reads them (a missing role becomes a 404 here). */
  rbac: RbacSource;
}

export interface RoleWrite extends WriteRequest {
  kind: 'Role' | 'ClusterRole';
  object: Role | ClusterRole;
  /** The stored object an update replaces; absent on create. */
  old?: Role | ClusterRole;
  /**
   * The name in the request URL, which the `escalate` check uses: "" for a POST. Defaults to ""
   * without `old` and to the object's name with it; pass it for an update that creates (apply).
   */
  requestName?: string;
}

export interface BindingWrite extends WriteRequest {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  object: RoleBinding;
  /** The stored object an update replaces; absent on create. */
  old?: RoleBinding;
}

const ROLE_RESOURCES = { Role: 'roles', ClusterRole: 'clusterroles' } as const;
const BINDING_RESOURCES = { RoleBinding: 'rolebindings', ClusterRoleBinding: 'clusterrolebindings' } as const;

/**
 * ConfirmNoEscalation: undefined if the user already holds every rule in `namespace`, otherwise the
 * error text naming what is missing, e.g.
 * `user "u" (groups=["g"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["get"]}`.
 */
export function confirmNoEscalation(
  source: RbacSource,
  user: UserInfo,
  namespace: string,
  rules: readonly PolicyRule[],
): string | undefined {
  const owned = rulesFor(source, user, namespace);
  const { covered, uncovered } = covers(owned.rules, rules);
  if (covered) return undefined;
  let message =
    `user ${goQuote(user.username)} (groups=${goQuoteList(user.groups)}) ` +
    `is attempting to grant RBAC permissions not currently held:\n${describeMissingRules(uncovered).join('\n')}`;
  if (owned.errors.length > 0) {
    // fmt's %v of a one-element []error holding the aggregate: brackets around the aggregate's text.
    message += `; resolution errors: [${aggregateMessage(owned.errors.map((e) => registryError(e).message))}]`;
  }
  return message;
}

function authorized(authorizer: Authorizer, attrs: Attributes): boolean {
  return authorizer.authorize(attrs).decision === 'allow';
}

/** RoleEscalationAuthorized: verb `escalate` on the role named in the request URL. */
function escalateAuthorized(write: RoleWrite): boolean {
  return authorized(write.authorizer, {
    user: write.user,
    verb: 'escalate',
    resourceRequest: true,
    apiGroup: RBAC_GROUP,
    apiVersion: '*',
    resource: ROLE_RESOURCES[write.kind],
    namespace: write.namespace,
    name: write.requestName ?? (write.old ? (write.object.metadata.name ?? '') : ''),
  });
}

/** BindingAuthorized: verb `bind` on the referenced role, in the binding's namespace ("" for CRBs). */
function bindAuthorized(user: UserInfo, roleRef: RoleRef, namespace: string, authorizer: Authorizer): boolean {
  const resource = roleRef.kind === 'ClusterRole' ? 'clusterroles' : roleRef.kind === 'Role' ? 'roles' : undefined;
  if (!resource) return false;
  return authorized(authorizer, {
    user,
    verb: 'bind',
    resourceRequest: true,
    apiGroup: roleRef.apiGroup,
    resource,
    namespace,
    name: roleRef.name,
  });
}

function hasAggregationRule(role: ClusterRole | undefined): boolean {
  return (role?.aggregationRule?.clusterRoleSelectors?.length ?? 0) > 0;
}

/**
 * Creating or updating a Role or ClusterRole. Allowed for system:masters, for users granted
 * `escalate` on it, and otherwise only if the user already holds every rule it contains; an
 * aggregationRule (new, or on the replaced object) additionally requires cluster-admin.
 */
export function checkRoleWrite(write: RoleWrite): ApiError | undefined {
  if (isPrivileged(write.user.groups) || escalateAuthorized(write)) return undefined;
  if (write.old && isOnlyMutatingGCFields(write.object, write.old)) return undefined;

  const resource = ROLE_RESOURCES[write.kind];
  const name = write.object.metadata.name ?? '';
  const missing = confirmNoEscalation(write.rbac, write.user, write.namespace, write.object.rules ?? []);
  if (missing) return forbidden(RBAC_GROUP, resource, name, missing);

  if (write.kind === 'ClusterRole' && (hasAggregationRule(write.object) || hasAggregationRule(write.old))) {
    if (confirmNoEscalation(write.rbac, write.user, write.namespace, FULL_AUTHORITY)) {
      return forbidden(RBAC_GROUP, resource, name, 'must have cluster-admin privileges to use the aggregationRule');
    }
  }
  return undefined;
}

/**
 * Creating or updating a RoleBinding or ClusterRoleBinding. Allowed for system:masters, for users
 * granted `bind` on the referenced role, and otherwise only if the user already holds every rule of
 * that role, which must then exist (404 otherwise).
 */
export function checkBindingWrite(write: BindingWrite): ApiError | undefined {
  if (isPrivileged(write.user.groups)) return undefined;
  if (write.old && isOnlyMutatingGCFields(write.object, write.old)) return undefined;

  const { roleRef } = write.object;
  if (bindAuthorized(write.user, roleRef, write.namespace, write.authorizer)) return undefined;

  const rules = getRoleReferenceRules(write.rbac, roleRef, write.namespace);
  if (isResolutionError(rules)) return registryError(rules);
  const missing = confirmNoEscalation(write.rbac, write.user, write.namespace, rules);
  if (!missing) return undefined;
  return forbidden(RBAC_GROUP, BINDING_RESOURCES[write.kind], write.object.metadata.name ?? '', missing);
}
