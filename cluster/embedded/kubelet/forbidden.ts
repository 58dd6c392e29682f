// The bodies the kubelet's auth filter (InstallAuthFilter in pkg/kubelet/server/server.go)
// writes with go-restful's WriteErrorString: no Content-Type of its own (net/http sniffs
// "text/plain; charset=utf-8"), no nosniff header, and no trailing newline except where the
// format string has one.
//   <=1.31: Forbidden (user=%s, verb=%s, resource=%s, subresource=%s)         one attribute
//   >=1.32: Forbidden (user=%s, verb=%s, resource=%s, subresource(s)=%v)\n    %v of a []string: "[pods proxy]"
// The format per version is VERSIONS[v].kubeletForbiddenFormat.

import { VERSIONS, type KubeVersion } from '../../versions.js';
import type { Attributes } from '../apiserver/types.js';
import { restfulErrorString, type PlainResponse } from './plain-response.js';

/** Authentication failed or returned no user: the same 401 either way. */
export function kubeletUnauthorizedResponse(): PlainResponse {
  return restfulErrorString(401, 'Unauthorized');
}

/**
 * Every attribute was denied (or got no opinion). `attributes` is the list the filter tried, in
 * order; they differ only in subresource, so the user, verb and resource come from the first.
 */
export function kubeletForbiddenResponse(
  version: KubeVersion,
  attributes: readonly [Attributes, ...Attributes[]],
): PlainResponse {
  const [first] = attributes;
  const who = `user=${first.user.username}, verb=${first.verb}, resource=${first.resource ?? ''}`;
  const body =
    VERSIONS[version].kubeletForbiddenFormat === 'single'
      ? `Forbidden (${who}, subresource=${first.subresource ?? ''})`
      : `Forbidden (${who}, subresource(s)=[${attributes.map((a) => a.subresource ?? '').join(' ')}])\n`;
  return restfulErrorString(403, body);
}

/** The authorizer itself failed (e.g. the SubjectAccessReview call): 500 naming the attribute it failed on. */
export function kubeletAuthorizationErrorResponse(failed: Attributes): PlainResponse {
  const body =
    `Authorization error (user=${failed.user.username}, verb=${failed.verb}, ` +
    `resource=${failed.resource ?? ''}, subresource=${failed.subresource ?? ''})`;
  return restfulErrorString(500, body);
}
