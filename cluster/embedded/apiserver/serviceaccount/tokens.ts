// ServiceAccount tokens: issued by TokenRequest (`kubectl create token`) and judged by the token
// authenticator and TokenReview. Claims and validation follow kube-apiserver's serviceaccount
// package: the ServiceAccount (and a bound object) must still exist with the same uid.
//
// The signature check (RSA) is most of the cost of a request that carries a token, and its
// answer never changes for a given token: verified tokens are kept, parsed, in a bounded cache
// until they expire. Everything that can change (the clock, the ServiceAccount and bound objects,
// the audiences asked for) is still checked on every use, so a deleted ServiceAccount or pod is
// rejected at once. (kube-apiserver also caches whole successful authentications for 10 s,
// --token-success-cache-ttl; we do not, so deletions show without that delay.)

import { randomUUID } from 'node:crypto';
import type { KubeObject, UserInfo } from '../types.js';
import { TtlCache } from '../cache/ttl-cache.js';
import { signJwt, verifyJwt, type SigningKey } from './jwt.js';

export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';
export const DEFAULT_AUDIENCE = 'https://kubernetes.default.svc.cluster.local';
export const DEFAULT_ISSUER = 'https://kubernetes.default.svc.cluster.local';

export interface BoundObject {
  kind: 'Pod' | 'Secret' | 'Node';
  name: string;
  uid: string;
}

export interface TokenIssueRequest {
  namespace: string;
  serviceAccount: { name: string; uid: string };
  audiences: string[];
  expirationSeconds: number;
  boundObject?: BoundObject;
  /** For pod-bound tokens: the node the pod runs on (ServiceAccountTokenPodNodeInfo). */
  node?: { name: string; uid: string };
}

export interface IssuedToken {
  token: string;
  expirationTimestamp: Date;
}

/** Looks objects up for validation; returns undefined when absent. */
export interface TokenObjectLookup {
  serviceAccount(namespace: string, name: string): KubeObject | undefined;
  bound(kind: BoundObject['kind'], namespace: string, name: string): KubeObject | undefined;
}

export type TokenValidation =
  | { ok: true; user: UserInfo; audiences: string[] }
  | { ok: false; error: string };

/** Verified tokens kept at most; the least recently used goes first. */
const VERIFIED_TOKEN_ENTRIES = 4096;
const BOUND_KINDS = ['pod', 'secret', 'node'] as const;

/** What a verified token says, parsed once: the parts validation checks against the clock and the store. */
interface VerifiedToken {
  audiences: string[];
  exp?: number;
  nbf?: number;
  /** Absent when the claims do not name a namespace and ServiceAccount. */
  identity?: {
    namespace: string;
    serviceAccount: { name: string; uid?: string };
    bound: { kind: BoundObject['kind']; name: string; uid?: string }[];
    /** Shared by every request with this token: frozen, never to be changed. */
    user: UserInfo;
  };
}

export class ServiceAccountTokens {
  private readonly verified: TtlCache<VerifiedToken>;
  private readonly verifying = new Map<string, Promise<VerifiedToken | undefined>>();

  constructor(
    private readonly key: Promise<SigningKey>,
    private readonly lookup: TokenObjectLookup,
    private readonly clock: () => Date = () => new Date(),
    readonly issuer = DEFAULT_ISSUER,
    readonly apiAudiences: string[] = [DEFAULT_AUDIENCE],
  ) {
    this.verified = new TtlCache(VERIFIED_TOKEN_ENTRIES, () => this.clock().getTime());
  }

  async issue(req: TokenIssueRequest): Promise<IssuedToken> {
    const key = await this.key;
    const now = Math.floor(this.clock().getTime() / 1000);
    const exp = now + req.expirationSeconds;
    const k8s: Record<string, unknown> = { namespace: req.namespace };
    if (req.node) k8s.node = req.node;
    if (req.boundObject) k8s[req.boundObject.kind.toLowerCase()] = { name: req.boundObject.name, uid: req.boundObject.uid };
    k8s.serviceaccount = req.serviceAccount;
    const claims = {
      aud: req.audiences,
      exp,
      iat: now,
      iss: this.issuer,
      jti: randomUUID(),
      'kubernetes.io': sortKeys(k8s),
      nbf: now,
      sub: `${SERVICE_ACCOUNT_PREFIX}${req.namespace}:${req.serviceAccount.name}`,
    };
    return { token: signJwt(key, claims), expirationTimestamp: new Date(exp * 1000) };
  }

