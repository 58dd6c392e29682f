// The ServiceAccount token signing key (kubeadm's sa.key) to and from PEM, so that tokens minted
// before a restart (`kubectl create token`, projected volumes) still verify after it.

import { createPrivateKey, createPublicKey } from 'node:crypto';
import { keyId, type SigningKey } from './apiserver/serviceaccount/jwt.js';

export function exportSigningKey(key: SigningKey): string {
  return key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** Throws when the PEM is not an RSA private key (tokens are signed RS256). */
export function importSigningKey(pem: string): SigningKey {
  let privateKey;
  try {
    privateKey = createPrivateKey(pem);
  } catch (e) {
    throw new Error(`ServiceAccount signing key: ${(e as Error).message}`, { cause: e });
  }
  if (privateKey.asymmetricKeyType !== 'rsa') throw new Error(`ServiceAccount signing key: expected an RSA key (tokens are signed RS256), got ${privateKey.asymmetricKeyType ?? 'an unknown key type'}`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, kid: keyId(publicKey) };
}
