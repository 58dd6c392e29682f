import { X509Certificate } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { UserInfo } from '../../apiserver/types.js';
import { createCertificateAuthority, issueCertificate } from '../../pki/index.js';
import { ANONYMOUS_USER, KubeletAuthenticator, type KubeletAuthenticationConfig, type PeerCertificate, type TokenReviewAnswer } from './authenticator.js';

const SA: UserInfo = { username: 'system:serviceaccount:default:mon', uid: 'u1', groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] };
const GOOD = 'good-token';

function setup(config: Partial<KubeletAuthenticationConfig> = {}) {
  let now = 0;
  const reviewed: string[] = [];
  const review = async (token: string): Promise<TokenReviewAnswer> => {
    reviewed.push(token);
    return token === GOOD ? { authenticated: true, user: SA } : { authenticated: false, error: '[invalid bearer token, square/go-jose: error in cryptographic primitive]' };
  };
  const authn = new KubeletAuthenticator(
    { anonymous: false, x509: true, webhook: { enabled: true, cacheTTLms: 120_000 }, x509CredentialId: true, ...config },
    review,
    () => now,
  );
  return { authn, reviewed, advance: (ms: number) => (now += ms) };
}

const bearer = (token: string): IncomingHttpHeaders => ({ authorization: `Bearer ${token}` });
const wsProtocol = (protocols: string): IncomingHttpHeaders => ({ connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-protocol': protocols });
const b64 = (s: string) => Buffer.from(s).toString('base64url');

const ca = createCertificateAuthority('kubernetes');
function peer(opts: { organizations?: string[]; usage?: 'client' | 'server'; verified?: boolean } = {}): PeerCertificate {
  const pair = issueCertificate(ca, { commonName: 'kube-apiserver-kubelet-client', organizations: opts.organizations ?? [], usage: opts.usage ?? 'client' });
  return { certificate: new X509Certificate(pair.certPem), verified: opts.verified ?? true, ...(opts.verified === false ? { verifyError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' } : {}) };
}

describe('kubelet authentication', () => {
  it('takes the user and groups from a client certificate the cluster CA verified, plus system:authenticated', async () => {
    const { authn } = setup();
    const result = await authn.authenticate({}, peer({ organizations: ['kubeadm:cluster-admins'] }));
    expect(result).toMatchObject({ ok: true, method: 'x509', user: { username: 'kube-apiserver-kubelet-client', groups: ['kubeadm:cluster-admins', 'system:authenticated'] } });
    if (result.ok) expect(result.user.extra?.['authentication.kubernetes.io/credential-id']?.[0]).toMatch(/^X509SHA256=[0-9a-f]{64}$/);
  });

  it('refuses a certificate from another CA with 401, even with anonymous auth on', async () => {
    const { authn } = setup({ anonymous: true });
    const result = await authn.authenticate({}, peer({ verified: false }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toContain('x509: certificate signed by unknown authority');
  });

  it('refuses a serving certificate of the cluster CA (no clientAuth usage)', async () => {
    const { authn } = setup();
    const result = await authn.authenticate({}, peer({ usage: 'server' }));
    expect(result.ok).toBe(false);
  });

  it('lets a valid token through even when the certificate failed (union of authenticators)', async () => {
    const { authn } = setup();
    expect(await authn.authenticate(bearer(GOOD), peer({ verified: false }))).toMatchObject({ ok: true, method: 'bearer' });
  });

  it('answers an invalid token with 401 even with anonymous on (FailOnError)', async () => {
    const { authn } = setup({ anonymous: true });
    const result = await authn.authenticate(bearer('nope'), undefined);
    expect(result).toEqual({ ok: false, errors: ['[invalid bearer token, square/go-jose: error in cryptographic primitive]'] });
  });

  it('makes a request without credentials anonymous only when anonymous auth is on', async () => {
    expect(await setup({ anonymous: true }).authn.authenticate({}, undefined)).toMatchObject({ ok: true, user: ANONYMOUS_USER, method: 'anonymous' });
    expect(await setup().authn.authenticate({}, undefined)).toEqual({ ok: false, errors: [] });
  });

  it('ignores bearer tokens when webhook authentication is off', async () => {
    const off = setup({ webhook: { enabled: false, cacheTTLms: 0 } });
    expect(await off.authn.authenticate(bearer(GOOD), undefined)).toEqual({ ok: false, errors: [] });
    expect(off.reviewed).toEqual([]);
    const offAnonymous = setup({ anonymous: true, webhook: { enabled: false, cacheTTLms: 0 } });
    expect(await offAnonymous.authn.authenticate(bearer(GOOD), undefined)).toMatchObject({ ok: true, method: 'anonymous' });
  });

  it('reads the Authorization header as bearertoken does: case-insensitive scheme, single-space split', async () => {
    const { authn } = setup();
    expect(await authn.authenticate({ authorization: `bearer ${GOOD}` }, undefined)).toMatchObject({ ok: true });
    // "Bearer  x": strings.SplitN(auth, " ", 3) gives an empty token, which is no credential at all.
    expect(await authn.authenticate({ authorization: `Bearer  ${GOOD}` }, undefined)).toEqual({ ok: false, errors: [] });
    expect(await authn.authenticate({ authorization: `Basic ${GOOD}` }, undefined)).toEqual({ ok: false, errors: [] });
    expect(await authn.authenticate({ authorization: 'Bearer' }, undefined)).toEqual({ ok: false, errors: [] });
    // A third part is cut off: the token is the second.
    expect(await authn.authenticate({ authorization: `  Bearer ${GOOD} trailing words ` }, undefined)).toMatchObject({ ok: true, method: 'bearer' });
  });

  it('keeps a successful token review for webhook.cacheTTL, and does not cache failures', async () => {
    const { authn, reviewed, advance } = setup();
    await authn.authenticate(bearer(GOOD), undefined);
    const second = await authn.authenticate(bearer(GOOD), undefined);
    expect(second).toMatchObject({ ok: true, cached: true });
    advance(120_000);
    expect(await authn.authenticate(bearer(GOOD), undefined)).toMatchObject({ ok: true, cached: false });
    await authn.authenticate(bearer('bad'), undefined);
    await authn.authenticate(bearer('bad'), undefined);
    expect(reviewed).toEqual([GOOD, GOOD, 'bad', 'bad']);
  });

  describe('WebSocket bearer subprotocol', () => {
    it('authenticates the token and leaves the other subprotocols', async () => {
      const { authn } = setup();
      const result = await authn.authenticate(wsProtocol(`base64url.bearer.authorization.k8s.io.${b64(GOOD)}, v4.channel.k8s.io`), undefined);
      expect(result).toMatchObject({ ok: true, method: 'websocket-protocol', remainingProtocols: 'v4.channel.k8s.io' });
    });

    it.each([
      ['two tokens', `base64url.bearer.authorization.k8s.io.${b64(GOOD)},base64url.bearer.authorization.k8s.io.${b64(GOOD)},v4.channel.k8s.io`, 'multiple base64.bearer.authorization tokens specified'],
      ['padding is not raw base64url', `base64url.bearer.authorization.k8s.io.${b64(GOOD)}==,v4.channel.k8s.io`, 'invalid base64.bearer.authorization token encoding'],
      ['no other subprotocol', `base64url.bearer.authorization.k8s.io.${b64(GOOD)}`, 'missing additional subprotocol'],
    ])('refuses %s with 401', async (_name, header, message) => {
      const { authn } = setup({ anonymous: true });
      expect(await authn.authenticate(wsProtocol(header), undefined)).toEqual({ ok: false, errors: [message] });
    });

    it('looks at the subprotocol only on a WebSocket upgrade', async () => {
      const { authn } = setup();
      const headers = { 'sec-websocket-protocol': `base64url.bearer.authorization.k8s.io.${b64(GOOD)}, v4.channel.k8s.io` };
      expect(await authn.authenticate(headers, undefined)).toEqual({ ok: false, errors: [] });
    });
  });
});
