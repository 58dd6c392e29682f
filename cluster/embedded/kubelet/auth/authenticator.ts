// The kubelet's authenticator, as cmd/kubelet/app/auth.go BuildAuthn assembles it through
// k8s.io/apiserver's DelegatingAuthenticatorConfig:
//   union(x509 client cert, bearer token, WebSocket bearer subprotocol)  + system:authenticated
//   wrapped as FailOnError(union, anonymous) when anonymous is enabled.
// The two token authenticators (present only with authentication.webhook.enabled) share one
// TokenReview cache: successes are kept for webhook.cacheTTL, errors are not cached.
// In the union an authenticator's error does not stop the next one; if none authenticates, any
// error makes the request a 401 even when anonymous is on (FailOnError).

import type { X509Certificate } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { UserInfo } from '../../apiserver/types.js';
import { identityFromCertificate } from '../../pki/index.js';
import { TtlCache } from '../../apiserver/cache/ttl-cache.js';

export const ANONYMOUS_USER: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };
const AUTHENTICATED_GROUP = 'system:authenticated';
const CLIENT_AUTH_EKU = '1.3.6.1.5.5.7.3.2';
const ANY_EKU = '2.5.29.37.0';
const BEARER_PROTOCOL_PREFIX = 'base64url.bearer.authorization.k8s.io.';
const TOKEN_CACHE_ENTRIES = 4096;

/** What TokenReview (authentication.k8s.io/v1) answers for a token, with no audiences, as the kubelet sends it. */
export type TokenReviewAnswer = { authenticated: true; user: UserInfo } | { authenticated: false; error: string };

export type TokenReviewer = (token: string) => Promise<TokenReviewAnswer>;

export interface KubeletAuthenticationConfig {
  anonymous: boolean;
  /** authentication.x509.clientCAFile is set (kubeadm always sets it). */
  x509: boolean;
  webhook: { enabled: boolean; cacheTTLms: number };
  /** Since 1.32 the x509 authenticator adds extra authentication.kubernetes.io/credential-id. */
  x509CredentialId: boolean;
}

/** The TLS side of a request: the client certificate, if one was sent, and whether the cluster CA verified it. */
export interface PeerCertificate {
  certificate: X509Certificate;
  /** True when the chain verified against the configured client CA. */
  verified: boolean;
  /** OpenSSL's reason when it did not (e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE). */
  verifyError?: string;
}

export type AuthenticationMethod = 'x509' | 'bearer' | 'websocket-protocol' | 'anonymous';

export type KubeletAuthentication =
  | {
      ok: true;
      user: UserInfo;
      method: AuthenticationMethod;
      /** The user came from the TokenReview cache, not a fresh review. */
      cached: boolean;
      /** The Sec-WebSocket-Protocol value left after the token protocol was removed. */
      remainingProtocols?: string;
    }
  /** No authenticator accepted the request: 401. `errors` is empty when no credential was presented at all. */
  | { ok: false; errors: string[] };

type Step = { kind: 'user'; result: Extract<KubeletAuthentication, { ok: true }> } | { kind: 'error'; message: string } | { kind: 'none' };

/** A token authenticator's reading of the request, before any TokenReview. */
type Credential = { kind: 'token'; token: string; remainingProtocols?: string } | { kind: 'error'; message: string } | { kind: 'none' };

/** The two token authenticators of the union, in order. */
const TOKEN_CREDENTIALS: readonly [(headers: IncomingHttpHeaders) => Credential, 'bearer' | 'websocket-protocol'][] = [
  [bearerCredential, 'bearer'],
  [webSocketCredential, 'websocket-protocol'],
];

export class KubeletAuthenticator {
  private readonly tokenCache: TtlCache<UserInfo>;
  private readonly certificateSteps = new WeakMap<PeerCertificate, Step>();

  constructor(
    private readonly config: KubeletAuthenticationConfig,
    private readonly reviewToken: TokenReviewer,
    now: () => number,
  ) {
    this.tokenCache = new TtlCache(TOKEN_CACHE_ENTRIES, now);
  }

