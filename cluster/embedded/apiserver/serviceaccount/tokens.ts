// ServiceAccount tokens: issued by TokenRequest (`kubectl create token`) and judged by the token
// authenticator and TokenReview. Claims and validation follow kube-apiserver's serviceaccount
// package: the ServiceAccount (and a bound object) must still exist with the same uid.

import { randomUUID } from 'node:crypto';
import type { KubeObject, UserInfo } from '../types.js';
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

export class ServiceAccountTokens {
  constructor(
    private readonly key: Promise<SigningKey>,
    private readonly lookup: TokenObjectLookup,
    private readonly clock: () => Date = () => new Date(),
    readonly issuer = DEFAULT_ISSUER,
    readonly apiAudiences: string[] = [DEFAULT_AUDIENCE],
  ) {}

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
    const key = await this.key;
    const claims = verifyJwt(key, token);
    if (!claims || claims.iss !== this.issuer) return undefined;
    return this.validateClaims(claims, audiences);
  }

  private validateClaims(claims: Record<string, unknown>, audiences: string[]): TokenValidation {
    const now = this.clock().getTime() / 1000;
    const tokenAudiences = Array.isArray(claims.aud) ? (claims.aud as string[]) : [String(claims.aud)];
    const accepted = tokenAudiences.filter((a) => audiences.includes(a));
    if (accepted.length === 0) return { ok: false, error: 'token audiences ' + JSON.stringify(tokenAudiences) + ' is invalid for the target audiences ' + JSON.stringify(audiences) };
    if (typeof claims.exp === 'number' && now > claims.exp) return { ok: false, error: 'service account token has expired' };
    if (typeof claims.nbf === 'number' && now + 60 < claims.nbf) return { ok: false, error: 'service account token is not valid yet' };
    const k8s = claims['kubernetes.io'] as Record<string, unknown> | undefined;
    const namespace = typeof k8s?.namespace === 'string' ? k8s.namespace : '';
    const sa = k8s?.serviceaccount as { name?: string; uid?: string } | undefined;
    if (!namespace || !sa?.name) return { ok: false, error: 'service account token claims could not be validated' };
    const live = this.lookup.serviceAccount(namespace, sa.name);
    if (!live || live.metadata.deletionTimestamp) {
      return { ok: false, error: `service account ${namespace}/${sa.name} has been deleted` };
    }
    if (live.metadata.uid !== sa.uid) {
      return { ok: false, error: `service account UID (${sa.uid}) does not match claim (${live.metadata.uid})` };
    }
    const extra: Record<string, string[]> = {};
    for (const kind of ['pod', 'secret', 'node'] as const) {
      const ref = k8s?.[kind] as { name?: string; uid?: string } | undefined;
      if (!ref?.name) continue;
      const boundKind = (kind[0]!.toUpperCase() + kind.slice(1)) as BoundObject['kind'];
      const obj = this.lookup.bound(boundKind, namespace, ref.name);
      if (kind !== 'node' && (!obj || obj.metadata.uid !== ref.uid)) {
        return { ok: false, error: `${kind} ${ref.name} has been deleted or recreated` };
      }
      extra[`authentication.kubernetes.io/${kind}-name`] = [ref.name];
      extra[`authentication.kubernetes.io/${kind}-uid`] = [ref.uid ?? ''];
    }
    if (typeof claims.jti === 'string') extra['authentication.kubernetes.io/credential-id'] = [`JTI=${claims.jti}`];
    return {
      ok: true,
      audiences: accepted,
      user: {
        username: `${SERVICE_ACCOUNT_PREFIX}${namespace}:${sa.name}`,
        uid: sa.uid ?? '',
        groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`],
        extra: sortKeys(extra) as Record<string, string[]>,
      },
    };
  }
}

function sortKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
