// Authentication, in kube-apiserver's union order: x509 client certificate, then bearer token
// (ServiceAccount JWTs), then anonymous. A presented credential that fails is a 401: it never
// falls through to anonymous.

import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { UserInfo } from '../types.js';
import { unauthorized } from '../status.js';
import type { ServiceAccountTokens } from '../serviceaccount/tokens.js';
import { identityFromCertificate } from '../../pki/index.js';

export const AUTHENTICATED_GROUP = 'system:authenticated';
export const UNAUTHENTICATED_GROUP = 'system:unauthenticated';
export const ANONYMOUS_USER = 'system:anonymous';

export interface AuthenticationOptions {
  tokens: ServiceAccountTokens;
  anonymous: boolean;
  /** Whether x509 users carry the credential-id extra (a per-version fact). */
  x509CredentialId: boolean;
}

// Client certificates are per connection: parse them once per TLS socket.
const certificateUsers = new WeakMap<TLSSocket, UserInfo | 'rejected' | 'none'>();

export async function authenticateRequest(req: IncomingMessage, opts: AuthenticationOptions): Promise<UserInfo> {
  const fromCert = certificateUser(req.socket as TLSSocket, opts.x509CredentialId);
  if (fromCert === 'rejected') throw unauthorized();
  if (fromCert !== 'none') return fromCert;

  const token = bearerToken(req.headers.authorization);
  if (token !== undefined) {
    const result = await opts.tokens.validate(token);
    if (!result || !result.ok) throw unauthorized();
    return authenticatedTokenUser(result.user);
  }
  if (opts.anonymous) return { username: ANONYMOUS_USER, groups: [UNAUTHENTICATED_GROUP] };
  throw unauthorized();
}

function certificateUser(socket: TLSSocket, credentialId: boolean): UserInfo | 'rejected' | 'none' {
  const cached = certificateUsers.get(socket);
  if (cached) return cached;
  let result: UserInfo | 'rejected' | 'none' = 'none';
  const cert = typeof socket.getPeerX509Certificate === 'function' ? socket.getPeerX509Certificate() : undefined;
  if (cert) {
    if (!socket.authorized) {
      result = 'rejected';
    } else {
      // A verified certificate without a CN authenticates nobody; the next authenticator decides.
      const id = identityFromCertificate(cert);
      if (id.commonName) {
        const user: UserInfo = { username: id.commonName, groups: id.organizations };
        if (credentialId) user.extra = { 'authentication.kubernetes.io/credential-id': [id.credentialId] };
        result = withGroup(user, AUTHENTICATED_GROUP);
      }
    }
  }
  certificateUsers.set(socket, result);
  return result;
}

/** The token of an `Authorization: Bearer <token>` header, as the bearertoken authenticator reads it. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const parts = header.trim().split(/\s+/);
  if (parts.length < 2 || parts[0]!.toLowerCase() !== 'bearer') return undefined;
  return parts[1];
}

// A verified token hands out the same frozen user every time: keep its authenticated form too, so
// every request with that token carries one user object (the authorizers' caches key on it).
const authenticatedUsers = new WeakMap<UserInfo, UserInfo>();

function authenticatedTokenUser(user: UserInfo): UserInfo {
  let authenticated = authenticatedUsers.get(user);
  if (!authenticated) {
    authenticated = withGroup(user, AUTHENTICATED_GROUP);
    authenticatedUsers.set(user, authenticated);
  }
  return authenticated;
}

export function withGroup(user: UserInfo, group: string): UserInfo {
  return user.groups.includes(group) ? user : { ...user, groups: [...user.groups, group] };
}
