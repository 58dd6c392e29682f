// Impersonation (`kubectl --as/--as-group`), as k8s.io/apiserver's WithImpersonation: every
// requested user, group, uid and extra value is authorized for the *real* user with the verb
// `impersonate`, then the request continues as the impersonated identity.

import type { IncomingMessage } from 'node:http';
import type { Attributes, Authorizer, UserInfo } from '../types.js';
import { forbidden, internalError } from '../status.js';
import { SERVICE_ACCOUNT_PREFIX } from '../serviceaccount/tokens.js';
import { ANONYMOUS_USER, AUTHENTICATED_GROUP, UNAUTHENTICATED_GROUP } from './authentication.js';
import { forbiddenReason } from '../authorization/forbidden-message.js';

const EXTRA_PREFIX = 'impersonate-extra-';
const IMPERSONATE_HEADER = /^impersonate-/i;

interface ImpersonationRequest {
  attrs: Attributes;
  /** The group/resource/name the 403 names. */
  group: string;
  resource: string;
  name: string;
}

/** The identity the request runs as: the authenticated user, or whom it impersonates. */
export function impersonate(req: IncomingMessage, user: UserInfo, authorizer: Authorizer): UserInfo {
  if (!hasImpersonationHeader(req.rawHeaders)) return user;
  const headers = req.headersDistinct;
  // An empty Impersonate-User or Impersonate-Uid counts as absent (len(...) > 0 upstream).
  const username = headers['impersonate-user']?.[0] || undefined;
  const groups = headers['impersonate-group'] ?? [];
  const uid = headers['impersonate-uid']?.[0] || undefined;
  const extra: Record<string, string[]> = {};
  for (const [header, values] of Object.entries(headers)) {
    if (!header.startsWith(EXTRA_PREFIX) || !values) continue;
    extra[decodeExtraKey(header.slice(EXTRA_PREFIX.length))] = values;
  }
  const hasExtra = Object.keys(extra).length > 0;
  if (username === undefined) {
    if (groups.length > 0 || uid !== undefined || hasExtra) {
      throw internalError(`requested ${describeRequested(groups, uid, extra)} without impersonating a user`);
    }
    return user;
  }

  const checks: ImpersonationRequest[] = [];
  let impersonatedGroups = [...groups];
  const sa = serviceAccountName(username);
  if (sa) {
    checks.push(check(user, { verb: 'impersonate', resource: 'serviceaccounts', namespace: sa.namespace, name: sa.name }, '', 'serviceaccounts', sa.name));
    if (groups.length === 0) impersonatedGroups = ['system:serviceaccounts', `system:serviceaccounts:${sa.namespace}`];
  } else {
    checks.push(check(user, { verb: 'impersonate', resource: 'users', name: username }, '', 'users', username));
  }
  for (const g of groups) checks.push(check(user, { verb: 'impersonate', resource: 'groups', name: g }, '', 'groups', g));
  if (uid !== undefined) {
    checks.push(check(user, { verb: 'impersonate', apiGroup: 'authentication.k8s.io', resource: 'uids', name: uid }, 'authentication.k8s.io', 'uids', uid));
  }
  for (const [key, values] of Object.entries(extra)) {
    for (const value of values) {
      checks.push(
        check(user, { verb: 'impersonate', apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: key, name: value }, 'authentication.k8s.io', 'userextras', value),
      );
    }
  }
  for (const c of checks) {
    const result = authorizer.authorize(c.attrs);
    if (result.decision !== 'allow') {
      throw forbidden(c.group, c.resource, c.name, forbiddenReason(c.attrs, result.reason));
    }
  }

  if (username === ANONYMOUS_USER) {
    if (!impersonatedGroups.includes(UNAUTHENTICATED_GROUP)) impersonatedGroups.push(UNAUTHENTICATED_GROUP);
  } else if (!impersonatedGroups.includes(AUTHENTICATED_GROUP) && !impersonatedGroups.includes(UNAUTHENTICATED_GROUP)) {
    impersonatedGroups.push(AUTHENTICATED_GROUP);
  }
  const result: UserInfo = { username, groups: impersonatedGroups };
  if (uid !== undefined) result.uid = uid;
  if (hasExtra) result.extra = extra;
  return result;
}

/** Whether any header is an Impersonate-* one: most requests have none, and headersDistinct costs. */
function hasImpersonationHeader(rawHeaders: readonly string[]): boolean {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (IMPERSONATE_HEADER.test(rawHeaders[i]!)) return true;
  }
  return false;
}

function check(
  user: UserInfo,
  a: Omit<Attributes, 'user' | 'resourceRequest'>,
  group: string,
  resource: string,
  name: string,
): ImpersonationRequest {
  return {
    attrs: { user, resourceRequest: true, apiGroup: '', apiVersion: '', namespace: '', subresource: '', ...a },
    group,
    resource,
    name,
  };
}

function serviceAccountName(username: string): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SERVICE_ACCOUNT_PREFIX)) return undefined;
  const rest = username.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
  if (rest.length !== 2 || !rest[0] || !rest[1]) return undefined;
  return { namespace: rest[0], name: rest[1] };
}

function decodeExtraKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded).toLowerCase();
  } catch {
    return encoded.toLowerCase();
  }
}

/**
 * The requests as Go prints a []v1.ObjectReference with %v, in buildImpersonationRequests'
 * order (groups, extras, uid): `[{Group  devs    }]`, the seven fields space-separated.
 */
function describeRequested(groups: string[], uid: string | undefined, extra: Record<string, string[]>): string {
  const ref = (kind: string, name: string, apiVersion = '', fieldPath = '') => `{${[kind, '', name, '', apiVersion, '', fieldPath].join(' ')}}`;
  const refs = groups.map((g) => ref('Group', g));
  for (const [key, values] of Object.entries(extra)) for (const v of values) refs.push(ref('UserExtra', v, 'authentication.k8s.io/v1', key));
  if (uid !== undefined) refs.push(ref('UID', uid, 'authentication.k8s.io/v1'));
  return `[${refs.join(' ')}]`;
}

