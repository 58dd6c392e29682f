// Who a verified client certificate says it is, as kube-apiserver's and the kubelet's x509
// authenticator (CommonNameUserConversion) read it: user name = subject CN, groups = every
// subject O, in order.
//
// Read from the DER, not from X509Certificate.subject: that string escapes ',', '+', '=' and
// others RFC 2253-style and separates attributes with newlines, so a group such as "a,b" or one
// containing a newline cannot be recovered from it reliably.

import { createHash, X509Certificate } from 'node:crypto';
import { decodeName } from './distinguished-name.js';
import { readCertificate } from './certificate.js';

export interface CertificateIdentity {
  /** The user name. Empty when the subject has no CN: such a certificate authenticates nobody. */
  commonName: string;
  /** The groups, one per subject O value, in subject order (may repeat, as upstream does not dedupe). */
  organizations: string[];
  /**
   * `X509SHA256=<hex SHA-256 of the DER certificate>`: what kube-apiserver v1.32 and later put in
   * the user's extra `authentication.kubernetes.io/credential-id`.
   */
  credentialId: string;
}

/** `certificate` is an X509Certificate or DER bytes (such as `tls.PeerCertificate.raw`). */
export function identityFromCertificate(certificate: X509Certificate | Buffer): CertificateIdentity {
  const der = certificate instanceof X509Certificate ? certificate.raw : certificate;
  const { commonName, organizations } = decodeName(readCertificate(der).subject);
  return { commonName, organizations, credentialId: `X509SHA256=${createHash('sha256').update(der).digest('hex')}` };
}