  /**
   * The union in order. Synchronous whenever no TokenReview has to be sent (a certificate, a
   * cached token, no credential): that is nearly every request, and each await would cost it.
   */
  authenticate(headers: IncomingHttpHeaders, peer: PeerCertificate | undefined): KubeletAuthentication | Promise<KubeletAuthentication> {
    const errors: string[] = [];
    if (this.config.x509) {
      const answer = judge(this.x509(peer), errors);
      if (answer) return answer;
    }
    return this.config.webhook.enabled ? this.fromTokens(headers, 0, errors) : this.noUser(errors);
  }

  /** The token authenticators from `index` on; a TokenReview in flight makes the rest wait for it. */
  private fromTokens(headers: IncomingHttpHeaders, index: number, errors: string[]): KubeletAuthentication | Promise<KubeletAuthentication> {
    for (let i = index; i < TOKEN_CREDENTIALS.length; i++) {
      const [read, method] = TOKEN_CREDENTIALS[i]!;
      const step = this.tokenStep(read(headers), method);
      if (step instanceof Promise) return step.then((s) => judge(s, errors) ?? this.fromTokens(headers, i + 1, errors));
      const answer = judge(step, errors);
      if (answer) return answer;
    }
    return this.noUser(errors);
  }

  /** No authenticator accepted: anonymous when enabled and nothing failed (FailOnError), else 401. */
  private noUser(errors: string[]): KubeletAuthentication {
    if (errors.length === 0 && this.config.anonymous) return { ok: true, user: ANONYMOUS_USER, method: 'anonymous', cached: false };
    return { ok: false, errors };
  }

  /** The x509 step's answer for a connection's certificate: the same for every request on it. */
  private x509(peer: PeerCertificate | undefined): Step {
    if (!peer) return { kind: 'none' };
    let step = this.certificateSteps.get(peer);
    if (!step) {
      step = this.verifyCertificate(peer);
      this.certificateSteps.set(peer, step);
    }
    return step;
  }

  /** k8s.io/apiserver x509 authenticator with CommonNameUserConversion. */
  private verifyCertificate(peer: PeerCertificate): Step {
    const serial = BigInt(`0x${peer.certificate.serialNumber}`).toString();
    if (!peer.verified) {
      const reason = /EXPIRED|NOT_YET_VALID/.test(peer.verifyError ?? '')
        ? 'x509: certificate has expired or is not yet valid'
        : 'x509: certificate signed by unknown authority';
      return { kind: 'error', message: `verifying certificate SN=${serial} failed: ${reason}` };
    }
    // Verification asks for ExtKeyUsageClientAuth: a serving certificate of the same CA does not do.
    const usages = peer.certificate.keyUsage ?? [];
    if (usages.length > 0 && !usages.includes(CLIENT_AUTH_EKU) && !usages.includes(ANY_EKU)) {
      return { kind: 'error', message: `verifying certificate SN=${serial} failed: x509: certificate specifies an incompatible key usage` };
    }
    const id = identityFromCertificate(peer.certificate);
    if (!id.commonName) return { kind: 'none' };
    const user: UserInfo = { username: id.commonName, groups: id.organizations };
    if (this.config.x509CredentialId) user.extra = { 'authentication.kubernetes.io/credential-id': [id.credentialId] };
    // With its group already: one user object per connection, which the authorizer's cache key reuses.
    return { kind: 'user', result: { ok: true, user: withAuthenticatedGroup(user), method: 'x509', cached: false } };
  }

