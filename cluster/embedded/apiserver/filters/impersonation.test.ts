import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Authorizer, UserInfo } from '../types.js';
import { ApiError } from '../status.js';
import { impersonate } from './impersonation.js';

const admin: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
const allowAll: Authorizer = { authorize: () => ({ decision: 'allow', reason: '' }) };

/** The two views of the headers Node gives (names lower-cased in headersDistinct, as sent in rawHeaders). */
function request(headers: Record<string, string[]>): IncomingMessage {
  const rawHeaders = Object.entries(headers).flatMap(([name, values]) => values.flatMap((v) => [name.replace(/(^|-)[a-z]/g, (c) => c.toUpperCase()), v]));
  return { headersDistinct: headers, rawHeaders } as unknown as IncomingMessage;
}

function failure(fn: () => unknown): { code: number; message: string } | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return { code: e.code, message: e.message };
  }
  return undefined;
}

describe('impersonation headers', () => {
  it('rejects groups, extras or a uid without a user as upstream does: 500 naming the requests as Go prints them', () => {
    expect(failure(() => impersonate(request({ 'impersonate-group': ['devs', 'ops'] }), admin, allowAll))).toEqual({
      code: 500,
      message: 'Internal error occurred: requested [{Group  devs    } {Group  ops    }] without impersonating a user',
    });
    expect(failure(() => impersonate(request({ 'impersonate-uid': ['1234'] }), admin, allowAll))?.message).toBe(
      'Internal error occurred: requested [{UID  1234  authentication.k8s.io/v1  }] without impersonating a user',
    );
    expect(failure(() => impersonate(request({ 'impersonate-extra-scopes': ['view'] }), admin, allowAll))?.message).toBe(
      'Internal error occurred: requested [{UserExtra  view  authentication.k8s.io/v1  scopes}] without impersonating a user',
    );
  });

  it('passes a request without Impersonate-* headers through as the authenticated user', () => {
    expect(impersonate(request({ authorization: ['Bearer x'], 'x-impersonate-user': ['bob'] }), admin, allowAll)).toBe(admin);
  });

  it('treats an empty Impersonate-User as no impersonation at all', () => {
    expect(impersonate(request({ 'impersonate-user': [''] }), admin, allowAll)).toBe(admin);
  });
});
