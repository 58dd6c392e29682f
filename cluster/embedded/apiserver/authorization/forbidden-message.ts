// The 403 an unauthorized request gets: responsewriters.Forbidden in
// k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go, wrapped by apierrors.NewForbidden:
//   pods "p" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "dev"
//   nodes "n1" is forbidden: User "bob" cannot get resource "nodes/proxy" in API group "" at the cluster scope: <reason>
//   forbidden: User "bob" cannot get path "/healthz"

import { ApiError, forbidden } from '../status.js';
import type { Attributes } from '../types.js';
import { goQuote } from './go-quote.js';
import { combinedResource } from './rule-matching.js';

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Upstream escapes what could read as HTML in its own text (not in the authorizer's reason). */
function sanitize(text: string): string {
  return text.replace(/[&<>]/g, (c) => HTML_ENTITIES[c]!);
}

/** forbiddenMessage: who cannot do what, where. The subresource is printed as part of the resource. */
function forbiddenMessage(attrs: Attributes): string {
  const who = `User ${goQuote(attrs.user.username)} cannot ${attrs.verb}`;
  if (!attrs.resourceRequest) return `${who} path ${goQuote(attrs.path ?? '')}`;
  const what = `${who} resource ${goQuote(combinedResource(attrs))} in API group ${goQuote(attrs.apiGroup ?? '')}`;
  return attrs.namespace ? `${what} in the namespace ${goQuote(attrs.namespace)}` : `${what} at the cluster scope`;
}

/**
 * What follows "is forbidden: ". `reason` is the authorizer's (e.g.
 * `RBAC: clusterrole.rbac.authorization.k8s.io "x" not found`), appended after ": " when set.
 */
export function forbiddenReason(attrs: Attributes, reason: string): string {
  const message = sanitize(forbiddenMessage(attrs));
  return reason ? `${message}: ${reason}` : message;
}

/**
 * The Status error for a request the authorizer did not allow. details.kind is the resource
 * without its subresource; non-resource requests get empty details.
 */
export function forbiddenError(attrs: Attributes, reason: string): ApiError {
  const text = forbiddenReason(attrs, reason);
  const group = attrs.apiGroup ?? '';
  const resource = attrs.resource ?? '';
  if (group === '' && resource === '') return new ApiError(403, 'Forbidden', `forbidden: ${text}`, {});
  return forbidden(group, resource, attrs.name ?? '', text);
}
