// An X.509 v3 certificate (RFC 5280 4.1): assemble the TBSCertificate, sign it with ECDSA P-256 /
// SHA-256, and read back the few fields issuing needs from an existing certificate.

import { createHash, sign, type KeyObject } from 'node:crypto';
import { bitString, explicit, oid, readChildren, readElement, readOid, sequence, smallInteger, TAG, time, unsignedInteger, type DerElement } from './der.js';
import { OID_SUBJECT_KEY_IDENTIFIER } from './extensions.js';

// ecdsa-with-SHA256; RFC 5758 3.2: the parameters field is absent (not NULL).
const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));
// id-ecPublicKey with the named curve prime256v1 (RFC 5480), the only form Go accepts.
const P256_PUBLIC_KEY_ALGORITHM = sequence(oid('1.2.840.10045.2.1'), oid('1.2.840.10045.3.1.7'));
const X509_V3 = 2;

export interface CertificateFields {
  /** Positive serial number, big-endian magnitude. */
  serialNumber: Buffer;
  /** DER Name of the issuer, byte for byte the issuer certificate's subject. */
  issuer: Buffer;
  /** DER Name of the subject. */
  subject: Buffer;
  notBefore: Date;
  notAfter: Date;
  subjectPublicKey: KeyObject;
  /** Encoded Extension elements. */
  extensions: Buffer[];
}

/** The DER certificate for `fields`, signed with the issuer's P-256 private key. */
export function signCertificate(fields: CertificateFields, issuerKey: KeyObject): Buffer {
  const tbs = sequence(
    explicit(0, smallInteger(X509_V3)),
    unsignedInteger(fields.serialNumber),
    ECDSA_WITH_SHA256,
    fields.issuer,
    sequence(time(fields.notBefore), time(fields.notAfter)),
    fields.subject,
    sequence(P256_PUBLIC_KEY_ALGORITHM, bitString(p256Point(fields.subjectPublicKey))),
    explicit(3, sequence(...fields.extensions)),
  );
  // node:crypto's ECDSA signature is already the DER Ecdsa-Sig-Value SEQUENCE { r, s }.
  const signature = sign('sha256', tbs, issuerKey);
  return sequence(tbs, ECDSA_WITH_SHA256, bitString(signature));
}

/**
 * RFC 5280 4.2.1.2 method (1), as Go computes it: SHA-1 of the subjectPublicKey BIT STRING's bits.
 * Ties a certificate's authorityKeyIdentifier to its issuer's subjectKeyIdentifier.
 */
export function keyIdentifier(publicKey: KeyObject): Buffer {
  return createHash('sha1').update(p256Point(publicKey)).digest();
}

/**
 * The uncompressed point 04||X||Y. Read through JWK, which node:crypto exports an order of
 * magnitude faster than SPKI DER (microseconds against a fifth of a millisecond).
 */
function p256Point(publicKey: KeyObject): Buffer {
  const { crv, x, y } = publicKey.export({ format: 'jwk' });
  if (crv !== 'P-256' || !x || !y) throw new Error('certificate: only ECDSA P-256 keys are supported');
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(x, 'base64url'), Buffer.from(y, 'base64url')]);
  // RFC 7518 fixes each coordinate at 32 bytes; a shorter one would make a certificate nobody can parse.
  if (point.length !== 65) throw new Error('certificate: P-256 public key coordinates are not 32 bytes each');
  return point;
}

/** The parts of a DER certificate that identify its subject, for issuing under it or authenticating with it. */
export function readCertificate(der: Buffer): { subject: DerElement; subjectKeyIdentifier: Buffer | undefined } {
  const [tbs] = readChildren(readElement(der));
  if (!tbs) throw new Error('certificate: missing TBSCertificate');
  const fields = readChildren(tbs);
  const versioned = fields[0]?.tag === 0xa0 ? 1 : 0;
  const subject = fields[versioned + 4];
  if (subject?.tag !== TAG.sequence) throw new Error('certificate: missing subject name');
  return { subject, subjectKeyIdentifier: findSubjectKeyIdentifier(fields.find((f) => f.tag === 0xa3)) };
}

function findSubjectKeyIdentifier(extensionsField: DerElement | undefined): Buffer | undefined {
  const [extensions] = extensionsField ? readChildren(extensionsField) : [];
  for (const extension of extensions ? readChildren(extensions) : []) {
    const parts = readChildren(extension);
    const [id] = parts;
    const value = parts[parts.length - 1];
    if (id && value && readOid(id) === OID_SUBJECT_KEY_IDENTIFIER) return Buffer.from(readElement(value.content).content);
  }
  return undefined;
}