  /** A token from the cache at once, or from a TokenReview (successes are cached, errors are not). */
  private tokenStep(credential: Credential, method: 'bearer' | 'websocket-protocol'): Step | Promise<Step> {
    if (credential.kind !== 'token') return credential;
    const found = (user: UserInfo, cached: boolean): Step => {
      const result: Extract<KubeletAuthentication, { ok: true }> = { ok: true, user, method, cached };
      if (credential.remainingProtocols !== undefined) result.remainingProtocols = credential.remainingProtocols;
      return { kind: 'user', result };
    };
    const hit = this.tokenCache.get(credential.token);
    if (hit) return found(hit.value, true);
    return this.reviewToken(credential.token).then((answer) => {
      if (!answer.authenticated) return { kind: 'error', message: answer.error || 'invalid bearer token' };
      // Cached with its group: every hit is the same user object, which the authorizer's cache key reuses.
      const user = withAuthenticatedGroup(answer.user);
      this.tokenCache.add(credential.token, user, this.config.webhook.cacheTTLms);
      return found(user, false);
    });
  }
}

function judge(step: Step, errors: string[]): KubeletAuthentication | undefined {
  if (step.kind === 'user') return step.result;
  if (step.kind === 'error') errors.push(step.message);
  return undefined;
}

/** bearertoken.Authenticator: "Authorization: Bearer <token>", split on single spaces like strings.SplitN(auth, " ", 3). */
function bearerCredential(headers: IncomingHttpHeaders): Credential {
  const auth = (headers.authorization ?? '').trim();
  const schemeEnd = auth.indexOf(' ');
  if (schemeEnd < 0 || auth.slice(0, schemeEnd).toLowerCase() !== 'bearer') return { kind: 'none' };
  const tokenEnd = auth.indexOf(' ', schemeEnd + 1);
  const token = auth.slice(schemeEnd + 1, tokenEnd < 0 ? auth.length : tokenEnd);
  if (token === '') return { kind: 'none' }; // "Bearer  x": an empty token is no credential at all
  return { kind: 'token', token };
}

/** websocket.ProtocolAuthenticator: the token rides in Sec-WebSocket-Protocol, base64url without padding. */
function webSocketCredential(headers: IncomingHttpHeaders): Credential {
  if (!isWebSocketRequest(headers)) return { kind: 'none' };
  let token = '';
  let sawToken = false;
  const others: string[] = [];
  for (const raw of (headers['sec-websocket-protocol'] ?? '').split(',')) {
    const protocol = raw.trim();
    if (!protocol.startsWith(BEARER_PROTOCOL_PREFIX)) {
      others.push(protocol);
      continue;
    }
    if (sawToken) return { kind: 'error', message: 'multiple base64.bearer.authorization tokens specified' };
    sawToken = true;
    const decoded = decodeRawBase64Url(protocol.slice(BEARER_PROTOCOL_PREFIX.length));
    if (decoded === undefined) return { kind: 'error', message: 'invalid base64.bearer.authorization token encoding' };
    const text = utf8(decoded);
    if (text === undefined) return { kind: 'error', message: 'invalid base64.bearer.authorization token' };
    token = text;
  }
  // At least one other subprotocol must remain to be echoed back to the client.
  if (token.length > 0 && others.length === 0) return { kind: 'error', message: 'missing additional subprotocol' };
  if (token.length === 0) return { kind: 'none' };
  return { kind: 'token', token, remainingProtocols: others.join(',') };
}

/** wsstream.IsWebSocketRequest: Upgrade is "websocket" and a Connection header mentions "upgrade". */
export function isWebSocketRequest(headers: IncomingHttpHeaders): boolean {
  const upgrade = headers.upgrade;
  return typeof upgrade === 'string' && upgrade.toLowerCase() === 'websocket' && (headers.connection ?? '').toLowerCase().includes('upgrade');
}

function withAuthenticatedGroup(user: UserInfo): UserInfo {
  if (user.groups.includes(AUTHENTICATED_GROUP) || user.groups.includes('system:unauthenticated')) return user;
  return { ...user, groups: [...user.groups, AUTHENTICATED_GROUP] };
}

/** base64.RawURLEncoding.DecodeString: URL alphabet, no padding; undefined when Go would fail. */
function decodeRawBase64Url(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  return Buffer.from(text, 'base64url');
}

function utf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
