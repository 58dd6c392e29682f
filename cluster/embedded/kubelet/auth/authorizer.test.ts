import { describe, expect, it } from 'vitest';
import type { Attributes, AuthorizationResult, UserInfo } from '../../apiserver/types.js';
import { KubeletAuthorizer, subjectAccessReviewSpecKey, type KubeletAuthorizationConfig } from './authorizer.js';

const USER: UserInfo = { username: 'system:serviceaccount:default:mon', groups: ['system:authenticated'], extra: { 'authentication.kubernetes.io/credential-id': ['JTI=1'] } };
const attrs = (subresource: string, user = USER): Attributes => ({
  user, verb: 'get', resourceRequest: true, namespace: '', apiGroup: '', apiVersion: 'v1', resource: 'nodes', subresource, name: 'kind-worker',
});

function setup(config: Partial<KubeletAuthorizationConfig> = {}) {
  let now = 0;
  const allowed = new Set<string>();
  const asked: string[] = [];
  const review = (a: Attributes) => {
    asked.push(a.subresource ?? '');
    const result: AuthorizationResult = allowed.has(a.subresource ?? '')
      ? { decision: 'allow', reason: `RBAC: allowed by ClusterRoleBinding "b" of ClusterRole "r" to ServiceAccount "mon/default"` }
      : { decision: 'noOpinion', reason: '' };
    return { result };
  };
  const authz = new KubeletAuthorizer({ mode: 'Webhook', authorizedTTLms: 300_000, unauthorizedTTLms: 30_000, ...config }, review, () => now);
  return { authz, allowed, asked, advance: (ms: number) => (now += ms) };
}

describe('kubelet authorization', () => {
  it('tries the attributes in order and stops at the first allow', () => {
    const { authz, allowed, asked } = setup();
    allowed.add('pods');
    const result = authz.authorize([attrs('pods'), attrs('proxy')]);
    expect(result.kind).toBe('allowed');
    expect(asked).toEqual(['pods']);
  });

  it('denies when no attribute is allowed, having asked about each', () => {
    const { authz, asked } = setup();
    const result = authz.authorize([attrs('pods'), attrs('proxy')]);
    expect(result.kind).toBe('denied');
    expect(result.reviews.map((r) => r.attributes.subresource)).toEqual(['pods', 'proxy']);
    expect(asked).toEqual(['pods', 'proxy']);
  });

  it('keeps a denial for cacheUnauthorizedTTL: an RBAC fix reaches the kubelet late', () => {
    const { authz, allowed, advance } = setup();
    expect(authz.authorize([attrs('metrics')]).kind).toBe('denied');
    allowed.add('metrics'); // the learner adds the missing ClusterRoleBinding
    advance(29_999);
    const stale = authz.authorize([attrs('metrics')]);
    expect(stale.kind).toBe('denied');
    expect(stale.reviews[0]).toMatchObject({ cached: true, liveDecision: 'allow' });
    advance(1);
    expect(authz.authorize([attrs('metrics')])).toMatchObject({ kind: 'allowed', reviews: [{ cached: false }] });
  });

  it('keeps an allow for cacheAuthorizedTTL: a revoked grant keeps working for a while', () => {
    const { authz, allowed, advance } = setup();
    allowed.add('proxy');
    authz.authorize([attrs('proxy')]);
    allowed.delete('proxy');
    advance(299_000);
    expect(authz.authorize([attrs('proxy')])).toMatchObject({ kind: 'allowed', reviews: [{ cached: true }] });
    advance(1_000);
    expect(authz.authorize([attrs('proxy')]).kind).toBe('denied');
  });

  it('does not share cached answers between identities (a new token has a new credential-id)', () => {
    const { authz, asked } = setup();
    authz.authorize([attrs('proxy')]);
    authz.authorize([attrs('proxy', { ...USER, extra: { 'authentication.kubernetes.io/credential-id': ['JTI=2'] } })]);
    expect(asked).toEqual(['proxy', 'proxy']);
    expect(subjectAccessReviewSpecKey(attrs('proxy'))).toBe(
      '{"resourceAttributes":{"verb":"get","version":"v1","resource":"nodes","subresource":"proxy","name":"kind-worker"},' +
        '"user":"system:serviceaccount:default:mon","groups":["system:authenticated"],"extra":{"authentication.kubernetes.io/credential-id":["JTI=1"]}}',
    );
  });

  it('allows everything without asking in AlwaysAllow mode', () => {
    const { authz, asked } = setup({ mode: 'AlwaysAllow' });
    expect(authz.authorize([attrs('pods'), attrs('proxy')]).kind).toBe('allowed');
    expect(asked).toEqual([]);
  });

  it('turns a failing review call into an error naming the attribute (the filter answers 500)', () => {
    const authz = new KubeletAuthorizer({ mode: 'Webhook', authorizedTTLms: 1, unauthorizedTTLms: 1 }, () => {
      throw new Error('connection refused');
    }, () => 0);
    expect(authz.authorize([attrs('pods'), attrs('proxy')])).toMatchObject({ kind: 'error', failed: { subresource: 'pods' }, message: 'connection refused' });
  });
});
