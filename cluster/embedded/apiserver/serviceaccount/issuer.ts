// ServiceAccount issuer discovery (/.well-known/openid-configuration, /openid/v1/jwks), which
// kube-apiserver serves so others can verify its tokens.

import type { SigningKey } from './jwt.js';

export class ServiceAccountIssuer {
  constructor(
    private readonly issuer: string,
    private readonly key: Promise<SigningKey>,
  ) {}

  openidConfiguration(): Record<string, unknown> {
    return {
      issuer: this.issuer,
      jwks_uri: `${this.issuer}/openid/v1/jwks`,
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    };
  }

  async jwks(): Promise<Record<string, unknown>> {
    const key = await this.key;
    const jwk = key.publicKey.export({ format: 'jwk' });
    return { keys: [{ use: 'sig', kty: jwk.kty, kid: key.kid, alg: 'RS256', n: jwk.n, e: jwk.e }] };
  }
}
