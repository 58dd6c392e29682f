import { beforeAll, describe, expect, it } from 'vitest';
import { ObjectStore, resourceKey } from '../storage/store.js';
import type { KubeObject } from '../types.js';
import { generateSigningKey, type SigningKey } from './jwt.js';
import { ServiceAccountTokens, type TokenValidation } from './tokens.js';

const SERVICE_ACCOUNTS = resourceKey('', 'serviceaccounts');
const PODS = resourceKey('', 'pods');
const START = Date.parse('2026-01-01T00:00:00Z');

let key: Promise<SigningKey>;
beforeAll(() => {
  key = generateSigningKey();
});

function setup() {
  let now = START;
  const store = new ObjectStore(() => new Date(now));
  const tokens = new ServiceAccountTokens(key, {
    serviceAccount: (ns, name) => store.get(SERVICE_ACCOUNTS, ns, name),
    bound: (kind, ns, name) => store.get(resourceKey('', `${kind.toLowerCase()}s`), kind === 'Node' ? undefined : ns, name),
  }, () => new Date(now));
  const sa = store.create(SERVICE_ACCOUNTS, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot', namespace: 'team' } });
  const issue = (extra: { boundPod?: KubeObject; expirationSeconds?: number; audiences?: string[] } = {}) =>
    tokens.issue({
      namespace: 'team',
      serviceAccount: { name: 'robot', uid: sa.metadata.uid! },
      audiences: extra.audiences ?? ['https://kubernetes.default.svc.cluster.local'],
      expirationSeconds: extra.expirationSeconds ?? 3600,
      ...(extra.boundPod ? { boundObject: { kind: 'Pod' as const, name: extra.boundPod.metadata.name!, uid: extra.boundPod.metadata.uid! } } : {}),
    });
  return { store, tokens, sa, issue, advance: (ms: number) => (now += ms) };
}

const errorOf = (v: TokenValidation | undefined) => (v && !v.ok ? v.error : v?.ok ? 'ok' : 'not ours');

describe('ServiceAccount token validation, with verified tokens cached', () => {
  it('rejects a token at once when its ServiceAccount is deleted, even one that was just accepted', async () => {
    const { store, tokens, issue } = setup();
    const { token } = await issue();
    const first = await tokens.validate(token);
    expect(first?.ok && first.user.username).toBe('system:serviceaccount:team:robot');
    expect((await tokens.validate(token))?.ok).toBe(true);
    store.delete(SERVICE_ACCOUNTS, 'team', 'robot');
    expect(errorOf(await tokens.validate(token))).toBe('service account team/robot has been deleted');
  });

  it('rejects a token of a ServiceAccount that was deleted and created again (new uid)', async () => {
    const { store, tokens, issue, sa } = setup();
    const { token } = await issue();
    expect((await tokens.validate(token))?.ok).toBe(true);
    store.delete(SERVICE_ACCOUNTS, 'team', 'robot');
    const again = store.create(SERVICE_ACCOUNTS, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot', namespace: 'team' } });
    expect(errorOf(await tokens.validate(token))).toBe(`service account UID (${sa.metadata.uid}) does not match claim (${again.metadata.uid})`);
  });

  it('rejects a pod-bound token once the pod is gone', async () => {
    const { store, tokens, issue } = setup();
    const pod = store.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'team' } });
    const { token } = await issue({ boundPod: pod });
    const accepted = await tokens.validate(token);
    expect(accepted?.ok && accepted.user.extra?.['authentication.kubernetes.io/pod-name']).toEqual(['web']);
    store.delete(PODS, 'team', 'web');
    expect(errorOf(await tokens.validate(token))).toBe('pod web has been deleted or recreated');
  });

  it('rejects a token once it has expired by the cluster clock', async () => {
    const { tokens, issue, advance } = setup();
    const { token } = await issue({ expirationSeconds: 600 });
    expect((await tokens.validate(token))?.ok).toBe(true);
    advance(600_000);
    expect((await tokens.validate(token))?.ok).toBe(true); // exp is inclusive, as upstream's Before(now)
    advance(1_000);
    expect(errorOf(await tokens.validate(token))).toBe('service account token has expired');
  });

  it('checks the audiences asked for on every use of a cached token', async () => {
    const { tokens, issue } = setup();
    const { token } = await issue({ audiences: ['vault'] });
    expect((await tokens.validate(token, ['vault']))?.ok).toBe(true);
    expect(errorOf(await tokens.validate(token))).toBe('token audiences ["vault"] is invalid for the target audiences ["https://kubernetes.default.svc.cluster.local"]');
  });

  it('does not take a token with a forged payload for a cached one', async () => {
    const { tokens, issue } = setup();
    const { token } = await issue();
    expect((await tokens.validate(token))?.ok).toBe(true);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string };
    claims.sub = 'system:serviceaccount:kube-system:admin';
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect(await tokens.validate(forged)).toBeUndefined();
  });

  it('gives every request with the same token a user nobody can change', async () => {
    const { tokens, issue } = setup();
    const { token } = await issue();
    const a = await tokens.validate(token);
    const b = await tokens.validate(token);
    if (!a?.ok || !b?.ok) throw new Error('expected valid');
    expect(() => (a.user.groups as string[]).push('system:masters')).toThrow(TypeError);
    expect(b.user.groups).toEqual(['system:serviceaccounts', 'system:serviceaccounts:team']);
  });
});