  /**
   * Validates a bearer token for the given audiences (the API server's own by default).
   * Returns `undefined` when the token is not ours at all (another authenticator may judge it).
   */
  async validate(token: string, audiences: string[] = this.apiAudiences): Promise<TokenValidation | undefined> {
    const verified = this.verified.get(token)?.value ?? (await this.verifyOnce(token));
    return verified && this.validateClaims(verified, audiences);
  }

  /** verify(), shared by the requests that bring the same new token at the same time (singleflight). */
  private verifyOnce(token: string): Promise<VerifiedToken | undefined> {
    let pending = this.verifying.get(token);
    if (!pending) {
      pending = this.verify(token).finally(() => this.verifying.delete(token));
      this.verifying.set(token, pending);
    }
    return pending;
  }

  /** Checks the signature and issuer, and keeps the parsed claims until the token expires. */
  private async verify(token: string): Promise<VerifiedToken | undefined> {
    const claims = verifyJwt(await this.key, token);
    if (!claims || claims.iss !== this.issuer) return undefined;
    const verified = parseClaims(claims);
    const ttl = verified.exp === undefined ? Infinity : verified.exp * 1000 - this.clock().getTime();
    this.verified.add(token, verified, ttl);
    return verified;
  }

  private validateClaims(token: VerifiedToken, audiences: string[]): TokenValidation {
    const now = this.clock().getTime() / 1000;
    const accepted = token.audiences.filter((a) => audiences.includes(a));
    if (accepted.length === 0) return { ok: false, error: 'token audiences ' + JSON.stringify(token.audiences) + ' is invalid for the target audiences ' + JSON.stringify(audiences) };
    if (token.exp !== undefined && now > token.exp) return { ok: false, error: 'service account token has expired' };
    if (token.nbf !== undefined && now + 60 < token.nbf) return { ok: false, error: 'service account token is not valid yet' };
    const { identity } = token;
    if (!identity) return { ok: false, error: 'service account token claims could not be validated' };
    const { namespace, serviceAccount: sa } = identity;
    const live = this.lookup.serviceAccount(namespace, sa.name);
    if (!live || live.metadata.deletionTimestamp) {
      return { ok: false, error: `service account ${namespace}/${sa.name} has been deleted` };
    }
    if (live.metadata.uid !== sa.uid) {
      return { ok: false, error: `service account UID (${sa.uid}) does not match claim (${live.metadata.uid})` };
    }
    for (const ref of identity.bound) {
      if (ref.kind === 'Node') continue;
      const obj = this.lookup.bound(ref.kind, namespace, ref.name);
      if (!obj || obj.metadata.uid !== ref.uid) {
        return { ok: false, error: `${ref.kind.toLowerCase()} ${ref.name} has been deleted or recreated` };
      }
    }
    return { ok: true, audiences: accepted, user: identity.user };
  }
}

function parseClaims(claims: Record<string, unknown>): VerifiedToken {
  const token: VerifiedToken = { audiences: Array.isArray(claims.aud) ? (claims.aud as string[]) : [String(claims.aud)] };
  if (typeof claims.exp === 'number') token.exp = claims.exp;
  if (typeof claims.nbf === 'number') token.nbf = claims.nbf;
  const k8s = claims['kubernetes.io'] as Record<string, unknown> | undefined;
  const namespace = typeof k8s?.namespace === 'string' ? k8s.namespace : '';
  const sa = k8s?.serviceaccount as { name?: string; uid?: string } | undefined;
  if (!namespace || !sa?.name) return token;
  const bound: NonNullable<VerifiedToken['identity']>['bound'] = [];
  const extra: Record<string, string[]> = {};
  for (const kind of BOUND_KINDS) {
    const ref = k8s?.[kind] as { name?: string; uid?: string } | undefined;
    if (!ref?.name) continue;
    bound.push({ kind: (kind[0]!.toUpperCase() + kind.slice(1)) as BoundObject['kind'], name: ref.name, ...(ref.uid !== undefined ? { uid: ref.uid } : {}) });
    extra[`authentication.kubernetes.io/${kind}-name`] = [ref.name];
    extra[`authentication.kubernetes.io/${kind}-uid`] = [ref.uid ?? ''];
  }
  if (typeof claims.jti === 'string') extra['authentication.kubernetes.io/credential-id'] = [`JTI=${claims.jti}`];
  const user: UserInfo = {
    username: `${SERVICE_ACCOUNT_PREFIX}${namespace}:${sa.name}`,
    uid: sa.uid ?? '',
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`],
    extra: sortKeys(extra) as Record<string, string[]>,
  };
  token.identity = { namespace, serviceAccount: { name: sa.name, ...(sa.uid !== undefined ? { uid: sa.uid } : {}) }, bound, user: deepFreeze(user) };
  return token;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
