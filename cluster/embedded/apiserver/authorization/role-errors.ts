// The same missing role reads differently depending on who looked it up, and learners meet both:
// - the RBAC authorizer reads through informer listers, whose NotFound uses the *singular*
//   resource (`clusterrole.rbac.authorization.k8s.io "x" not found`), seen in SAR reasons and 403s;
// - the RBAC registry (binding creation, escalation checks) reads through the storage, whose
//   NotFound is the usual plural 404 (`clusterroles.rbac.authorization.k8s.io "x" not found`).

import { ApiError, badRequest, notFound } from '../status.js';
import { goQuote } from './go-quote.js';
import type { RoleResolutionError } from './rule-resolver.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function unsupportedKindMessage(kind: string): string {
  return `unsupported role reference kind: ${goQuote(kind)}`;
}

/** As the RBAC authorizer's listers word it. */
export function listerErrorMessage(error: RoleResolutionError): string {
  if (error.reason === 'UnsupportedKind') return unsupportedKindMessage(error.roleKind);
  const singular = error.roleKind === 'Role' ? 'role' : 'clusterrole';
  return `${singular}.${RBAC_GROUP} ${goQuote(error.name)} not found`;
}

/** As the RBAC registry returns it to the client (a Status error). */
export function registryError(error: RoleResolutionError): ApiError {
  if (error.reason === 'UnsupportedKind') {
    // A plain Go error reaching the handler: 500 with an empty ("Unknown") reason.
    return new ApiError(500, '', unsupportedKindMessage(error.roleKind));
  }
  // The store's key function rejects an empty namespace or name before looking anything up.
  if (error.roleKind === 'Role' && error.namespace === '') return badRequest('Namespace parameter required.');
  if (error.name === '') return badRequest('Name parameter required.');
  return notFound(RBAC_GROUP, error.roleKind === 'Role' ? 'roles' : 'clusterroles', error.name);
}
